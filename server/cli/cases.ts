/**
 * npm run cases -- export --week 2026-W47 [--xlsx | --csv] [--out file]
 * The week's case ledger with Chinese headers (default: XLSX, cases-<week>.xlsx).
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { tableCsv } from '../../src/io/csv_export';
import { tablesXlsx } from '../../src/io/xlsx_export';
import { weekLedger } from '../cases/case_ledger';
import { isoWeekOf } from '../cases/weekly_ranking';
import { prepareDatabase } from '../db/prepare';

async function main(): Promise<void> {
  const { positionals, values } = parseArgs({ allowPositionals: true, options: { week: { type: 'string' }, xlsx: { type: 'boolean' }, csv: { type: 'boolean' }, out: { type: 'string' } } });
  if (positionals[0] !== 'export') throw new Error('usage: npm run cases -- export --week 2026-W47 [--xlsx | --csv] [--out file]');
  const week = values.week ?? isoWeekOf(Date.now());
  const db = await prepareDatabase();
  try {
    const table = await weekLedger(db, week);
    const out = values.out ?? `cases-${week}.${values.csv ? 'csv' : 'xlsx'}`;
    writeFileSync(out, values.csv ? tableCsv(table) : await tablesXlsx([table]));
    console.log(`${week}: ${table.rows.length} 件案件已写入 / cases written to ${out}`);
  } finally {
    await db.close();
  }
}

main().catch((error: Error) => {
  process.stderr.write(`错误 / error: ${error.message}\n`);
  process.exit(1);
});
