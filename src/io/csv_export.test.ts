import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { readLedgerTable } from '../ledger/read_table';
import { streetGapsCsv, streetGapsTable, unservedCompoundsCsv } from './csv_export';
import { tablesXlsx } from './xlsx_export';

describe('CSV export', () => {
  it('writes Chinese headers, a BOM, and quotes names with commas so they read back intact', () => {
    const csv = streetGapsCsv([{ id: 'w1', name: '中山路, 北段', alley: true, lengthM: 812.4, gapM: 300.6, worstDistanceM: Infinity, bbox: [0, 0, 1, 1] }], 'zh');
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const rows = Papa.parse<string[]>(csv.slice(1).trim()).data;
    expect(rows).toEqual([
      ['道路编号', '道路名称', '背街小巷', '道路长度（米）', '缺口长度（米）', '最远距公厕（米）'],
      ['w1', '中山路, 北段', '是', '812', '301', '超 2 km'],
    ]);
  });

  it('lists every unserved compound in English when asked', () => {
    const csv = unservedCompoundsCsv([{ id: 'c1', name: 'A', areaM2: 1000, distanceM: 450, bbox: [0, 0, 1, 1] }, { id: 'c2', name: 'B', areaM2: 20, distanceM: Infinity, bbox: [0, 0, 1, 1] }], 'en');
    const rows = Papa.parse<string[]>(csv.slice(1).trim()).data;
    expect(rows.length).toBe(3);
    expect(rows[0][3]).toBe('to nearest parking (m)');
    expect(rows[2]).toEqual(['c2', 'B', '20', '> 2 km']);
  });
});

describe('XLSX export', () => {
  it('writes each table as a sheet that reads back with its Chinese headers', async () => {
    const bytes = await tablesXlsx([streetGapsTable([{ id: 'w1', name: '中山路', alley: false, lengthM: 500, gapM: 120, worstDistanceM: 700, bbox: [0, 0, 1, 1] }], 'zh')]);
    const table = await readLedgerTable('out.xlsx', bytes);
    expect(table.headers[1]).toBe('道路名称');
    expect(table.rows).toEqual([['w1', '中山路', '否', '500', '120', '700']]);
  });
});
