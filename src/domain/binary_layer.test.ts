import { describe, expect, it } from 'vitest';
import type { Feature, LineString, MultiLineString, MultiPolygon, Polygon } from 'geojson';
import { generateDemoCity } from '../../scripts/city/demo/demo_city';
import { buildGrids } from '../../scripts/city/build_grids';
import { CityAnalysis, DEFAULT_PARAMS } from '../analysis/city_analysis';
import { BinaryLayerFeature, decodeBinaryLayer, encodeBinaryLayer, outerRingBoxes, toFeatures } from './binary_layer';
import type { CityLayers } from './city_bundle';
import { layerFeatures, layerFeaturesSync } from './layer_file';

/** GeoJSON rounded as the bundle writer rounds it (1e-7°): the binary layer must give back exactly this. */
const rounded = <T>(value: T): T => JSON.parse(JSON.stringify(value, (_k, v: unknown) => (typeof v === 'number' && !Number.isInteger(v) ? Math.round(v * 1e7) / 1e7 : v))) as T;

describe('binary layers', () => {
  const city = generateDemoCity({ seed: 4, sizeKm: 3 });
  const { grids } = buildGrids(city, { cityName: '示例城市' });

  it.each([
    ['streets', city.layers.streets.features],
    ['compounds', city.layers.compounds.features],
    ['grids', grids],
  ] as const)('%s: every feature, part, ring, point and property comes back as the GeoJSON had it', (name, features) => {
    const bytes = encodeBinaryLayer(name, features);
    const layer = decodeBinaryLayer(bytes, `${name}.bin`);
    expect(layer.count).toBe(features.length);
    expect(toFeatures(layer)).toEqual(rounded(features));
  });

  it.each([
    ['streets', city.layers.streets.features],
    ['compounds', city.layers.compounds.features],
    ['grids', grids],
  ] as const)('%s read for the page and the worker: each feature gives the geometry and properties plain GeoJSON has, and holds no coordinates', async (name, features) => {
    const path = `${name}.bin`;
    const bytes = encodeBinaryLayer(name, features);
    const plain = layerFeaturesSync<(typeof features)[number]>(path, bytes).features;
    let pauses = 0;
    const read = (await layerFeatures<(typeof features)[number]>(path, bytes, async () => void pauses++, 7)).features;
    expect(read).toHaveLength(plain.length);
    read.forEach((f, i) => {
      expect(f.type).toBe('Feature');
      expect(f.geometry).toEqual(plain[i].geometry);
      expect(f.properties).toEqual(plain[i].properties);
    });
    // an export writes the same text
    expect(JSON.stringify({ type: 'FeatureCollection', features: read })).toBe(JSON.stringify({ type: 'FeatureCollection', features: plain }));
    // the page yields between slices of 7
    expect(pauses).toBe(Math.ceil(plain.length / 7));
    // read from the layer each time: a new geometry at every read, so none is kept
    expect(read[0].geometry).not.toBe(read[0].geometry);
  });

  it('the analysis of a city read for the worker is the analysis of the same city as plain GeoJSON', async () => {
    const asRead = async <F>(name: string, features: readonly F[]) => layerFeatures<F>(`${name}.bin`, encodeBinaryLayer(name, features as never));
    const plain: CityLayers = {
      ...city.layers,
      streets: { type: 'FeatureCollection', features: layerFeaturesSync('streets.bin', encodeBinaryLayer('streets', city.layers.streets.features)).features as never },
      compounds: { type: 'FeatureCollection', features: layerFeaturesSync('compounds.bin', encodeBinaryLayer('compounds', city.layers.compounds.features)).features as never },
      grids: { type: 'FeatureCollection', features: layerFeaturesSync('grids.bin', encodeBinaryLayer('grids', grids)).features as never },
    };
    const read: CityLayers = { ...city.layers, streets: await asRead('streets', city.layers.streets.features), compounds: await asRead('compounds', city.layers.compounds.features), grids: await asRead('grids', grids) };
    const info = { id: 'demo', name: { zh: '示例', en: 'demo' }, synthetic: true, dataDate: '2026-01-01' };
    const report = (layers: CityLayers) => new CityAnalysis(info, layers, city.bbox).reportWithGridColumns({ ...DEFAULT_PARAMS, toiletDistanceM: 400 });
    const [a, b] = [report(plain), report(read)];
    expect(a.report.toilets.gapStreetMetres).toBeGreaterThan(0);
    expect(b).toEqual(a);
  });

  it('boxes a whole layer read for the page from its typed arrays, as the outer rings (or the lines) bound each feature; no other list', async () => {
    const holed: Feature<Polygon | MultiPolygon, object>[] = [
      { type: 'Feature', geometry: { type: 'Polygon', coordinates: [[[0, 0], [1, 0], [1, 1], [0, 0]], [[5, 5], [6, 5], [6, 6], [5, 5]]] }, properties: {} },
      { type: 'Feature', geometry: { type: 'MultiPolygon', coordinates: [[[[2, 2], [3, 2], [3, 3], [2, 2]]], [[[-5, 5], [-4, 5], [-4, 6], [-5, 5]]]] }, properties: {} },
    ];
    const layers = [['streets', city.layers.streets.features], ['compounds', city.layers.compounds.features], ['grids', grids], ['holed', holed]] as const;
    for (const [name, features] of layers) {
      const bytes = encodeBinaryLayer(name, features as readonly Feature<LineString | Polygon | MultiPolygon, object>[]);
      const plain = layerFeaturesSync<Feature<LineString | Polygon | MultiPolygon | MultiLineString>>(`${name}.bin`, bytes).features;
      const read = (await layerFeatures<unknown>(`${name}.bin`, bytes)).features;
      const table = outerRingBoxes(read)!;
      let total = 0;
      plain.forEach((f, i) => {
        const g = f.geometry;
        // brute force from the GeoJSON: every position of each outer ring, or of every line
        const points = (g.type === 'Polygon' ? [g.coordinates[0]] : g.type === 'MultiPolygon' ? g.coordinates.map((polygon) => polygon[0]) : g.type === 'LineString' ? [g.coordinates] : g.coordinates).flat();
        const xs = points.map((p) => p[0]);
        const ys = points.map((p) => p[1]);
        expect([...table.boxes.subarray(4 * i, 4 * i + 4)], `${name} ${i}`).toEqual([Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)]);
        expect(table.vertices[i]).toBe(points.length);
        total += points.length;
      });
      expect(table.totalVertices).toBe(total);
      // plain GeoJSON, part of a layer, or its features out of order: boxed by the caller from the geometry
      expect(outerRingBoxes(plain)).toBeNull();
      expect(outerRingBoxes(read.slice(1))).toBeNull();
      expect(outerRingBoxes([...read].reverse())).toBeNull();
    }
    // the hole (5..6) is not the box; the second feature's parts both are
    expect([...outerRingBoxes((await layerFeatures<unknown>('holed.bin', encodeBinaryLayer('holed', holed))).features)!.boxes]).toEqual([0, 0, 1, 1, -5, 2, 3, 6]);
  });

  it('reads one part of a feature (its points, its box) as the whole geometry has it, without building the rest', async () => {
    const multi: Feature<LineString | MultiLineString, object>[] = [
      { type: 'Feature', geometry: { type: 'MultiLineString', coordinates: [[[0, 0], [1, 2]], [[5, 5], [7, 4], [6, 9]]] }, properties: {} },
      { type: 'Feature', geometry: { type: 'LineString', coordinates: [[-1, -1], [-2, 3]] }, properties: {} },
    ];
    const holed: Feature<Polygon | MultiPolygon, object>[] = [
      { type: 'Feature', geometry: { type: 'Polygon', coordinates: [[[0, 0], [1, 0], [1, 1], [0, 0]], [[5, 5], [6, 5], [6, 6], [5, 5]]] }, properties: {} },
      { type: 'Feature', geometry: { type: 'MultiPolygon', coordinates: [[[[2, 2], [3, 2], [3, 3], [2, 2]]], [[[-5, 5], [-4, 5], [-4, 6], [-5, 5]]]] }, properties: {} },
    ];
    const layers = [['streets', city.layers.streets.features], ['multi', multi], ['compounds', city.layers.compounds.features], ['holed', holed]] as const;
    for (const [name, features] of layers) {
      const bytes = encodeBinaryLayer(name, features as readonly Feature<LineString | MultiLineString | Polygon | MultiPolygon, object>[]);
      const plain = layerFeaturesSync<Feature<LineString | MultiLineString | Polygon | MultiPolygon>>(`${name}.bin`, bytes).features;
      const read = (await layerFeatures<unknown>(`${name}.bin`, bytes)).features as BinaryLayerFeature<unknown>[];
      plain.forEach((f, i) => {
        const g = f.geometry;
        // each part's line, or its polygon's outer ring, from the GeoJSON
        const parts = g.type === 'LineString' ? [g.coordinates] : g.type === 'MultiLineString' ? g.coordinates : g.type === 'Polygon' ? [g.coordinates[0]] : g.coordinates.map((polygon) => polygon[0]);
        expect(read[i].partCount, `${name} ${i}`).toBe(parts.length);
        parts.forEach((points, part) => {
          if (g.type === 'LineString' || g.type === 'MultiLineString') expect(read[i].linePart(part)).toEqual(points);
          const boxes = new Float64Array(8).fill(NaN);
          expect(read[i].boxPart(part, boxes, 1)).toBe(points.length);
          const xs = points.map((p) => p[0]);
          const ys = points.map((p) => p[1]);
          expect([...boxes]).toEqual([NaN, NaN, NaN, NaN, Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)]);
        });
      });
    }
  });

  it('keeps multi-part geometry, absent properties, holes and nested flags', () => {
    const features: Feature<Polygon | MultiPolygon, object>[] = [
      { type: 'Feature', geometry: { type: 'Polygon', coordinates: [[[0, 0], [1, 0], [1, 1], [0, 0]], [[0.2, 0.2], [0.4, 0.2], [0.4, 0.4], [0.2, 0.2]]] }, properties: { name: '甲', code: 'A', derived: { street: true, community: false } } },
      { type: 'Feature', geometry: { type: 'MultiPolygon', coordinates: [[[[2, 2], [3, 2], [3, 3], [2, 2]]], [[[5, 5], [6, 5], [6, 6], [5, 5]]]] }, properties: { name: '<b>乙</b>', derived: { street: false, community: true }, seq: 2 } },
    ];
    const layer = decodeBinaryLayer(encodeBinaryLayer('test', features), 'test.bin');
    // seq is absent on the first: a column with gaps is kept as JSON, so nothing turns into 0 or NaN
    expect(toFeatures(layer)).toEqual([
      { ...features[0], properties: { name: '甲', code: 'A', derived: { street: true, community: false } } },
      { ...features[1], properties: { name: '<b>乙</b>', derived: { street: false, community: true }, seq: 2 } },
    ]);
    expect(layer.property('code' as never, 1)).toBeUndefined();
  });

  it('reads a layer that starts at an unaligned offset of a larger buffer (a network chunk)', () => {
    const features: Feature<LineString, { id: string; lengthM: number }>[] = [{ type: 'Feature', geometry: { type: 'LineString', coordinates: [[118.1, 32.1], [118.2, 32.2]] }, properties: { id: 's1', lengthM: 12.5 } }];
    const bytes = encodeBinaryLayer('streets', features);
    const padded = new Uint8Array(bytes.length + 3);
    padded.set(bytes, 3);
    const layer = decodeBinaryLayer<{ id: string; lengthM: number }>(padded.subarray(3), 'streets.bin');
    expect(toFeatures(layer)).toEqual(features);
    expect([...layer.numbers('lengthM')]).toEqual([12.5]);
  });

  it('names the file and the reason for a file it cannot read', () => {
    expect(() => decodeBinaryLayer(new TextEncoder().encode('{"type":"FeatureCollection"}'), 'data/x/grids.bin')).toThrow(/data\/x\/grids\.bin: .*not a city binary layer/);
    const bytes = encodeBinaryLayer('streets', [{ type: 'Feature', geometry: { type: 'LineString', coordinates: [[0, 0], [1, 1]] }, properties: { id: 'a' } }]);
    expect(() => decodeBinaryLayer(bytes.subarray(0, bytes.length - 8), 'streets.bin')).toThrow(/streets\.bin: .*runs past the end/);
    const newer = bytes.slice();
    new DataView(newer.buffer).setUint32(4, 99, true);
    expect(() => decodeBinaryLayer(newer, 'streets.bin')).toThrow(/format 99 is newer/);
  });
});
