/**
 * Plain SQL migrations from server/migrations, applied in file-name order and recorded in schema_migrations.
 * An advisory lock keeps two server processes starting at once from applying the same file twice.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Database, Queryable } from './database';

const MIGRATIONS_DIR = join(import.meta.dirname, '..', 'migrations');
/** any fixed number: the key of the migration lock */
const LOCK_KEY = 20261129;

const migrationFiles = (dir: string) => readdirSync(dir).filter((f) => /^\d{3}_.+\.sql$/.test(f)).sort();

/** The migration files not yet applied (every one on an empty database). */
export async function pendingMigrations(db: Queryable, dir = MIGRATIONS_DIR): Promise<string[]> {
  const [{ exists }] = (await db.query<{ exists: boolean }>("SELECT to_regclass('schema_migrations') IS NOT NULL AS exists")).rows;
  const done = new Set(exists ? (await db.query<{ file: string }>('SELECT file FROM schema_migrations')).rows.map((r) => r.file) : []);
  return migrationFiles(dir).filter((f) => !done.has(f));
}

export async function migrate(db: Database, dir = MIGRATIONS_DIR): Promise<string[]> {
  const files = migrationFiles(dir);
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [LOCK_KEY]);
    await tx.query('CREATE TABLE IF NOT EXISTS schema_migrations (file text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())');
    const done = new Set((await tx.query<{ file: string }>('SELECT file FROM schema_migrations')).rows.map((r) => r.file));
    const applied: string[] = [];
    for (const file of files) {
      if (done.has(file)) continue;
      try {
        await tx.exec(readFileSync(join(dir, file), 'utf8'));
      } catch (cause) {
        throw new Error(`server/migrations/${file}: ${(cause as Error).message}`, { cause });
      }
      await tx.query('INSERT INTO schema_migrations (file) VALUES ($1)', [file]);
      applied.push(file);
    }
    return applied;
  });
}
