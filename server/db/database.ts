/**
 * One database interface over the two engines the server runs on: embedded PGlite with PostGIS (the default, data
 * in var/db, nothing to install) and a real PostgreSQL + PostGIS via DATABASE_URL (several server processes share
 * it). Both run the same SQL; the rest of the server sees only this interface.
 */
import { PGlite } from '@electric-sql/pglite';
import { postgis } from '@electric-sql/pglite-postgis';
import pg from 'pg';

export interface Queryable {
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<{ rows: T[] }>;
  /** a script of several statements, no parameters (migrations) */
  exec(script: string): Promise<void>;
}

export interface Database extends Queryable {
  readonly engine: 'pglite' | 'postgresql';
  /** runs `work` in one transaction: committed when it resolves, rolled back when it throws */
  transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T>;
  /** LISTEN on a channel; NOTIFYs sent inside a transaction arrive after its commit. Returns the unlisten. */
  listen(channel: string, onMessage: (payload: string) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

/**
 * `dataDir` undefined: in memory (tests). `postgis: false` opens without loading PostGIS (about 6 of the 7 s an
 * open takes here): for a job whose SQL touches no geometry on a database whose migrations are all applied, such
 * as the snapshot command line (prepare.ts decides). A spatial function called on it fails with PostgreSQL's
 * "could not access file $libdir/postgis-3", never a wrong answer.
 */
export async function openPglite(dataDir?: string, options: { postgis?: boolean } = {}): Promise<Database> {
  const db = await PGlite.create({ ...(dataDir ? { dataDir } : {}), ...(options.postgis === false ? {} : { extensions: { postgis } }) });
  return {
    engine: 'pglite',
    query: async <T>(sql: string, params?: unknown[]) => ({ rows: (await db.query<T>(sql, params)).rows }),
    exec: async (script) => void (await db.exec(script)),
    transaction: (work) =>
      db.transaction((tx) =>
        work({
          query: async <T>(sql: string, params?: unknown[]) => ({ rows: (await tx.query<T>(sql, params)).rows }),
          exec: async (script) => void (await tx.exec(script)),
        }),
      ),
    listen: async (channel, onMessage) => {
      const stop = await db.listen(channel, onMessage);
      return () => stop();
    },
    close: () => db.close(),
  };
}

export async function openPostgres(connectionString: string): Promise<Database> {
  const pool = new pg.Pool({ connectionString, max: 10 });
  // a dropped idle client must not take the process down; the pool replaces it
  pool.on('error', () => {});
  await pool.query('SELECT 1');
  return {
    engine: 'postgresql',
    query: async <T>(sql: string, params?: unknown[]) => ({ rows: (await pool.query(sql, params)).rows as T[] }),
    exec: async (script) => void (await pool.query(script)),
    transaction: async (work) => {
      const client = await pool.connect();
      // a checked-out client has no pool listener: one ended by the server between two queries must not take the
      // process down (the next query fails instead, and the transaction with it)
      const ignore = () => {};
      client.on('error', ignore);
      try {
        await client.query('BEGIN');
        const result = await work({
          query: async <T>(sql: string, params?: unknown[]) => ({ rows: (await client.query(sql, params)).rows as T[] }),
          exec: async (script) => void (await client.query(script)),
        });
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => {});
        throw error;
      } finally {
        client.removeListener('error', ignore);
        client.release();
      }
    },
    listen: async (channel, onMessage) => {
      // a dedicated connection: LISTEN belongs to a session, not to a pooled query
      const client = new pg.Client({ connectionString });
      // before connecting: a connection ended by the server (shutdown, a dropped test database) sends its error at
      // any moment, and an 'error' nobody listens to takes the process down
      client.on('error', () => {});
      await client.connect();
      client.on('notification', (n) => n.channel === channel && onMessage(n.payload ?? ''));
      await client.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
      return async () => {
        await client.end().catch(() => {});
      };
    },
    close: () => pool.end(),
  };
}

/** DATABASE_URL when set, else PGlite in `dataDir` (without PostGIS when `postgis` is false; see openPglite). */
export function openDatabase(options: { databaseUrl?: string; dataDir?: string; postgis?: boolean }): Promise<Database> {
  return options.databaseUrl ? openPostgres(options.databaseUrl) : openPglite(options.dataDir, { postgis: options.postgis });
}
