/**
 * Sessions: a random token in an HttpOnly, SameSite=Strict cookie; the database keeps only its SHA-256, so any
 * server process can check it and a leaked table signs nobody in. Failed sign-ins are counted in the database,
 * so the limit holds across processes.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Role } from '../../src/domain/case_flow';
import type { Queryable } from '../db/database';
import { HttpError } from '../http_error';
import { hash } from '@node-rs/argon2';
import { passwordMatches } from './passwords';

export const SESSION_COOKIE = 'cc_session';
export const SESSION_HOURS = 12;
/** failed sign-ins per user name within the window before further tries are refused */
export const LOGIN_FAILURE_LIMIT = 5;
export const LOGIN_WINDOW_MINUTES = 15;

export interface SessionUser { id: number; username: string; displayName: string; role: Role; unitId: string | null }

let dummyHash: Promise<string> | null = null;

const sha256 = (token: string) => createHash('sha256').update(token).digest('hex');

const USER_COLUMNS = 'u.id, u.username, u.display_name AS "displayName", u.role, u.unit_id AS "unitId"';

export async function signIn(db: Queryable, username: string, password: string): Promise<{ token: string; user: SessionUser }> {
  const [{ failures }] = (await db.query<{ failures: number }>(`SELECT count(*)::int AS failures FROM login_failures WHERE username = $1 AND at > now() - make_interval(mins => $2)`, [username, LOGIN_WINDOW_MINUTES])).rows;
  if (failures >= LOGIN_FAILURE_LIMIT) {
    throw new HttpError(429, `登录失败次数过多，请 ${LOGIN_WINDOW_MINUTES} 分钟后再试`, `too many failed sign-ins: try again in ${LOGIN_WINDOW_MINUTES} minutes`);
  }
  const [row] = (await db.query<SessionUser & { hash: string }>(`SELECT ${USER_COLUMNS}, u.password_hash AS hash FROM users u WHERE u.username = $1`, [username])).rows;
  // the same answer, and one real hash check either way, whether the name exists or not
  const ok = await passwordMatches(row?.hash ?? (await (dummyHash ??= hash('never a password of anyone'))), password);
  if (!row || !ok) {
    await db.query('INSERT INTO login_failures (username) VALUES ($1)', [username]);
    throw new HttpError(401, '用户名或密码不正确', 'the user name or password is wrong');
  }
  const token = randomBytes(32).toString('base64url');
  await db.query(`INSERT INTO sessions (token_sha256, user_id, expires_at) VALUES ($1, $2, now() + make_interval(hours => $3))`, [sha256(token), row.id, SESSION_HOURS]);
  return { token, user: { id: row.id, username: row.username, displayName: row.displayName, role: row.role, unitId: row.unitId } };
}

export async function userOfToken(db: Queryable, token: string | undefined): Promise<SessionUser | null> {
  if (!token) return null;
  const [row] = (await db.query<SessionUser>(`SELECT ${USER_COLUMNS} FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_sha256 = $1 AND s.expires_at > now()`, [sha256(token)])).rows;
  return row ?? null;
}

export async function signOut(db: Queryable, token: string | undefined): Promise<void> {
  if (token) await db.query('DELETE FROM sessions WHERE token_sha256 = $1', [sha256(token)]);
}
