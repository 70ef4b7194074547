/**
 * The demo city: a deterministic synthetic Chinese-style city for any machine, for benchmarks and for tests.
 *
 * Layout, in a local metric frame:
 *   - an arterial lattice (~1 km) with jittered crossings; each lattice cell holds two communities (社区)
 *     split by its middle branch road, 2×2 cells make a street (街道), three districts west→east;
 *   - each cell is cut into blocks by branch roads (~300 m); a block becomes a walled compound with internal
 *     alleys and slab buildings, an old-town block with a dense alley mesh, commercial, school, industrial or park;
 *   - a river with green banks crosses the city; only arterials bridge it; a lake park sits near the centre;
 *   - facilities are placed by zone: dense in the core, sparse at the edge, so real gaps appear.
 * Everything is labelled 示例数据（合成）.
 */
import area from '@turf/area';
import length from '@turf/length';
import type { Geometry, LineString, Polygon, Position } from 'geojson';
import { SIX_SURROUNDINGS, type CategoryId, type FacilityProperties, type ToiletAccess } from '../../../src/domain/categories';
import type { BBox, BoundaryFeature, BoundaryLevel, CompoundFeature, FacilityFeature, StreetFeature } from '../../../src/domain/city_bundle';
import { isAlleyClass, type StreetClass } from '../../../src/domain/street_classes';
import { emptyBasemap, type BasemapFeature, type CityContent } from '../city_content';
import { NameMaker } from './names';
import { Prng } from '../../../src/analysis/prng';
import { METRES_PER_DEGREE, metresPerDegreeLon } from '../../../src/domain/earth';
import { bilinear, densify, lineInQuad, outlineOfQuads, quadCentre, quadRing, subQuad, type Quad, type XY } from './quad';

export interface DemoOptions { seed: number; sizeKm: number }

/** Where the synthetic city sits: a plain in central China, away from any city it could be mistaken for. */
const ORIGIN_LON = 115.2;
const ORIGIN_LAT = 33.2;
const M_PER_DEG_LAT = METRES_PER_DEGREE;
const M_PER_DEG_LON = metresPerDegreeLon(ORIGIN_LAT);
/** demo division codes start with 99, outside every real province code (11–82) */
const DEMO_COUNTY_CODE_BASE = 990100;

const ARTERIAL_SPACING_M = 1000;
const BRANCH_SPACING_M = 300;
const VERTEX_STEP_M = 25;
const COMPOUND_ALLEY_SPACING_M = 60;
const OLD_TOWN_ALLEY_SPACING_M = 40;
const RIVER_HALF_WIDTH_M = 45;

type BlockKind = 'compound' | 'old_town' | 'commercial' | 'school' | 'industrial' | 'park' | 'riverside';

interface Builder {
  prng: Prng;
  names: NameMaker;
  size: number;
  facilities: FacilityFeature[];
  streets: StreetFeature[];
  compounds: CompoundFeature[];
  basemap: CityContent['basemap'];
  nextId: Map<string, number>;
}

export function generateDemoCity(options: DemoOptions): CityContent {
  const size = options.sizeKm * 1000;
  const prng = new Prng(options.seed);
  const b: Builder = { prng, names: new NameMaker(prng), size, facilities: [], streets: [], compounds: [], basemap: emptyBasemap(), nextId: new Map() };
  const river = makeRiver(prng, size);
  const n = Math.max(2, Math.round(size / ARTERIAL_SPACING_M)); // cells per side
  const lattice = makeLattice(prng, n, size);

  addArterials(b, lattice, n, river);
  addRiver(b, river);

  const communities: CommunityCell[] = [];
  const lakeCell = [Math.floor(n * 0.6), Math.floor(n * 0.62)];
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const cell: Quad = [lattice[i][j], lattice[i + 1][j], lattice[i + 1][j + 1], lattice[i][j + 1]];
      const district = Math.min(2, Math.floor(((i + (j % 2) * 0.5) * 3) / n));
      const isLake = i === lakeCell[0] && j === lakeCell[1];
      const streetKey = `${district}:${Math.floor(i / 2)}:${Math.floor(j / 2)}`;
      for (const half of fillCell(b, cell, zoneOf(quadCentre(cell), size), river, isLake)) communities.push({ ...half, district, streetKey });
    }
  }
  const boundaries = makeBoundaries(b, communities);

  const toLonLat = (p: XY): Position => [round7(ORIGIN_LON + p[0] / M_PER_DEG_LON), round7(ORIGIN_LAT + p[1] / M_PER_DEG_LAT)];
  const project = <G extends Geometry>(g: G): G => projectGeometry(g, toLonLat);
  const facilities = b.facilities.map((f) => ({ ...f, geometry: project(f.geometry) }));
  const streets = b.streets.map((f) => {
    const geometry = project(f.geometry);
    return { ...f, geometry, properties: { ...f.properties, lengthM: Math.round(length({ type: 'Feature', geometry, properties: {} }, { units: 'meters' }) * 10) / 10 } };
  });
  const compounds = b.compounds.map((f) => {
    const geometry = project(f.geometry);
    return { ...f, geometry, properties: { ...f.properties, areaM2: Math.round(area(geometry)) } };
  });
  const basemap = emptyBasemap();
  for (const [layer, features] of Object.entries(b.basemap) as [keyof CityContent['basemap'], BasemapFeature[]][]) {
    basemap[layer] = features.map((f) => ({ ...f, geometry: project(f.geometry) }));
  }
  const [west, south] = toLonLat([0, 0]);
  const [east, north] = toLonLat([size, size]);
  return {
    bbox: [west, south, east, north] as BBox,
    bboxMethod: 'extent of the generated city',
    layers: {
      facilities: { type: 'FeatureCollection', features: facilities },
      streets: { type: 'FeatureCollection', features: streets },
      compounds: { type: 'FeatureCollection', features: compounds },
      boundaries: { type: 'FeatureCollection', features: boundaries.map((f) => ({ ...f, geometry: project(f.geometry) })) },
    },
    basemap,
    skipped: [],
    dataDate: '2026-01-01',
    approximateBoundaries: [],
  };
}

const round7 = (v: number): number => Math.round(v * 1e7) / 1e7;

function projectGeometry<G extends Geometry>(g: G, f: (p: XY) => Position): G {
  const map = (c: unknown): unknown => (typeof (c as number[])[0] === 'number' ? f(c as XY) : (c as unknown[]).map(map));
  if (g.type === 'GeometryCollection') throw new Error('not used by the demo city');
  return { ...g, coordinates: map((g as { coordinates: unknown }).coordinates) } as G;
}

/** 0 in the core, 1 in the middle ring, 2 at the edge: facility density falls off outward. */
function zoneOf(p: XY, size: number): 0 | 1 | 2 {
  const r = Math.hypot(p[0] - size / 2, p[1] - size / 2) / size;
  return r < 0.22 ? 0 : r < 0.4 ? 1 : 2;
}

interface River { centreY: (x: number) => number }

function makeRiver(prng: Prng, size: number): River {
  const base = size * prng.range(0.3, 0.42);
  const amplitude = Math.min(600, size * 0.06);
  const phase = prng.range(0, Math.PI * 2);
  const wavelength = size * prng.range(0.5, 0.8);
  return { centreY: (x) => base + amplitude * Math.sin((2 * Math.PI * x) / wavelength + phase) };
}

const inRiver = (river: River, p: XY, marginM = 0): boolean => Math.abs(p[1] - river.centreY(p[0])) < RIVER_HALF_WIDTH_M + marginM;

function makeLattice(prng: Prng, n: number, size: number): XY[][] {
  const step = size / n;
  const jitter = step * 0.12;
  const lattice: XY[][] = [];
  for (let i = 0; i <= n; i++) {
    lattice.push([]);
    for (let j = 0; j <= n; j++) {
      const edgeX = i === 0 || i === n;
      const edgeY = j === 0 || j === n;
      lattice[i].push([i * step + (edgeX ? 0 : prng.range(-jitter, jitter)), j * step + (edgeY ? 0 : prng.range(-jitter, jitter))]);
    }
  }
  return lattice;
}

function newId(b: Builder, prefix: string): string {
  const next = (b.nextId.get(prefix) ?? 0) + 1;
  b.nextId.set(prefix, next);
  return `demo:${prefix}/${next}`;
}

/** Add a street, cut where it crosses the river unless it is a bridge. */
function addStreet(b: Builder, line: XY[], streetClass: StreetClass, name: string, river: River, bridges = false): void {
  const runs: XY[][] = [];
  let run: XY[] = [];
  for (const p of line) {
    if (!bridges && inRiver(river, p, 8)) {
      if (run.length >= 2) runs.push(run);
      run = [];
    } else run.push(p);
  }
  if (run.length >= 2) runs.push(run);
  for (const part of runs) {
    const geometry: LineString = { type: 'LineString', coordinates: part };
    b.streets.push({ type: 'Feature', geometry, properties: { id: newId(b, 'street'), name, class: streetClass, alley: isAlleyClass(streetClass), lengthM: 0 } });
    b.basemap.road.push({ type: 'Feature', geometry, properties: { kind: streetClass, ...(name ? { name } : {}) } });
  }
}

function addArterials(b: Builder, lattice: XY[][], n: number, river: River): void {
  const classOf = (k: number): StreetClass => (k === Math.floor(n / 2) ? 'expressway' : k % 3 === 0 ? 'primary' : 'secondary');
  for (let i = 0; i <= n; i++) {
    const name = b.names.road('north_south');
    const line: XY[] = [];
    for (let j = 0; j < n; j++) line.push(...densify(lattice[i][j], lattice[i][j + 1], VERTEX_STEP_M).slice(j === 0 ? 0 : 1));
    addStreet(b, line, classOf(i), name, river, true);
  }
  for (let j = 0; j <= n; j++) {
    const name = b.names.road('east_west');
    const line: XY[] = [];
    for (let i = 0; i < n; i++) line.push(...densify(lattice[i][j], lattice[i + 1][j], VERTEX_STEP_M).slice(i === 0 ? 0 : 1));
    addStreet(b, line, classOf(j), name, river, true);
  }
  // stations sit at some arterial crossings (metro stations and bus terminals)
  for (let i = 1; i < n; i++) {
    for (let j = 1; j < n; j++) {
      const p = lattice[i][j];
      const zone = zoneOf(p, b.size);
      if (b.prng.chance([0.45, 0.25, 0.08][zone]) && !inRiver(river, p, 30)) {
        addFacility(b, 'transport_station', [p[0] + 25, p[1] + 25], b.names.facility(b.prng.chance(0.6) ? ['地铁站'] : ['公交枢纽站', '客运站']));
      }
    }
  }
}

function addRiver(b: Builder, river: River): void {
  const north: XY[] = [];
  const south: XY[] = [];
  const centre: XY[] = [];
  for (let x = -50; x <= b.size + 50; x += 50) {
    const y = river.centreY(x);
    north.push([x, y + RIVER_HALF_WIDTH_M]);
    south.push([x, y - RIVER_HALF_WIDTH_M]);
    centre.push([x, y]);
  }
  const ring = [...south, ...north.reverse(), south[0]];
  b.basemap.water.push({ type: 'Feature', geometry: { type: 'Polygon', coordinates: [ring] }, properties: { kind: 'river', name: '清水河' } });
  b.basemap.waterway.push({ type: 'Feature', geometry: { type: 'LineString', coordinates: centre }, properties: { kind: 'river', name: '清水河' } });
}

function addFacility(b: Builder, category: CategoryId, p: XY, name: string, extra: Partial<FacilityProperties> = {}): void {
  const id = newId(b, category);
  b.facilities.push({ type: 'Feature', geometry: { type: 'Point', coordinates: p }, properties: { id, category, name, source: 'demo', ...extra } });
  b.basemap.poi.push({ type: 'Feature', geometry: { type: 'Point', coordinates: p }, properties: { kind: category, name, rank: SIX_SURROUNDINGS.includes(category) ? 1 : 2 } });
}

function addPolygon(b: Builder, layer: 'landuse' | 'park' | 'water' | 'building', ring: XY[], kind: string, name?: string): void {
  const geometry: Polygon = { type: 'Polygon', coordinates: [ring] };
  b.basemap[layer].push({ type: 'Feature', geometry, properties: { kind, ...(name ? { name } : {}) } });
}

function pickBlockKind(prng: Prng, zone: 0 | 1 | 2): BlockKind {
  const r = prng.next();
  if (zone === 0) return r < 0.3 ? 'old_town' : r < 0.7 ? 'compound' : r < 0.85 ? 'commercial' : r < 0.93 ? 'school' : 'park';
  if (zone === 1) return r < 0.08 ? 'old_town' : r < 0.7 ? 'compound' : r < 0.8 ? 'commercial' : r < 0.88 ? 'school' : r < 0.94 ? 'industrial' : 'park';
  return r < 0.45 ? 'compound' : r < 0.5 ? 'commercial' : r < 0.55 ? 'school' : r < 0.88 ? 'industrial' : 'park';
}

/**
 * Fills one lattice cell and returns its two communities (west and east of the middle branch road). The
 * split is at u = 0.5 in every cell, so neighbouring communities share their edges exactly.
 */
function fillCell(b: Builder, cell: Quad, zone: 0 | 1 | 2, river: River, isLake: boolean): { quad: Quad; name: string }[] {
  const { prng } = b;
  const widthM = Math.hypot(cell[1][0] - cell[0][0], cell[1][1] - cell[0][1]);
  const heightM = Math.hypot(cell[3][0] - cell[0][0], cell[3][1] - cell[0][1]);
  // an even count puts the middle (tertiary) road at u = 0.5, on the community split
  const ku = 2 * Math.max(1, Math.round(widthM / (2 * BRANCH_SPACING_M)));
  const kv = Math.max(2, Math.round(heightM / BRANCH_SPACING_M));
  // branch roads: the middle one is a tertiary road, the others residential streets
  for (let k = 1; k < ku; k++) addStreet(b, lineInQuad(cell, k / ku, 0, k / ku, 1, VERTEX_STEP_M), k === Math.floor(ku / 2) ? 'tertiary' : 'residential', b.names.branch(), river);
  for (let k = 1; k < kv; k++) addStreet(b, lineInQuad(cell, 0, k / kv, 1, k / kv, VERTEX_STEP_M), k === Math.floor(kv / 2) ? 'tertiary' : 'residential', b.names.branch(), river);

  const halves = [
    { quad: subQuad(cell, 0, 0, 0.5, 1), name: b.names.community(), office: false },
    { quad: subQuad(cell, 0.5, 0, 1, 1), name: b.names.community(), office: false },
  ];
  for (let u = 0; u < ku; u++) {
    const half = halves[u < ku / 2 ? 0 : 1];
    for (let v = 0; v < kv; v++) {
      const block = subQuad(cell, u / ku, v / kv, (u + 1) / ku, (v + 1) / kv);
      const nearRiver = quadRing(block).some((p) => inRiver(river, p, 25)) || inRiver(river, quadCentre(block), 60);
      const kind: BlockKind = nearRiver ? 'riverside' : isLake ? 'park' : pickBlockKind(prng, zone);
      fillBlock(b, block, kind, zone, river);
      if (!half.office && kind !== 'riverside' && kind !== 'park' && v >= kv / 3) {
        addFacility(b, 'community', bilinear(block, 0.5, 0.06), `${half.name}居委会`);
        half.office = true;
      }
    }
  }
  if (isLake) {
    const c = quadCentre(cell);
    const ring: XY[] = [];
    for (let a = 0; a <= 48; a++) ring.push([c[0] + 220 * Math.cos((a / 48) * 2 * Math.PI), c[1] + 150 * Math.sin((a / 48) * 2 * Math.PI)]);
    ring[48] = ring[0];
    addPolygon(b, 'water', ring, 'lake', '镜湖');
  }
  // a farmers' market for most residential cells; a supermarket for some
  if (zone < 2 ? prng.chance(0.75) : prng.chance(0.3)) addFacility(b, 'market', bilinear(cell, prng.range(0.2, 0.8), prng.range(0.2, 0.8)), b.names.facility(['农贸市场', '菜市场']));
  if (prng.chance([0.6, 0.4, 0.15][zone])) addFacility(b, 'supermarket_mall', bilinear(cell, prng.range(0.2, 0.8), prng.range(0.2, 0.8)), b.names.facility(['超市', '生鲜超市']));
  if (prng.chance([0.35, 0.2, 0.05][zone])) addFacility(b, 'hospital', bilinear(cell, prng.range(0.2, 0.8), prng.range(0.2, 0.8)), b.names.facility(['医院', '社区卫生服务中心', '诊所']));
  for (const half of halves) b.basemap.place.push({ type: 'Feature', geometry: { type: 'Point', coordinates: quadCentre(half.quad) }, properties: { kind: 'neighbourhood', name: half.name, rank: 5 } });
  return halves.map(({ quad, name }) => ({ quad, name }));
}

function fillBlock(b: Builder, block: Quad, kind: BlockKind, zone: 0 | 1 | 2, river: River): void {
  const { prng } = b;
  const inner = subQuad(block, 0.04, 0.04, 0.96, 0.96);
  const sizeU = Math.hypot(block[1][0] - block[0][0], block[1][1] - block[0][1]);
  const sizeV = Math.hypot(block[3][0] - block[0][0], block[3][1] - block[0][1]);
  const edgePoint = (): XY => bilinear(block, prng.range(0.15, 0.85), prng.pick([0.02, 0.98]));

  switch (kind) {
    case 'compound': {
      const name = b.names.compound();
      const ring = quadRing(inner);
      b.compounds.push({ type: 'Feature', geometry: { type: 'Polygon', coordinates: [ring] }, properties: { id: newId(b, 'compound'), name, areaM2: 0, source: 'demo' } });
      addPolygon(b, 'landuse', ring, 'residential', name);
      const rows = Math.max(2, Math.round(sizeV / COMPOUND_ALLEY_SPACING_M));
      // internal alleys run gate to gate, onto the streets around the block
      for (let r = 1; r < rows; r++) {
        const v = 0.04 + (0.92 * r) / rows;
        addStreet(b, lineInQuad(block, 0, v, 1, v, VERTEX_STEP_M), 'service', '', river);
      }
      for (let r = 0; r < rows; r++) {
        const slabs = Math.max(1, Math.round(sizeU / 70));
        for (let s = 0; s < slabs; s++) addPolygon(b, 'building', quadRing(subQuad(inner, (s + 0.12) / slabs, (r + 0.3) / rows, (s + 0.88) / slabs, (r + 0.62) / rows)), 'residential');
      }
      if (prng.chance(0.6)) addFacility(b, 'ebike_shed', bilinear(inner, prng.range(0.2, 0.8), prng.range(0.2, 0.8)), `${name}非机动车棚`, { capacity: prng.int(40, 300) });
      if (prng.chance(0.45)) addFacility(b, 'ebike_charging', bilinear(inner, prng.range(0.2, 0.8), prng.range(0.2, 0.8)), `${name}充电桩`, { capacity: prng.int(10, 80) });
      if (prng.chance(0.35)) addFacility(b, 'parking', bilinear(inner, 0.5, 0.1), `${name}地下停车场`, { capacity: prng.int(80, 600), parkingType: 'underground' });
      if (prng.chance(0.2)) addFacility(b, 'school', bilinear(inner, 0.85, 0.85), `${name}幼儿园`);
      break;
    }
    case 'old_town': {
      const nu = Math.max(2, Math.round(sizeU / OLD_TOWN_ALLEY_SPACING_M));
      const nv = Math.max(2, Math.round(sizeV / OLD_TOWN_ALLEY_SPACING_M));
      for (let k = 1; k < nu; k++) addStreet(b, lineInQuad(block, k / nu, 0, k / nu, 1, VERTEX_STEP_M), 'residential', k % 2 ? b.names.alley() : '', river);
      for (let k = 1; k < nv; k++) addStreet(b, lineInQuad(block, 0, k / nv, 1, k / nv, VERTEX_STEP_M), 'residential', k % 2 ? b.names.alley() : '', river);
      addPolygon(b, 'landuse', quadRing(block), 'residential');
      for (let u = 0; u < nu; u++) for (let v = 0; v < nv; v++) if (prng.chance(0.8)) addPolygon(b, 'building', quadRing(subQuad(block, (u + 0.15) / nu, (v + 0.15) / nv, (u + 0.85) / nu, (v + 0.85) / nv)), 'house');
      if (prng.chance(0.3)) addFacility(b, 'ebike_charging', bilinear(block, 0.5, 0.5), b.names.facility(['充电点']), { capacity: prng.int(5, 30) });
      break;
    }
    case 'commercial': {
      addPolygon(b, 'landuse', quadRing(inner), 'commercial');
      addPolygon(b, 'building', quadRing(subQuad(inner, 0.15, 0.2, 0.85, 0.8)), 'commercial');
      addFacility(b, 'supermarket_mall', bilinear(inner, 0.5, 0.5), b.names.facility(['购物中心', '商场', '百货大楼']));
      if (prng.chance(0.85)) addFacility(b, 'parking', bilinear(inner, 0.5, 0.05), b.names.facility(['停车场']), { capacity: prng.int(100, 800), parkingType: prng.pick(['surface', 'multi-storey', 'underground']) });
      break;
    }
    case 'school': {
      const name = b.names.facility(['小学', '中学', '实验学校']);
      addPolygon(b, 'landuse', quadRing(inner), 'education', name);
      addPolygon(b, 'building', quadRing(subQuad(inner, 0.1, 0.55, 0.6, 0.8)), 'school');
      addPolygon(b, 'park', quadRing(subQuad(inner, 0.15, 0.1, 0.85, 0.45)), 'pitch');
      addFacility(b, 'school', bilinear(inner, 0.5, 0.7), name);
      // school lots open to residents at night and on holidays (错时共享)
      if (prng.chance(0.3)) addFacility(b, 'parking', bilinear(inner, 0.9, 0.1), `${name}停车场（错时开放）`, { capacity: prng.int(30, 120), parkingType: 'surface', publicWindow: 'Mo-Fr 18:30-07:30; Sa,Su,PH 00:00-24:00' });
      break;
    }
    case 'industrial': {
      addPolygon(b, 'landuse', quadRing(inner), 'industrial');
      for (let k = 0; k < 2; k++) addPolygon(b, 'building', quadRing(subQuad(inner, 0.1 + k * 0.45, 0.2, 0.45 + k * 0.45, 0.7)), 'industrial');
      if (prng.chance(0.3)) addFacility(b, 'parking', bilinear(inner, 0.5, 0.9), b.names.facility(['停车场']), { capacity: prng.int(30, 200), parkingType: 'surface' });
      break;
    }
    case 'park':
    case 'riverside':
      addPolygon(b, 'park', quadRing(inner), 'park', kind === 'park' ? b.names.facility(['公园', '游园', '广场']) : undefined);
      break;
  }
  // public toilets: frequent in the core, rare at the edge, so the 500 m rule finds real gaps
  const toiletChance = [0.5, 0.28, 0.07][zone] * (kind === 'industrial' ? 0.4 : 1);
  if (prng.chance(toiletChance)) {
    const p = edgePoint();
    if (!inRiver(river, p, 10)) {
      const roll = prng.next();
      const access: ToiletAccess = roll < 0.82 ? 'public' : roll < 0.95 ? 'institution_open' : 'private';
      addFacility(b, 'toilet', p, access === 'public' ? b.names.facility(['公厕']) : b.names.facility(['单位厕所（对外开放）', '内部厕所']), { access, openingHours: access === 'public' ? '24/7' : 'Mo-Su 07:00-21:00' });
    }
  }
  if (kind !== 'commercial' && prng.chance([0.2, 0.12, 0.05][zone])) {
    addFacility(b, 'parking', edgePoint(), b.names.facility(['路内停车泊位', '公共停车场']), { capacity: prng.int(10, 60), parkingType: 'street_side' });
  }
}

interface CommunityCell { quad: Quad; name: string; district: number; streetKey: string }

/** District → street (街道) → community (社区) polygons; codes follow the 6+3+3 pattern with demo county codes. */
function makeBoundaries(b: Builder, communities: readonly CommunityCell[]): BoundaryFeature[] {
  const boundaries: BoundaryFeature[] = [];
  const districtNames = ['东城区', '滨河区', '西岭区'];
  const push = (quads: Quad[], level: BoundaryLevel, name: string, code: string): void => {
    const rings = outlineOfQuads(quads);
    const geometry: Polygon = { type: 'Polygon', coordinates: rings };
    boundaries.push({ type: 'Feature', geometry, properties: { id: newId(b, level), name, level, code, partial: false, derived: false } });
    b.basemap.boundary.push({ type: 'Feature', geometry: { type: 'MultiLineString', coordinates: rings }, properties: { kind: level, name } });
  };
  districtNames.forEach((name, d) => {
    const quads = communities.filter((c) => c.district === d).map((c) => c.quad);
    if (quads.length === 0) return;
    push(quads, 'district', name, String(DEMO_COUNTY_CODE_BASE + d + 1));
    const centre = quads.map(quadCentre).reduce((s, p) => [s[0] + p[0] / quads.length, s[1] + p[1] / quads.length], [0, 0]);
    b.basemap.place.push({ type: 'Feature', geometry: { type: 'Point', coordinates: centre }, properties: { kind: 'district', name, rank: 2 } });
  });
  const streetKeys = [...new Set(communities.map((c) => c.streetKey))];
  const streetCount = [0, 0, 0];
  for (const key of streetKeys) {
    const members = communities.filter((c) => c.streetKey === key);
    const district = members[0].district;
    streetCount[district] += 1;
    const streetCode = `${DEMO_COUNTY_CODE_BASE + district + 1}${String(streetCount[district]).padStart(3, '0')}`;
    push(members.map((c) => c.quad), 'street', b.names.subdistrict(), streetCode);
    members.forEach((c, k) => push([c.quad], 'community', c.name, `${streetCode}${String(k + 1).padStart(3, '0')}`));
  }
  return boundaries;
}
