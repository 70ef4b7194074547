/**
 * For every residential compound, the distance from its polygon (0 inside) to the nearest facility of a set:
 * parking, or e-bike sheds and charging points as their own layer of need.
 */
import Flatbush from 'flatbush';
import type { Area } from './city_model';
import type { PointSet } from './distance_field';
import { pointPolygonsDistance } from './geometry';

export function compoundDistances(compounds: readonly Area[], points: PointSet): Float32Array {
  const result = new Float32Array(compounds.length).fill(Infinity);
  if (points.count === 0) return result;
  const index = new Flatbush(points.count);
  for (let p = 0; p < points.count; p++) index.add(points.x[p], points.y[p], points.x[p], points.y[p]);
  index.finish();
  compounds.forEach((compound, c) => {
    const [x0, y0, x1, y1] = compound.bbox;
    // the point nearest the box centre bounds the answer; only points within that reach can beat it
    const [nearest] = index.neighbors((x0 + x1) / 2, (y0 + y1) / 2, 1);
    const reach = Math.hypot(points.x[nearest] - (x0 + x1) / 2, points.y[nearest] - (y0 + y1) / 2);
    let best = Infinity;
    for (const p of index.search(x0 - reach, y0 - reach, x1 + reach, y1 + reach)) {
      const d = pointPolygonsDistance(points.x[p], points.y[p], compound.polygons);
      if (d < best) best = d;
      if (best === 0) break;
    }
    result[c] = best;
  });
  return result;
}

export function shareWithin(distances: Float32Array, radius: number): number {
  if (distances.length === 0) return 0;
  let n = 0;
  for (const d of distances) if (d <= radius) n++;
  return n / distances.length;
}
