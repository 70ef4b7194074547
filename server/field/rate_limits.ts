/**
 * Abuse controls for the sign-in-free report form, without captchas: accepted attempts are counted per device and
 * per network address in the database (every server process sees the same counts), and an attempt over a limit is
 * refused with 429 and the seconds until it may try again. An advisory lock per key makes count-then-insert atomic
 * on a real PostgreSQL too.
 */
import type { Database, Queryable } from '../db/database';
import { HttpError } from '../http_error';

export interface RateLimit { windowS: number; max: number }

/** A phone files a few reports a minute at most; an address may be a whole office behind one NAT. */
export const REPORT_LIMITS = {
  device: [{ windowS: 60, max: 5 }, { windowS: 86_400, max: 40 }],
  address: [{ windowS: 60, max: 30 }, { windowS: 86_400, max: 400 }],
} as const satisfies Record<string, readonly RateLimit[]>;

const LONGEST_WINDOW_S = 86_400;

/** Counts one attempt for every key, or throws 429 (counting nothing) when any key is over one of its limits. */
export async function takeAttempt(db: Database, keys: { key: string; limits: readonly RateLimit[] }[]): Promise<void> {
  await db.transaction(async (tx) => {
    for (const { key, limits } of keys) {
      await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [key]);
      await tx.query(`DELETE FROM field_rate_hits WHERE key = $1 AND at < now() - make_interval(secs => $2)`, [key, LONGEST_WINDOW_S]);
      for (const limit of limits) {
        const [row] = (
          await tx.query<{ n: number; oldest: number | null }>(
            `SELECT count(*)::int AS n, extract(epoch FROM min(at) + make_interval(secs => $2) - now())::float8 AS oldest
               FROM field_rate_hits WHERE key = $1 AND at > now() - make_interval(secs => $2)`,
            [key, limit.windowS],
          )
        ).rows;
        if (row.n >= limit.max) {
          const wait = Math.max(1, Math.ceil(row.oldest ?? limit.windowS));
          throw new HttpError(429, `提交过于频繁，请 ${wait} 秒后再试`, `too many reports: try again in ${wait} s`, { retryAfterS: wait });
        }
      }
    }
    for (const { key } of keys) await tx.query('INSERT INTO field_rate_hits (key) VALUES ($1)', [key]);
  });
}

/**
 * Deletes every count older than the longest window, whatever its key: a device or address seen once is otherwise
 * kept for ever (takeAttempt prunes only the keys it is asked about). Run with the card scheduler's tick.
 */
export async function pruneRateHits(db: Queryable): Promise<number> {
  return (await db.query('DELETE FROM field_rate_hits WHERE at < now() - make_interval(secs => $1) RETURNING 1', [LONGEST_WINDOW_S])).rows.length;
}
