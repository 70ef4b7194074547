/** Which column of a ledger holds what: guessed from the header (Chinese or English), changeable by the user. */
import { CATEGORIES, type CategoryId } from '../domain/categories';

export const LEDGER_FIELDS = ['lon', 'lat', 'name', 'category', 'capacity', 'openingHours', 'publicWindow'] as const;
export type LedgerField = (typeof LEDGER_FIELDS)[number];
/** field → column header (null when the ledger has no such column) */
export type ColumnMap = Record<LedgerField, string | null>;

const HEADER_WORDS: Record<LedgerField, RegExp> = {
  lon: /^(经度|lon|lng|long|longitude|x|东经)/i,
  lat: /^(纬度|lat|latitude|y|北纬)/i,
  name: /(名称|名字|name|站名|地点)/i,
  category: /(类别|类型|种类|category|type|kind)/i,
  capacity: /(容量|泊位|车位|蹲位|capacity|spaces)/i,
  openingHours: /(开放时间|营业时间|opening|hours)/i,
  publicWindow: /(对外开放|错时|共享时段|public)/i,
};

export function guessColumns(headers: readonly string[]): ColumnMap {
  const map = {} as ColumnMap;
  const used = new Set<string>();
  // the more specific fields first, so 对外开放时段 is not taken as opening hours
  for (const field of ['publicWindow', 'lon', 'lat', 'capacity', 'openingHours', 'category', 'name'] as const) {
    const header = headers.find((h) => !used.has(h) && HEADER_WORDS[field].test(h.trim()));
    map[field] = header ?? null;
    if (header) used.add(header);
  }
  return map;
}

/** Category names a ledger may use, by category; compared after trimming, case-insensitively. */
const CATEGORY_WORDS: Partial<Record<CategoryId, string[]>> = {
  toilet: ['公厕', '厕所', '公共厕所', '卫生间', '公共卫生间', 'toilet', 'toilets', 'wc'],
  parking: ['停车场', '停车', '公共停车场', '停车位', '泊位', '车位', 'parking', 'car park'],
  ebike_shed: ['非机动车棚', '车棚', '自行车棚', '电动车棚', 'ebike shed', 'bike shed', 'bicycle parking'],
  ebike_charging: ['充电桩', '充电点', '电动车充电', '充电', 'charging', 'ebike charging'],
};

/** The category a ledger's text names, or null when it names none. Category ids are accepted as they are. */
export function categoryFromText(text: string): CategoryId | null {
  const t = text.trim().toLowerCase();
  if (!t) return null;
  for (const c of CATEGORIES) if (t === c.id || t === c.zh || t === c.en.toLowerCase()) return c.id;
  for (const [id, words] of Object.entries(CATEGORY_WORDS)) if (words.includes(t)) return id as CategoryId;
  return null;
}
