/**
 * A ledger file as a table of text cells: CSV (UTF-8 or GBK, as Excel on Chinese Windows saves it), XLSX (first
 * sheet) or GeoJSON points (coordinates become 经度/纬度 columns). Row numbers are the file's own: the header
 * is row 1 of a CSV or sheet; a GeoJSON feature's number is its position in the collection.
 */
import Papa from 'papaparse';

export interface LedgerTable {
  fileName: string;
  format: 'csv' | 'xlsx' | 'geojson';
  headers: string[];
  rows: string[][];
  /** the file's number for rows[i] */
  rowNumbers: number[];
  /** rows[i] had this problem before any column was read (a CSV quote left open, a GeoJSON line instead of a point) */
  rowProblems: ({ reason: 'malformed_row' | 'no_coordinates'; detail: string } | null)[];
}

export class LedgerFileError extends Error {}

export function formatOf(fileName: string): LedgerTable['format'] {
  const ext = fileName.toLowerCase().split('.').pop();
  if (ext === 'csv' || ext === 'txt') return 'csv';
  if (ext === 'xlsx') return 'xlsx';
  if (ext === 'geojson' || ext === 'json') return 'geojson';
  throw new LedgerFileError(`${fileName}: 不支持的文件类型 / unsupported file type (use .csv, .xlsx or .geojson)`);
}

export function decodeText(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    return new TextDecoder('gbk').decode(bytes);
  }
}

export async function readLedgerTable(fileName: string, bytes: Uint8Array, onProgress: (share: number) => void = () => {}): Promise<LedgerTable> {
  const format = formatOf(fileName);
  if (format === 'csv') return readCsv(fileName, decodeText(bytes), onProgress);
  if (format === 'xlsx') return readXlsx(fileName, bytes);
  return readGeoJson(fileName, decodeText(bytes));
}

function table(fileName: string, format: LedgerTable['format'], headers: string[], body: string[][], firstRow: number): LedgerTable {
  return { fileName, format, headers, rows: body, rowNumbers: body.map((_, i) => i + firstRow), rowProblems: body.map(() => null) };
}

function readCsv(fileName: string, text: string, onProgress: (share: number) => void): LedgerTable {
  // blank lines are left out below but keep their numbers, so row numbers match the file
  const parsed = Papa.parse<string[]>(text, { skipEmptyLines: false });
  const rows = parsed.data;
  onProgress(1);
  // papaparse reads on past a quote left open or a bad delimiter; such rows are listed as rejected, not guessed at
  const parseErrors = new Map<number, string>();
  for (const e of parsed.errors) {
    if (e.row === undefined) continue;
    // an open quote swallows every line after it into one cell: say so, with how many lines were lost into it
    const swallowed = e.code === 'MissingQuotes' ? (rows[e.row] ?? []).join(',').split(/\r\n|\n|\r/).filter((l) => l.trim() !== '').length - 1 : 0;
    parseErrors.set(
      e.row,
      e.code === 'MissingQuotes'
        ? `第 ${e.row + 1} 行的引号没有闭合，其后 ${swallowed} 行被并入此行 / the quote opened in row ${e.row + 1} is never closed: ${swallowed} lines from there on were read into this row (CSV ${e.code})`
        : `CSV ${e.code}: ${e.message}`,
    );
  }
  if (rows.length === 0 || rows[0].every((c) => c.trim() === '')) throw new LedgerFileError(`${fileName}: 文件为空或没有表头 / the file is empty or has no header row`);
  const headers = rows[0].map((h) => h.trim());
  if (parseErrors.has(0)) throw new LedgerFileError(`${fileName}: 第 1 行（表头）无法解析 / the header row (row 1) cannot be read: ${parseErrors.get(0)}`);
  const body: string[][] = [];
  const numbers: number[] = [];
  const problems: LedgerTable['rowProblems'] = [];
  rows.slice(1).forEach((r, i) => {
    const error = parseErrors.get(i + 1);
    if (!error && r.every((c) => c.trim() === '')) return;
    body.push(r);
    numbers.push(i + 2);
    problems.push(error ? { reason: 'malformed_row', detail: error } : null);
  });
  return { ...table(fileName, 'csv', headers, body, 2), rowNumbers: numbers, rowProblems: problems };
}

async function readXlsx(fileName: string, bytes: Uint8Array): Promise<LedgerTable> {
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
  } catch (cause) {
    throw new LedgerFileError(`${fileName}: 不是有效的 XLSX 文件 / not a readable XLSX file (${(cause as Error).message})`, { cause });
  }
  const sheet = workbook.worksheets[0];
  if (!sheet || sheet.rowCount === 0) throw new LedgerFileError(`${fileName}: 第一个工作表为空 / the first sheet is empty`);
  const width = sheet.columnCount;
  const cells = (rowNumber: number) => Array.from({ length: width }, (_, c) => sheet.getRow(rowNumber).getCell(c + 1).text.trim());
  const headers = cells(1);
  const body: string[][] = [];
  const numbers: number[] = [];
  for (let r = 2; r <= sheet.rowCount; r++) {
    const row = cells(r);
    if (row.every((c) => c === '')) continue;
    body.push(row);
    numbers.push(r);
  }
  return { ...table(fileName, 'xlsx', headers, body, 2), rowNumbers: numbers };
}

function readGeoJson(fileName: string, text: string): LedgerTable {
  let data: { type?: string; features?: { geometry?: { type?: string; coordinates?: unknown } | null; properties?: Record<string, unknown> | null }[] };
  try {
    data = JSON.parse(text);
  } catch (cause) {
    throw new LedgerFileError(`${fileName}: 不是有效的 JSON / not valid JSON (${(cause as Error).message})`, { cause });
  }
  if (data?.type !== 'FeatureCollection' || !Array.isArray(data.features)) throw new LedgerFileError(`${fileName}: 不是 GeoJSON FeatureCollection / not a GeoJSON FeatureCollection`);
  const keys = [...new Set(data.features.flatMap((f) => Object.keys(f.properties ?? {})))];
  const headers = ['经度', '纬度', ...keys];
  const problems: LedgerTable['rowProblems'] = [];
  const rows = data.features.map((f) => {
    const point = f.geometry?.type === 'Point' && Array.isArray(f.geometry.coordinates) ? (f.geometry.coordinates as unknown[]) : null;
    problems.push(point ? null : { reason: 'no_coordinates', detail: `geometry ${f.geometry?.type ?? 'null'}, not a Point` });
    const value = (v: unknown) => (v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v));
    return [value(point?.[0]), value(point?.[1]), ...keys.map((k) => value(f.properties?.[k]))];
  });
  return { fileName, format: 'geojson', headers, rows, rowNumbers: rows.map((_, i) => i + 1), rowProblems: problems };
}
