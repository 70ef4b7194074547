/**
 * Versioned links: `v=1` is this app's link format. A link without `v` is version 1 (links written before the
 * version existed keep working); a link from a newer app is not guessed at: defaults, and a message saying so.
 */
import { DEFAULT_STATE, HASH_VERSION, parseHash, type HashState } from './url_hash';

export function parseVersionedHash(hash: string): { state: HashState; tooNew: number | null } {
  const raw = new URLSearchParams(hash.replace(/^#/, '')).get('v');
  const version = raw === null ? HASH_VERSION : Number(raw);
  if (Number.isFinite(version) && version > HASH_VERSION) return { state: DEFAULT_STATE, tooNew: version };
  return { state: parseHash(hash), tooNew: null };
}
