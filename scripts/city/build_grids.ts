/**
 * The grid layer of a city bundle: generated unit grids, placed in the district → street (街道) →
 * community (社区) hierarchy and coded 6 + 3 + 3 + 2 digits (CJ/T 213).
 *
 * Each level comes from complete boundaries in the data where they exist. Otherwise it is derived, and marked
 * so: districts by partial boundaries closed across their gap (the nearest one where none contains the grid),
 * else by the nearest district label, else one district for the whole city;
 * streets and communities by splitting the grids of their parent into compact groups. Derived street and
 * community codes start with 9, a range real codes of those levels do not use.
 */
import type { Position } from 'geojson';
import { pointInPolygon, pointPolygonsDistance, type PlanarPolygon } from '../../src/analysis/geometry';
import { generateGrids, type BarrierLine, type GeneratedGrid } from '../../src/analysis/grids/generate_grids';
import { LocalProjection } from '../../src/analysis/projection';
import type { BoundaryFeature, BoundaryLevel, GridFeature, GridOrigin } from '../../src/domain/city_bundle';
import { isArterialClass } from '../../src/domain/street_classes';
import type { CityContent } from './city_content';
import { cityCode, countyCode } from './division_codes';

export interface GridBuildInfo {
  count: number;
  origins: Record<GridOrigin, number>;
  /** which levels were derived for at least one grid */
  derivedLevels: BoundaryLevel[];
  notes: string[];
}

/** the sequence has two digits */
const MAX_GRIDS_PER_COMMUNITY = 99;
/** sizes of derived groups: about a real 社区 and 街道 */
const DERIVED_COMMUNITY_GRIDS = 60;
const DERIVED_STREET_GRIDS = 600;
/** metres: grids whose centres are this close in y share a row for numbering */
const ROW_BAND_M = 100;

interface Unit { name: string; code: string; derived: boolean }
interface Area {
  unit: Unit;
  polygons: PlanarPolygon[];
  /** bounds of the outer rings, metres [minX, minY, maxX, maxY]: a cheap test before the ray casting */
  bounds: [number, number, number, number];
}

function area(unit: Unit, polygons: PlanarPolygon[]): Area {
  const bounds: Area['bounds'] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const [outer] of polygons) {
    for (let i = 0; i + 1 < outer.length; i += 2) {
      bounds[0] = Math.min(bounds[0], outer[i]);
      bounds[1] = Math.min(bounds[1], outer[i + 1]);
      bounds[2] = Math.max(bounds[2], outer[i]);
      bounds[3] = Math.max(bounds[3], outer[i + 1]);
    }
  }
  return { unit, polygons, bounds };
}

/** metres: the cell size of the bucket index over a level's areas */
const AREA_CELL_M = 500;

/**
 * Areas bucketed by the cells of a regular grid their test window overlaps (the bounds, 1 m wider east and
 * west), each cell's list in the areas' order, so that a point is tested against the areas near it only.
 */
interface AreaIndex { x0: number; y0: number; cols: number; rows: number; cells: number[][] }
const areaIndexes = new WeakMap<Area[], AreaIndex>();

function areaIndex(areas: Area[]): AreaIndex {
  let index = areaIndexes.get(areas);
  if (index) return index;
  let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const { bounds } of areas) {
    x0 = Math.min(x0, bounds[0] - 1);
    y0 = Math.min(y0, bounds[1]);
    x1 = Math.max(x1, bounds[2] + 1);
    y1 = Math.max(y1, bounds[3]);
  }
  const cols = x1 >= x0 ? Math.floor((x1 - x0) / AREA_CELL_M) + 1 : 0;
  const rows = y1 >= y0 ? Math.floor((y1 - y0) / AREA_CELL_M) + 1 : 0;
  index = { x0, y0, cols, rows, cells: Array.from({ length: cols * rows }, () => []) };
  areas.forEach(({ bounds }, a) => {
    if (!(bounds[2] >= bounds[0])) return;
    const c0 = Math.floor((bounds[0] - 1 - x0) / AREA_CELL_M);
    const c1 = Math.floor((bounds[2] + 1 - x0) / AREA_CELL_M);
    const r0 = Math.floor((bounds[1] - y0) / AREA_CELL_M);
    const r1 = Math.floor((bounds[3] - y0) / AREA_CELL_M);
    for (let r = r0; r <= r1; r++) for (let c = c0; c <= c1; c++) index.cells[r * cols + c].push(a);
  });
  areaIndexes.set(areas, index);
  return index;
}

/**
 * The first area containing p, as `areas.findIndex(a => a.polygons.some(poly => pointInPolygon(p, poly)))`.
 * A point outside an area's bounds is outside it: beyond the y range no edge crosses its ray, and more than 1 m
 * west or east of the x range its ray crosses every edge of the ring or none, an even number either way.
 */
function inside(areas: Area[], p: [number, number]): number {
  const [x, y] = p;
  const { x0, y0, cols, rows, cells } = areaIndex(areas);
  const c = Math.floor((x - x0) / AREA_CELL_M);
  const r = Math.floor((y - y0) / AREA_CELL_M);
  if (!(c >= 0 && r >= 0 && c < cols && r < rows)) return -1;
  for (const a of cells[r * cols + c]) {
    const [minX, minY, maxX, maxY] = areas[a].bounds;
    if (y < minY || y > maxY || x < minX - 1 || x > maxX + 1) continue;
    if (areas[a].polygons.some((poly) => pointInPolygon(x, y, poly))) return a;
  }
  return -1;
}

export function buildGrids(content: CityContent, admin: { cityName: string; adminCity?: string }): { grids: GridFeature[]; info: GridBuildInfo } {
  const [w, s, e, n] = content.bbox;
  const projection = new LocalProjection((w + e) / 2, (s + n) / 2);
  const xy = (p: Position): [number, number] => [projection.x(p[0]), projection.y(p[1])];
  const { grids } = generateGrids({ x0: projection.x(w), y0: projection.y(s), x1: projection.x(e), y1: projection.y(n) }, barriers(content, projection));
  const notes: string[] = [];
  const derivedLevels = new Set<BoundaryLevel>();

  const boundaries = content.layers.boundaries.features;
  const complete = (level: BoundaryLevel): Area[] =>
    boundaries
      .filter((f) => f.properties.level === level && !f.properties.partial && (f.geometry.type === 'Polygon' || f.geometry.type === 'MultiPolygon'))
      .map((f) => area({ name: f.properties.name, code: f.properties.code ?? '', derived: false }, projection.polygons(f.geometry as Parameters<LocalProjection['polygons']>[0])));

  // districts
  const districtAreas = complete('district');
  const approximate: Area[] = content.approximateBoundaries
    .filter((b) => b.level === 'district')
    .map((b) => area({ name: b.name, code: b.code ?? '', derived: true }, projection.polygons(b.geometry)));
  const labelled = boundaries.filter((f) => f.properties.level === 'district' && f.properties.label);
  const districtOf = grids.map((g) => {
    const i = inside(districtAreas, g.centre);
    if (i >= 0) return { ...districtAreas[i].unit, code: districtCode(districtAreas[i].unit, admin) };
    derivedLevels.add('district');
    if (approximate.length > 0) {
      const a = inside(approximate, g.centre);
      const nearest = a >= 0 ? approximate[a] : approximate.reduce((best, area) => (pointPolygonsDistance(g.centre[0], g.centre[1], area.polygons) < pointPolygonsDistance(g.centre[0], g.centre[1], best.polygons) ? area : best));
      return { name: nearest.unit.name, code: districtCode(nearest.unit, admin), derived: true };
    }
    if (labelled.length > 0) {
      const nearest = nearestLabel(labelled, g.centre, xy);
      return { name: nearest.properties.name, code: districtCode({ name: nearest.properties.name, code: nearest.properties.code ?? '', derived: true }, admin), derived: true };
    }
    return { name: admin.cityName, code: admin.adminCity ? `${cityCode(admin.adminCity) ?? '0000'}00` : '000000', derived: true };
  });
  if (derivedLevels.has('district')) {
    notes.push(
      approximate.length > 0
        ? 'Districts derived from partial district boundaries closed across the part missing from the extract (the nearest one where none contains a grid).'
        : labelled.length > 0
          ? 'Districts derived from the nearest district label: the extract has no district outlines.'
          : 'One district for the whole city: the data has no district boundaries.',
    );
  }

  const streetAreas = complete('street');
  const communityAreas = complete('community');
  const result: GridFeature[] = [];
  const byDistrict = groupBy(grids.map((_, i) => i), (i) => districtOf[i].code + districtOf[i].name);
  for (const districtGrids of byDistrict.values()) {
    const district = districtOf[districtGrids[0]];
    const streets = assignLevel(districtGrids, grids, streetAreas, DERIVED_STREET_GRIDS, (k) => ({ name: `${district.name}第${k}街道（派生）`, code: `9${String(k).padStart(2, '0')}`, derived: true }));
    for (const { unit: street, members: streetGrids } of streets) {
      if (street.derived) derivedLevels.add('street');
      const communities = assignLevel(streetGrids, grids, communityAreas, DERIVED_COMMUNITY_GRIDS, (k) => ({ name: `${street.name.replace(/（派生）$/, '')}第${k}社区（派生）`, code: `9${String(k).padStart(2, '0')}`, derived: true }));
      for (const { unit: community, members } of splitOversized(communities, grids)) {
        if (community.derived) derivedLevels.add('community');
        numberInRows(members, grids).forEach((g, k) => {
          const seq = k + 1;
          const streetCode = lastDigits(street.code, 3);
          const communityCode = lastDigits(community.code, 3);
          result.push({
            type: 'Feature',
            geometry: toGeometry(grids[g], projection),
            properties: {
              code: `${district.code}${streetCode}${communityCode}${String(seq).padStart(2, '0')}`,
              name: `${community.name.replace(/（派生）$/, '')}·${String(seq).padStart(2, '0')}号网格`,
              district: district.name,
              districtCode: district.code,
              street: street.name,
              streetCode,
              community: community.name,
              communityCode,
              seq,
              areaM2: Math.round(grids[g].areaM2),
              origin: grids[g].origin,
              derived: { district: district.derived, street: street.derived, community: community.derived },
              responsibleUnit: community.derived ? '' : `${community.name}居委会`,
              responsiblePerson: '',
              phone: '',
            },
          });
        });
      }
    }
  }
  if (derivedLevels.has('street') || derivedLevels.has('community')) notes.push('Streets (街道) and communities (社区) without boundaries in the data are derived groupings of grids, coded from 901.');
  const origins: Record<GridOrigin, number> = { block: 0, merged: 0, split: 0, regular: 0, imported: 0 };
  for (const g of grids) origins[g.origin]++;
  if (origins.regular > 0) notes.push(`${origins.regular} grids form a regular grid where streets bound no blocks (parks, water, open land).`);
  return { grids: result, info: { count: result.length, origins, derivedLevels: [...derivedLevels], notes } };
}

/**
 * Streets (minor ones soft), water edges (soft), arterials and boundaries (hard). Compound outlines are not
 * walls (the data has none) and would cut thin frames between compound and street, so they are no barrier.
 */
function barriers(content: CityContent, projection: LocalProjection): BarrierLine[] {
  const flat = (points: Position[]): Float64Array => {
    const out = new Float64Array(points.length * 2);
    for (let i = 0; i < points.length; i++) {
      out[2 * i] = projection.x(points[i][0]);
      out[2 * i + 1] = projection.y(points[i][1]);
    }
    return out;
  };
  const lines: BarrierLine[] = [];
  for (const f of content.layers.streets.features) {
    if (f.properties.class === 'service' || f.properties.class === 'path') continue;
    const parts = f.geometry.type === 'LineString' ? [f.geometry.coordinates] : f.geometry.coordinates;
    for (const part of parts) lines.push({ points: flat(part), hard: isArterialClass(f.properties.class) });
  }
  const rings = (g: { type: string; coordinates: unknown }): Position[][] => (g.type === 'Polygon' ? (g.coordinates as Position[][]) : g.type === 'MultiPolygon' ? (g.coordinates as Position[][][]).flat() : g.type === 'MultiLineString' ? (g.coordinates as Position[][]) : g.type === 'LineString' ? [g.coordinates as Position[]] : []);
  for (const f of content.basemap.water) if (f.geometry.type !== 'GeometryCollection') for (const ring of rings(f.geometry)) lines.push({ points: flat(ring), hard: false });
  for (const f of content.layers.boundaries.features) for (const ring of rings(f.geometry)) lines.push({ points: flat(ring), hard: true });
  return lines;
}

function districtCode(unit: Unit, admin: { adminCity?: string }): string {
  if (/^\d{6}$/.test(unit.code)) return unit.code;
  return countyCode(unit.name, admin.adminCity) ?? '000000';
}

function nearestLabel(features: BoundaryFeature[], p: [number, number], xy: (p: Position) => [number, number]): BoundaryFeature {
  let best = features[0];
  let bestD = Infinity;
  for (const f of features) {
    const [x, y] = xy(f.properties.label!);
    const d = Math.hypot(x - p[0], y - p[1]);
    if (d < bestD) [best, bestD] = [f, d];
  }
  return best;
}

/** Members by the boundaries of a level where they exist, the rest in derived groups of at most `size`. */
function assignLevel(
  members: number[],
  grids: GeneratedGrid[],
  areas: Area[],
  size: number,
  derivedUnit: (k: number) => Unit,
): { unit: Unit; members: number[] }[] {
  const placed = groupBy(members, (g) => inside(areas, grids[g].centre));
  const groups: { unit: Unit; members: number[] }[] = [];
  let derivedCount = 0;
  for (const [index, group] of placed) {
    if (index >= 0) groups.push({ unit: areas[index].unit, members: group });
    else for (const part of bisect(group, grids, size)) groups.push({ unit: derivedUnit(++derivedCount), members: part });
  }
  return groups;
}

/** A community holding more grids than the two-digit sequence allows is split into derived parts. */
function splitOversized(communities: { unit: Unit; members: number[] }[], grids: GeneratedGrid[]): { unit: Unit; members: number[] }[] {
  let extra = 50;
  return communities.flatMap((c) =>
    c.members.length <= MAX_GRIDS_PER_COMMUNITY
      ? [c]
      : bisect(c.members, grids, MAX_GRIDS_PER_COMMUNITY).map((members, k) => ({ unit: { name: `${c.unit.name}（${k + 1}）`, code: `9${String(++extra).padStart(2, '0')}`, derived: true }, members })),
  );
}

/** Splits along the longer side at the median until every part has at most `size` members. */
function bisect(members: number[], grids: GeneratedGrid[], size: number): number[][] {
  if (members.length <= size) return [members];
  const xs = members.map((g) => grids[g].centre[0]);
  const ys = members.map((g) => grids[g].centre[1]);
  const axis = Math.max(...xs) - Math.min(...xs) >= Math.max(...ys) - Math.min(...ys) ? 0 : 1;
  const sorted = [...members].sort((a, b) => grids[a].centre[axis] - grids[b].centre[axis]);
  const half = Math.ceil(sorted.length / 2);
  return [...bisect(sorted.slice(0, half), grids, size), ...bisect(sorted.slice(half), grids, size)];
}

/** Rows north→south (bands of ROW_BAND_M), west→east inside a row. */
function numberInRows(members: number[], grids: GeneratedGrid[]): number[] {
  const top = Math.max(...members.map((g) => grids[g].centre[1]));
  const band = (g: number) => Math.floor((top - grids[g].centre[1]) / ROW_BAND_M);
  return [...members].sort((a, b) => band(a) - band(b) || grids[a].centre[0] - grids[b].centre[0]);
}

/** Items by key, groups in the order their first item came. */
function groupBy<T, K>(items: T[], key: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = groups.get(k);
    if (list) list.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

const lastDigits = (code: string, digits: number): string => (/^\d+$/.test(code) ? code.slice(-digits).padStart(digits, '0') : '0'.repeat(digits));

/** Converts the grid's outline to degrees in place (it is not used in metres afterwards): no second copy of a city's outlines. */
function toGeometry(grid: GeneratedGrid, projection: LocalProjection): GridFeature['geometry'] {
  const polygons = grid.polygons;
  for (const rings of polygons) {
    for (const ring of rings) {
      for (const point of ring) {
        point[0] = projection.lon(point[0]);
        point[1] = projection.lat(point[1]);
      }
    }
  }
  return polygons.length === 1 ? { type: 'Polygon', coordinates: polygons[0] } : { type: 'MultiPolygon', coordinates: polygons };
}
