/**
 * Boxes on a uniform grid of square cells, as compressed rows: cell c lists the boxes that touch it,
 * `items[start[c] .. start[c + 1])`, in ascending box order. Two questions asked millions of times use it with no
 * allocation per candidate:
 * - which region holds this point (placement.ts: regions' boxes, one cell looked at);
 * - which alley segments come near this zone centre (six_surroundings.ts: segments' boxes, the cells under the
 *   zone). Flatbush answered it through a filter called back with each candidate's box as four numbers; on the
 *   30 km city a 2 km zone has ~11 k candidates and the 5,500 zone centres allocated ~2.5 GB in the worker's first
 *   report (boxed numbers and search queues).
 */

export interface BoxGrid {
  x0: number;
  y0: number;
  size: number;
  cols: number;
  rows: number;
  start: Int32Array;
  /** box indices */
  items: Int32Array;
}

/** cells per side at most: a city of any size keeps the table within ~16 M cells */
const MAX_CELLS_PER_SIDE = 4096;

/** a box with no extent (a region with no rings: NaN or min > max) touches no cell */
const hasExtent = (boxes: Float64Array, b: number) => boxes[4 * b] <= boxes[4 * b + 2] && boxes[4 * b + 1] <= boxes[4 * b + 3];

/** The bounds of the boxes that have an extent; null when none has. */
export function boxBounds(boxes: Float64Array): [number, number, number, number] | null {
  let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
  for (let b = 0; b < boxes.length / 4; b++) {
    if (!hasExtent(boxes, b)) continue;
    x0 = Math.min(x0, boxes[4 * b]);
    y0 = Math.min(y0, boxes[4 * b + 1]);
    x1 = Math.max(x1, boxes[4 * b + 2]);
    y1 = Math.max(y1, boxes[4 * b + 3]);
  }
  return x0 <= x1 && y0 <= y1 ? [x0, y0, x1, y1] : null;
}

/** The grid of `boxes` (minX, minY, maxX, maxY per box) with cells about `cellSize` across; null when no box has an extent. */
export function boxGrid(boxes: Float64Array, cellSize: number): BoxGrid | null {
  const n = boxes.length / 4;
  const bounds = boxBounds(boxes);
  if (!bounds) return null;
  const [x0, y0, x1, y1] = bounds;
  const size = Math.max(cellSize, (x1 - x0) / MAX_CELLS_PER_SIDE, (y1 - y0) / MAX_CELLS_PER_SIDE, 1e-6);
  const cols = Math.floor((x1 - x0) / size) + 1;
  const rows = Math.floor((y1 - y0) / size) + 1;
  const grid: BoxGrid = { x0, y0, size, cols, rows, start: new Int32Array(cols * rows + 1), items: new Int32Array(0) };
  // two passes in box order, counting then filling: each cell's list comes out ascending
  const eachCell = (b: number, visit: (cell: number) => void) => {
    const [c0, c1] = span(grid, boxes[4 * b], boxes[4 * b + 2], 'x');
    const [r0, r1] = span(grid, boxes[4 * b + 1], boxes[4 * b + 3], 'y');
    for (let r = r0; r <= r1; r++) for (let c = c0; c <= c1; c++) visit(r * cols + c);
  };
  for (let b = 0; b < n; b++) if (hasExtent(boxes, b)) eachCell(b, (cell) => grid.start[cell + 1]++);
  for (let cell = 0; cell < cols * rows; cell++) grid.start[cell + 1] += grid.start[cell];
  grid.items = new Int32Array(grid.start[cols * rows]);
  const fill = grid.start.slice(0, cols * rows);
  for (let b = 0; b < n; b++) if (hasExtent(boxes, b)) eachCell(b, (cell) => (grid.items[fill[cell]++] = b));
  return grid;
}

/** The cells a range of x (or y) touches, clamped to the grid: [first, last], empty when first > last. */
export function span(grid: BoxGrid, from: number, to: number, axis: 'x' | 'y'): [number, number] {
  const [origin, count] = axis === 'x' ? [grid.x0, grid.cols] : [grid.y0, grid.rows];
  return [Math.max(0, Math.floor((from - origin) / grid.size)), Math.min(count - 1, Math.floor((to - origin) / grid.size))];
}

/** The segments' boxes, one per id (ids index ax, ay, bx, by): box k is segment ids[k]. */
export function segmentBoxes(ax: Float64Array, ay: Float64Array, bx: Float64Array, by: Float64Array, ids: ArrayLike<number>): Float64Array {
  const boxes = new Float64Array(ids.length * 4);
  for (let k = 0; k < ids.length; k++) {
    const s = ids[k];
    boxes[4 * k] = Math.min(ax[s], bx[s]);
    boxes[4 * k + 1] = Math.min(ay[s], by[s]);
    boxes[4 * k + 2] = Math.max(ax[s], bx[s]);
    boxes[4 * k + 3] = Math.max(ay[s], by[s]);
  }
  return boxes;
}
