/** Export tables as one XLSX workbook, a sheet per table, headers bold and frozen (exceljs, loaded on demand). */
import { COORDINATE_DECIMALS } from './coordinate_text';
import type { ExportTable } from './csv_export';

export async function tablesXlsx(tables: readonly ExportTable[]): Promise<Uint8Array> {
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  workbook.creator = '创城一张图 Chuangcheng Atlas';
  for (const table of tables) {
    // sheet names: at most 31 characters, none of : \ / ? * [ ]
    const sheet = workbook.addWorksheet(table.name.replace(/[:\\/?*[\]]/g, ' ').slice(0, 31), { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.addRow(table.headers).font = { bold: true };
    for (const row of table.rows) sheet.addRow(row);
    sheet.columns.forEach((column, i) => (column.width = Math.max(10, Math.min(40, table.headers[i].length * 2 + 4))));
    // degrees stay numbers (full precision); the format only shows every one with 7 decimals
    for (const c of table.coordinateColumns ?? []) sheet.getColumn(c + 1).numFmt = `0.${'0'.repeat(COORDINATE_DECIMALS)}`;
  }
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}
