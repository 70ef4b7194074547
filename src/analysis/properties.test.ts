import { describe, expect, it } from 'vitest';
import { generateDemoCity } from '../../scripts/city/demo/demo_city';
import type { CityLayers, FacilityFeature } from '../domain/city_bundle';
import { CityAnalysis, DEFAULT_PARAMS } from './city_analysis';

const INFO = { id: 'demo', name: { zh: '示例', en: 'demo' }, synthetic: true, dataDate: '2026-01-01' };
const demo = generateDemoCity({ seed: 3, sizeKm: 3 });

function withToilets(layers: CityLayers, extra: [number, number][]): CityLayers {
  const added: FacilityFeature[] = extra.map((coordinates, i) => ({
    type: 'Feature',
    geometry: { type: 'Point', coordinates },
    properties: { id: `added${i}`, category: 'toilet', name: '新增', source: 'test', access: 'public' },
  }));
  return { ...layers, facilities: { type: 'FeatureCollection', features: [...layers.facilities.features, ...added] } };
}

/** seeded positions inside the bbox */
function positions(n: number, seed: number): [number, number][] {
  let s = seed;
  const next = () => ((s = (Math.imul(s, 1_664_525) + 1_013_904_223) >>> 0) / 2 ** 32);
  const [w, south, e, north] = demo.bbox;
  return Array.from({ length: n }, () => [w + (e - w) * next(), south + (north - south) * next()]);
}

describe('analysis properties on a generated city', () => {
  it('network distance is never shorter than straight-line distance, for every sample and cell', () => {
    const a = new CityAnalysis(INFO, demo.layers, demo.bbox);
    for (const key of ['samples', 'cells'] as const) {
      const straight = a.toiletFields(true, false)[key];
      const network = a.toiletFields(true, true)[key];
      let violations = 0;
      for (let i = 0; i < straight.length; i++) if (network[i] < straight[i] - 0.01) violations++;
      expect({ key, violations }).toEqual({ key, violations: 0 });
      expect(straight.length).toBeGreaterThan(1000);
    }
  });

  it('adding a toilet never lowers coverage, straight or along the network', () => {
    const added = positions(6, 42);
    let previous = { street: -1, area: -1, networkStreet: -1 };
    for (let k = 0; k <= added.length; k++) {
      const r = new CityAnalysis(INFO, withToilets(demo.layers, added.slice(0, k)), demo.bbox).report({ ...DEFAULT_PARAMS, network: true });
      const now = { street: r.toilets.straight.streetShareWithin, area: r.toilets.straight.areaShareWithin, networkStreet: r.toilets.network!.streetShareWithin };
      expect(now.street).toBeGreaterThanOrEqual(previous.street);
      expect(now.area).toBeGreaterThanOrEqual(previous.area);
      expect(now.networkStreet).toBeGreaterThanOrEqual(previous.networkStreet);
      previous = now;
    }
  });

  it('a larger zone radius never reaches fewer alleys or compounds', () => {
    const a = new CityAnalysis(INFO, demo.layers, demo.bbox);
    let previous = { alleys: 0, compounds: 0 };
    for (const zoneRadiusM of [500, 750, 1000, 1500, 2000]) {
      const z = a.report({ ...DEFAULT_PARAMS, zoneRadiusM }).zones.school;
      expect(z.alleys).toBeGreaterThanOrEqual(previous.alleys);
      expect(z.compounds).toBeGreaterThanOrEqual(previous.compounds);
      previous = z;
    }
  });
});
