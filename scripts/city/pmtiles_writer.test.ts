import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { PMTiles } from 'pmtiles';
import { BytesSource } from '../../test/helpers/bytes_source';
import { writePmtiles, type TileInput } from './pmtiles_writer';

const options = { minZoom: 10, maxZoom: 14, bounds: [118.7, 32.0, 118.8, 32.1] as [number, number, number, number], center: [118.75, 32.05, 12] as [number, number, number], metadata: { name: '测试' } };
/** an integer hash, so pads look random but every run is the same */
const hash = (x: number, y: number): number => (Math.imul(x, 0x9e3779b1) ^ Math.imul(y + 0x7f4a7c15, 0x85ebca6b)) >>> 0;
/** tiles are gzip-compressed, as the header declares; random-looking text gives tiles varying lengths */
const tileBytes = (z: number, x: number, y: number): Uint8Array =>
  gzipSync(`tile ${z}/${x}/${y}.${Array.from({ length: hash(x, y) % 300 }, (_, i) => hash(i, x + y).toString(36)).join('')}`);
const text = (data: ArrayBuffer | undefined): string => new TextDecoder().decode(data).split('.')[0];

describe('PMTiles v3 writer, read back by the official reader', () => {
  it('writes a header the reader understands', async () => {
    const archive = new PMTiles(new BytesSource(writePmtiles([{ z: 10, x: 5, y: 7, data: tileBytes(10, 5, 7) }], options)));
    const header = await archive.getHeader();
    expect(header).toMatchObject({ specVersion: 3, minZoom: 10, maxZoom: 14, tileType: 1, minLon: 118.7, maxLat: 32.1, centerZoom: 12, clustered: true });
    expect(await archive.getMetadata()).toEqual({ name: '测试' });
  });

  it('returns every tile it was given, and nothing where there was none', async () => {
    const tiles: TileInput[] = [];
    for (let z = 10; z <= 12; z++) for (let x = 0; x < 2 ** (z - 8); x++) for (let y = 0; y < 3; y++) tiles.push({ z, x, y, data: tileBytes(z, x, y) });
    const archive = new PMTiles(new BytesSource(writePmtiles(tiles, options)));
    for (const t of tiles) {
      const got = await archive.getZxy(t.z, t.x, t.y);
      expect(text(got?.data)).toBe(`tile ${t.z}/${t.x}/${t.y}`);
    }
    expect(await archive.getZxy(10, 100, 100)).toBeUndefined();
  });

  it('stores identical tiles once', async () => {
    const same = gzipSync('same');
    const tiles = [0, 1, 2, 3].map((x) => ({ z: 10, x, y: 0, data: same }));
    const bytes = writePmtiles(tiles, options);
    const header = await new PMTiles(new BytesSource(bytes)).getHeader();
    expect(header.numAddressedTiles).toBe(4);
    expect(header.numTileContents).toBe(1);
    expect(header.tileDataLength).toBe(same.length);
  });

  it('uses leaf directories when the root would not fit in 16 KiB, and still finds every tile', async () => {
    const tiles: TileInput[] = [];
    // every other row, so tile ids are not one long run
    for (let x = 0; x < 200; x++) for (let y = 0; y < 400; y += 2) tiles.push({ z: 14, x: 13000 + x, y: 6000 + y, data: tileBytes(14, x, y) });
    const archive = new PMTiles(new BytesSource(writePmtiles(tiles, options)));
    const header = await archive.getHeader();
    expect(header.leafDirectoryLength).toBeGreaterThan(0);
    expect(header.rootDirectoryLength).toBeLessThanOrEqual(16_384 - 127);
    for (const t of [tiles[0], tiles[12_345], tiles.at(-1)!]) {
      const got = await archive.getZxy(t.z, t.x, t.y);
      expect(text(got?.data)).toBe(`tile 14/${t.x - 13000}/${t.y - 6000}`);
    }
  });
});
