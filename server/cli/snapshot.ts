/**
 * npm run snapshot -- <city id | bundle folder> [--date yyyy-mm-dd] [--label 基线]
 * Takes the city's KPI snapshot of a day (default: today, Beijing time) with the same engine as the atlas, on the
 * facilities as of that day (bundle + ledger revisions); `--label` freezes the day as a milestone.
 */
import { parseArgs } from 'node:util';
import { readBundle } from '../../scripts/read_bundle';
import { prepareDatabase } from '../db/prepare';
import { beijingDay } from '../campaign_clock';
import { freezeMilestone, takeSnapshot } from '../history/snapshots';

async function main(): Promise<void> {
  const { positionals, values } = parseArgs({ allowPositionals: true, options: { date: { type: 'string' }, label: { type: 'string' } } });
  if (!positionals[0]) throw new Error('usage: npm run snapshot -- <city> [--date yyyy-mm-dd] [--label 基线]');
  const { manifest, layers } = readBundle(positionals[0]);
  const day = values.date ?? beijingDay();
  const db = await prepareDatabase();
  try {
    const started = performance.now();
    const { rows } = await takeSnapshot(db, manifest, layers, day);
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
