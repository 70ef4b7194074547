/**
 * A small PMTiles v3 writer (no npm package writes PMTiles).
 *
 *   [127-byte header][root directory][metadata JSON][leaf directories][tile data]
 *
 * Directories and metadata are gzip-compressed; tiles are stored as given (already gzip-compressed MVT).
 * Identical tiles are stored once, and consecutive identical tiles become one run-length entry.
 * Spec: the PMTiles v3 specification (protomaps/PMTiles, spec/v3/spec.md).
 */
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { zxyToTileId } from 'pmtiles';

export interface TileInput { z: number; x: number; y: number; data: Uint8Array }

export interface PmtilesOptions {
  minZoom: number;
  maxZoom: number;
  /** [west, south, east, north] in degrees */
  bounds: [number, number, number, number];
  center: [number, number, number];
  metadata: Record<string, unknown>;
}

interface Entry { tileId: number; offset: number; length: number; runLength: number }

const HEADER_BYTES = 127;
/** The root directory must fit in the first 16 KiB together with the header. */
const ROOT_LIMIT = 16_384 - HEADER_BYTES;
const COMPRESSION_GZIP = 2;
const TILE_TYPE_MVT = 1;

export function writePmtiles(tiles: readonly TileInput[], options: PmtilesOptions): Uint8Array {
  const sorted = tiles.map((t) => ({ tileId: zxyToTileId(t.z, t.x, t.y), data: t.data })).sort((a, b) => a.tileId - b.tileId);
  const { entries, chunks, contents } = layoutTileData(sorted);
  const tileData = Buffer.concat(chunks);
  const { root, leaves } = buildDirectories(entries);
  const metadata = gzipSync(Buffer.from(JSON.stringify(options.metadata)));

  const rootOffset = HEADER_BYTES;
  const metadataOffset = rootOffset + root.length;
  const leavesOffset = metadataOffset + metadata.length;
  const tileDataOffset = leavesOffset + leaves.length;

  const header = Buffer.alloc(HEADER_BYTES);
  header.write('PMTiles', 0, 'ascii');
  header.writeUInt8(3, 7);
  const u64 = (value: number, at: number): void => void header.writeBigUInt64LE(BigInt(value), at);
  u64(rootOffset, 8);
  u64(root.length, 16);
  u64(metadataOffset, 24);
  u64(metadata.length, 32);
  u64(leavesOffset, 40);
  u64(leaves.length, 48);
  u64(tileDataOffset, 56);
  u64(tileData.length, 64);
  u64(sorted.length, 72); // addressed tiles
  u64(entries.length, 80); // tile entries
  u64(contents, 88); // distinct tile contents
  header.writeUInt8(1, 96); // clustered: tile data in tile-id order
  header.writeUInt8(COMPRESSION_GZIP, 97); // internal compression
  header.writeUInt8(COMPRESSION_GZIP, 98); // tile compression
  header.writeUInt8(TILE_TYPE_MVT, 99);
  header.writeUInt8(options.minZoom, 100);
  header.writeUInt8(options.maxZoom, 101);
  const e7 = (deg: number, at: number): void => void header.writeInt32LE(Math.round(deg * 1e7), at);
  e7(options.bounds[0], 102);
  e7(options.bounds[1], 106);
  e7(options.bounds[2], 110);
  e7(options.bounds[3], 114);
  header.writeUInt8(options.center[2], 118);
  e7(options.center[0], 119);
  e7(options.center[1], 123);

  return Buffer.concat([header, root, metadata, leaves, tileData]);
}

function layoutTileData(sorted: { tileId: number; data: Uint8Array }[]): { entries: Entry[]; chunks: Uint8Array[]; contents: number } {
  const entries: Entry[] = [];
  const chunks: Uint8Array[] = [];
  const offsetByHash = new Map<string, number>();
  let offset = 0;
  for (const tile of sorted) {
    const hash = createHash('sha1').update(tile.data).digest('hex');
    let tileOffset = offsetByHash.get(hash);
    if (tileOffset === undefined) {
      tileOffset = offset;
      offsetByHash.set(hash, offset);
      chunks.push(tile.data);
      offset += tile.data.length;
    }
    const last = entries.at(-1);
    if (last && last.offset === tileOffset && last.tileId + last.runLength === tile.tileId) last.runLength += 1;
    else entries.push({ tileId: tile.tileId, offset: tileOffset, length: tile.data.length, runLength: 1 });
  }
  return { entries, chunks, contents: offsetByHash.size };
}

/** Root alone when it fits; else leaves of growing size until the root of leaf pointers fits. */
function buildDirectories(entries: Entry[]): { root: Buffer; leaves: Buffer } {
  const root = serializeDirectory(entries);
  if (root.length <= ROOT_LIMIT) return { root, leaves: Buffer.alloc(0) };
  for (let leafSize = 4096; ; leafSize *= 2) {
    const leafBuffers: Buffer[] = [];
    const pointers: Entry[] = [];
    let offset = 0;
    for (let i = 0; i < entries.length; i += leafSize) {
      const leaf = serializeDirectory(entries.slice(i, i + leafSize));
      pointers.push({ tileId: entries[i].tileId, offset, length: leaf.length, runLength: 0 });
      leafBuffers.push(leaf);
      offset += leaf.length;
    }
    const pointerRoot = serializeDirectory(pointers);
    if (pointerRoot.length <= ROOT_LIMIT) return { root: pointerRoot, leaves: Buffer.concat(leafBuffers) };
  }
}

/** Columns of varints: count, tile-id deltas, run lengths, lengths, offsets (0 = right after the previous). */
export function serializeDirectory(entries: readonly Entry[]): Buffer {
  const bytes: number[] = [];
  const varint = (value: number): void => {
    let v = value;
    while (v >= 0x80) {
      bytes.push((v % 0x80) | 0x80);
      v = Math.floor(v / 0x80);
    }
    bytes.push(v);
  };
  varint(entries.length);
  let lastId = 0;
  for (const e of entries) {
    varint(e.tileId - lastId);
    lastId = e.tileId;
  }
  for (const e of entries) varint(e.runLength);
  for (const e of entries) varint(e.length);
  entries.forEach((e, i) => {
    const previous = entries[i - 1];
    varint(i > 0 && e.offset === previous.offset + previous.length ? 0 : e.offset + 1);
  });
  return gzipSync(Buffer.from(bytes));
}
