/**
 * Tables the planner hands on: CSV with Chinese headers (English when the UI is in English), a BOM so Excel
 * opens UTF-8 correctly, distances in whole metres and "超 2 km" / "> 2 km" where a distance is beyond reach.
 */
import Papa from 'papaparse';
import type { CompoundGap, StreetGap } from '../analysis/gap_lists';
import type { MockInspection } from '../analysis/mock_inspection';
import type { SiteSuggestion } from '../analysis/suggest_sites';
import { categoryById } from '../domain/categories';
import type { Lang } from '../i18n/strings';

type Cell = string | number;

export function toCsv(headers: readonly string[], rows: readonly Cell[][]): string {
  return `\uFEFF${Papa.unparse({ fields: [...headers], data: rows.map((r) => [...r]) })}\r\n`;
}

const metres = (v: number, lang: Lang): Cell => (Number.isFinite(v) ? Math.round(v) : lang === 'zh' ? '超 2 km' : '> 2 km');

/** A sheet of an export: the same headers and rows go to CSV and XLSX. */
export interface ExportTable { name: string; headers: string[]; rows: Cell[][] }

export function streetGapsTable(rows: readonly StreetGap[], lang: Lang): ExportTable {
  const headers = lang === 'zh' ? ['道路编号', '道路名称', '背街小巷', '道路长度（米）', '缺口长度（米）', '最远距公厕（米）'] : ['street id', 'name', 'back alley', 'length (m)', 'gap (m)', 'farthest from a toilet (m)'];
  const yes = lang === 'zh' ? '是' : 'yes';
  const no = lang === 'zh' ? '否' : 'no';
  return { name: lang === 'zh' ? '公厕缺口道路' : 'toilet gap streets', headers, rows: rows.map((r) => [r.id, r.name, r.alley ? yes : no, Math.round(r.lengthM), Math.round(r.gapM), metres(r.worstDistanceM, lang)]) };
}

export function unservedCompoundsTable(rows: readonly CompoundGap[], lang: Lang): ExportTable {
  const headers = lang === 'zh' ? ['小区编号', '小区名称', '面积（平方米）', '到最近停车距离（米）'] : ['compound id', 'name', 'area (m²)', 'to nearest parking (m)'];
  return { name: lang === 'zh' ? '无停车小区' : 'compounds without parking', headers, rows: rows.map((r) => [r.id, r.name, Math.round(r.areaM2), metres(r.distanceM, lang)]) };
}

export function suggestionsTable(rows: readonly SiteSuggestion[], category: 'toilet' | 'parking', lang: Lang): ExportTable {
  const zh = lang === 'zh';
  const headers = zh
    ? ['序号', '经度（WGS-84）', '纬度（WGS-84）', '所在道路', category === 'toilet' ? '加权缺口收益（米）' : '新增服务小区（个）', category === 'toilet' ? '消除缺口长度（米）' : '服务小区（个）']
    : ['rank', 'longitude (WGS-84)', 'latitude (WGS-84)', 'street', category === 'toilet' ? 'weighted gain (m)' : 'compounds gained', category === 'toilet' ? 'gap closed (m)' : 'compounds served'];
  return { name: zh ? (category === 'toilet' ? '公厕推荐选址' : '停车场推荐选址') : `suggested ${category} sites`, headers, rows: rows.map((r, i) => [i + 1, r.lon.toFixed(6), r.lat.toFixed(6), r.streetName || r.streetId, Math.round(r.gain), Math.round(r.closes)]) };
}

export const tableCsv = (table: ExportTable): string => toCsv(table.headers, table.rows);
export const streetGapsCsv = (rows: readonly StreetGap[], lang: Lang): string => tableCsv(streetGapsTable(rows, lang));
export const unservedCompoundsCsv = (rows: readonly CompoundGap[], lang: Lang): string => tableCsv(unservedCompoundsTable(rows, lang));

/** One row per drawn item, grouped by point: the checklist as a table. */
export function checklistCsv(mock: MockInspection, lang: Lang): string {
  const zh = lang === 'zh';
  const headers = zh
    ? ['点位序号', '点位名称', '点位类别', '抽中类型', '名称', '编号', '距点位（米）', '公厕状况', '停车状况', '核查结果']
    : ['point', 'point name', 'category', 'item type', 'name', 'id', 'from point (m)', 'toilets', 'parking', 'result'];
  const rows: Cell[][] = [];
  mock.points.forEach((p, i) => {
    const category = zh ? categoryById(p.category).zh : categoryById(p.category).en;
    for (const a of p.alleys) rows.push([i + 1, p.name, category, zh ? '背街小巷' : 'back alley', a.name, a.id, Math.round(a.distanceM), `${Math.round(a.toiletShareWithin * 100)}%`, '', '']);
    for (const c of p.compounds) rows.push([i + 1, p.name, category, zh ? '小区' : 'compound', c.name, c.id, Math.round(c.distanceM), metres(c.toiletDistanceM, lang), c.parkingServed ? (zh ? '达标' : 'served') : zh ? '缺口' : 'gap', '']);
  });
  return toCsv(headers, rows);
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
