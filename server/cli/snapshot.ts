/**
 * npm run snapshot -- <city id | bundle folder> [--date yyyy-mm-dd] [--label 基线]
 * Takes the city's KPI snapshot of a day (default: today, Beijing time) with the same engine as the atlas, on the
 * facilities as of that day (bundle + ledger revisions); `--label` freezes the day as a milestone. The database is
 * the server's: DATABASE_URL, else the embedded one in DB_DIR (default var/db).
 */
import { parseArgs } from 'node:util';
import { readBundle } from '../../scripts/read_bundle';
import { prepareDatabase } from '../db/prepare';
import { beijingDay } from '../campaign_clock';
import type { CityAnalysis } from '../../src/analysis/city_analysis';
import { freezeMilestone, snapshotAnalysis, takeSnapshot } from '../history/snapshots';

async function main(): Promise<void> {
  const { positionals, values } = parseArgs({ allowPositionals: true, options: { date: { type: 'string' }, label: { type: 'string' } } });
  if (!positionals[0]) throw new Error('usage: npm run snapshot -- <city> [--date yyyy-mm-dd] [--label 基线]');
  const day = values.date ?? beijingDay();
  // the embedded database takes seconds to open (WebAssembly compiled off the main thread): the bundle is read and
  // indexed meanwhile, so the job costs about the longer of the two, not their sum
  // no spatial SQL in a snapshot: the embedded engine opens without PostGIS (seconds saved; prepare.ts)
  const opening = prepareDatabase({ spatial: false });
  let bundle: ReturnType<typeof readBundle>;
  let analysis: CityAnalysis;
  try {
    bundle = readBundle(positionals[0]);
    analysis = snapshotAnalysis(bundle.manifest, bundle.layers);
  } catch (error) {
    await (await opening).close();
    throw error;
  }
  const { manifest, layers } = bundle;
  const db = await opening;
  try {
    const started = performance.now();
    const { rows } = await takeSnapshot(db, manifest, layers, day, analysis);
    console.log(`${manifest.id} ${day}: ${rows} 行快照，用时 ${((performance.now() - started) / 1000).toFixed(1)} 秒 / snapshot rows written in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    if (values.label) {
      await freezeMilestone(db, manifest.id, day, values.label, null);
      console.log(`${day} 定为里程碑“${values.label}” / frozen as a milestone`);
    }
  } finally {
    await db.close();
  }
}

main().catch((error: Error) => {
  process.stderr.write(`错误 / error: ${error.message}\n`);
  process.exit(1);
});
