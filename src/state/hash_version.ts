/**
 * Versioned links: `v=1` is this app's link format. A link without `v` is version 1 (links written before the
 * version existed keep working); a link from a newer app is not guessed at: defaults, and a message saying so.
 *
 * When the version goes up: a new optional key whose absence means what the app did before (`asof` absent = today,
 * `compare` absent = no comparison) stays version 1 — older links open unchanged and an older app ignores the key.
 * A key whose meaning changes, or a default that changes what an existing link shows, needs version 2 and a
 * migration here from 1.
 */
import { DEFAULT_STATE, HASH_VERSION, parseHash, type HashState } from './url_hash';

export function parseVersionedHash(hash: string): { state: HashState; tooNew: number | null } {
  const raw = new URLSearchParams(hash.replace(/^#/, '')).get('v');
  const version = raw === null ? HASH_VERSION : Number(raw);
  if (Number.isFinite(version) && version > HASH_VERSION) return { state: DEFAULT_STATE, tooNew: version };
  return { state: parseHash(hash), tooNew: null };
}
