/**
 * Unit grids (网格) from the street network, aiming at about 10,000 m² each (CJ/T 213).
 *
 * On a 5 m raster of the managed area:
 *   1. barriers: arterials and administrative boundaries are hard, other streets, compound walls and water
 *      edges are soft;
 *   2. blocks: 4-connected areas between barriers; strips thinner than THIN_PIXELS on each side (between dual
 *      carriageways, along a wall) are road space and go to the blocks beside them in step 5;
 *   3. slivers below MIN_AREA merge with their smallest neighbour across a soft barrier (never a hard one);
 *   4. blocks above MAX_AREA are bisected along their longer side at area quantiles into ~target pieces;
 *      a block too large to be bounded by streets at all becomes a regular grid, marked as such;
 *   5. barrier pixels go to the nearest block, so grids tile the area with no gap and no overlap.
 * Outlines are traced from pixel edges. Everything is in the local metric frame.
 */
import type { GridOrigin as BundleGridOrigin } from '../../domain/city_bundle';
import { distanceToUnlabelled, drawSegment, growLabels, labelComponents, traceOutlines, type Raster } from './raster';

export interface GridOptions {
  /** metres a raster pixel, default 5 */
  resolutionM?: number;
  /** m², default 10,000 (CJ/T 213) */
  targetAreaM2?: number;
}

/** a polyline in metres, flat: x0, y0, x1, y1, … (one array a line, not one a point) */
export interface BarrierLine { points: ArrayLike<number>; hard: boolean }

/** a generated grid's origin; `imported` is for grid layers a city supplies */
export type GridOrigin = Exclude<BundleGridOrigin, 'imported'>;

export interface GeneratedGrid {
  /** polygons, each an outer ring (counter-clockwise) then holes, in metres */
  polygons: [number, number][][][];
  areaM2: number;
  origin: GridOrigin;
  /** centroid of the grid's pixels, metres */
  centre: [number, number];
}

const SOFT = 1;
const HARD = 2;
/** blocks more than this many targets in size were not bounded by streets: their pieces are a regular grid */
const REGULAR_FACTOR = 25;
/** pixels: a component no pixel of which is farther than this from a barrier is a strip, not a block */
const THIN_PIXELS = 2;

export function generateGrids(extent: { x0: number; y0: number; x1: number; y1: number }, barriers: readonly BarrierLine[], options: GridOptions = {}): { grids: GeneratedGrid[]; raster: Raster; labels: Int32Array } {
  const res = options.resolutionM ?? 5;
  const target = options.targetAreaM2 ?? 10_000;
  const minArea = target * 0.4;
  const maxArea = target * 1.8;
  const pixelArea = res * res;
  const raster: Raster = { x0: extent.x0, y0: extent.y0, res, cols: Math.max(1, Math.ceil((extent.x1 - extent.x0) / res)), rows: Math.max(1, Math.ceil((extent.y1 - extent.y0) / res)) };
  const n = raster.cols * raster.rows;

  const mask = new Uint8Array(n);
  for (const { points, hard } of barriers) for (let i = 0; i + 3 < points.length; i += 2) drawSegment(raster, mask, points[i], points[i + 1], points[i + 2], points[i + 3], hard ? HARD : SOFT);
  // two rasters of scratch, shared by the steps below: a 30 km city is 36 million pixels, 144 MB a raster
  const scratch = new ArrayBuffer(n * 4);
  const scratch2 = new ArrayBuffer(n * 4);
  const free = new Uint8Array(scratch2, 0, n);
  for (let p = 0; p < n; p++) free[p] = mask[p] === 0 ? 1 : 0;
  const components = labelComponents(raster, free, new Int32Array(scratch));
  const { labels, count } = dissolveThin(raster, components.labels, components.count, new Float32Array(scratch));

  const pixels = new Float64Array(count);
  for (let p = 0; p < n; p++) if (labels[p] >= 0) pixels[labels[p]]++;
  const root = mergeSlivers(raster, mask, labels, count, pixels, minArea / pixelArea);

  // compact ids for the merged blocks
  const blockOf = new Int32Array(count).fill(-1);
  let blocks = 0;
  const merged: boolean[] = [];
  for (let c = 0; c < count; c++) {
    const r = root(c);
    if (blockOf[r] === -1) {
      blockOf[r] = blocks++;
      merged.push(false);
    }
    blockOf[c] = blockOf[r];
    if (r !== c) merged[blockOf[r]] = true;
  }
  for (let p = 0; p < n; p++) if (labels[p] >= 0) labels[p] = blockOf[labels[p]];

  const { count: gridCount, origin } = splitLarge(raster, labels, blocks, merged, target / pixelArea, maxArea / pixelArea, [scratch, scratch2]);
  growLabels(raster, labels, new Int32Array(scratch));

  const area = new Float64Array(gridCount);
  const sumX = new Float64Array(gridCount);
  const sumY = new Float64Array(gridCount);
  for (let r = 0, p = 0; r < raster.rows; r++) {
    for (let c = 0; c < raster.cols; c++, p++) {
      const l = labels[p];
      area[l]++;
      sumX[l] += c + 0.5;
      sumY[l] += r + 0.5;
    }
  }
  const outlines = traceOutlines(raster, labels, gridCount, { flags: new Uint8Array(scratch2, 0, n), boundary: new Int32Array(scratch) });
  const grids: GeneratedGrid[] = outlines.map((rings, g) => ({
    // corners to metres in place: a 30 km city's outlines are over a million points
    polygons: groupRings(rings.map((ring) => {
      for (const point of ring) {
        point[0] = raster.x0 + point[0] * res;
        point[1] = raster.y0 + point[1] * res;
      }
      return ring;
    })),
    areaM2: area[g] * pixelArea,
    origin: origin[g],
    centre: [raster.x0 + (sumX[g] / area[g]) * res, raster.y0 + (sumY[g] / area[g]) * res],
  }));
  return { grids, raster, labels };
}

/** Union-find merging of small blocks into their smallest neighbour across soft barriers. */
function mergeSlivers(raster: Raster, mask: Uint8Array, labels: Int32Array, count: number, pixels: Float64Array, minPixels: number): (c: number) => number {
  const parent = Int32Array.from({ length: count }, (_, i) => i);
  const find = (c: number): number => {
    while (parent[c] !== c) c = parent[c] = parent[parent[c]];
    return c;
  };
  // neighbours across one or two soft-barrier pixels, in the four directions
  const neighbours: Set<number>[] = Array.from({ length: count }, () => new Set());
  const { cols } = raster;
  const n = labels.length;
  const found = new Int32Array(4);
  for (let p = 0; p < n; p++) {
    if (mask[p] !== SOFT) continue;
    const c = p % cols;
    let k = 0;
    // west, east, south, north: a block beside p, or one more soft pixel further
    for (let d = 0; d < 4; d++) {
      const step = d === 0 ? -1 : d === 1 ? 1 : d === 2 ? -cols : cols;
      if (d === 0 ? c <= 1 : d === 1 ? c >= cols - 2 : d === 2 ? p < 2 * cols : p >= n - 2 * cols) continue;
      const q = p + step;
      if (labels[q] >= 0) found[k++] = labels[q];
      else if (mask[q] === SOFT && labels[q + step] >= 0) found[k++] = labels[q + step];
    }
    for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) if (found[i] !== found[j]) neighbours[found[i]].add(found[j]);
  }
  const order = Array.from({ length: count }, (_, i) => i).sort((a, b) => pixels[a] - pixels[b]);
  for (const c of order) {
    let r = find(c);
    while (pixels[r] < minPixels) {
      let best = -1;
      for (const m of neighbours[r]) {
        const other = find(m);
        if (other !== r && (best === -1 || pixels[other] < pixels[best])) best = other;
      }
      if (best === -1) break;
      parent[r] = best;
      pixels[best] += pixels[r];
      for (const m of neighbours[r]) neighbours[best].add(m);
      r = best;
    }
  }
  return find;
}

/** Bisects blocks above maxPixels into about-target pieces; returns the new label count and each grid's origin. */
function splitLarge(raster: Raster, labels: Int32Array, blocks: number, merged: boolean[], targetPixels: number, maxPixels: number, scratch: [ArrayBuffer, ArrayBuffer]): { count: number; origin: GridOrigin[] } {
  const { cols } = raster;
  if (cols > 0xffff || raster.rows > 0xffff) throw new Error(`splitLarge: a raster of ${cols} × ${raster.rows} pixels is too large (at most 65,535 a side)`);
  // each block's pixels as row · 65536 + col, in raster order, as one list: block b's are pixels[start[b] .. start[b + 1])
  const start = new Int32Array(blocks + 1);
  for (let p = 0; p < labels.length; p++) if (labels[p] >= 0) start[labels[p] + 1]++;
  for (let b = 0; b < blocks; b++) start[b + 1] += start[b];
  const pixels = new Uint32Array(scratch[0], 0, start[blocks]);
  const fill = start.slice(0, blocks);
  for (let p = 0, r = 0, c = 0; p < labels.length; p++, c++) {
    if (c === cols) {
      c = 0;
      r++;
    }
    if (labels[p] >= 0) pixels[fill[labels[p]]++] = r * 65536 + c;
  }
  const other = new Uint32Array(scratch[1], 0, pixels.length);
  const origin: GridOrigin[] = Array.from({ length: blocks }, (_, b) => (merged[b] ? 'merged' : 'block'));
  let next = blocks;
  /**
   * Labels src[from .. to) as `pieces` pieces; the pixels lie in columns c0..c1 and rows r0..r1. One pass
   * counts them per column and per row (their bounds are the first and last counts), one more partitions them
   * into dst (the left part first, the right one reversed), where the two halves go on, swapping src and dst.
   * The order of the pixels changes no label: every step depends on the set of pixels only.
   */
  const bisect = (src: Uint32Array, dst: Uint32Array, from: number, to: number, pieces: number, label: number, kind: GridOrigin, c0: number, c1: number, r0: number, r1: number): void => {
    if (pieces <= 1 || to === from) {
      for (let i = from; i < to; i++) labels[(src[i] >>> 16) * cols + (src[i] & 0xffff)] = label;
      origin[label] = kind;
      return;
    }
    const perColumn = new Float64Array(c1 - c0 + 1);
    const perRow = new Float64Array(r1 - r0 + 1);
    for (let i = from; i < to; i++) {
      perColumn[(src[i] & 0xffff) - c0]++;
      perRow[(src[i] >>> 16) - r0]++;
    }
    let minC = 0;
    let maxC = perColumn.length - 1;
    let minR = 0;
    let maxR = perRow.length - 1;
    while (perColumn[minC] === 0) minC++;
    while (perColumn[maxC] === 0) maxC--;
    while (perRow[minR] === 0) minR++;
    while (perRow[maxR] === 0) maxR--;
    const byColumn = maxC - minC >= maxR - minR;
    const histogram = byColumn ? perColumn.subarray(minC, maxC + 1) : perRow.subarray(minR, maxR + 1);
    const lo = byColumn ? c0 + minC : r0 + minR;
    const shift = byColumn ? 0 : 16;
    const leftPieces = Math.floor(pieces / 2);
    const wanted = ((to - from) * leftPieces) / pieces;
    let cut = 0;
    for (let sum = 0; cut < histogram.length - 1 && sum + histogram[cut] <= wanted; cut++) sum += histogram[cut];
    cut = Math.max(1, cut);
    let left = from;
    let right = to;
    for (let i = from; i < to; i++) {
      if (((src[i] >>> shift) & 0xffff) - lo < cut) dst[left++] = src[i];
      else dst[--right] = src[i];
    }
    if (byColumn) {
      bisect(dst, src, from, left, leftPieces, label, kind, c0 + minC, lo + cut - 1, r0 + minR, r0 + maxR);
      bisect(dst, src, left, to, pieces - leftPieces, next++, kind, lo + cut, c0 + maxC, r0 + minR, r0 + maxR);
    } else {
      bisect(dst, src, from, left, leftPieces, label, kind, c0 + minC, c0 + maxC, r0 + minR, lo + cut - 1);
      bisect(dst, src, left, to, pieces - leftPieces, next++, kind, c0 + minC, c0 + maxC, lo + cut, r0 + maxR);
    }
  };
  for (let b = 0; b < blocks; b++) {
    const size = start[b + 1] - start[b];
    if (size <= maxPixels) continue;
    const pieces = Math.max(2, Math.round(size / targetPixels));
    let c0 = Infinity, c1 = -Infinity, r0 = Infinity, r1 = -Infinity;
    for (let i = start[b]; i < start[b + 1]; i++) {
      const c = pixels[i] & 0xffff;
      const r = pixels[i] >>> 16;
      if (c < c0) c0 = c;
      if (c > c1) c1 = c;
      if (r < r0) r0 = r;
      if (r > r1) r1 = r;
    }
    bisect(pixels, other, start[b], start[b + 1], pieces, b, size > REGULAR_FACTOR * targetPixels ? 'regular' : 'split', c0, c1, r0, r1);
  }
  return { count: next, origin };
}

/** Outer rings (counter-clockwise) each with the holes (clockwise) inside them. */
function groupRings(rings: [number, number][][]): [number, number][][][] {
  const signedArea = (ring: [number, number][]) => {
    let sum = 0;
    for (let i = 1; i < ring.length; i++) sum += (ring[i - 1][0] * ring[i][1] - ring[i][0] * ring[i - 1][1]) / 2;
    return sum;
  };
  const outers = rings.filter((r) => signedArea(r) > 0).map((r) => [r]);
  for (const hole of rings.filter((r) => signedArea(r) < 0)) {
    const [hx, hy] = hole[0];
    const owner = outers.find(([outer]) => contains(outer, hx + 0.01, hy + 0.01)) ?? outers[0];
    owner?.push(hole);
  }
  return outers;
}

function contains(ring: [number, number][], x: number, y: number): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** Unlabels components whose widest point is within THIN_PIXELS of a barrier, and renumbers the rest. */
function dissolveThin(raster: Raster, labels: Int32Array, count: number, scratch: Float32Array<ArrayBuffer>): { labels: Int32Array; count: number } {
  const depth = distanceToUnlabelled(raster, labels, scratch);
  const deepest = new Float32Array(count);
  for (let p = 0; p < labels.length; p++) if (labels[p] >= 0 && depth[p] > deepest[labels[p]]) deepest[labels[p]] = depth[p];
  const renumber = new Int32Array(count).fill(-1);
  let kept = 0;
  for (let c = 0; c < count; c++) if (deepest[c] > THIN_PIXELS) renumber[c] = kept++;
  for (let p = 0; p < labels.length; p++) if (labels[p] >= 0) labels[p] = renumber[labels[p]];
  return { labels, count: kept };
}
