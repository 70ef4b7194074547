/**
 * Straight-line distance fields: for every lattice cell and every street sample, the distance to the nearest
 * of a set of points, computed once per data change. Work goes facility by facility over the cells within the
 * cap, so it costs facilities × (cap / cell)², not cells × facilities. Beyond the cap the distance is Infinity
 * ("farther than 2 km"), which no rule threshold reaches.
 *
 * The sample field reuses the lattice field as a bound. With r the largest distance of cell c's samples from
 * its centre o, the nearest facility f* of a sample s in c has |s f*| ≤ field[c] + r, so |o f*| ≤ field[c] + 2r:
 * a facility farther from o than that skips the cell's samples. Within the cap, |o f| ≤ cap + r as well.
 */
import type { Lattice, Samples } from './city_model';

/** metres; distances beyond are reported as Infinity. 4× the toilet rule and the largest zone radius. */
export const DEFAULT_DISTANCE_CAP_M = 2000;

export interface PointSet { x: ArrayLike<number>; y: ArrayLike<number>; count: number }

export function pointSet(allX: Float64Array, allY: Float64Array, indices: readonly number[]): PointSet {
  return { x: indices.map((i) => allX[i]), y: indices.map((i) => allY[i]), count: indices.length };
}

/**
 * The rows of cells whose centres lie within `radius` of (px, py), and for each row the column span.
 * Both fields loop over these spans inline: a per-cell callback here costs two to three times as much.
 */
function rowSpan(lattice: Lattice, py: number, radius: number): [number, number] {
  return [Math.max(0, Math.ceil((py - radius - lattice.y0) / lattice.cellSize - 0.5)), Math.min(lattice.rows - 1, Math.floor((py + radius - lattice.y0) / lattice.cellSize - 0.5))];
}

function colSpan(lattice: Lattice, px: number, halfWidth: number): [number, number] {
  return [Math.max(0, Math.ceil((px - halfWidth - lattice.x0) / lattice.cellSize - 0.5)), Math.min(lattice.cols - 1, Math.floor((px + halfWidth - lattice.x0) / lattice.cellSize - 0.5))];
}

/** Nearest distance from each cell centre, by rasterising each point's capped disc into the lattice. */
export function latticeDistanceField(lattice: Lattice, points: PointSet, capM = DEFAULT_DISTANCE_CAP_M): Float32Array {
  const squared = new Float64Array(lattice.count).fill(Infinity);
  const { x0, y0, cellSize, cols } = lattice;
  for (let p = 0; p < points.count; p++) {
    const px = points.x[p];
    const py = points.y[p];
    const [rowFrom, rowTo] = rowSpan(lattice, py, capM);
    for (let r = rowFrom; r <= rowTo; r++) {
      const dy = y0 + (r + 0.5) * cellSize - py;
      const span = capM * capM - dy * dy;
      if (span < 0) continue;
      const [colFrom, colTo] = colSpan(lattice, px, Math.sqrt(span));
      const dy2 = dy * dy;
      for (let c = colFrom, cell = r * cols + colFrom; c <= colTo; c++, cell++) {
        const dx = x0 + (c + 0.5) * cellSize - px;
        const d = dx * dx + dy2;
        if (d < squared[cell]) squared[cell] = d;
      }
    }
  }
  const field = new Float32Array(lattice.count);
  for (let i = 0; i < field.length; i++) field[i] = Math.sqrt(squared[i]);
  return field;
}

/** cells a side of the blocks that bound the sample search */
const BLOCK = 16;

/**
 * Nearest distance from each street sample, pruned by the lattice field of the same points.
 * A facility p visits cell c only if |o p| ≤ reach[c] = min(field[c] + 2r, cap + r) (see above); blocks of
 * 16 × 16 cells keep the largest reach of their cells, so whole blocks beyond it are skipped at once.
 */
export function sampleDistanceField(samples: Samples, lattice: Lattice, latticeField: Float32Array, points: PointSet, capM = DEFAULT_DISTANCE_CAP_M): Float32Array {
  const squared = new Float64Array(samples.x.length).fill(Infinity);
  const { cellStart, byCell, cellReach } = samples;
  const { x0, y0, cellSize, cols, rows } = lattice;
  const reach = new Float64Array(lattice.count).fill(-1);
  const blockCols = Math.ceil(cols / BLOCK);
  const blockReach = new Float64Array(blockCols * Math.ceil(rows / BLOCK)).fill(-1);
  for (let cell = 0; cell < lattice.count; cell++) {
    if (cellStart[cell] === cellStart[cell + 1]) continue;
    reach[cell] = Math.min(latticeField[cell] + 2 * cellReach[cell], capM + cellReach[cell]);
    const block = Math.floor(Math.floor(cell / cols) / BLOCK) * blockCols + Math.floor((cell % cols) / BLOCK);
    if (reach[cell] > blockReach[block]) blockReach[block] = reach[cell];
  }
  for (let p = 0; p < points.count; p++) {
    const px = points.x[p];
    const py = points.y[p];
    for (let block = 0; block < blockReach.length; block++) {
      const limit = blockReach[block];
      if (limit < 0) continue;
      const c0 = (block % blockCols) * BLOCK;
      const r0 = Math.floor(block / blockCols) * BLOCK;
      const c1 = Math.min(cols, c0 + BLOCK) - 1;
      const r1 = Math.min(rows, r0 + BLOCK) - 1;
      // distance from p to the box of the block's cell centres
      const bx = Math.max(x0 + (c0 + 0.5) * cellSize - px, 0, px - (x0 + (c1 + 0.5) * cellSize));
      const by = Math.max(y0 + (r0 + 0.5) * cellSize - py, 0, py - (y0 + (r1 + 0.5) * cellSize));
      if (bx * bx + by * by > limit * limit) continue;
      for (let r = r0; r <= r1; r++) {
        const dy = y0 + (r + 0.5) * cellSize - py;
        const dy2 = dy * dy;
        for (let c = c0, cell = r * cols + c0; c <= c1; c++, cell++) {
          const cellLimit = reach[cell];
          if (cellLimit < 0) continue;
          const dx = x0 + (c + 0.5) * cellSize - px;
          if (dx * dx + dy2 > cellLimit * cellLimit) continue;
          for (let k = cellStart[cell]; k < cellStart[cell + 1]; k++) {
            const i = byCell[k];
            const ex = samples.x[i] - px;
            const ey = samples.y[i] - py;
            const d = ex * ex + ey * ey;
            if (d < squared[i]) squared[i] = d;
          }
        }
      }
    }
  }
  const field = new Float32Array(samples.x.length);
  const capSquared = capM * capM;
  for (let i = 0; i < field.length; i++) field[i] = squared[i] <= capSquared ? Math.sqrt(squared[i]) : Infinity;
  return field;
}
