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
    // Any point's true distance to the polygon bounds the answer, and a point can only beat it if its distance to
    // the box does. The point nearest a point inside the polygon is a tight start; the box centre is not (it can
    // lie in a U-shaped compound's notch, and then a nearer lot outside the box was never looked at).
    const [nearest] = index.neighbors(compound.anchor[0], compound.anchor[1], 1);
    let best = pointPolygonsDistance(points.x[nearest], points.y[nearest], compound.polygons);
    if (best > 0) {
      const [x0, y0, x1, y1] = compound.bbox;
      for (const p of index.search(x0 - best, y0 - best, x1 + best, y1 + best)) {
        const d = pointPolygonsDistance(points.x[p], points.y[p], compound.polygons);
        if (d < best) best = d;
        if (best === 0) break;
      }
    }
    result[c] = best;
  });
  return result;
}

export function shareWithin(distances: Float32Array, radius: number): number {
  return distances.length === 0 ? 0 : countWithin(distances, radius) / distances.length;
}

/** How many distances are at most `radius`; an indexed loop (a for-of or a filter boxes each value until optimised). */
export function countWithin(distances: Float32Array, radius: number): number {
  let n = 0;
  for (let i = 0; i < distances.length; i++) if (distances[i] <= radius) n++;
  return n;
}
