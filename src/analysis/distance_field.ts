/**
 * Straight-line distance fields: for every lattice cell and every street sample, the distance to the nearest
 * of a set of points, computed once per data change. Work goes facility by facility over what lies within the
 * cap, so it costs facilities × (cap / cell)², not cells × facilities. Beyond the cap the distance is Infinity
 * ("farther than 3 km"), which no rule threshold reaches.
 */
import type { Lattice, Samples } from './city_model';

/** metres; distances beyond are reported as Infinity */
export const DEFAULT_DISTANCE_CAP_M = 3000;

export interface PointSet { x: ArrayLike<number>; y: ArrayLike<number>; count: number }

export function pointSet(allX: Float64Array, allY: Float64Array, indices: readonly number[]): PointSet {
  return { x: indices.map((i) => allX[i]), y: indices.map((i) => allY[i]), count: indices.length };
}

/** Nearest distance from each cell centre, by rasterising each point's capped disc into the lattice. */
export function latticeDistanceField(lattice: Lattice, points: PointSet, capM = DEFAULT_DISTANCE_CAP_M): Float32Array {
  const field = new Float32Array(lattice.count).fill(Infinity);
  const { x0, y0, cellSize, cols, rows } = lattice;
  for (let p = 0; p < points.count; p++) {
    const px = points.x[p];
    const py = points.y[p];
    const rowFrom = Math.max(0, Math.floor((py - capM - y0) / cellSize));
    const rowTo = Math.min(rows - 1, Math.floor((py + capM - y0) / cellSize));
    for (let r = rowFrom; r <= rowTo; r++) {
      const dy = y0 + (r + 0.5) * cellSize - py;
      const span = capM * capM - dy * dy;
      if (span < 0) continue;
      const half = Math.sqrt(span);
      const colFrom = Math.max(0, Math.ceil((px - half - x0) / cellSize - 0.5));
      const colTo = Math.min(cols - 1, Math.floor((px + half - x0) / cellSize - 0.5));
      const rowStart = r * cols;
      for (let c = colFrom; c <= colTo; c++) {
        const dx = x0 + (c + 0.5) * cellSize - px;
        const d = Math.sqrt(dx * dx + dy * dy);
        if (d < field[rowStart + c]) field[rowStart + c] = d;
      }
    }
  }
  return field;
}

/** Nearest distance from each street sample, asking the samples' kdbush index what lies within the cap. */
export function sampleDistanceField(samples: Samples, points: PointSet, capM = DEFAULT_DISTANCE_CAP_M): Float32Array {
  const field = new Float32Array(samples.x.length).fill(Infinity);
  if (!samples.index) return field;
  for (let p = 0; p < points.count; p++) {
    const px = points.x[p];
    const py = points.y[p];
    for (const i of samples.index.within(px, py, capM)) {
      const d = Math.hypot(samples.x[i] - px, samples.y[i] - py);
      if (d < field[i]) field[i] = d;
    }
  }
  return field;
}
