/**
 * Prepares the campaign database the browser tests start from (run by global_setup in a child process, since the
 * embedded database belongs to one process): migrations, reference data, the demo city's grids, and one account
 * per role with a known password. Prints the accounts as JSON.
 *   tsx test/e2e/seed_campaign.ts <PGlite folder>
 */
import { join } from 'node:path';
import { readBundle } from '../../scripts/read_bundle';
import { hashPassword } from '../../server/auth/passwords';
import { loadGrids } from '../../server/db/load_grids';
import { prepareDatabase } from '../../server/db/prepare';
import { E2E_CITY, E2E_PASSWORD, e2eAccounts, type E2eAccount } from './campaign_accounts';

async function main(): Promise<void> {
  const dataDir = process.argv[2];
  if (!dataDir) throw new Error('usage: seed_campaign.ts <PGlite folder>');
  const db = await prepareDatabase({ dataDir });
  try {
    const { manifest, layers } = readBundle(join(import.meta.dirname, '..', '..', 'data', E2E_CITY));
    await loadGrids(db, manifest, layers);
    // the handler answers for the unit of the first grid (by code), as the demo accounts do
    const [grid] = (await db.query<{ code: string; unitId: string }>('SELECT code, unit_id AS "unitId" FROM grids WHERE city_id = $1 AND unit_id IS NOT NULL ORDER BY code LIMIT 1', [E2E_CITY])).rows;
    const accounts: E2eAccount[] = e2eAccounts(grid.unitId);
    const hash = await hashPassword(E2E_PASSWORD);
    for (const a of accounts) await db.query('INSERT INTO users (username, display_name, password_hash, role, unit_id) VALUES ($1, $2, $3, $4, $5)', [a.username, a.displayName, hash, a.role, a.unitId]);
    console.log(JSON.stringify({ accounts, handlerGrid: grid.code }));
  } finally {
    await db.close();
  }
}

main().catch((error: Error) => {
  process.stderr.write(`seed_campaign: ${error.stack ?? error.message}\n`);
  process.exit(1);
});
