/**
 * Segments in a uniform grid of square cells (CSR: each cell lists the segments whose box touches it), for the one
 * question six-surroundings zones ask thousands of times: which segments come near this point. Flatbush answered
 * it through a filter called back with each candidate's box as four numbers; on the 30 km city a 2 km zone has
 * ~11 k candidates and the 5,500 zone centres allocated ~2.5 GB in the worker's first report (boxed numbers and
 * search queues), a load-time heap of ~250 MB. A cell scan allocates nothing per candidate.
 */

export interface SegmentGrid {
  x0: number;
  y0: number;
  size: number;
  cols: number;
  rows: number;
  /** cell c lists items[start[c]] … items[start[c + 1] - 1] */
  start: Int32Array;
  /** segment indices */
  items: Int32Array;
}

/** cells per side at most: a city of any size keeps the table within ~16 M cells */
const MAX_CELLS_PER_SIDE = 4096;

/** The grid of the segments `ids` (indices into ax, ay, bx, by), with cells about `cellSize` across. */
export function segmentGrid(ax: Float64Array, ay: Float64Array, bx: Float64Array, by: Float64Array, ids: ArrayLike<number>, cellSize: number): SegmentGrid | null {
  if (ids.length === 0) return null;
  let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
  for (let k = 0; k < ids.length; k++) {
    const s = ids[k];
    x0 = Math.min(x0, ax[s], bx[s]);
    y0 = Math.min(y0, ay[s], by[s]);
    x1 = Math.max(x1, ax[s], bx[s]);
    y1 = Math.max(y1, ay[s], by[s]);
  }
  const size = Math.max(cellSize, (x1 - x0) / MAX_CELLS_PER_SIDE, (y1 - y0) / MAX_CELLS_PER_SIDE, 1e-6);
  const cols = Math.floor((x1 - x0) / size) + 1;
  const rows = Math.floor((y1 - y0) / size) + 1;
  const grid: SegmentGrid = { x0, y0, size, cols, rows, start: new Int32Array(cols * rows + 1), items: new Int32Array(0) };
  // two passes over the segments' cells: count per cell, then place (counting sort)
  const eachCell = (s: number, visit: (cell: number) => void) => {
    const [c0, c1] = span(grid, Math.min(ax[s], bx[s]), Math.max(ax[s], bx[s]), 'x');
    const [r0, r1] = span(grid, Math.min(ay[s], by[s]), Math.max(ay[s], by[s]), 'y');
    for (let r = r0; r <= r1; r++) for (let c = c0; c <= c1; c++) visit(r * cols + c);
  };
  for (let k = 0; k < ids.length; k++) eachCell(ids[k], (cell) => grid.start[cell + 1]++);
  for (let cell = 0; cell < cols * rows; cell++) grid.start[cell + 1] += grid.start[cell];
  grid.items = new Int32Array(grid.start[cols * rows]);
  const fill = grid.start.slice(0, cols * rows);
  for (let k = 0; k < ids.length; k++) {
    const s = ids[k];
    eachCell(s, (cell) => (grid.items[fill[cell]++] = s));
  }
  return grid;
}

/** The cells a range of x (or y) touches, clamped to the grid: [first, last], empty when first > last. */
export function span(grid: SegmentGrid, from: number, to: number, axis: 'x' | 'y'): [number, number] {
  const [origin, count] = axis === 'x' ? [grid.x0, grid.cols] : [grid.y0, grid.rows];
  return [Math.max(0, Math.floor((from - origin) / grid.size)), Math.min(count - 1, Math.floor((to - origin) / grid.size))];
}
