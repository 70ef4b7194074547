/** What every server start and CLI does first: open the database, apply migrations, upsert reference data. */
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { openDatabase, type Database } from './database';
import { migrate } from './migrate';
import { loadReferenceData } from './reference_data';

/** var/ holds the embedded database (and later photos); it is ignored by git */
export const DEFAULT_DATA_DIR = join(import.meta.dirname, '..', '..', 'var', 'db');

export async function prepareDatabase(options: { databaseUrl?: string; dataDir?: string } = {}): Promise<Database> {
  const databaseUrl = options.databaseUrl ?? process.env.DATABASE_URL;
  // DB_DIR as the server reads it, so a command line works on the database the server runs on
  const dataDir = options.dataDir ?? (process.env.DB_DIR || DEFAULT_DATA_DIR);
  if (!databaseUrl) mkdirSync(dirname(dataDir), { recursive: true });
  const db = await openDatabase({ databaseUrl, dataDir });
  await migrate(db);
  await loadReferenceData(db);
  return db;
}
