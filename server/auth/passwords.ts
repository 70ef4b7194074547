/** Passwords are stored as argon2id hashes (@node-rs/argon2: prebuilt binaries from npm, no build step). */
import { hash, verify } from '@node-rs/argon2';
import { HttpError } from '../http_error';

export const MIN_PASSWORD_LENGTH = 10;

export function hashPassword(password: string): Promise<string> {
  if (password.length < MIN_PASSWORD_LENGTH) {
    throw new HttpError(400, `密码至少 ${MIN_PASSWORD_LENGTH} 个字符`, `a password needs at least ${MIN_PASSWORD_LENGTH} characters`);
  }
  return hash(password);
}

export async function passwordMatches(storedHash: string, password: string): Promise<boolean> {
  try {
    return await verify(storedHash, password);
  } catch {
    return false;
  }
}
