/**
 * Tables the planner hands on: CSV with Chinese headers (English when the UI is in English), a BOM so Excel
 * opens UTF-8 correctly, distances in whole metres and "超 2 km" / "> 2 km" where a distance is beyond reach.
 */
import Papa from 'papaparse';
import type { CompoundGap, StreetGap } from '../analysis/gap_lists';
import type { MockInspection } from '../analysis/mock_inspection';
import { categoryById } from '../domain/categories';
import type { Lang } from '../i18n/strings';

type Cell = string | number;

export function toCsv(headers: readonly string[], rows: readonly Cell[][]): string {
  return `\uFEFF${Papa.unparse({ fields: [...headers], data: rows.map((r) => [...r]) })}\r\n`;
}

const metres = (v: number, lang: Lang): Cell => (Number.isFinite(v) ? Math.round(v) : lang === 'zh' ? '超 2 km' : '> 2 km');

export function streetGapsCsv(rows: readonly StreetGap[], lang: Lang): string {
  const headers = lang === 'zh' ? ['道路编号', '道路名称', '背街小巷', '道路长度（米）', '缺口长度（米）', '最远距公厕（米）'] : ['street id', 'name', 'back alley', 'length (m)', 'gap (m)', 'farthest from a toilet (m)'];
  const yes = lang === 'zh' ? '是' : 'yes';
  const no = lang === 'zh' ? '否' : 'no';
  return toCsv(headers, rows.map((r) => [r.id, r.name, r.alley ? yes : no, Math.round(r.lengthM), Math.round(r.gapM), metres(r.worstDistanceM, lang)]));
}

export function unservedCompoundsCsv(rows: readonly CompoundGap[], lang: Lang): string {
  const headers = lang === 'zh' ? ['小区编号', '小区名称', '面积（平方米）', '到最近停车距离（米）'] : ['compound id', 'name', 'area (m²)', 'to nearest parking (m)'];
  return toCsv(headers, rows.map((r) => [r.id, r.name, Math.round(r.areaM2), metres(r.distanceM, lang)]));
}

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

/** Saves text as a file through a temporary object URL (no server round trip). */
export function downloadText(filename: string, text: string, type = 'text/csv;charset=utf-8'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
