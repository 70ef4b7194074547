/**
 * Which region (unit grid, district) a compound belongs to: the one it shares the most area with. A compound
 * often spans several grids (grids split large blocks), and its box centre can lie in none of them (a U-shaped
 * compound's notch) or in a neighbour's. The shared area is measured on a lattice of at most OVERLAP_SAMPLES
 * points over the compound's box, counting the points inside the compound by region; a compound too thin for
 * any lattice point falls back to a point inside it.
 */
import Flatbush from 'flatbush';
import { boxBounds, boxGrid, type BoxGrid } from './box_grid';
import type { Area, CityModel } from './city_model';
import { pointInPolygon, ringsBBox, type PlanarPolygon } from './geometry';
import { forEachCellCentre } from './network_field';

/** lattice points per compound, at most: enough to tell a 55/45 split apart, cheap for thousands of compounds */
export const OVERLAP_SAMPLES = 400;

/**
 * `index` answers box queries (a compound's candidates). `points` answers the millions of point queries
 * (samples, lattice cells, facilities): Flatbush's search allocates a queue, a result array and here a closure per
 * query, ~600 MB of garbage for one 30 km city's placement (the analysis worker's peak memory with it); a bucket
 * grid of the regions' boxes answers a point with no allocation.
 */
export interface Regions { polygons: readonly PlanarPolygon[][]; index: Flatbush | null; points: PointBuckets | null }

/** The regions' boxes on a box grid (box_grid.ts), kept with the boxes: the first region found holding a point is the lowest. */
interface PointBuckets { grid: BoxGrid; boxes: Float64Array }

/** about this many buckets per region: a few candidates per point without a large table */
const BUCKETS_PER_REGION = 2;

export function indexRegions(polygons: readonly PlanarPolygon[][]): Regions {
  if (polygons.length === 0) return { polygons, index: null, points: null };
  const index = new Flatbush(polygons.length);
  const boxes = new Float64Array(polygons.length * 4);
  polygons.forEach((p, r) => {
    const box = ringsBBox(p);
    index.add(...box);
    boxes.set(box, 4 * r);
  });
  index.finish();
  return { polygons, index, points: bucketBoxes(boxes) };
}

function bucketBoxes(boxes: Float64Array): PointBuckets | null {
  const bounds = boxBounds(boxes);
  if (!bounds) return null;
  const [x0, y0, x1, y1] = bounds;
  const grid = boxGrid(boxes, Math.sqrt(((x1 - x0) * (y1 - y0)) / (BUCKETS_PER_REGION * (boxes.length / 4))))!;
  return { grid, boxes };
}

/** A loop, not parts.some(closure): it runs for millions of points, and each closure was an allocation. */
export function insideParts(x: number, y: number, parts: readonly PlanarPolygon[]): boolean {
  for (const part of parts) if (pointInPolygon(x, y, part)) return true;
  return false;
}

/** The region containing (x, y), lowest index first where regions overlap; -1 for none. */
export function regionAt(regions: Regions, x: number, y: number): number {
  if (!regions.points) return -1;
  const { grid, boxes } = regions.points;
  const col = Math.floor((x - grid.x0) / grid.size);
  const row = Math.floor((y - grid.y0) / grid.size);
  if (!(col >= 0 && col < grid.cols && row >= 0 && row < grid.rows)) return -1;
  const b = row * grid.cols + col;
  for (let k = grid.start[b]; k < grid.start[b + 1]; k++) {
    const r = grid.items[k];
    if (x < boxes[4 * r] || y < boxes[4 * r + 1] || x > boxes[4 * r + 2] || y > boxes[4 * r + 3]) continue;
    if (insideParts(x, y, regions.polygons[r])) return r;
  }
  return -1;
}

/** regionAt for each (xs[i], ys[i]); a loop, not Int32Array.from(xs, f), which walks an iterator per element */
export function pointsInRegions(regions: Regions, xs: ArrayLike<number>, ys: ArrayLike<number>): Int32Array {
  const out = new Int32Array(xs.length);
  for (let i = 0; i < xs.length; i++) out[i] = regionAt(regions, xs[i], ys[i]);
  return out;
}

/**
 * The region of every street sample and lattice cell centre (regionAt), and of every compound (regionOfArea): the
 * placement grids and districts both make once per city.
 */
export function placeSamplesCellsCompounds(model: Pick<CityModel, 'samples' | 'lattice' | 'compounds'>, regions: Regions): { sample: Int32Array; cell: Int32Array; compound: Int32Array } {
  const { samples, lattice, compounds } = model;
  const sample = pointsInRegions(regions, samples.x, samples.y);
  const cell = new Int32Array(lattice.count);
  forEachCellCentre(lattice, (i, x, y) => (cell[i] = regionAt(regions, x, y)));
  const compound = new Int32Array(compounds.length);
  for (let c = 0; c < compounds.length; c++) compound[c] = regionOfArea(regions, compounds[c]);
  return { sample, cell, compound };
}

/** The region sharing the most of the area's surface (lowest index on a tie); -1 when it shares none. */
export function regionOfArea(regions: Regions, area: Area): number {
  const [x0, y0, x1, y1] = area.bbox;
  const candidates = regions.index?.search(x0, y0, x1, y1) ?? [];
  if (candidates.length === 0) return -1;
  const step = Math.max(Math.sqrt(((x1 - x0) * (y1 - y0)) / OVERLAP_SAMPLES), 1e-3);
  const counts = new Map<number, number>();
  let sampled = 0;
  for (let y = y0 + step / 2; y < y1; y += step) {
    for (let x = x0 + step / 2; x < x1; x += step) {
      if (!insideParts(x, y, area.polygons)) continue;
      sampled++;
      // the lowest region holding the point, as regionAt; a loop, not filter(): a 30 km city's grid placement made
      // ~1.6 GB of short arrays here
      let r = -1;
      for (const c of candidates) if ((r < 0 || c < r) && insideParts(x, y, regions.polygons[c])) r = c;
      if (r >= 0) counts.set(r, (counts.get(r) ?? 0) + 1);
    }
  }
  if (sampled === 0) return regionAt(regions, area.anchor[0], area.anchor[1]);
  let best = -1;
  for (const [r, n] of counts) if (best < 0 || n > counts.get(best)! || (n === counts.get(best)! && r < best)) best = r;
  return best;
}
