/**
 * Drawing that scales with the screen, not the city. A large overlay (alleys, toilet-gap samples, unit grids) is
 * drawn in full detail only while what the view holds fits a budget; a whole 900 km² city at city zoom instead
 * gets an aggregate per lattice cell (one image), which costs the same to draw however large the city is.
 *
 *   whole layer ≤ budget ──▶ the layer as it is (small cities: unchanged, no work on moves)
 *   in view ≤ budget ─────▶ the features whose boxes meet the view (rebuilt when a move ends)
 *   otherwise ────────────▶ the aggregate image (alley cells, grid choropleth by cell, gap cells)
 *
 * Software GL (the only GL on these machines) draws every vertex on the CPU, so the budgets are vertex counts.
 */
import type { Box } from './feature_box';

/**
 * How much of each kind is drawn in detail. SwiftShader pays for every instance deck.gl draws, on screen or not:
 * measured on the 30 km city (this machine, 1100×855 map) a path segment costs 20–33 µs a frame (12 k compound
 * vertices with their fills 0.4 s), a point 25–28 µs (18 k facility dots 0.5 s), a full-map image ~25 ms, the
 * basemap ~120 ms. Alleys are drawn by MapLibre (overlay_lines.ts) at ~0.5 µs a vertex (1440×900: all 516 k of the
 * 30 km city's 280 ms at city zoom, and ~3 s of main thread to hand over), so their budgets are vertices MapLibre draws.
 *   whole: a layer this small is drawn entirely and never rebuilt on moves (all but the 8 km demo city's grids);
 *   view: past `whole`, what the view may draw in detail (~30–80 ms a layer); beyond it the aggregate image.
 * Grids keep the older, dearer budget: district heads check their grids by outline at district zoom (the grid
 * image answers clicks too, but arrives after the first report and shows cells, not outlines).
 */
export const DETAIL_BUDGET = {
  whole: { alleyVertices: 60_000, gridVertices: 40_000, compoundVertices: 12_000, facilityDots: 4_000 },
  view: { alleyVertices: 30_000, gapSamples: 2_500, gridVertices: 40_000, compoundVertices: 2_000, facilityDots: 2_500 },
} as const;

/** Boxes of many features, [w, s, e, n] per feature, and their vertex counts. */
export interface BoxTable {
  boxes: Float64Array;
  vertices: Uint32Array;
  totalVertices: number;
}

/** Boxes of coordinate lists (a path, or a polygon's rings flattened): one pass, no objects kept. */
export function boxTable<T>(items: readonly T[], positions: (item: T) => readonly ArrayLike<number>[]): BoxTable {
  const boxes = new Float64Array(items.length * 4);
  const vertices = new Uint32Array(items.length);
  let totalVertices = 0;
  items.forEach((item, i) => {
    let w = Infinity;
    let s = Infinity;
    let e = -Infinity;
    let n = -Infinity;
    let count = 0;
    const list = positions(item);
    for (let k = 0; k < list.length; k++) {
      const p = list[k];
      if (p[0] < w) w = p[0];
      if (p[0] > e) e = p[0];
      if (p[1] < s) s = p[1];
      if (p[1] > n) n = p[1];
      count++;
    }
    boxes[4 * i] = w;
    boxes[4 * i + 1] = s;
    boxes[4 * i + 2] = e;
    boxes[4 * i + 3] = n;
    vertices[i] = count;
    totalVertices += count;
  });
  return { boxes, vertices, totalVertices };
}

/** Indices of the features whose boxes meet `view`, or null when their vertices pass `budget` (draw the aggregate). */
export function featuresInView(table: BoxTable, view: Box, budget: number): Uint32Array | null {
  const hits: number[] = [];
  let vertices = 0;
  const { boxes } = table;
  for (let i = 0; i < table.vertices.length; i++) {
    if (boxes[4 * i] > view[2] || boxes[4 * i + 2] < view[0] || boxes[4 * i + 1] > view[3] || boxes[4 * i + 3] < view[1]) continue;
    vertices += table.vertices[i];
    if (vertices > budget) return null;
    hits.push(i);
  }
  return Uint32Array.from(hits);
}

/** Points (lon, lat interleaved) inside `view`: their indices, or null past the budget. */
export function pointsInView(positions: Float64Array, view: Box, budget: number): Uint32Array | null {
  const hits: number[] = [];
  for (let i = 0; i < positions.length / 2; i++) {
    const lon = positions[2 * i];
    const lat = positions[2 * i + 1];
    if (lon < view[0] || lon > view[2] || lat < view[1] || lat > view[3]) continue;
    if (hits.length >= budget) return null;
    hits.push(i);
  }
  return Uint32Array.from(hits);
}

/** The view grown by `share` of its size on every side: a short pan stays inside what was built. */
export function grownView([w, s, e, n]: Box, share = 0.25): Box {
  const dx = (e - w) * share;
  const dy = (n - s) * share;
  return [w - dx, s - dy, e + dx, n + dy];
}

/** Whether `inner` lies inside `outer`. */
export function boxInside(inner: Box, outer: Box): boolean {
  return inner[0] >= outer[0] && inner[1] >= outer[1] && inner[2] <= outer[2] && inner[3] <= outer[3];
}

/** The lattice of the analysis (row-major from the south-west) as the frame of an aggregate image. */
export interface OverviewRasters {
  cols: number;
  rows: number;
  /** [west, south, east, north] of the lattice */
  bounds: [number, number, number, number];
  /** 1 where a back-alley candidate runs through the cell */
  alleyCells: Uint8Array;
  /** the grid (index into the bundle's grids) holding each cell's centre, -1 for none */
  gridOfCell: Int32Array | null;
}

/** Cells with alleys, tinted (north row first, as a BitmapLayer wants). */
export function alleyCellImage(o: OverviewRasters, colour: readonly [number, number, number, number]): ImageData {
  const image = new ImageData(o.cols, o.rows);
  for (let r = 0; r < o.rows; r++) {
    const target = (o.rows - 1 - r) * o.cols;
    for (let c = 0; c < o.cols; c++) if (o.alleyCells[r * o.cols + c]) image.data.set(colour, 4 * (target + c));
  }
  return image;
}

/**
 * The grid layer at city zoom: each cell filled with its grid's colour (the choropleth), and the cells where the
 * grid changes to the east or north drawn as outline, so the grid pattern stays visible without a polygon each.
 */
export function gridCellImage(o: OverviewRasters, colours: Uint8Array | null, outline: readonly [number, number, number, number]): ImageData | null {
  const grid = o.gridOfCell;
  if (!grid) return null;
  const image = new ImageData(o.cols, o.rows);
  for (let r = 0; r < o.rows; r++) {
    const target = (o.rows - 1 - r) * o.cols;
    for (let c = 0; c < o.cols; c++) {
      const i = r * o.cols + c;
      const g = grid[i];
      const at = 4 * (target + c);
      const edge = g >= 0 && ((c + 1 < o.cols && grid[i + 1] !== g) || (r + 1 < o.rows && grid[i + o.cols] !== g));
      if (edge) image.data.set(outline, at);
      else if (g >= 0 && colours) image.data.set(colours.subarray(4 * g, 4 * g + 4), at);
    }
  }
  return image;
}

/** The grid (index into the bundle's grids) under pixel (x, y) of gridCellImage, x from the west, y from the north; -1 for none. */
export function gridAtImagePixel(o: OverviewRasters, x: number, y: number): number {
  if (!o.gridOfCell || x < 0 || y < 0 || x >= o.cols || y >= o.rows) return -1;
  return o.gridOfCell[(o.rows - 1 - y) * o.cols + x];
}

/**
 * What a large layer draws for the view, rebuilt only when a move leaves the region it was built for (the view
 * grown by a quarter on each side) or the zoom changes by half a level; the same answer otherwise, so deck.gl
 * keeps its buffers. `select` answers null when the region holds too much: then the aggregate is drawn.
 */
export class ViewSubset<T> {
  private built: { region: Box; zoom: number; value: T } | null = null;
  constructor(private readonly select: (region: Box) => T | null) {}

  at(view: Box, zoom: number): T | null {
    const b = this.built;
    if (b && boxInside(view, b.region) && Math.abs(zoom - b.zoom) < 0.5) return b.value;
    const grown = grownView(view);
    const wide = this.select(grown);
    const value = wide ?? this.select(view);
    this.built = value === null ? null : { region: wide === null ? view : grown, zoom, value };
    return value;
  }
}
