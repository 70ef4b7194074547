import { describe, expect, it } from 'vitest';
import type { Feature, LineString, MultiPolygon, Polygon } from 'geojson';
import { generateDemoCity } from '../../scripts/city/demo/demo_city';
import { buildGrids } from '../../scripts/city/build_grids';
import { decodeBinaryLayer, encodeBinaryLayer, toFeatures } from './binary_layer';

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
