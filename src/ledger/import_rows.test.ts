import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import type { BBox } from '../domain/city_bundle';
import { guessColumns } from './columns';
import { fromWgs84 } from './crs';
import { importRows, type RejectReason } from './import_rows';
import { LedgerFileError, readLedgerTable } from './read_table';

const CITY: BBox = [118.76, 32.03, 118.80, 32.06];
const encode = (text: string) => new TextEncoder().encode(text);

/** 1,000 rows in GCJ-02, every 37th broken in one of seven ways; returns the CSV and the expected rejections. */
function ledgerWithFaults(): { csv: string; expected: Map<number, RejectReason> } {
  const faults: RejectReason[] = ['no_coordinates', 'not_a_number', 'out_of_range', 'swapped_lat_lon', 'outside_city', 'unknown_category', 'duplicate'];
  const expected = new Map<number, RejectReason>();
  const rows: string[][] = [];
  for (let i = 0; i < 1000; i++) {
    const [lon, lat] = fromWgs84(118.762 + (i % 40) * 0.0009, 32.032 + Math.floor(i / 40) * 0.001, 'gcj02');
    let row = [`公厕${i}`, '公厕', lon.toFixed(6), lat.toFixed(6), String(4 + (i % 5))];
    const fileRow = i + 2;
    if (i % 37 === 5) {
      const fault = faults[Math.floor(i / 37) % faults.length];
      expected.set(fileRow, fault);
      if (fault === 'no_coordinates') row[2] = '';
      if (fault === 'not_a_number') row[3] = '北纬32度';
      if (fault === 'out_of_range') row = [row[0], row[1], '218.5', '32.1', row[4]];
      if (fault === 'swapped_lat_lon') row = [row[0], row[1], row[3], row[2], row[4]];
      if (fault === 'outside_city') row[2] = '121.47';
      if (fault === 'unknown_category') row[1] = '垃圾站';
      if (fault === 'duplicate') row = [...rows[rows.length - 1]];
    }
    rows.push(row);
  }
  return { csv: Papa.unparse({ fields: ['名称', '类别', '经度', '纬度', '蹲位数'], data: rows }), expected };
}

describe('ledger import', () => {
  it('rejects exactly the malformed rows of a 1,000-row CSV, each with its row and reason, and keeps count', async () => {
    const { csv, expected } = ledgerWithFaults();
    const table = await readLedgerTable('公厕台账.csv', encode(`\uFEFF${csv}`));
    const columns = guessColumns(table.headers);
    expect(columns).toMatchObject({ name: '名称', category: '类别', lon: '经度', lat: '纬度', capacity: '蹲位数' });
    const result = importRows(table, { columns, crs: 'gcj02', defaultCategory: null, cityBbox: CITY, idPrefix: 'ledger:t' });
    expect(result.rowsRead).toBe(1000);
    expect(result.accepted.length + result.rejected.length).toBe(1000);
    expect(new Map(result.rejected.map((r) => [r.row, r.reason]))).toEqual(expected);
    expect(new Set(expected.values()).size).toBe(7);
    // converted once, on import: the first row lands back on its WGS-84 spot
    const first = result.accepted[0];
    expect(first.geometry.coordinates[0]).toBeCloseTo(118.762, 5);
    expect(first.geometry.coordinates[1]).toBeCloseTo(32.032, 5);
    expect(first.properties).toMatchObject({ category: 'toilet', name: '公厕0', capacity: 4, access: 'public' });
  });

  it('reads GBK text, as Excel on Chinese Windows saves CSV', async () => {
    // "名称,经度,纬度\n甲,118.77,32.04" in GBK
    const gbk = Uint8Array.from([0xc3, 0xfb, 0xb3, 0xc6, 0x2c, 0xbe, 0xad, 0xb6, 0xc8, 0x2c, 0xce, 0xb3, 0xb6, 0xc8, 0x0a, 0xbc, 0xd7, 0x2c, ...encode('118.77,32.04')]);
    const table = await readLedgerTable('t.csv', gbk);
    expect(table.headers).toEqual(['名称', '经度', '纬度']);
    expect(table.rows[0][0]).toBe('甲');
  });

  it('imports an XLSX with Chinese headers', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('停车场');
    sheet.addRow(['停车场名称', '类型', '经度（WGS84）', '纬度（WGS84）', '泊位数', '对外开放时段']);
    sheet.addRow(['市政府停车场', '停车场', 118.78, 32.045, 120, 'Mo-Fr 19:00-07:00']);
    sheet.addRow(['新街口车棚', '非机动车棚', 118.781, 32.046, 300, '']);
    // row 5 left blank, as ledgers often have
    sheet.getRow(6).values = ['远郊停车场', '停车场', 119.5, 32.0, 50, ''];
    const bytes = new Uint8Array(await workbook.xlsx.writeBuffer());
    const table = await readLedgerTable('停车台账.xlsx', bytes);
    const result = importRows(table, { columns: guessColumns(table.headers), crs: 'wgs84', defaultCategory: null, cityBbox: CITY, idPrefix: 'x' });
    expect(result.accepted.map((f) => [f.properties.name, f.properties.category, f.properties.capacity])).toEqual([
      ['市政府停车场', 'parking', 120],
      ['新街口车棚', 'ebike_shed', 300],
    ]);
    expect(result.accepted[0].properties.publicWindow).toBe('Mo-Fr 19:00-07:00');
    // the blank sheet row is skipped, yet row numbers stay the sheet's own
    expect(result.rejected).toEqual([{ row: 6, reason: 'outside_city', detail: expect.stringContaining('119.5') }]);
  });

  it('takes GeoJSON points and lists a line as having no coordinates', async () => {
    const geojson = { type: 'FeatureCollection', features: [
      { type: 'Feature', geometry: { type: 'Point', coordinates: [118.77, 32.04] }, properties: { name: '甲' } },
      { type: 'Feature', geometry: { type: 'LineString', coordinates: [[118.77, 32.04], [118.78, 32.04]] }, properties: { name: '乙' } },
    ] };
    const table = await readLedgerTable('toilets.geojson', encode(JSON.stringify(geojson)));
    const result = importRows(table, { columns: guessColumns(table.headers), crs: 'wgs84', defaultCategory: 'toilet', cityBbox: CITY, idPrefix: 'g' });
    expect(result.accepted.length).toBe(1);
    expect(result.rejected).toEqual([{ row: 2, reason: 'no_coordinates', detail: 'geometry LineString, not a Point' }]);
  });

  it('lists a CSV row whose quote is never closed as malformed, with what it swallowed, and keeps the rows before it', async () => {
    const csv = '名称,经度,纬度\n甲,118.77,32.04\n"乙,118.78,32.05\n丙,118.79,32.05\n丁,118.775,32.045\n';
    const table = await readLedgerTable('t.csv', encode(csv));
    const result = importRows(table, { columns: guessColumns(table.headers), crs: 'wgs84', defaultCategory: 'toilet', cityBbox: CITY, idPrefix: 'q' });
    expect(result.accepted.map((f) => f.properties.name)).toEqual(['甲']);
    expect(result.rejected).toHaveLength(1);
    expect(result.rejected[0]).toMatchObject({ row: 3, reason: 'malformed_row' });
    expect(result.rejected[0].detail).toMatch(/第 3 行的引号没有闭合，其后 2 行被并入此行/);
    expect(result.accepted.length + result.rejected.length).toBe(result.rowsRead);
  });

  it('names the file when it cannot be read', async () => {
    await expect(readLedgerTable('a.json', encode('{oops'))).rejects.toThrow(/a\.json: .*JSON/);
    await expect(readLedgerTable('a.doc', encode('x'))).rejects.toThrow(LedgerFileError);
  });
});
