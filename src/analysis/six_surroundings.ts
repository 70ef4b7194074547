/**
 * Six surroundings (六个周边): which back alleys and compounds reach into the zone around each point.
 *
 * For every point, every alley and compound within the largest radius is stored once with its exact distance
 * (point to nearest segment of the street; point to polygon, 0 inside). Any radius up to that is then a
 * filter over the pairs. Membership never comes from a union of buffers.
 */
import type { CityModel } from './city_model';
import type { PointSet } from './distance_field';
import { pointPolygonsDistance, segmentDistanceSquared } from './geometry';

/** Parallel arrays, one entry per (point, item) within the largest radius. */
export interface ZonePairs { point: Uint32Array; item: Uint32Array; distance: Float32Array }

export function alleyPairs(model: CityModel, points: PointSet, maxRadius: number): ZonePairs {
  const { segments, streets } = model;
  const point: number[] = [];
  const item: number[] = [];
  const distance: number[] = [];
  // nearest squared distance per street for the current point, and which streets were touched
  const nearest = new Float64Array(streets.length).fill(Infinity);
  const touched: number[] = [];
  const maxSquared = maxRadius * maxRadius;
  for (let p = 0; p < points.count; p++) {
    const px = points.x[p];
    const py = points.y[p];
    // work inside flatbush's filter and keep nothing: no result array per point
    segments.alleyIndex?.search(px - maxRadius, py - maxRadius, px + maxRadius, py + maxRadius, (k) => {
      const s = segments.alleyIds[k];
      const street = segments.street[s];
      const d = segmentDistanceSquared(px, py, segments.ax[s], segments.ay[s], segments.bx[s], segments.by[s]);
      if (d > maxSquared || d >= nearest[street]) return false;
      if (nearest[street] === Infinity) touched.push(street);
      nearest[street] = d;
      return false;
    });
    for (const street of touched) {
      point.push(p);
      item.push(street);
      distance.push(Math.sqrt(nearest[street]));
      nearest[street] = Infinity;
    }
    touched.length = 0;
  }
  return { point: Uint32Array.from(point), item: Uint32Array.from(item), distance: Float32Array.from(distance) };
}

export function compoundPairs(model: CityModel, points: PointSet, maxRadius: number): ZonePairs {
  const point: number[] = [];
  const item: number[] = [];
  const distance: number[] = [];
  if (model.compoundIndex) {
    for (let p = 0; p < points.count; p++) {
      const px = points.x[p];
      const py = points.y[p];
      for (const c of model.compoundIndex.search(px - maxRadius, py - maxRadius, px + maxRadius, py + maxRadius)) {
        const d = pointPolygonsDistance(px, py, model.compounds[c].polygons);
        if (d <= maxRadius) {
          point.push(p);
          item.push(c);
          distance.push(d);
        }
      }
    }
  }
  return { point: Uint32Array.from(point), item: Uint32Array.from(item), distance: Float32Array.from(distance) };
}

/** Distinct items reaching into any zone of the given radius (reaching = distance ≤ radius). */
export function distinctWithin(pairs: ZonePairs, radius: number): Set<number> {
  const items = new Set<number>();
  for (let i = 0; i < pairs.item.length; i++) if (pairs.distance[i] <= radius) items.add(pairs.item[i]);
  return items;
}

/**
 * Each category's zones in turn: how many distinct items reach into them (`counts[k]`), how many reach into any
 * (`total`), and per item whether any category's zones reach it (`reached[item]` nonzero). Typed arrays, not a Set
 * per category: this runs on every slider move, and the Sets were ~200 MB of garbage a minute on the 30 km city.
 */
export function zoneMembership(pairsByCategory: readonly ZonePairs[], radius: number, itemCount: number): { counts: number[]; total: number; reached: Uint8Array } {
  if (pairsByCategory.length > 255) throw new Error('zoneMembership: at most 255 categories');
  // the 1-based number of the last category that counted the item: one category's pairs are read together
  const reached = new Uint8Array(itemCount);
  let total = 0;
  const counts = pairsByCategory.map((pairs, k) => {
    let count = 0;
    for (let i = 0; i < pairs.item.length; i++) {
      if (!(pairs.distance[i] <= radius) || reached[pairs.item[i]] === k + 1) continue;
      if (reached[pairs.item[i]] === 0) total++;
      reached[pairs.item[i]] = k + 1;
      count++;
    }
    return count;
  });
  return { counts, total, reached };
}

/** Items per point within the radius, for the candidate lists assessors sample from. */
export function itemsByPoint(pairs: ZonePairs, radius: number, pointCount: number): number[][] {
  const lists: number[][] = Array.from({ length: pointCount }, () => []);
  for (let i = 0; i < pairs.item.length; i++) if (pairs.distance[i] <= radius) lists[pairs.point[i]].push(pairs.item[i]);
  return lists;
}
