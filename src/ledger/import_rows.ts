/**
 * Ledger rows → facilities. Every row read is either accepted (converted to WGS-84 once, here) or listed as
 * rejected with its row number and reason; accepted + rejected = rows read.
 */
import type { CategoryId, FacilityProperties } from '../domain/categories';
import { METRES_PER_DEGREE } from '../domain/earth';
import type { BBox, FacilityFeature } from '../domain/city_bundle';
import type { ColumnMap } from './columns';
import { categoryFromText } from './columns';
import { toWgs84, type CrsId } from './crs';
import type { LedgerTable } from './read_table';

export const REJECT_REASONS = ['malformed_row', 'no_coordinates', 'not_a_number', 'out_of_range', 'swapped_lat_lon', 'outside_city', 'unknown_category', 'duplicate'] as const;
export type RejectReason = (typeof REJECT_REASONS)[number];

export const REJECT_TEXT: Record<RejectReason, { zh: string; en: string }> = {
  malformed_row: { zh: '行格式错误', en: 'malformed row' },
  no_coordinates: { zh: '缺少坐标', en: 'no coordinates' },
  not_a_number: { zh: '坐标不是数字', en: 'coordinates are not numbers' },
  out_of_range: { zh: '坐标超出范围', en: 'coordinates out of range' },
  swapped_lat_lon: { zh: '经纬度颠倒', en: 'latitude and longitude swapped' },
  outside_city: { zh: '不在本城市范围内', en: 'outside the city' },
  unknown_category: { zh: '无法识别的类别', en: 'unknown category' },
  duplicate: { zh: '重复记录', en: 'duplicate' },
};

export interface RejectedRow { row: number; reason: RejectReason; detail: string }

export interface ImportOptions {
  columns: ColumnMap;
  crs: CrsId;
  /** the category of rows whose ledger has no category column (or leaves it empty) */
  defaultCategory: CategoryId | null;
  /** the city's managed area; points farther outside than marginM are rejected */
  cityBbox: BBox;
  marginM?: number;
  /** prefix of the ids given to accepted facilities, e.g. `ledger:toilets.csv` */
  idPrefix: string;
}

export interface ImportResult { rowsRead: number; accepted: FacilityFeature[]; rejected: RejectedRow[] }

/** Latitude and longitude a Chinese city can have: a pair outside these that fits swapped is called swapped. */
const CHINA = { lon: [73, 136], lat: [3, 54] } as const;

export function importRows(table: LedgerTable, options: ImportOptions): ImportResult {
  const { columns, crs, cityBbox } = options;
  const index = (header: string | null) => (header === null ? -1 : table.headers.indexOf(header));
  const col = Object.fromEntries(Object.entries(columns).map(([field, header]) => [field, index(header)])) as Record<keyof ColumnMap, number>;
  const margin = (options.marginM ?? 500) / METRES_PER_DEGREE;
  const [w, s, e, n] = cityBbox;
  const inCity = (lon: number, lat: number) => lon >= w - margin / Math.cos((lat * Math.PI) / 180) && lon <= e + margin / Math.cos((lat * Math.PI) / 180) && lat >= s - margin && lat <= n + margin;
  const accepted: FacilityFeature[] = [];
  const rejected: RejectedRow[] = [];
  const seen = new Map<string, number>();

  table.rows.forEach((cells, i) => {
    const row = table.rowNumbers[i];
    const cell = (c: number) => (c >= 0 ? (cells[c] ?? '').trim() : '');
    const reject = (reason: RejectReason, detail: string) => rejected.push({ row, reason, detail });
    const problem = table.rowProblems[i];
    if (problem) return reject(problem.reason, problem.detail);
    const rawLon = cell(col.lon);
    const rawLat = cell(col.lat);
    if (!rawLon || !rawLat) return reject('no_coordinates', `lon "${rawLon}", lat "${rawLat}"`);
    const lon = Number(rawLon.replace(/[°\s]/g, ''));
    const lat = Number(rawLat.replace(/[°\s]/g, ''));
    if (!Number.isFinite(lon) || !Number.isFinite(lat)) return reject('not_a_number', `lon "${rawLon}", lat "${rawLat}"`);
    const plausible = (x: number, y: number) => x >= CHINA.lon[0] && x <= CHINA.lon[1] && y >= CHINA.lat[0] && y <= CHINA.lat[1];
    if (!plausible(lon, lat) && plausible(lat, lon)) return reject('swapped_lat_lon', `lon ${lon}, lat ${lat}`);
    if (Math.abs(lon) > 180 || Math.abs(lat) > 90) return reject('out_of_range', `lon ${lon}, lat ${lat}`);
    const [wgsLon, wgsLat] = toWgs84(lon, lat, crs);
    if (!inCity(wgsLon, wgsLat)) return reject('outside_city', `${wgsLon.toFixed(5)}, ${wgsLat.toFixed(5)} (WGS-84)`);
    const categoryText = cell(col.category);
    const category = categoryText ? categoryFromText(categoryText) : options.defaultCategory;
    if (!category) return reject('unknown_category', categoryText ? `"${categoryText}"` : 'no category column and no default category');
    const name = cell(col.name);
    // the same category, name and place (to about a metre) is the same facility
    const key = `${category}|${name}|${wgsLon.toFixed(5)}|${wgsLat.toFixed(5)}`;
    const first = seen.get(key);
    if (first !== undefined) return reject('duplicate', `same as row ${first}`);
    seen.set(key, row);
    const properties: FacilityProperties = { id: `${options.idPrefix}#${row}`, category, name, source: `ledger:${table.fileName}` };
    if (category === 'toilet') properties.access = 'public';
    const capacity = Number.parseInt(cell(col.capacity), 10);
    if (Number.isFinite(capacity) && capacity >= 0) properties.capacity = capacity;
    if (cell(col.openingHours)) properties.openingHours = cell(col.openingHours);
    if (cell(col.publicWindow)) properties.publicWindow = cell(col.publicWindow);
    accepted.push({ type: 'Feature', geometry: { type: 'Point', coordinates: [round7(wgsLon), round7(wgsLat)] }, properties });
  });
  return { rowsRead: table.rows.length, accepted, rejected };
}

/** 7 decimals: about a centimetre, so a project file round-trips exactly. */
const round7 = (v: number) => Math.round(v * 1e7) / 1e7;
