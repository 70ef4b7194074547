/**
 * Tables the planner hands on: CSV with Chinese headers (English when the UI is in English), a BOM so Excel
 * opens UTF-8 correctly. Numbers keep the engine's full precision (metres, shares, WGS-84 degrees: a planner
 * places a toilet at these coordinates); "超 2 km" / "> 2 km" stands where a distance is beyond reach.
 */
import Papa from 'papaparse';
import type { CompoundGap, StreetGap } from '../analysis/gap_lists';
import type { MockInspection } from '../analysis/mock_inspection';
import type { SiteSuggestion } from '../analysis/suggest_sites';
import { categoryById } from '../domain/categories';
import type { Lang } from '../i18n/strings';
import { coordinateText } from './coordinate_text';

type Cell = string | number;

export function toCsv(headers: readonly string[], rows: readonly Cell[][]): string {
  return `\uFEFF${Papa.unparse({ fields: [...headers], data: rows.map((r) => [...r]) })}\r\n`;
}

const metres = (v: number, lang: Lang): Cell => (Number.isFinite(v) ? v : lang === 'zh' ? '超 2 km' : '> 2 km');
/** the middle of a [west, south, east, north] box, degrees */
const centre = (b: readonly number[]): [number, number] => [(b[0] + b[2]) / 2, (b[1] + b[3]) / 2];
const CENTRE_HEADERS = { zh: ['中心经度（WGS-84）', '中心纬度（WGS-84）'], en: ['centre longitude (WGS-84)', 'centre latitude (WGS-84)'] };

/** A sheet of an export: the same headers and rows go to CSV and XLSX. */
export interface ExportTable {
  name: string;
  headers: string[];
  rows: Cell[][];
  /** columns of WGS-84 degrees: written with at least 7 decimals (CSV text, XLSX number format) */
  coordinateColumns?: number[];
}

export function streetGapsTable(rows: readonly StreetGap[], lang: Lang): ExportTable {
  const headers = [...(lang === 'zh' ? ['道路编号', '道路名称', '背街小巷', '道路长度（米）', '缺口长度（米）', '最远距公厕（米）'] : ['street id', 'name', 'back alley', 'length (m)', 'gap (m)', 'farthest from a toilet (m)']), ...CENTRE_HEADERS[lang]];
  const yes = lang === 'zh' ? '是' : 'yes';
  const no = lang === 'zh' ? '否' : 'no';
  return { name: lang === 'zh' ? '公厕缺口道路' : 'toilet gap streets', headers, rows: rows.map((r) => [r.id, r.name, r.alley ? yes : no, r.lengthM, r.gapM, metres(r.worstDistanceM, lang), ...centre(r.bbox)]), coordinateColumns: [6, 7] };
}

export function unservedCompoundsTable(rows: readonly CompoundGap[], lang: Lang): ExportTable {
  const headers = [...(lang === 'zh' ? ['小区编号', '小区名称', '面积（平方米）', '到最近停车距离（米）'] : ['compound id', 'name', 'area (m²)', 'to nearest parking (m)']), ...CENTRE_HEADERS[lang]];
  return { name: lang === 'zh' ? '无停车小区' : 'compounds without parking', headers, rows: rows.map((r) => [r.id, r.name, r.areaM2, metres(r.distanceM, lang), ...centre(r.bbox)]), coordinateColumns: [4, 5] };
}

export function suggestionsTable(rows: readonly SiteSuggestion[], category: 'toilet' | 'parking', lang: Lang): ExportTable {
  const zh = lang === 'zh';
  const headers = zh
    ? ['序号', '经度（WGS-84）', '纬度（WGS-84）', '所在道路', category === 'toilet' ? '加权缺口收益（米）' : '新增服务小区（个）', category === 'toilet' ? '消除缺口长度（米）' : '服务小区（个）']
    : ['rank', 'longitude (WGS-84)', 'latitude (WGS-84)', 'street', category === 'toilet' ? 'weighted gain (m)' : 'compounds gained', category === 'toilet' ? 'gap closed (m)' : 'compounds served'];
  return { name: zh ? (category === 'toilet' ? '公厕推荐选址' : '停车场推荐选址') : `suggested ${category} sites`, headers, rows: rows.map((r, i) => [i + 1, r.lon, r.lat, r.streetName || r.streetId, r.gain, r.closes]), coordinateColumns: [1, 2] };
}

export function tableCsv(table: ExportTable): string {
  const coordinates = new Set(table.coordinateColumns ?? []);
  return toCsv(table.headers, coordinates.size ? table.rows.map((row) => row.map((cell, c) => (coordinates.has(c) && typeof cell === 'number' ? coordinateText(cell) : cell))) : table.rows);
}
export const streetGapsCsv = (rows: readonly StreetGap[], lang: Lang): string => tableCsv(streetGapsTable(rows, lang));
export const unservedCompoundsCsv = (rows: readonly CompoundGap[], lang: Lang): string => tableCsv(unservedCompoundsTable(rows, lang));

/** One row per drawn item, grouped by point: the checklist as a table. */
export function checklistCsv(mock: MockInspection, lang: Lang): string {
  const zh = lang === 'zh';
  const headers = zh
    ? ['点位序号', '点位名称', '点位类别', '点位经度（WGS-84）', '点位纬度（WGS-84）', '抽中类型', '名称', '编号', '距点位（米）', '公厕服务覆盖比例', '停车状况', '核查结果']
    : ['point', 'point name', 'category', 'point longitude (WGS-84)', 'point latitude (WGS-84)', 'item type', 'name', 'id', 'from point (m)', 'toilet service share', 'parking', 'result'];
  const rows: Cell[][] = [];
  mock.points.forEach((p, i) => {
    const category = zh ? categoryById(p.category).zh : categoryById(p.category).en;
    const point = [i + 1, p.name, category, p.lon, p.lat];
    for (const a of p.alleys) rows.push([...point, zh ? '背街小巷' : 'back alley', a.name, a.id, a.distanceM, a.toiletShareWithin, '', '']);
    for (const c of p.compounds) rows.push([...point, zh ? '小区' : 'compound', c.name, c.id, c.distanceM, metres(c.toiletDistanceM, lang), c.parkingServed ? (zh ? '达标' : 'served') : zh ? '缺口' : 'gap', '']);
  });
  return tableCsv({ name: '', headers, rows, coordinateColumns: [3, 4] });
}

/** Saves text or bytes as a file through a temporary object URL (no server round trip). */
export function downloadText(filename: string, content: string | Blob, type = 'text/csv;charset=utf-8'): void {
  const url = URL.createObjectURL(typeof content === 'string' ? new Blob([content], { type }) : content);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
