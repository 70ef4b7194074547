import { VectorTile } from '@mapbox/vector-tile';
import GeoJSONVT from 'geojson-vt';
import { gzipSync } from 'node:zlib';
import { PbfReader } from 'pbf';
import { PMTiles } from 'pmtiles';
import { fromGeojsonVt } from 'vt-pbf';
import { describe, expect, it } from 'vitest';
import type { BBox } from '../../src/domain/city_bundle';
import { buildBasemapTiles, MAX_ZOOM, tileCoordsCovering } from './basemap_tiles';
import { BASEMAP_LAYERS, type BasemapFeature, type BasemapLayerId } from './city_content';
import { generateDemoCity } from './demo/demo_city';
import { writePmtiles, type TileInput } from './pmtiles_writer';
import { BytesSource } from '../../test/helpers/bytes_source';

/** the zoom each road class is drawn from, as the style's road layers say it (minor from 12, paths from 14) */
const ROAD_FROM: Record<string, number> = { tertiary: 12, residential: 12, service: 12, path: 14 };

/**
 * The first way of cutting: every layer sliced at once, every tile of every zoom kept by the slicer, a tile's
 * layers encoded together, roads below the zoom their class is drawn from left out. The builder now cuts layer
 * by layer and zoom by zoom and lets go of tiles it no longer needs; the archive must not change by a byte.
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
      const cut = index.getTile(z, x, y);
      const tile = cut && layer === 'road' ? { ...cut, features: cut.features.filter((f) => (ROAD_FROM[String(f.tags?.kind)] ?? 0) <= z) } : cut;
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

  it('carry each road class from the zoom the style draws it on, read back with the pmtiles and vector-tile readers', async () => {
    const city = generateDemoCity({ seed: 7, sizeKm: 3 });
    // the synthetic city draws no paths: every tenth residential street stands in for one
    city.basemap.road = city.basemap.road.map((f, i) => (f.properties.kind === 'residential' && i % 10 === 0 ? { ...f, properties: { ...f.properties, kind: 'path' } } : f));
    const { pmtiles } = buildBasemapTiles((layer) => city.basemap[layer], city.bbox, {});
    const archive = new PMTiles(new BytesSource(pmtiles));
    /** road features per class in each zoom's tiles */
    const seen = new Map<number, Map<string, number>>();
    for (const { z, x, y } of tileCoordsCovering(city.bbox)) {
      const got = await archive.getZxy(z, x, y);
      if (!got) continue;
      const roads = new VectorTile(new PbfReader(new Uint8Array(got.data))).layers.road;
      const byClass = seen.get(z) ?? new Map<string, number>();
      seen.set(z, byClass);
      for (let i = 0; i < (roads?.length ?? 0); i++) {
        const kind = String(roads!.feature(i).properties.kind);
        byClass.set(kind, (byClass.get(kind) ?? 0) + 1);
      }
    }
    const classesIn = (from: number, to: number) => new Set([...seen].filter(([z]) => z >= from && z <= to).flatMap(([, byClass]) => [...byClass.keys()]));
    const inCity = new Set(city.basemap.road.map((f) => String(f.properties.kind)));
    expect([...inCity]).toEqual(expect.arrayContaining(['primary', 'residential', 'service', 'path']));
    for (const kind of inCity) {
      const from = ROAD_FROM[kind] ?? 10;
      // absent from every tile below its zoom, present in the tiles from it on
      expect(classesIn(10, from - 1).has(kind), kind).toBe(false);
      expect(classesIn(from, MAX_ZOOM).has(kind), kind).toBe(true);
    }
  });
});
