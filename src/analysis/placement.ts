/**
 * Which region (unit grid, district) a compound belongs to: the one it shares the most area with. A compound
 * often spans several grids (grids split large blocks), and its box centre can lie in none of them (a U-shaped
 * compound's notch) or in a neighbour's. The shared area is measured on a lattice of at most OVERLAP_SAMPLES
 * points over the compound's box, counting the points inside the compound by region; a compound too thin for
 * any lattice point falls back to a point inside it.
 */
import Flatbush from 'flatbush';
import type { Area } from './city_model';
import { pointInPolygon, ringsBBox, type PlanarPolygon } from './geometry';

/** lattice points per compound, at most: enough to tell a 55/45 split apart, cheap for thousands of compounds */
export const OVERLAP_SAMPLES = 400;

export interface Regions { polygons: readonly PlanarPolygon[][]; index: Flatbush | null }

export function indexRegions(polygons: readonly PlanarPolygon[][]): Regions {
  if (polygons.length === 0) return { polygons, index: null };
  const index = new Flatbush(polygons.length);
  for (const p of polygons) index.add(...ringsBBox(p));
  index.finish();
  return { polygons, index };
}

const inside = (x: number, y: number, parts: readonly PlanarPolygon[]) => parts.some((p) => pointInPolygon(x, y, p));

/** The region containing (x, y), lowest index first where regions overlap; -1 for none. */
export function regionAt(regions: Regions, x: number, y: number): number {
  let found = -1;
  regions.index?.search(x, y, x, y, (r) => {
    if ((found < 0 || r < found) && inside(x, y, regions.polygons[r])) found = r;
    return false;
  });
  return found;
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
      if (!inside(x, y, area.polygons)) continue;
      sampled++;
      const r = candidates.filter((c) => inside(x, y, regions.polygons[c])).reduce((low, c) => (low < 0 || c < low ? c : low), -1);
      if (r >= 0) counts.set(r, (counts.get(r) ?? 0) + 1);
    }
  }
  if (sampled === 0) return regionAt(regions, area.anchor[0], area.anchor[1]);
  let best = -1;
  for (const [r, n] of counts) if (best < 0 || n > counts.get(best)! || (n === counts.get(best)! && r < best)) best = r;
  return best;
}
