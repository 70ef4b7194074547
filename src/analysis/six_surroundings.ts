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
import { boxGrid, segmentBoxes, span, type BoxGrid } from './box_grid';

/** Parallel arrays, one entry per (point, item) within the largest radius. */
export interface ZonePairs { point: Uint32Array; item: Uint32Array; distance: Float32Array }

/** Pairs written straight into typed arrays that double when full, trimmed at the end: millions of pairs on a large city, which number arrays grew by copying, then copied once more. */
class PairWriter {
  private point = new Uint32Array(1024);
  private item = new Uint32Array(1024);
  private distance = new Float32Array(1024);
  private count = 0;

  add(point: number, item: number, distance: number): void {
    if (this.count === this.point.length) {
      const grown = <T extends Uint32Array | Float32Array>(a: T): T => {
        const b = new (a.constructor as new (n: number) => T)(a.length * 2);
        b.set(a);
        return b;
      };
      [this.point, this.item, this.distance] = [grown(this.point), grown(this.item), grown(this.distance)];
    }
    this.point[this.count] = point;
    this.item[this.count] = item;
    this.distance[this.count++] = distance;
  }

  pairs(): ZonePairs {
    return { point: this.point.slice(0, this.count), item: this.item.slice(0, this.count), distance: this.distance.slice(0, this.count) };
  }
}

/** the alley segments' grid of a model, made once per model (cells an eighth of the largest zone across) */
const alleyGrids = new WeakMap<CityModel['segments'], BoxGrid | null>();
/** box k of the grid is the segment alleyIds[k] */
const alleyGridOf = (segments: CityModel['segments'], maxRadius: number): BoxGrid | null => {
  if (!alleyGrids.has(segments)) alleyGrids.set(segments, boxGrid(segmentBoxes(segments.ax, segments.ay, segments.bx, segments.by, segments.alleyIds), maxRadius / 8));
  return alleyGrids.get(segments)!;
};

export function alleyPairs(model: CityModel, points: PointSet, maxRadius: number): ZonePairs {
  const { segments, streets } = model;
  const pairs = new PairWriter();
  // nearest squared distance per street for the current point, and which streets were touched
  const nearest = new Float64Array(streets.length).fill(Infinity);
  const touched: number[] = [];
  const maxSquared = maxRadius * maxRadius;
  const grid = alleyGridOf(segments, maxRadius);
  // a segment in several cells is measured once per point: the point it was last measured for
  const measuredFor = new Int32Array(segments.street.length).fill(-1);
  for (let p = 0; grid && p < points.count; p++) {
    const px = points.x[p];
    const py = points.y[p];
    const [c0, c1] = span(grid, px - maxRadius, px + maxRadius, 'x');
    const [r0, r1] = span(grid, py - maxRadius, py + maxRadius, 'y');
    for (let r = r0; r <= r1; r++) {
      for (let cell = r * grid.cols + c0; cell <= r * grid.cols + c1; cell++) {
        for (let k = grid.start[cell]; k < grid.start[cell + 1]; k++) {
          const s = segments.alleyIds[grid.items[k]];
          if (measuredFor[s] === p) continue;
          measuredFor[s] = p;
          const street = segments.street[s];
          const d = segmentDistanceSquared(px, py, segments.ax[s], segments.ay[s], segments.bx[s], segments.by[s]);
          if (d > maxSquared || d >= nearest[street]) continue;
          if (nearest[street] === Infinity) touched.push(street);
          nearest[street] = d;
        }
      }
    }
    for (const street of touched) {
      pairs.add(p, street, Math.sqrt(nearest[street]));
      nearest[street] = Infinity;
    }
    touched.length = 0;
  }
  return pairs.pairs();
}

export function compoundPairs(model: CityModel, points: PointSet, maxRadius: number): ZonePairs {
  const pairs = new PairWriter();
  if (model.compoundIndex) {
    for (let p = 0; p < points.count; p++) {
      const px = points.x[p];
      const py = points.y[p];
      for (const c of model.compoundIndex.search(px - maxRadius, py - maxRadius, px + maxRadius, py + maxRadius)) {
        const d = pointPolygonsDistance(px, py, model.compounds[c].polygons);
        if (d <= maxRadius) pairs.add(p, c, d);
      }
    }
  }
  return pairs.pairs();
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
