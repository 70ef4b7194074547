/** What every server start and CLI does first: open the database, apply migrations, upsert reference data. */
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { openDatabase, type Database } from './database';
import { migrate, pendingMigrations } from './migrate';
import { loadReferenceData } from './reference_data';

/** var/ holds the embedded database (and later photos); it is ignored by git */
export const DEFAULT_DATA_DIR = join(import.meta.dirname, '..', '..', 'var', 'db');

/**
 * `spatial: false`: the caller's SQL touches no geometry (the snapshot job), so the embedded engine may open
 * without PostGIS — unless a migration is pending, which may need it: then it opens as usual.
 */
export async function prepareDatabase(options: { databaseUrl?: string; dataDir?: string; spatial?: boolean } = {}): Promise<Database> {
  const databaseUrl = options.databaseUrl ?? process.env.DATABASE_URL;
  // DB_DIR as the server reads it, so a command line works on the database the server runs on
  const dataDir = options.dataDir ?? (process.env.DB_DIR || DEFAULT_DATA_DIR);
  if (!databaseUrl) mkdirSync(dirname(dataDir), { recursive: true });
  let db = await openDatabase({ databaseUrl, dataDir, postgis: options.spatial !== false || !existsSync(join(dataDir, 'PG_VERSION')) });
  if (db.engine === 'pglite' && options.spatial === false && (await pendingMigrations(db)).length > 0) {
    await db.close();
    db = await openDatabase({ databaseUrl, dataDir });
  }
  await migrate(db);
  await loadReferenceData(db);
  return db;
}
