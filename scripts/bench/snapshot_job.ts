/**
 * npm run bench:snapshot [-- <city id>, default demo14] — one day's KPI snapshot of the 14 km demo city, where the
 * time goes, against a baseline measured in the same run: `npm run analyze`'s analysis alone (model + report with
 * the slider's 2 km zone pairs), which any snapshot has to pay for in some form.
 *
 *   phases (in process, warm-up then the median of runs): read bundle · open the embedded database (with and
 *   without PostGIS) · build the engine · the day's figures (revisions ≤ day, report, cases, rows) · write
 *   19,500 rows in one transaction
 *   end to end: `npm run snapshot -- <city>` as a child process on the same database (tsx start-up included)
 *
 * Builds data/demo14/ once if missing (seed 1, as npm run bench and bench:browser use), keeping data/cities.json as
 * it was. The database is a fresh PGlite folder in the temp directory, removed at the end.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CityAnalysis, DEFAULT_PARAMS } from '../../src/analysis/city_analysis';
import { prepareDatabase } from '../../server/db/prepare';
import { saveRevision } from '../../server/history/ledger_revisions';
import { computeSnapshot, snapshotAnalysis, storeSnapshot } from '../../server/history/snapshots';
import { readBundle } from '../read_bundle';

const CITY = process.argv[2] ?? 'demo14';
const DAY = '2026-11-20';
const RUNS = 3;
let sink = 0;

function ensureCity(): void {
  if (existsSync(join('data', CITY, 'city.json'))) return;
  if (CITY !== 'demo14') throw new Error(`data/${CITY}/ is not built (npm run city)`);
  const index = existsSync('data/cities.json') ? readFileSync('data/cities.json', 'utf8') : null;
  execFileSync(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'scripts/build-city.ts', '--demo', '--seed', '1', '--size-km', '14', '--id', 'demo14'], { stdio: 'inherit' });
  // a benchmark input, not a city to offer in the app
  if (index !== null) writeFileSync('data/cities.json', index);
}

async function timed<T>(run: () => T | Promise<T>): Promise<{ ms: number; value: T }> {
  const started = performance.now();
  const value = await run();
  return { ms: performance.now() - started, value };
}

/** warm-up once, then the median of RUNS */
async function median(run: () => unknown): Promise<number> {
  await run();
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) times.push((await timed(run)).ms);
  return times.sort((a, b) => a - b)[Math.floor(RUNS / 2)];
}

const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

async function main(): Promise<void> {
  ensureCity();
  const dbDir = mkdtempSync(join(tmpdir(), 'cc-bench-snapshot-'));
  try {
    const read = await timed(() => readBundle(CITY));
    const { manifest, layers } = read.value;
    const info = { id: manifest.id, name: manifest.name, synthetic: manifest.synthetic, dataDate: manifest.dataDate };

    // a fresh folder is initialised once (not timed: a server's database exists already), then opened as the CLI does
    const first = await prepareDatabase({ dataDir: join(dbDir, 'db') });
    const [w, south, e, n] = manifest.bbox;
    const toilets = [0.25, 0.5, 0.75].map((f, i) => ({ type: 'Feature' as const, geometry: { type: 'Point' as const, coordinates: [w + (e - w) * f, south + (n - south) * (1 - f)] }, properties: { id: `bench-${i}`, category: 'toilet' as const, name: `台账公厕 ${i}`, source: 'ledger', access: 'public' as const } }));
    await saveRevision(first, null, manifest.id, { fileName: 'bench.csv', crs: 'wgs84', mode: 'merge', rowsRead: 3, accepted: toilets, rejected: [] }, '2026-11-01');
    await first.close();
    const openSpatial = await timed(() => prepareDatabase({ dataDir: join(dbDir, 'db') }));
    await openSpatial.value.close();
    const open = await timed(() => prepareDatabase({ dataDir: join(dbDir, 'db'), spatial: false }));
    const db = open.value;

    const baseline = await median(() => (sink += new CityAnalysis(info, layers, manifest.bbox).report(DEFAULT_PARAMS).toilets.gapStreetMetres));
    const build = await median(() => snapshotAnalysis(manifest, layers));
    const analysis = snapshotAnalysis(manifest, layers);
    let rows = await computeSnapshot(db, manifest, layers, DAY, analysis);
    // each day on a fresh engine (the daily job, the CLI), and the next day on the same engine (a backfill)
    const computeFresh = await median(async () => (rows = await computeSnapshot(db, manifest, layers, DAY)));
    const computeReused = await median(async () => (rows = await computeSnapshot(db, manifest, layers, DAY, analysis)));
    const write = await median(() => storeSnapshot(db, manifest.id, DAY, rows));
    await db.close();

    const cli = await timed(() => execFileSync(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'server/cli/snapshot.ts', CITY, '--date', DAY], { env: { ...process.env, DB_DIR: join(dbDir, 'db'), DATABASE_URL: '' }, encoding: 'utf8' }));
    const dailyJob = read.ms + computeFresh + write;

    console.log(`snapshot of ${manifest.id} (${manifest.counts.streetSegments} street segments, ${manifest.counts.grids} grids), one day, ${rows.length} rows; median of ${RUNS} after a warm-up`);
    console.log(`  baseline: npm run analyze's analysis alone (model + report, 2 km zone pairs)  ${s(baseline)}`);
    console.log(`  read the bundle                          ${s(read.ms)}`);
    console.log(`  open the embedded database (PGlite) with PostGIS, as the server does     ${s(openSpatial.ms)}`);
    console.log(`  open it without PostGIS, as the snapshot command line does              ${s(open.ms)}`);
    console.log(`  build the snapshot engine (500 m pairs)  ${s(build)}`);
    console.log(`  the day's figures, fresh engine          ${s(computeFresh)}   (${(computeFresh / baseline).toFixed(2)} × baseline)`);
    console.log(`  the day's figures, engine reused         ${s(computeReused)}   (${(computeReused / baseline).toFixed(2)} × baseline)`);
    console.log(`  write the rows                           ${s(write)}`);
    console.log(`  the server's daily job (read + figures + write)   ${s(dailyJob)}   (${(dailyJob / baseline).toFixed(2)} × baseline)`);
    console.log(`  npm run snapshot end to end              ${s(cli.ms)}   (${(cli.ms / baseline).toFixed(2)} × baseline)`);
    console.log(`  (${cli.value.trim().split('\n').at(-1)})`);
    if (sink === 0) console.log('');
  } finally {
    rmSync(dbDir, { recursive: true, force: true });
  }
}

main().catch((error: Error) => {
  process.stderr.write(`${error.stack ?? error.message}\n`);
  process.exit(1);
});
