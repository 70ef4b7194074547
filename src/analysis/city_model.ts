/**
 * Everything the analyses need about one city, prepared once per data change: projected facilities, street
 * segments and samples, the analysis lattice, compounds and districts, and the spatial indexes over them.
 *
 *   streets ──► segments (ax, ay, bx, by) ──► samples every SAMPLE_SPACING_M along each segment
 *                   │ flatbush (boxes)            │ kdbush (points)
 *   managed area ──► lattice of CELL_SIZE_M cells (centres), row-major from the south-west corner
 */
import Flatbush from 'flatbush';
import KDBush from 'kdbush';
import type { CategoryId, FacilityProperties } from '../domain/categories';
import type { BBox, CityLayers, FacilityFeature } from '../domain/city_bundle';
import { interiorPoint, polygonArea, ringsBBox, type PlanarPolygon } from './geometry';
import { LocalProjection } from './projection';

export interface ModelOptions {
  /** metres between street samples, default 20 */
  sampleSpacingM?: number;
  /** lattice cell size in metres, default 50 */
  cellSizeM?: number;
}

export interface Facilities {
  x: Float64Array;
  y: Float64Array;
  category: CategoryId[];
  properties: FacilityProperties[];
}

export interface Segments {
  ax: Float64Array;
  ay: Float64Array;
  bx: Float64Array;
  by: Float64Array;
  length: Float64Array;
  street: Uint32Array;
  /** null when there are no streets */
  index: Flatbush | null;
  /** the back-alley segments alone (ids into the arrays above), for six-surroundings membership (six_surroundings.ts grids them) */
  alleyIds: Uint32Array;
}

export interface Samples {
  x: Float64Array;
  y: Float64Array;
  /** metres of street each sample stands for */
  weight: Float64Array;
  segment: Uint32Array;
  /** metres from the segment's start */
  along: Float64Array;
  street: Uint32Array;
  /** null when there are no samples */
  index: KDBush | null;
  /** samples grouped by lattice cell: those of cell c are byCell[cellStart[c] .. cellStart[c + 1]) */
  cellStart: Uint32Array;
  byCell: Uint32Array;
  /** per cell, the largest distance of its samples from the cell centre (samples past the edge are clamped in) */
  cellReach: Float32Array;
  maxCellReach: number;
}

export interface Lattice {
  x0: number;
  y0: number;
  cellSize: number;
  cols: number;
  rows: number;
  count: number;
}

export interface Area {
  id: string;
  name: string;
  code?: string;
  polygons: PlanarPolygon[];
  bbox: [number, number, number, number];
  areaM2: number;
  /** a point inside the area (never the box centre, which a U-shaped compound does not contain) */
  anchor: [number, number];
}

export interface CityModel {
  projection: LocalProjection;
  bbox: BBox;
  facilities: Facilities;
  streets: { id: string; name: string; alley: boolean; lengthM: number }[];
  segments: Segments;
  samples: Samples;
  lattice: Lattice;
  compounds: Area[];
  compoundIndex: Flatbush | null;
  districts: Area[];
}

export function buildCityModel(layers: CityLayers, bbox: BBox, options: ModelOptions = {}): CityModel {
  const sampleSpacing = options.sampleSpacingM ?? 20;
  const cellSize = options.cellSizeM ?? 50;
  const projection = new LocalProjection((bbox[0] + bbox[2]) / 2, (bbox[1] + bbox[3]) / 2);

  const facilities = projectFacilities(layers.facilities.features, projection);

  const streets = layers.streets.features.map((f) => ({ id: f.properties.id, name: f.properties.name, alley: f.properties.alley, lengthM: f.properties.lengthM }));
  const segments = buildSegments(layers, projection, streets);

  const x0 = projection.x(bbox[0]);
  const y0 = projection.y(bbox[1]);
  const cols = Math.max(1, Math.ceil((projection.x(bbox[2]) - x0) / cellSize));
  const rows = Math.max(1, Math.ceil((projection.y(bbox[3]) - y0) / cellSize));
  const lattice: Lattice = { x0, y0, cellSize, cols, rows, count: cols * rows };
  const samples = buildSamples(segments, sampleSpacing, lattice);

  const compounds = layers.compounds.features.map((f) => toArea(f.properties.id, f.properties.name, undefined, projection.polygons(f.geometry)));
  const compoundIndex = indexAreas(compounds);
  const districts = layers.boundaries.features
    .filter((f) => f.properties.level === 'district' && !f.properties.partial && (f.geometry.type === 'Polygon' || f.geometry.type === 'MultiPolygon'))
    .map((f) => toArea(f.properties.id, f.properties.name, f.properties.code, projection.polygons(f.geometry as Parameters<LocalProjection['polygons']>[0])));

  return { projection, bbox, facilities, streets, segments, samples, lattice, compounds, compoundIndex, districts };
}

export function projectFacilities(features: readonly FacilityFeature[], projection: LocalProjection): Facilities {
  return {
    x: Float64Array.from(features, (f) => projection.x(f.geometry.coordinates[0])),
    y: Float64Array.from(features, (f) => projection.y(f.geometry.coordinates[1])),
    category: features.map((f) => f.properties.category),
    properties: features.map((f) => f.properties),
  };
}

function toArea(id: string, name: string, code: string | undefined, polygons: PlanarPolygon[]): Area {
  return { id, name, code, polygons, bbox: ringsBBox(polygons), areaM2: polygons.reduce((sum, p) => sum + polygonArea(p), 0), anchor: interiorPoint(polygons) };
}

export function indexAreas(areas: readonly Area[]): Flatbush | null {
  if (areas.length === 0) return null;
  const index = new Flatbush(areas.length);
  for (const a of areas) index.add(a.bbox[0], a.bbox[1], a.bbox[2], a.bbox[3]);
  index.finish();
  return index;
}

function buildSegments(layers: CityLayers, projection: LocalProjection, streets: readonly { alley: boolean }[]): Segments {
  const ax: number[] = [];
  const ay: number[] = [];
  const bx: number[] = [];
  const by: number[] = [];
  const street: number[] = [];
  layers.streets.features.forEach((f, s) => {
    // read once: a binary layer's feature makes its geometry anew at each read
    const geometry = f.geometry;
    const parts = geometry.type === 'LineString' ? [geometry.coordinates] : geometry.coordinates;
    for (const part of parts) {
      for (let i = 0; i + 1 < part.length; i++) {
        const x1 = projection.x(part[i][0]);
        const y1 = projection.y(part[i][1]);
        const x2 = projection.x(part[i + 1][0]);
        const y2 = projection.y(part[i + 1][1]);
        if (x1 === x2 && y1 === y2) continue;
        ax.push(x1);
        ay.push(y1);
        bx.push(x2);
        by.push(y2);
        street.push(s);
      }
    }
  });
  const n = ax.length;
  const length = new Float64Array(n);
  const index = n > 0 ? new Flatbush(n) : null;
  for (let i = 0; i < n; i++) {
    length[i] = Math.hypot(bx[i] - ax[i], by[i] - ay[i]);
    index?.add(Math.min(ax[i], bx[i]), Math.min(ay[i], by[i]), Math.max(ax[i], bx[i]), Math.max(ay[i], by[i]));
  }
  index?.finish();
  const alleyIds = Uint32Array.from(street.flatMap((s, i) => (streets[s].alley ? [i] : [])));
  return { ax: Float64Array.from(ax), ay: Float64Array.from(ay), bx: Float64Array.from(bx), by: Float64Array.from(by), length, street: Uint32Array.from(street), index, alleyIds };
}

/** The lattice cell a point falls in, clamped to the lattice (streets may run just past the managed area). */
export function cellOf(lattice: Lattice, x: number, y: number): number {
  const c = Math.min(lattice.cols - 1, Math.max(0, Math.floor((x - lattice.x0) / lattice.cellSize)));
  const r = Math.min(lattice.rows - 1, Math.max(0, Math.floor((y - lattice.y0) / lattice.cellSize)));
  return r * lattice.cols + c;
}

/** Samples at the middles of equal pieces of each segment, each standing for its piece's length. */
function buildSamples(segments: Segments, spacing: number, lattice: Lattice): Samples {
  let total = 0;
  const pieces = new Uint32Array(segments.length.length);
  for (let i = 0; i < pieces.length; i++) {
    pieces[i] = Math.max(1, Math.ceil(segments.length[i] / spacing));
    total += pieces[i];
  }
  const x = new Float64Array(total);
  const y = new Float64Array(total);
  const weight = new Float64Array(total);
  const segment = new Uint32Array(total);
  const along = new Float64Array(total);
  const street = new Uint32Array(total);
  let k = 0;
  for (let i = 0; i < pieces.length; i++) {
    const n = pieces[i];
    for (let j = 0; j < n; j++, k++) {
      const t = (j + 0.5) / n;
      x[k] = segments.ax[i] + t * (segments.bx[i] - segments.ax[i]);
      y[k] = segments.ay[i] + t * (segments.by[i] - segments.ay[i]);
      weight[k] = segments.length[i] / n;
      segment[k] = i;
      along[k] = t * segments.length[i];
      street[k] = segments.street[i];
    }
  }
  const index = total > 0 ? new KDBush(total, 64, Float64Array) : null;
  for (let i = 0; i < total; i++) index?.add(x[i], y[i]);
  index?.finish();
  // counting sort by cell
  const cellStart = new Uint32Array(lattice.count + 1);
  const cells = new Uint32Array(total);
  for (let i = 0; i < total; i++) {
    cells[i] = cellOf(lattice, x[i], y[i]);
    cellStart[cells[i] + 1]++;
  }
  for (let c = 0; c < lattice.count; c++) cellStart[c + 1] += cellStart[c];
  const fill = cellStart.slice(0, lattice.count);
  const byCell = new Uint32Array(total);
  for (let i = 0; i < total; i++) byCell[fill[cells[i]]++] = i;
  const cellReach = new Float32Array(lattice.count);
  let maxCellReach = 0;
  for (let i = 0; i < total; i++) {
    const c = cells[i];
    const cx = lattice.x0 + ((c % lattice.cols) + 0.5) * lattice.cellSize;
    const cy = lattice.y0 + (Math.floor(c / lattice.cols) + 0.5) * lattice.cellSize;
    const reach = Math.fround(Math.hypot(x[i] - cx, y[i] - cy)) + 1e-3;
    if (reach > cellReach[c]) cellReach[c] = reach;
    if (reach > maxCellReach) maxCellReach = reach;
  }
  return { x, y, weight, segment, along, street, index, cellStart, byCell, cellReach, maxCellReach };
}

/** Indices of facilities of the given categories that pass the filter. */
export function selectFacilities(model: CityModel, categories: readonly CategoryId[], keep: (p: FacilityProperties) => boolean = () => true): number[] {
  const wanted = new Set(categories);
  const chosen: number[] = [];
  for (let i = 0; i < model.facilities.category.length; i++) if (wanted.has(model.facilities.category[i]) && keep(model.facilities.properties[i])) chosen.push(i);
  return chosen;
}
