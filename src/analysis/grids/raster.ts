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

/** 4-connected components of pixels where `free[p]` is 1; labels from 0, -1 elsewhere. */
export function labelComponents(raster: Raster, free: Uint8Array): { labels: Int32Array; count: number } {
  const { cols } = raster;
  const n = free.length;
  const labels = new Int32Array(n).fill(-1);
  const stack = new Int32Array(n);
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
 * the raster. Used to find components too thin to be blocks (the strip between dual carriageways).
 */
export function distanceToUnlabelled(raster: Raster, labels: Int32Array): Float32Array {
  const { cols, rows } = raster;
  const d = new Float32Array(labels.length);
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

/** Gives every unlabelled pixel the label of its nearest labelled pixel (4-connected breadth-first growth). */
export function growLabels(raster: Raster, labels: Int32Array): void {
  const { cols } = raster;
  const n = labels.length;
  const queue = new Int32Array(n);
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
 */
export function traceOutlines(raster: Raster, labels: Int32Array, labelCount: number): [number, number][][][] {
  const { cols, rows } = raster;
  const W = cols + 1;
  // directed boundary edges per label, keyed by their start corner
  const edges: Map<number, number[]>[] = Array.from({ length: labelCount }, () => new Map());
  const add = (label: number, from: number, to: number) => {
    const list = edges[label].get(from);
    if (list) list.push(to);
    else edges[label].set(from, [to]);
  };
  const at = (c: number, r: number) => (c < 0 || r < 0 || c >= cols || r >= rows ? -1 : labels[r * cols + c]);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const l = labels[r * cols + c];
      if (l < 0) continue;
      // counter-clockwise around the pixel: bottom (→), right (↑), top (←), left (↓)
      if (at(c, r - 1) !== l) add(l, r * W + c, r * W + c + 1);
      if (at(c + 1, r) !== l) add(l, r * W + c + 1, (r + 1) * W + c + 1);
      if (at(c, r + 1) !== l) add(l, (r + 1) * W + c + 1, (r + 1) * W + c);
      if (at(c - 1, r) !== l) add(l, (r + 1) * W + c, r * W + c);
    }
  }
  return edges.map((byStart) => {
    const rings: [number, number][][] = [];
    for (;;) {
      const first = byStart.keys().next();
      if (first.done) break;
      const start = first.value;
      const ring: number[] = [start];
      let from = start;
      for (;;) {
        const list = byStart.get(from)!;
        const to = list.pop()!;
        if (list.length === 0) byStart.delete(from);
        ring.push(to);
        from = to;
        if (to === start) break;
      }
      rings.push(simplifyRing(ring.map((v) => [v % W, Math.floor(v / W)] as [number, number])));
    }
    return rings;
  });
}

/** Drops vertices in the middle of straight runs. */
function simplifyRing(ring: [number, number][]): [number, number][] {
  const out: [number, number][] = [];
  const n = ring.length - 1;
  for (let i = 0; i < n; i++) {
    const prev = ring[(i - 1 + n) % n];
    const cur = ring[i];
    const next = ring[(i + 1) % n];
    if ((prev[0] === cur[0] && cur[0] === next[0]) || (prev[1] === cur[1] && cur[1] === next[1])) continue;
    out.push(cur);
  }
  out.push(out[0]);
  return out;
}
