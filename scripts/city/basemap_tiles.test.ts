import GeoJSONVT from 'geojson-vt';
import { gzipSync } from 'node:zlib';
import { fromGeojsonVt } from 'vt-pbf';
import { describe, expect, it } from 'vitest';
import type { BBox } from '../../src/domain/city_bundle';
import { buildBasemapTiles, MAX_ZOOM, tileCoordsCovering } from './basemap_tiles';
import { BASEMAP_LAYERS, type BasemapFeature, type BasemapLayerId } from './city_content';
import { generateDemoCity } from './demo/demo_city';
import { writePmtiles, type TileInput } from './pmtiles_writer';

/**
 * The first way of cutting: every layer sliced at once, every tile of every zoom kept by the slicer, a tile's
 * layers encoded together. The builder now cuts layer by layer and zoom by zoom and lets go of tiles it no
 * longer needs; the archive must not change by a byte.
 */
function cutAllAtOnce(basemap: Record<BasemapLayerId, BasemapFeature[]>, bbox: BBox, metadata: Record<string, unknown>): Uint8Array {
  const minZoom: Partial<Record<BasemapLayerId, number>> = { building: 14, poi: 14 };
  const indexes = BASEMAP_LAYERS.map((layer) => ({
    layer,
    index: new GeoJSONVT({ type: 'FeatureCollection', features: basemap[layer] }, { maxZoom: MAX_ZOOM, indexMaxZoom: 5, tolerance: 3, extent: 4096, buffer: 64 }),
  }));
  const tiles: TileInput[] = [];
  for (const { z, x, y } of tileCoordsCovering(bbox)) {
    const layers: Record<string, unknown> = {};
    for (const { layer, index } of indexes) {
      if (z < (minZoom[layer] ?? 0)) continue;
      const tile = index.getTile(z, x, y);
      if (tile && tile.features.length > 0) layers[layer] = tile;
    }
    if (Object.keys(layers).length > 0) tiles.push({ z, x, y, data: gzipSync(fromGeojsonVt(layers, { version: 2, extent: 4096 })) });
  }
  const center: [number, number, number] = [(bbox[0] + bbox[2]) / 2, (bbox[1] + bbox[3]) / 2, 14];
  return writePmtiles(tiles, {
    minZoom: 10,
    maxZoom: MAX_ZOOM,
    bounds: bbox,
    center,
    metadata: { ...metadata, vector_layers: BASEMAP_LAYERS.map((id) => ({ id, fields: { kind: 'String', name: 'String', rank: 'Number' } })) },
  });
}

describe('basemap tiles', () => {
  it('cut one layer and one zoom at a time, are byte for byte the tiles cut all at once', () => {
    const city = generateDemoCity({ seed: 7, sizeKm: 3 });
    const metadata = { name: '示例', attribution: 'test', synthetic: true };
    const expected = cutAllAtOnce(city.basemap, city.bbox, metadata);
    const taken: BasemapLayerId[] = [];
    const { pmtiles, tileCount } = buildBasemapTiles((layer) => (taken.push(layer), city.basemap[layer]), city.bbox, metadata);
    expect(taken).toEqual([...BASEMAP_LAYERS]);
    expect(tileCount).toBeGreaterThan(50);
    expect(Buffer.from(pmtiles).equals(Buffer.from(expected))).toBe(true);
  });
});
