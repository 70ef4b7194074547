/** One ledger file into a project layer: read, pick columns and CRS (detected unless given), validate. */
import type { CityModel } from '../analysis/city_model';
import { nearestSegment } from '../analysis/street_graph';
import type { CategoryId } from '../domain/categories';
import { guessColumns, type ColumnMap } from './columns';
import { crsHint, detectCrs, type CrsId } from './crs';
import { importRows } from './import_rows';
import type { LedgerLayer } from './project';
import type { LedgerTable } from './read_table';

export interface LedgerChoices {
  /** 'auto': a CRS named in the file name or headers, else the one that puts the points on the streets */
  crs: CrsId | 'auto';
  columns?: ColumnMap;
  defaultCategory?: CategoryId | null;
  mode?: LedgerLayer['mode'];
}

export interface CrsDecision { crs: CrsId; how: 'given' | 'named' | 'detected'; medianM?: Record<CrsId, number> }

/** Metres from a WGS-84 point to the nearest street segment of the city (Infinity beyond 2 km). */
export function distanceToStreet(model: CityModel, lon: number, lat: number): number {
  return nearestSegment(model.segments, model.projection.x(lon), model.projection.y(lat), 2000)?.access ?? Infinity;
}

export function decideCrs(table: LedgerTable, columns: ColumnMap, model: CityModel, choice: CrsId | 'auto'): CrsDecision {
  if (choice !== 'auto') return { crs: choice, how: 'given' };
  const named = crsHint([table.fileName, ...table.headers].join(' '));
  if (named) return { crs: named, how: 'named' };
  const lonAt = columns.lon === null ? -1 : table.headers.indexOf(columns.lon);
  const latAt = columns.lat === null ? -1 : table.headers.indexOf(columns.lat);
  const points = table.rows.map((r) => [Number(r[lonAt]), Number(r[latAt])] as [number, number]).filter(([x, y]) => Number.isFinite(x) && Number.isFinite(y) && Math.abs(x) <= 180 && Math.abs(y) <= 90);
  const { crs, medianM } = detectCrs(points, (lon, lat) => distanceToStreet(model, lon, lat));
  return { crs, how: 'detected', medianM };
}

export function importLedger(table: LedgerTable, model: CityModel, choices: LedgerChoices): { layer: LedgerLayer; crs: CrsDecision; columns: ColumnMap } {
  const columns = choices.columns ?? guessColumns(table.headers);
  const crs = decideCrs(table, columns, model, choices.crs);
  const id = `ledger:${table.fileName}:${Date.now().toString(36)}`;
  const result = importRows(table, { columns, crs: crs.crs, defaultCategory: choices.defaultCategory ?? null, cityBbox: model.bbox, idPrefix: id });
  const layer: LedgerLayer = { id, fileName: table.fileName, crs: crs.crs, importedAt: new Date().toISOString(), mode: choices.mode ?? 'merge', rowsRead: result.rowsRead, accepted: result.accepted, rejected: result.rejected };
  return { layer, crs, columns };
}
