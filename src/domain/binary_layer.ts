/**
 * The city bundle's large layers (streets, compounds, grids) as typed-array blocks: one file per layer that the
 * analysis worker reads without parsing JSON, and the page draws from without making an object per vertex.
 *
 *   "CCGB" | u32 format | u32 header bytes | header JSON (padded to 8) | blocks, each 8-byte aligned
 *
 * Geometry is nested offsets over one coordinate array (the GeoArrow layout), so a feature, a part or a ring is
 * a range, never an object:
 *   feature f → parts   [featureParts[f], featureParts[f + 1])        (a MultiLineString's lines, a MultiPolygon's polygons)
 *   part p    → rings   [partRings[p], partRings[p + 1])              (polygons only)
 *   line/ring → points  [ringPoints[r], ringPoints[r + 1]) in coords  (lon, lat interleaved, float64)
 * Properties are columns: numbers and booleans as blocks; strings through a dictionary (the names of districts,
 * streets and units repeat across tens of thousands of grids), its entries in the header; anything else as JSON.
 *
 * Why typed-array blocks and not FlatGeobuf or GeoArrow IPC: both would be read into per-feature objects (FlatGeobuf
 * deserialises feature by feature) or need a 200 kB+ reader (Apache Arrow) for what is here ~150 lines; the analysis
 * needs exactly these flat arrays, and a block becomes a Float64Array view with no copy. GeoJSON stays available:
 * `toFeatures` gives it back, and `npm run city:geojson` writes it.
 */
import type { Feature, LineString, MultiLineString, MultiPolygon, Polygon } from 'geojson';

export const BINARY_LAYER_MAGIC = 'CCGB';
export const BINARY_LAYER_FORMAT = 1;

type BlockType = 'f64' | 'u32' | 'u8';
interface BlockInfo { name: string; type: BlockType; offset: number; length: number }

type Column =
  | { key: string; kind: 'number'; block: string }
  | { key: string; kind: 'boolean'; block: string }
  /** index 0xffffffff: the property is absent on that feature */
  | { key: string; kind: 'string'; dictionary: string[]; block: string }
  /** `absent`: features that lack the property (JSON has no undefined) */
  | { key: string; kind: 'json'; values: unknown[]; absent: number[] };

interface Header { layer: string; count: number; geometry: 'line' | 'polygon'; columns: Column[]; blocks: BlockInfo[] }

export interface BinaryLayer<P = Record<string, unknown>> {
  layer: string;
  count: number;
  geometry: 'line' | 'polygon';
  featureParts: Uint32Array;
  /** polygons only; for lines each part is one ring of points */
  partRings: Uint32Array | null;
  ringPoints: Uint32Array;
  coords: Float64Array;
  /** property `key` of feature `f` (strings from the dictionary, absent as undefined) */
  property<K extends keyof P & string>(key: K, f: number): P[K];
  /** every property of feature `f`, as an object */
  properties(f: number): P;
  /** the whole column of a numeric property, as stored */
  numbers(key: keyof P & string): Float64Array;
}

const ABSENT = 0xffffffff;
const CONSTRUCTORS = { f64: Float64Array, u32: Uint32Array, u8: Uint8Array } as const;
const BYTES = { f64: 8, u32: 4, u8: 1 } as const;

type LayerGeometry = LineString | MultiLineString | Polygon | MultiPolygon;

/** Writes features (all lines or all polygons) as one binary layer. Coordinates are rounded to 1e-7° (~1 cm). */
export function encodeBinaryLayer(layer: string, features: readonly Feature<LayerGeometry, object>[]): Uint8Array {
  const polygonal = features.some((f) => f.geometry.type === 'Polygon' || f.geometry.type === 'MultiPolygon');
  const featureParts = new Uint32Array(features.length + 1);
  const partRings: number[] = [0];
  const ringPoints: number[] = [0];
  let points = 0;
  for (const f of features) {
    for (const part of partsOf(f.geometry)) {
      if (!polygonal) points += (part as number[][]).length;
      else for (const ring of part as number[][][]) points += ring.length;
    }
  }
  const coords = new Float64Array(points * 2);
  let p = 0;
  // indexed loops, no destructuring: a 30 km city's streets are 1.3 million points
  const addRing = (ring: number[][]): void => {
    for (let k = 0; k < ring.length; k++) {
      coords[p++] = Math.round(ring[k][0] * 1e7) / 1e7;
      coords[p++] = Math.round(ring[k][1] * 1e7) / 1e7;
    }
    ringPoints.push(p / 2);
  };
  for (let i = 0; i < features.length; i++) {
    const f = features[i];
    const parts = partsOf(f.geometry);
    if (polygonal !== (f.geometry.type === 'Polygon' || f.geometry.type === 'MultiPolygon')) throw new Error(`${layer}: feature ${i} mixes lines and polygons in one layer`);
    for (const part of parts) {
      if (!polygonal) addRing(part as number[][]);
      else {
        for (const ring of part as number[][][]) addRing(ring);
        partRings.push(ringPoints.length - 1);
      }
    }
    featureParts[i + 1] = polygonal ? partRings.length - 1 : ringPoints.length - 1;
  }

  const blocks: { name: string; data: Float64Array | Uint32Array | Uint8Array }[] = [
    { name: 'featureParts', data: featureParts },
    ...(polygonal ? [{ name: 'partRings', data: Uint32Array.from(partRings) }] : []),
    { name: 'ringPoints', data: Uint32Array.from(ringPoints) },
    { name: 'coords', data: coords },
  ];
  const columns = encodeColumns(features.map((f) => (f.properties ?? {}) as Record<string, unknown>), blocks);

  const infos: BlockInfo[] = [];
  const header = (): string => JSON.stringify({ layer, count: features.length, geometry: polygonal ? 'polygon' : 'line', columns, blocks: infos } satisfies Header);
  // offsets depend on the header's length and the header lists the offsets: lay out until it stops growing
  let headerBytes = 0;
  for (;;) {
    let offset = align8(12 + headerBytes);
    infos.length = 0;
    for (const b of blocks) {
      const type = typeOf(b.data);
      infos.push({ name: b.name, type, offset, length: b.data.length });
      offset = align8(offset + b.data.length * BYTES[type]);
    }
    const size = new TextEncoder().encode(header()).length;
    if (size <= headerBytes) break;
    headerBytes = align8(size + 64);
  }
  const last = infos[infos.length - 1];
  const out = new Uint8Array(align8(last.offset + last.length * BYTES[last.type]));
  out.set(new TextEncoder().encode(BINARY_LAYER_MAGIC), 0);
  const view = new DataView(out.buffer);
  view.setUint32(4, BINARY_LAYER_FORMAT, true);
  view.setUint32(8, headerBytes, true);
  const json = new TextEncoder().encode(header());
  out.fill(0x20, 12, 12 + headerBytes);
  out.set(json, 12);
  blocks.forEach((b, i) => out.set(new Uint8Array(b.data.buffer, b.data.byteOffset, b.data.byteLength), infos[i].offset));
  return out;
}

/** Reads a binary layer; `source` names the file in every error. The blocks are views on `bytes`, not copies. */
export function decodeBinaryLayer<P = Record<string, unknown>>(bytes: Uint8Array, source: string): BinaryLayer<P> {
  const fail = (why: string): never => {
    throw new Error(`${source}: ${why}`);
  };
  if (bytes.length < 12 || new TextDecoder().decode(bytes.subarray(0, 4)) !== BINARY_LAYER_MAGIC) fail('不是城市二进制图层 / not a city binary layer');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const format = view.getUint32(4, true);
  if (format > BINARY_LAYER_FORMAT) fail(`二进制图层格式 ${format} 比本程序支持的 ${BINARY_LAYER_FORMAT} 新 / binary layer format ${format} is newer than this app reads (${BINARY_LAYER_FORMAT})`);
  const headerBytes = view.getUint32(8, true);
  if (12 + headerBytes > bytes.length) fail('文件被截断 / the file is truncated');
  let header: Header;
  try {
    header = JSON.parse(new TextDecoder().decode(bytes.subarray(12, 12 + headerBytes))) as Header;
  } catch (cause) {
    return fail(`头部不是有效的 JSON / header is not valid JSON (${(cause as Error).message})`);
  }
  // typed arrays need aligned offsets: a buffer that starts unaligned (a slice of a larger one) is copied once
  const aligned = bytes.byteOffset % 8 === 0 ? bytes : bytes.slice();
  const block = (name: string) => {
    const info = header.blocks.find((b) => b.name === name) ?? fail(`缺少数据块 ${name} / block ${name} is missing`);
    if (info.offset + info.length * BYTES[info.type] > aligned.length) fail(`数据块 ${name} 超出文件 / block ${name} runs past the end of the file`);
    return new CONSTRUCTORS[info.type](aligned.buffer as ArrayBuffer, aligned.byteOffset + info.offset, info.length);
  };
  const featureParts = block('featureParts') as Uint32Array;
  const partRings = header.geometry === 'polygon' ? (block('partRings') as Uint32Array) : null;
  const ringPoints = block('ringPoints') as Uint32Array;
  const coords = block('coords') as Float64Array;
  if (featureParts.length !== header.count + 1) fail('要素数与几何不符 / feature count does not match the geometry');

  const readers = new Map<string, (f: number) => unknown>();
  for (const c of header.columns) {
    if (c.kind === 'json') {
      const absent = new Set(c.absent);
      readers.set(c.key, (f) => (absent.has(f) ? undefined : c.values[f]));
    } else if (c.kind === 'string') {
      const index = block(c.block) as Uint32Array;
      readers.set(c.key, (f) => (index[f] === ABSENT ? undefined : c.dictionary[index[f]]));
    } else if (c.kind === 'number') {
      const values = block(c.block) as Float64Array;
      readers.set(c.key, (f) => values[f]);
    } else {
      const values = block(c.block) as Uint8Array;
      readers.set(c.key, (f) => (values[f] === 2 ? undefined : values[f] === 1));
    }
  }
  return {
    layer: header.layer,
    count: header.count,
    geometry: header.geometry,
    featureParts,
    partRings,
    ringPoints,
    coords,
    property: (key, f) => (readers.get(key) ?? fail(`没有属性 ${key} / no property ${key}`))(f) as never,
    properties(f) {
      const out: Record<string, unknown> = {};
      for (const c of header.columns) {
        const value = readers.get(c.key)!(f);
        if (value === undefined) continue;
        const [outer, inner] = c.key.split('.');
        if (inner === undefined) out[outer] = value;
        else ((out[outer] ??= {}) as Record<string, unknown>)[inner] = value;
      }
      return out as P;
    },
    numbers(key) {
      const column = header.columns.find((c) => c.key === key);
      if (column?.kind !== 'number') return fail(`属性 ${key} 不是数值列 / property ${key} is not a number column`);
      return block(column.block) as Float64Array;
    },
  };
}

/** GeoJSON back from a binary layer: for exports, the command line and code written for features. */
export function toFeatures<P>(layer: BinaryLayer<P>, from = 0, to = layer.count): Feature<LayerGeometry, P>[] {
  const out: Feature<LayerGeometry, P>[] = [];
  for (let f = from; f < to; f++) out.push({ type: 'Feature', geometry: geometryOf(layer, f), properties: layer.properties(f) });
  return out;
}

/**
 * A feature of a binary layer that keeps no coordinates of its own: `geometry` is read from the layer's typed arrays
 * each time it is asked for (a new object each time, equal to the last). The page and the analysis worker hold a
 * city's layers this way: a 30 km city's 89 k grids and 37 k streets are 1.6 M points, which as GeoJSON arrays held
 * ~100 MB of the page's heap for the whole session (a sampling heap profile), and as many again passed through the
 * worker's while it built its model.
 *
 * `geometry` belongs to the class, so object spread and structured clone do not see it; JSON.stringify does (toJSON).
 * Code that copies a feature names the geometry: `{ ...f, geometry: f.geometry }`.
 */
export class BinaryLayerFeature<P> implements Feature<LayerGeometry, P> {
  readonly type = 'Feature';
  readonly #layer: BinaryLayer<P>;
  readonly #index: number;
  constructor(
    layer: BinaryLayer<P>,
    index: number,
    readonly properties: P,
  ) {
    this.#layer = layer;
    this.#index = index;
  }

  get geometry(): LayerGeometry {
    return geometryOf(this.#layer, this.#index);
  }

  toJSON(): Feature<LayerGeometry, P> {
    return { type: 'Feature', geometry: this.geometry, properties: this.properties };
  }

  /** How many parts the geometry has (a LineString or Polygon: 1), read without building it. */
  get partCount(): number {
    return this.#layer.featureParts[this.#index + 1] - this.#layer.featureParts[this.#index];
  }

  /** The points of part `part` of a line: that part alone built from the layer, as `geometry` would have it. */
  linePart(part: number): [number, number][] {
    const { ringPoints, coords } = this.#layer;
    const r = this.#ring(part);
    const points: [number, number][] = [];
    for (let k = ringPoints[r]; k < ringPoints[r + 1]; k++) points.push([coords[2 * k], coords[2 * k + 1]]);
    return points;
  }

  /** The box of part `part` (a line part, or a polygon part's outer ring), written to `boxes` at 4·`at`; its point count. */
  boxPart(part: number, boxes: Float64Array, at: number): number {
    boxes.set([Infinity, Infinity, -Infinity, -Infinity], 4 * at);
    return widenByRing(this.#layer, this.#ring(part), boxes, at);
  }

  /** a line part is one ring; a polygon part's first ring is its outer ring */
  #ring(part: number): number {
    const p = this.#layer.featureParts[this.#index] + part;
    return this.#layer.partRings ? this.#layer.partRings[p] : p;
  }

  /** The layer `features` are, all of it and in order (as lazyFeatures made them); null for any other list. */
  static layerOf(features: readonly unknown[]): BinaryLayer<unknown> | null {
    const first = features[0];
    if (!(first instanceof BinaryLayerFeature) || features.length !== first.#layer.count) return null;
    const layer = first.#layer;
    for (let i = 0; i < features.length; i++) {
      const f = features[i];
      if (!(f instanceof BinaryLayerFeature) || f.#layer !== layer || f.#index !== i) return null;
    }
    return layer;
  }
}

/**
 * Each feature's box [w, s, e, n] over its outer rings (a line's: all its points) and how many points those are,
 * read from the layer's typed arrays when `features` are a whole binary layer (BinaryLayerFeature.layerOf): no
 * geometry is made. Null for any other list. The page boxes a 30 km city's 89 k grids this way at load: decoding
 * their 0.9 M points to box them took ~100 ms of one task.
 */
export function outerRingBoxes(features: readonly unknown[]): { boxes: Float64Array; vertices: Uint32Array; totalVertices: number } | null {
  const layer = BinaryLayerFeature.layerOf(features);
  if (!layer) return null;
  const { featureParts, partRings } = layer;
  const boxes = new Float64Array(layer.count * 4);
  const vertices = new Uint32Array(layer.count);
  let totalVertices = 0;
  for (let f = 0; f < layer.count; f++) {
    boxes.set([Infinity, Infinity, -Infinity, -Infinity], 4 * f);
    let count = 0;
    // a polygon part's first ring is its outer ring; a line part is its own
    for (let p = featureParts[f]; p < featureParts[f + 1]; p++) count += widenByRing(layer, partRings ? partRings[p] : p, boxes, f);
    vertices[f] = count;
    totalVertices += count;
  }
  return { boxes, vertices, totalVertices };
}

/** Widens the box [w, s, e, n] at 4·`at` in `boxes` by ring `r`'s points; how many points. */
function widenByRing(layer: BinaryLayer<unknown>, r: number, boxes: Float64Array, at: number): number {
  const { ringPoints, coords } = layer;
  let [w, s, e, n] = [boxes[4 * at], boxes[4 * at + 1], boxes[4 * at + 2], boxes[4 * at + 3]];
  for (let k = ringPoints[r]; k < ringPoints[r + 1]; k++) {
    const x = coords[2 * k];
    const y = coords[2 * k + 1];
    if (x < w) w = x;
    if (x > e) e = x;
    if (y < s) s = y;
    if (y > n) n = y;
  }
  boxes.set([w, s, e, n], 4 * at);
  return ringPoints[r + 1] - ringPoints[r];
}

/** The layer's features from `from` to `to`, each reading its geometry from the layer when asked (BinaryLayerFeature). */
export function lazyFeatures<P>(layer: BinaryLayer<P>, from = 0, to = layer.count): BinaryLayerFeature<P>[] {
  const out: BinaryLayerFeature<P>[] = [];
  for (let f = from; f < to; f++) out.push(new BinaryLayerFeature(layer, f, layer.properties(f)));
  return out;
}

export function geometryOf(layer: BinaryLayer<unknown>, f: number): LayerGeometry {
  const line = (r: number): number[][] => {
    const points: number[][] = [];
    for (let k = layer.ringPoints[r]; k < layer.ringPoints[r + 1]; k++) points.push([layer.coords[2 * k], layer.coords[2 * k + 1]]);
    return points;
  };
  const parts: number[][][][] = [];
  const lines: number[][][] = [];
  for (let p = layer.featureParts[f]; p < layer.featureParts[f + 1]; p++) {
    if (!layer.partRings) lines.push(line(p));
    else {
      const rings: number[][][] = [];
      for (let r = layer.partRings[p]; r < layer.partRings[p + 1]; r++) rings.push(line(r));
      parts.push(rings);
    }
  }
  if (!layer.partRings) return lines.length === 1 ? { type: 'LineString', coordinates: lines[0] } : { type: 'MultiLineString', coordinates: lines };
  return parts.length === 1 ? { type: 'Polygon', coordinates: parts[0] } : { type: 'MultiPolygon', coordinates: parts };
}

function partsOf(geometry: LayerGeometry): unknown[] {
  return geometry.type === 'LineString' || geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
}

/** Columns for the properties; one level of nested objects (a grid's `derived` flags) is flattened to `a.b`. */
function encodeColumns(rows: Record<string, unknown>[], blocks: { name: string; data: Float64Array | Uint32Array | Uint8Array }[]): Column[] {
  const isNested = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);
  // the flattened keys in the order they first appear, each with how to read it from a row (no flattened copy of every row)
  const readers = new Map<string, (row: Record<string, unknown>) => unknown>();
  for (const row of rows) {
    for (const k of Object.keys(row)) {
      const v = row[k];
      if (!isNested(v)) {
        if (!readers.has(k)) readers.set(k, (r) => (isNested(r[k]) ? undefined : r[k]));
        continue;
      }
      for (const k2 of Object.keys(v)) {
        const key = `${k}.${k2}`;
        if (!readers.has(key)) {
          readers.set(key, (r) => {
            const nested = r[k];
            return isNested(nested) ? nested[k2] : undefined;
          });
        }
      }
    }
  }
  return [...readers].map(([key, read], c): Column => {
    const values = rows.map(read);
    const present = values.filter((v) => v !== undefined);
    const name = `column${c}`;
    if (present.every((v) => typeof v === 'string')) {
      const dictionary: string[] = [];
      const ids = new Map<string, number>();
      const index = Uint32Array.from(values, (v) => {
        if (v === undefined) return ABSENT;
        let id = ids.get(v as string);
        if (id === undefined) ids.set(v as string, (id = dictionary.push(v as string) - 1));
        return id;
      });
      blocks.push({ name, data: index });
      return { key, kind: 'string', dictionary, block: name };
    }
    if (present.length === values.length && present.every((v) => typeof v === 'number')) {
      blocks.push({ name, data: Float64Array.from(values as number[]) });
      return { key, kind: 'number', block: name };
    }
    if (present.every((v) => typeof v === 'boolean')) {
      blocks.push({ name, data: Uint8Array.from(values, (v) => (v === undefined ? 2 : v ? 1 : 0)) });
      return { key, kind: 'boolean', block: name };
    }
    return { key, kind: 'json', values: values.map((v) => v ?? null), absent: values.flatMap((v, f) => (v === undefined ? [f] : [])) };
  });
}

function typeOf(data: Float64Array | Uint32Array | Uint8Array): BlockType {
  return data instanceof Float64Array ? 'f64' : data instanceof Uint32Array ? 'u32' : 'u8';
}

const align8 = (n: number) => Math.ceil(n / 8) * 8;
