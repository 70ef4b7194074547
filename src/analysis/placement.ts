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

/** A loop, not parts.some(closure): it runs for millions of points, and each closure was an allocation. */
function inside(x: number, y: number, parts: readonly PlanarPolygon[]): boolean {
  for (const part of parts) if (pointInPolygon(x, y, part)) return true;
  return false;
}

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
      // the lowest region holding the point, as regionAt; a loop, not filter(): a 30 km city's grid placement made
      // ~1.6 GB of short arrays here
      let r = -1;
      for (const c of candidates) if ((r < 0 || c < r) && inside(x, y, regions.polygons[c])) r = c;
      if (r >= 0) counts.set(r, (counts.get(r) ?? 0) + 1);
    }
  }
  if (sampled === 0) return regionAt(regions, area.anchor[0], area.anchor[1]);
  let best = -1;
  for (const [r, n] of counts) if (best < 0 || n > counts.get(best)! || (n === counts.get(best)! && r < best)) best = r;
  return best;
}
