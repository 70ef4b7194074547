import { describe, expect, it } from 'vitest';
import { Prng } from './prng';
import { boxGrid, segmentBoxes, span } from './box_grid';

/** the boxes the cells under a query box list, each once */
function listed(grid: NonNullable<ReturnType<typeof boxGrid>>, box: [number, number, number, number]): Set<number> {
  const found = new Set<number>();
  const [c0, c1] = span(grid, box[0], box[2], 'x');
  const [r0, r1] = span(grid, box[1], box[3], 'y');
  for (let r = r0; r <= r1; r++) for (let c = c0; c <= c1; c++) for (let k = grid.start[r * grid.cols + c]; k < grid.start[r * grid.cols + c + 1]; k++) found.add(grid.items[k]);
  return found;
}

describe('box grid of segments', () => {
  it('lists every segment whose box meets a query box (long segments over many cells, short ones in one), and only those of the chosen ids', () => {
    const prng = new Prng(11);
    const n = 2_000;
    const ax = new Float64Array(n), ay = new Float64Array(n), bx = new Float64Array(n), by = new Float64Array(n);
    for (let s = 0; s < n; s++) {
      ax[s] = prng.next() * 5_000;
      ay[s] = prng.next() * 5_000;
      // a tenth are long, crossing many cells
      const reach = s % 10 === 0 ? 1_500 : 40;
      bx[s] = ax[s] + (prng.next() - 0.5) * reach;
      by[s] = ay[s] + (prng.next() - 0.5) * reach;
    }
    const ids = Int32Array.from({ length: n / 2 }, (_, k) => 2 * k);
    const grid = boxGrid(segmentBoxes(ax, ay, bx, by, ids), 100)!;
    for (let q = 0; q < 300; q++) {
      const [x, y, r] = [prng.next() * 6_000 - 500, prng.next() * 6_000 - 500, prng.next() * 800];
      const box: [number, number, number, number] = [x - r, y - r, x + r, y + r];
      // box k is segment ids[k]
      const found = new Set([...listed(grid, box)].map((k) => ids[k]));
      const meets = [...ids].filter((s) => Math.min(ax[s], bx[s]) <= box[2] && Math.max(ax[s], bx[s]) >= box[0] && Math.min(ay[s], by[s]) <= box[3] && Math.max(ay[s], by[s]) >= box[1]);
      expect(meets.filter((s) => !found.has(s))).toEqual([]);
      // nothing beyond the cells next to the box, and no segment outside the ids
      const near = (s: number) => Math.min(ax[s], bx[s]) <= box[2] + grid.size && Math.max(ax[s], bx[s]) >= box[0] - grid.size && Math.min(ay[s], by[s]) <= box[3] + grid.size && Math.max(ay[s], by[s]) >= box[1] - grid.size;
      expect([...found].filter((s) => s % 2 === 1 || !near(s))).toEqual([]);
    }
    expect(boxGrid(segmentBoxes(ax, ay, bx, by, []), 100)).toBeNull();
  });
});
