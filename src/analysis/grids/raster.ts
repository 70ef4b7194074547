/**
 * A label raster over the managed area in the local metric frame: pixel (col, row) covers
 * [x0 + col·res, x0 + (col+1)·res) × [y0 + row·res, …), row 0 in the south.
 */
export interface Raster {
  x0: number;
  y0: number;
  res: number;
  cols: number;
  rows: number;
}

/**
 * Marks the pixels a segment passes through. Steps of half a pixel give an 8-connected line, which a
 * 4-connected flood fill cannot leak through.
 */
export function drawSegment(raster: Raster, mask: Uint8Array, ax: number, ay: number, bx: number, by: number, value = 1): void {
  const steps = Math.max(1, Math.ceil((Math.hypot(bx - ax, by - ay) / raster.res) * 2));
  for (let i = 0; i <= steps; i++) {
    const x = ax + ((bx - ax) * i) / steps;
    const y = ay + ((by - ay) * i) / steps;
    const c = Math.floor((x - raster.x0) / raster.res);
    const r = Math.floor((y - raster.y0) / raster.res);
    if (c >= 0 && r >= 0 && c < raster.cols && r < raster.rows) mask[r * raster.cols + c] = Math.max(mask[r * raster.cols + c], value);
  }
}

/** 4-connected components of pixels where `free[p]` is 1; labels from 0, -1 elsewhere. `stack`: scratch, as long as the raster. */
export function labelComponents(raster: Raster, free: Uint8Array, stack = new Int32Array(free.length)): { labels: Int32Array; count: number } {
  const { cols } = raster;
  const n = free.length;
  const labels = new Int32Array(n).fill(-1);
  let count = 0;
  for (let start = 0; start < n; start++) {
    if (labels[start] !== -1 || !free[start]) continue;
    let top = 0;
    stack[top++] = start;
    labels[start] = count;
    while (top > 0) {
      const p = stack[--top];
      const c = p % cols;
      if (c > 0 && labels[p - 1] === -1 && free[p - 1]) { labels[p - 1] = count; stack[top++] = p - 1; }
      if (c < cols - 1 && labels[p + 1] === -1 && free[p + 1]) { labels[p + 1] = count; stack[top++] = p + 1; }
      if (p >= cols && labels[p - cols] === -1 && free[p - cols]) { labels[p - cols] = count; stack[top++] = p - cols; }
      if (p < n - cols && labels[p + cols] === -1 && free[p + cols]) { labels[p + cols] = count; stack[top++] = p + cols; }
    }
    count++;
  }
  return { labels, count };
}

/**
 * Chamfer (3-4) distance, in pixels, from each labelled pixel to the nearest unlabelled one: two passes over
 * the raster, written to `d`. Used to find components too thin to be blocks (the strip between dual carriageways).
 */
export function distanceToUnlabelled(raster: Raster, labels: Int32Array, d = new Float32Array(labels.length)): Float32Array {
  const { cols, rows } = raster;
  for (let p = 0; p < d.length; p++) d[p] = labels[p] >= 0 ? Infinity : 0;
  const relax = (p: number, q: number, cost: number) => {
    if (d[q] + cost < d[p]) d[p] = d[q] + cost;
  };
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const p = r * cols + c;
      if (d[p] === 0) continue;
      if (c > 0) relax(p, p - 1, 3);
      if (r > 0) {
        relax(p, p - cols, 3);
        if (c > 0) relax(p, p - cols - 1, 4);
        if (c < cols - 1) relax(p, p - cols + 1, 4);
      }
    }
  }
  for (let r = rows - 1; r >= 0; r--) {
    for (let c = cols - 1; c >= 0; c--) {
      const p = r * cols + c;
      if (d[p] === 0) continue;
      if (c < cols - 1) relax(p, p + 1, 3);
      if (r < rows - 1) {
        relax(p, p + cols, 3);
        if (c < cols - 1) relax(p, p + cols + 1, 4);
        if (c > 0) relax(p, p + cols - 1, 4);
      }
    }
  }
  for (let p = 0; p < d.length; p++) d[p] /= 3;
  return d;
}

/** Gives every unlabelled pixel the label of its nearest labelled pixel (4-connected breadth-first growth). `queue`: scratch, as long as the raster. */
export function growLabels(raster: Raster, labels: Int32Array, queue = new Int32Array(labels.length)): void {
  const { cols } = raster;
  const n = labels.length;
  let head = 0;
  let tail = 0;
  for (let p = 0; p < n; p++) if (labels[p] >= 0) queue[tail++] = p;
  while (head < tail) {
    const p = queue[head++];
    const c = p % cols;
    const l = labels[p];
    if (c > 0 && labels[p - 1] === -1) { labels[p - 1] = l; queue[tail++] = p - 1; }
    if (c < cols - 1 && labels[p + 1] === -1) { labels[p + 1] = l; queue[tail++] = p + 1; }
    if (p >= cols && labels[p - cols] === -1) { labels[p - cols] = l; queue[tail++] = p - cols; }
    if (p < n - cols && labels[p + cols] === -1) { labels[p + cols] = l; queue[tail++] = p + cols; }
  }
}

/**
 * Outlines of each label as rings of pixel corners, interior on the left (outer rings counter-clockwise, holes
 * clockwise), with straight runs merged. Coordinates are corner indices (col, row).
 *
 * Pixel sides are edges, keyed pixel·4 + side in the order a raster scan meets them:
 *
 *        2 (top, ←)
 *      ┌─────┐
 *   3  │  p  │  1 (right, ↑)          corner (X, Y) is the bottom-left corner of pixel (X, Y)
 *  (↓) └─────┘
 *      0 (bottom, →)
 *
 * Each label's rings start at its first corner (in key order of that corner's first edge) that still has an
 * untraced edge, and where a corner has two untraced edges of the label (two diagonal pixels) the later key
 * is taken: the same rings, vertex for vertex, as keeping one list of edges per start corner. No object is
 * allocated per edge: one byte of flags a pixel, and one list of boundary pixels per label (in `scratch` when
 * given: a raster of bytes and one of 32-bit integers).
 */
export function traceOutlines(raster: Raster, labels: Int32Array, labelCount: number, scratch?: { flags: Uint8Array; boundary: Int32Array }): [number, number][][][] {
  const { cols, rows } = raster;
  const n = cols * rows;
  const W = cols + 1;
  // low nibble: sides still to trace; high nibble: sides that are boundary edges at all
  const flags = scratch ? scratch.flags.subarray(0, n).fill(0) : new Uint8Array(n);
  const starts = new Int32Array(labelCount + 1);
  for (let r = 0, p = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++, p++) {
      const l = labels[p];
      if (l < 0) continue;
      let bits = 0;
      if (r === 0 || labels[p - cols] !== l) bits |= 1;
      if (c === cols - 1 || labels[p + 1] !== l) bits |= 2;
      if (r === rows - 1 || labels[p + cols] !== l) bits |= 4;
      if (c === 0 || labels[p - 1] !== l) bits |= 8;
      if (bits === 0) continue;
      flags[p] = bits | (bits << 4);
      starts[l + 1]++;
    }
  }
  for (let l = 0; l < labelCount; l++) starts[l + 1] += starts[l];
  // boundary pixels of each label, in raster order
  const boundary = scratch ? scratch.boundary.subarray(0, starts[labelCount]) : new Int32Array(starts[labelCount]);
  const fill = starts.slice(0, labelCount);
  for (let p = 0; p < n; p++) if (flags[p] !== 0) boundary[fill[labels[p]]++] = p;

  /** the untraced edge of label l leaving corner (X, Y) with the highest key, as pixel·4 + side, or -1 */
  const nextEdge = (X: number, Y: number, l: number): number => {
    if (X < cols && Y < rows) {
      const p = Y * cols + X;
      if (flags[p] & 1 && labels[p] === l) return p * 4;
    }
    if (X > 0 && Y < rows) {
      const p = Y * cols + X - 1;
      if (flags[p] & 2 && labels[p] === l) return p * 4 + 1;
    }
    if (X < cols && Y > 0) {
      const p = (Y - 1) * cols + X;
      if (flags[p] & 8 && labels[p] === l) return p * 4 + 3;
    }
    if (X > 0 && Y > 0) {
      const p = (Y - 1) * cols + X - 1;
      if (flags[p] & 4 && labels[p] === l) return p * 4 + 2;
    }
    return -1;
  };

  let xs = new Int32Array(1024);
  let ys = new Int32Array(1024);
  const outlines: [number, number][][][] = new Array<[number, number][][]>(labelCount);
  for (let l = 0; l < labelCount; l++) {
    const rings: [number, number][][] = [];
    let k = starts[l];
    let side = 0;
    for (;;) {
      // the next start corner: the first edge in key order whose start corner still has an untraced edge
      let startX = -1;
      let startY = -1;
      for (; k < starts[l + 1]; k++, side = 0) {
        const p = boundary[k];
        const c = p % cols;
        const r = (p - c) / cols;
        for (; side < 4; side++) {
          if (!((flags[p] >> 4) & (1 << side))) continue;
          const X = side === 1 || side === 2 ? c + 1 : c;
          const Y = side >= 2 ? r + 1 : r;
          if (nextEdge(X, Y, l) >= 0) {
            startX = X;
            startY = Y;
            break;
          }
        }
        if (startX >= 0) break;
      }
      if (startX < 0) break;
      let count = 0;
      let X = startX;
      let Y = startY;
      for (;;) {
        if (count + 1 >= xs.length) {
          const grownX = new Int32Array(xs.length * 2);
          const grownY = new Int32Array(ys.length * 2);
          grownX.set(xs);
          grownY.set(ys);
          xs = grownX;
          ys = grownY;
        }
        xs[count] = X;
        ys[count] = Y;
        count++;
        const edge = nextEdge(X, Y, l);
        if (edge < 0) throw new Error(`traceOutlines: ring of label ${l} is open at corner ${Y * W + X}`);
        const p = edge >> 2;
        const s = edge & 3;
        flags[p] &= ~(1 << s);
        if (s === 0) X++;
        else if (s === 1) Y++;
        else if (s === 2) X--;
        else Y--;
        if (X === startX && Y === startY) break;
      }
      rings.push(simplifyCorners(xs, ys, count));
    }
    outlines[l] = rings;
  }
  return outlines;
}

/** A closed ring of `count` corners (the first not repeated) without the vertices in the middle of straight runs, closed. */
function simplifyCorners(xs: Int32Array, ys: Int32Array, count: number): [number, number][] {
  const out: [number, number][] = [];
  for (let i = 0; i < count; i++) {
    const prev = (i - 1 + count) % count;
    const next = (i + 1) % count;
    if ((xs[prev] === xs[i] && xs[i] === xs[next]) || (ys[prev] === ys[i] && ys[i] === ys[next])) continue;
    out.push([xs[i], ys[i]]);
  }
  // a copy, not the first point again: callers convert the points in place
  out.push([out[0][0], out[0][1]]);
  return out;
}
