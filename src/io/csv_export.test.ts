import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { readLedgerTable } from '../ledger/read_table';
import { streetGapsCsv, streetGapsTable, unservedCompoundsCsv } from './csv_export';
import { tablesXlsx } from './xlsx_export';

describe('CSV export', () => {
  it('writes Chinese headers, a BOM, full-precision numbers and quotes names with commas so they read back intact', () => {
    const csv = streetGapsCsv([{ id: 'w1', name: '中山路, 北段', alley: true, lengthM: 812.4, gapM: 300.625, worstDistanceM: Infinity, bbox: [118.7812345, 32.0412345, 118.7912345, 32.0512345] }], 'zh');
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const rows = Papa.parse<string[]>(csv.slice(1).trim()).data;
    expect(rows).toEqual([
      ['道路编号', '道路名称', '背街小巷', '道路长度（米）', '缺口长度（米）', '最远距公厕（米）', '中心经度（WGS-84）', '中心纬度（WGS-84）'],
      ['w1', '中山路, 北段', '是', '812.4', '300.625', '超 2 km', String((118.7812345 + 118.7912345) / 2), String((32.0412345 + 32.0512345) / 2)],
    ]);
    // a planner finds the place again: ≥ 6 decimals, even where the value is short
    expect(rows[1][6]).toMatch(/^118\.786\d{3,}/);
    expect(Papa.parse<string[]>(streetGapsCsv([{ id: 'w', name: '', alley: false, lengthM: 1, gapM: 1, worstDistanceM: 1, bbox: [118.2, 32, 118.2, 32] }], 'en').slice(1).trim()).data[1].slice(6)).toEqual(['118.2000000', '32.0000000']);
  });

  it('lists every unserved compound in English when asked', () => {
    const csv = unservedCompoundsCsv([{ id: 'c1', name: 'A', areaM2: 1000, distanceM: 450, bbox: [0, 0, 1, 1] }, { id: 'c2', name: 'B', areaM2: 20, distanceM: Infinity, bbox: [0, 0, 1, 1] }], 'en');
    const rows = Papa.parse<string[]>(csv.slice(1).trim()).data;
    expect(rows.length).toBe(3);
    expect(rows[0][3]).toBe('to nearest parking (m)');
    expect(rows[2]).toEqual(['c2', 'B', '20', '> 2 km', '0.5000000', '0.5000000']);
  });
});

describe('XLSX export', () => {
  it('writes each table as a sheet that reads back with its Chinese headers', async () => {
    const bytes = await tablesXlsx([streetGapsTable([{ id: 'w1', name: '中山路', alley: false, lengthM: 500.25, gapM: 120.125, worstDistanceM: 700.5, bbox: [118.1234567, 32.1234567, 118.1234567, 32.1234567] }], 'zh')]);
    const table = await readLedgerTable('out.xlsx', bytes);
    expect(table.headers[1]).toBe('道路名称');
    expect(table.rows).toEqual([['w1', '中山路', '否', '500.25', '120.125', '700.5', '118.1234567', '32.1234567']]);
    // a coordinate exact to fewer decimals still shows 7, and stays a number
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await tablesXlsx([streetGapsTable([{ id: 'w2', name: '', alley: false, lengthM: 1, gapM: 1, worstDistanceM: 1, bbox: [118.2, 32.5, 118.2, 32.5] }], 'zh')])).buffer as ArrayBuffer);
    const cell = workbook.worksheets[0].getRow(2).getCell(7);
    expect({ value: cell.value, numFmt: cell.numFmt }).toEqual({ value: 118.2, numFmt: '0.0000000' });
  });
});
