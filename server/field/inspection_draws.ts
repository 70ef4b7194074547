/**
 * Today's mock-inspection draw for an inspector's area: the atlas's own seeded draw (src/analysis/mock_inspection,
 * the same code the desk runs) with the day as its seed, narrowed to the points in the area's grids, and of those
 * DAILY_POINTS_PER_CATEGORY per six-surroundings category — one day's round on foot. Every drawn point, alley and
 * compound becomes a place to record. The draw is stored once per city, day and area, so every process and every
 * phone of the area records against the same places, and the scores of days can be compared.
 */
import type { MultiPolygon, Polygon, Position } from 'geojson';
import { CityAnalysis, DEFAULT_PARAMS } from '../../src/analysis/city_analysis';
import { DEFAULT_PICKS, drawDistinct, pointSeed, type InspectionPoint } from '../../src/analysis/mock_inspection';
import { Prng } from '../../src/analysis/prng';
import { SIX_SURROUNDINGS } from '../../src/domain/categories';
import type { CityLayers, CityManifest } from '../../src/domain/city_bundle';
import { DAILY_POINTS_PER_CATEGORY, type DrawPlace, type PlaceType } from '../../src/domain/field_checklists';
import { beijingDay } from '../campaign_clock';
import type { Database, Queryable } from '../db/database';
import { HttpError } from '../http_error';

export type BundleOf = (cityId: string) => { manifest: CityManifest; layers: CityLayers } | null;

export interface Draw { id: number; cityId: string; day: string; areaUnitId: string; seed: number; places: DrawPlace[] }

/** the day as a number (2026-11-30 → 20261130): the seed the atlas would be given for that day's draw */
export const daySeed = (day: string): number => Number(day.replaceAll('-', ''));

const DRAW_SELECT = `SELECT id, city_id AS "cityId", to_char(day, 'YYYY-MM-DD') AS day, area_unit_id AS "areaUnitId", seed::float8 AS seed, places FROM inspection_draws`;

export async function getDraw(db: Queryable, id: number): Promise<Draw | null> {
  const [row] = (await db.query<Draw>(`${DRAW_SELECT} WHERE id = $1`, [id])).rows;
  return row ?? null;
}

/** The stored draw of the day and area, made now if it is the first request of the day. */
export async function todaysDraw(db: Database, bundleOf: BundleOf, cityId: string, areaUnitId: string | null, day = beijingDay()): Promise<Draw> {
  const area = areaUnitId ?? '';
  const find = async () => (await db.query<Draw>(`${DRAW_SELECT} WHERE city_id = $1 AND day = $2::date AND area_unit_id = $3`, [cityId, day, area])).rows[0] ?? null;
  const existing = await find();
  if (existing) return existing;
  const bundle = bundleOf(cityId);
  if (!bundle) throw new HttpError(404, `没有城市“${cityId}”的数据`, `there is no built city "${cityId}"`);
  const places = await drawPlaces(db, bundle, area, daySeed(day));
  await saveDraw(db, { cityId, day, areaUnitId: area, seed: daySeed(day), places });
  return (await find())!;
}

/** Stores a draw unless the day's draw of the area exists already (two processes drawing at once agree). */
export async function saveDraw(db: Queryable, draw: Omit<Draw, 'id'>): Promise<void> {
  await db.query('INSERT INTO inspection_draws (city_id, day, area_unit_id, seed, places) VALUES ($1, $2::date, $3, $4, $5) ON CONFLICT (city_id, day, area_unit_id) DO NOTHING', [draw.cityId, draw.day, draw.areaUnitId, draw.seed, JSON.stringify(draw.places)]);
}

async function drawPlaces(db: Queryable, bundle: { manifest: CityManifest; layers: CityLayers }, area: string, seed: number): Promise<DrawPlace[]> {
  const { manifest, layers } = bundle;
  const analysis = new CityAnalysis({ id: manifest.id, name: manifest.name, synthetic: manifest.synthetic, dataDate: manifest.dataDate }, layers, manifest.bbox);
  const mock = analysis.mockInspection(DEFAULT_PARAMS, { seed, alleys: DEFAULT_PICKS, compounds: DEFAULT_PICKS });
  const grids = await gridsAt(db, manifest.id, mock.points.map((p) => [p.lon, p.lat]));
  const areaUnits = area ? await unitAndBelow(db, area) : null;
  const inArea = mock.points.filter((_, i) => !areaUnits || (grids[i].unitId !== null && areaUnits.has(grids[i].unitId!)));
  const chosen: InspectionPoint[] = [];
  for (const category of SIX_SURROUNDINGS) {
    const prng = new Prng(pointSeed(seed, `day:${category}:${area}`));
    chosen.push(...drawDistinct(prng, inArea.filter((p) => p.category === category), DAILY_POINTS_PER_CATEGORY));
  }
  const streets = new Map(layers.streets.features.map((f) => [f.properties.id, f]));
  const compounds = new Map(layers.compounds.features.map((f) => [f.properties.id, f]));
  const raw: Omit<DrawPlace, 'gridCode' | 'gridUnitId' | 'district'>[] = [];
  for (const p of chosen) {
    raw.push({ key: `${p.category}:${p.facilityId}`, type: p.category as PlaceType, name: p.name, pointName: p.name, lon: p.lon, lat: p.lat, distanceM: 0 });
    for (const a of p.alleys) {
      const line = streets.get(a.id)?.geometry;
      const coords: Position[] = !line ? [] : line.type === 'LineString' ? line.coordinates : line.coordinates.flat();
      const [lon, lat] = coords.length ? coords[Math.floor(coords.length / 2)] : [p.lon, p.lat];
      raw.push({ key: `alley:${a.id}`, type: 'alley', name: a.name, pointName: p.name, lon, lat, distanceM: Math.round(a.distanceM) });
    }
    for (const c of p.compounds) {
      const [lon, lat] = centreOf(compounds.get(c.id)?.geometry) ?? [p.lon, p.lat];
      raw.push({ key: `compound:${c.id}`, type: 'compound', name: c.name, pointName: p.name, lon, lat, distanceM: Math.round(c.distanceM) });
    }
  }
  // an alley or compound near two chosen points is one place
  const unique = [...new Map(raw.map((r) => [r.key, r])).values()];
  const placeGrids = await gridsAt(db, manifest.id, unique.map((r) => [r.lon, r.lat]));
  return unique.map((r, i) => ({ ...r, gridCode: placeGrids[i].code, gridUnitId: placeGrids[i].unitId, district: placeGrids[i].district }));
}

function centreOf(geometry: Polygon | MultiPolygon | undefined): Position | null {
  const ring = !geometry ? null : geometry.type === 'Polygon' ? geometry.coordinates[0] : geometry.coordinates[0]?.[0];
  if (!ring?.length) return null;
  const n = ring.length > 1 ? ring.length - 1 : 1;
  let x = 0;
  let y = 0;
  for (let i = 0; i < n; i++) {
    x += ring[i][0];
    y += ring[i][1];
  }
  return [x / n, y / n];
}

/** The grid (code, unit, district) containing each point, in one query; nulls outside every grid. */
async function gridsAt(db: Queryable, cityId: string, points: Position[]): Promise<{ code: string | null; unitId: string | null; district: string | null }[]> {
  if (points.length === 0) return [];
  const rows = (
    await db.query<{ i: string; code: string | null; unitId: string | null; district: string | null }>(
      `SELECT p.i::text AS i, g.code, g.unit_id AS "unitId", g.district
         FROM unnest($2::float8[], $3::float8[]) WITH ORDINALITY AS p (lon, lat, i)
         LEFT JOIN LATERAL (SELECT code, unit_id, district FROM grids WHERE city_id = $1 AND ST_Contains(geom, ST_SetSRID(ST_MakePoint(p.lon, p.lat), 4326)) ORDER BY code LIMIT 1) g ON true
        ORDER BY p.i`,
      [cityId, points.map((p) => p[0]), points.map((p) => p[1])],
    )
  ).rows;
  return rows.map((r) => ({ code: r.code, unitId: r.unitId, district: r.district }));
}

/** The unit and every unit under it (a district's streets and communities). */
async function unitAndBelow(db: Queryable, unitId: string): Promise<Set<string>> {
  const rows = (await db.query<{ id: string }>('WITH RECURSIVE u AS (SELECT id FROM org_units WHERE id = $1 UNION SELECT o.id FROM org_units o JOIN u ON o.parent_id = u.id) SELECT id FROM u', [unitId])).rows;
  return new Set(rows.map((r) => r.id));
}
