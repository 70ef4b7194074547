/**
 * npm run server — the campaign server on http://127.0.0.1:4173 (PORT, HOST to change), on the embedded
 * database in var/db or on DATABASE_URL. Serves the built atlas too (run `npm run build` first).
 * Also read: CARD_TICK_MS (card scheduler period, default 60000), LOAD_GRIDS=0 (do not load the built cities'
 * grids at start), DEMO_CITY (the city whose demo accounts an empty database gets; default demo), LOG=1,
 * DB_DIR (the embedded database's folder, default var/db), PHOTO_DIR (default var/photos), TRUST_PROXY (behind
 * reverse proxies: their number of hops, or their addresses/CIDRs comma-separated — the field apps' per-address
 * limits then count citizens, not the proxy; see parseTrustProxy in app.ts).
 */
import { join } from 'node:path';
import { buildServer, parseTrustProxy } from './app';
import { pruneRateHits } from './field/rate_limits';
import { escalateDueCards } from './cases/card_escalation';
import { prepareDatabase } from './db/prepare';
import { ensureCityGrids, seedDemoAccounts, snapshotYesterday } from './db/startup_data';

/** how often the card scheduler looks for lapsed deadlines */
const CARD_TICK_MS = Number(process.env.CARD_TICK_MS ?? 60_000);
/** how often the server looks for a missing daily snapshot */
const SNAPSHOT_CHECK_MS = 3_600_000;


async function main(): Promise<void> {
  const db = await prepareDatabase({ dataDir: process.env.DB_DIR || undefined });
  const root = join(import.meta.dirname, '..');
  const log = (line: string) => console.log(line);
  if (process.env.LOAD_GRIDS !== '0') {
    await ensureCityGrids(db, root, log);
    await seedDemoAccounts(db, process.env.DEMO_CITY ?? 'demo', log);
  }
  const app = await buildServer({ db, staticRoot: root, photoDir: process.env.PHOTO_DIR || undefined, logger: process.env.LOG === '1', trustProxy: parseTrustProxy(process.env.TRUST_PROXY) });
  const timer = setInterval(() => {
    void escalateDueCards(db).catch((error: Error) => app.log.error(error));
    // the field apps' expired rate-limit counts of every key
    void pruneRateHits(db).catch((error: Error) => app.log.error(error));
  }, CARD_TICK_MS);
  // the daily KPI snapshot: once an hour, any built city without yesterday's snapshot gets it
  const daily = setInterval(() => void snapshotYesterday(db, root, log).catch((error: Error) => app.log.error(error)), SNAPSHOT_CHECK_MS);
  const port = Number(process.env.PORT ?? 4173);
  const address = await app.listen({ host: process.env.HOST ?? '127.0.0.1', port });
  console.log(`创城一张图 / Chuangcheng Atlas: ${address}/ (${db.engine}${db.engine === 'pglite' ? `, ${process.env.DB_DIR || 'var/db'}` : ''})`);
  const stop = async () => {
    clearInterval(timer);
    clearInterval(daily);
    await app.close();
    await db.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

main().catch((error: Error) => {
  process.stderr.write(`错误 / error: ${error.message}\n`);
  process.exit(1);
});
