/**
 * Imports a real grid layer (GeoJSON exported from a city's 数字城管 system), which replaces the generated one.
 * Every row is accepted or rejected with its row number and reason: bad or self-intersecting polygons,
 * codes that are missing, malformed or used twice, polygons outside the managed area or overlapping an
 * earlier row.
 */
import area from '@turf/area';
import { featureCollection } from '@turf/helpers';
import intersect from '@turf/intersect';
import kinks from '@turf/kinks';
import type { Feature, MultiPolygon, Polygon, Position } from 'geojson';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { BBox, GridFeature } from '../../src/domain/city_bundle';

export interface RejectedRow { row: number; code?: string; reason: string }
export interface GridImport { accepted: GridFeature[]; rejected: RejectedRow[]; rows: number }

/** m²: overlaps smaller than this are digitising noise along shared edges */
const OVERLAP_TOLERANCE_M2 = 1;

/** Property names as cities export them, Chinese first. */
const KEYS = {
  code: ['网格编码', '网格代码', 'code', 'gridCode', 'GRID_CODE', 'WGBM'],
  name: ['网格名称', 'name', 'gridName', 'GRID_NAME', 'WGMC'],
  district: ['所属区', '区', 'district'],
  street: ['所属街道', '街道', 'street'],
  community: ['所属社区', '社区', 'community'],
  responsibleUnit: ['责任单位', 'responsibleUnit'],
  responsiblePerson: ['责任人', '网格员', 'responsiblePerson'],
  phone: ['联系电话', '电话', 'phone'],
} as const;

function pick(properties: Record<string, unknown>, keys: readonly string[]): string {
  for (const key of keys) {
    const value = properties[key];
    if (value !== undefined && value !== null && String(value).trim() !== '') return String(value).trim();
  }
  return '';
}

export function importGridFile(file: string, bbox: BBox): GridImport {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`${basename(file)}: not readable GeoJSON (${(error as Error).message}).`, { cause: error });
  }
  const features = (data as { type?: string; features?: unknown[] }).features;
  if ((data as { type?: string }).type !== 'FeatureCollection' || !Array.isArray(features)) throw new Error(`${basename(file)}: not a GeoJSON FeatureCollection.`);
  return importGrids(features, bbox, basename(file));
}

export function importGrids(features: readonly unknown[], bbox: BBox, fileName = 'grids'): GridImport {
  const accepted: GridFeature[] = [];
  const acceptedRows: number[] = [];
  const rejected: RejectedRow[] = [];
  const firstRowOfCode = new Map<string, number>();
  const boxes: [number, number, number, number][] = [];
  features.forEach((raw, i) => {
    const row = i + 1;
    const reject = (reason: string, code?: string) => rejected.push({ row, ...(code ? { code } : {}), reason: `${fileName} row ${row}: ${reason}` });
    const feature = raw as Feature<Polygon | MultiPolygon, Record<string, unknown>>;
    const properties = (feature?.properties ?? {}) as Record<string, unknown>;
    const code = pick(properties, KEYS.code);
    if (!feature || feature.type !== 'Feature' || !feature.geometry) return reject('has no geometry.', code);
    if (feature.geometry.type !== 'Polygon' && feature.geometry.type !== 'MultiPolygon') return reject(`has a ${(feature.geometry as { type: string }).type}, not a polygon.`, code);
    const problem = ringProblem(feature.geometry);
    if (problem) return reject(problem, code);
    if (kinks(feature as Feature<Polygon | MultiPolygon>).features.length > 0) return reject('has a self-intersecting outline.', code);
    if (!code) return reject('has no grid code (网格编码).');
    if (!/^\d{14}$/.test(code)) return reject(`code "${code}" is not 14 digits (6 county + 3 street + 3 community + 2 sequence).`, code);
    const first = firstRowOfCode.get(code);
    if (first !== undefined) return reject(`code ${code} is already used by row ${first}.`, code);
    const box = boxOf(feature.geometry);
    if (box[2] < bbox[0] || box[0] > bbox[2] || box[3] < bbox[1] || box[1] > bbox[3]) return reject('lies outside the managed area.', code);
    for (let k = 0; k < accepted.length; k++) {
      const other = boxes[k];
      if (other[2] < box[0] || other[0] > box[2] || other[3] < box[1] || other[1] > box[3]) continue;
      const overlap = intersect(featureCollection([feature as Feature<Polygon | MultiPolygon>, accepted[k] as Feature<Polygon | MultiPolygon>]));
      if (overlap && area(overlap) > OVERLAP_TOLERANCE_M2) return reject(`overlaps row ${acceptedRows[k]} (${accepted[k].properties.code}) by ${Math.round(area(overlap))} m².`, code);
    }
    firstRowOfCode.set(code, row);
    boxes.push(box);
    acceptedRows.push(row);
    accepted.push({
      type: 'Feature',
      geometry: feature.geometry,
      properties: {
        code,
        name: pick(properties, KEYS.name) || code,
        district: pick(properties, KEYS.district),
        districtCode: code.slice(0, 6),
        street: pick(properties, KEYS.street),
        streetCode: code.slice(6, 9),
        community: pick(properties, KEYS.community),
        communityCode: code.slice(9, 12),
        seq: Number(code.slice(12)),
        areaM2: Math.round(area(feature)),
        origin: 'imported',
        derived: { district: false, street: false, community: false },
        responsibleUnit: pick(properties, KEYS.responsibleUnit),
        responsiblePerson: pick(properties, KEYS.responsiblePerson),
        phone: pick(properties, KEYS.phone),
      },
    });
  });
  return { accepted, rejected, rows: features.length };
}

function ringProblem(geometry: Polygon | MultiPolygon): string | null {
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  if (polygons.length === 0) return 'has an empty polygon.';
  for (const rings of polygons) {
    if (!Array.isArray(rings) || rings.length === 0) return 'has a polygon without rings.';
    for (const ring of rings) {
      if (!Array.isArray(ring) || ring.length < 4) return 'has a ring with fewer than 4 positions.';
      if (ring.some((p: Position) => !Array.isArray(p) || !Number.isFinite(p[0]) || !Number.isFinite(p[1]) || Math.abs(p[0]) > 180 || Math.abs(p[1]) > 90)) return 'has a position that is not a longitude/latitude pair.';
      const [a, b] = [ring[0], ring[ring.length - 1]];
      if (a[0] !== b[0] || a[1] !== b[1]) return 'has a ring that is not closed (first and last positions differ).';
    }
  }
  return null;
}

function boxOf(geometry: Polygon | MultiPolygon): [number, number, number, number] {
  const positions = geometry.type === 'Polygon' ? geometry.coordinates[0] : geometry.coordinates.flatMap((p) => p[0]);
  const lons = positions.map((p) => p[0]);
  const lats = positions.map((p) => p[1]);
  return [Math.min(...lons), Math.min(...lats), Math.max(...lons), Math.max(...lats)];
}
