import { describe, expect, it } from 'vitest';
import { buildGrids } from '../../scripts/city/build_grids';
import { generateDemoCity } from '../../scripts/city/demo/demo_city';
import { CityAnalysis, DEFAULT_PARAMS } from './city_analysis';

describe('per-grid scorecards', () => {
  const city = generateDemoCity({ seed: 9, sizeKm: 3 });
  const { grids } = buildGrids(city, { cityName: '示例' });
  const layers = { ...city.layers, grids: { type: 'FeatureCollection' as const, features: grids } };
  const analysis = new CityAnalysis({ id: 'demo', name: { zh: '示例', en: 'demo' }, synthetic: true, dataDate: '' }, layers, city.bbox);
  const report = analysis.report(DEFAULT_PARAMS);

  it('has one entry per grid, keyed by its code', () => {
    expect(report.grids.map((g) => g.code)).toEqual(grids.map((g) => g.properties.code));
  });

  it('adds up to the city: street metres, gap metres, facilities and compounds', () => {
    const sum = (f: (g: (typeof report.grids)[number]) => number) => report.grids.reduce((s, g) => s + f(g), 0);
    expect(sum((g) => g.toilets.streetMetres)).toBeCloseTo(report.toilets.streetMetres, 3);
    expect(sum((g) => g.toilets.gapStreetMetres)).toBeCloseTo(report.toilets.gapStreetMetres, 3);
    expect(sum((g) => Object.values(g.facilities).reduce((a, b) => a + (b ?? 0), 0))).toBe(city.layers.facilities.features.length);
    expect(sum((g) => g.parking.compounds)).toBe(report.parking.compounds);
    expect(sum((g) => g.parking.unserved)).toBe(report.parking.compounds - report.parking.compoundsServed);
  });

  it('follows the per-land-use spacing when it is switched on, as the city figures do', () => {
    const byLandUse = analysis.report({ ...DEFAULT_PARAMS, toiletByLandUse: true });
    const gap = byLandUse.grids.reduce((s, g) => s + g.toilets.gapStreetMetres, 0);
    expect(gap).toBeCloseTo(byLandUse.toilets.gapStreetMetres, 3);
    expect(byLandUse.toilets.gapStreetMetres).not.toBeCloseTo(report.toilets.gapStreetMetres, 0);
  });

  it('scores 0–100 by the stated formula: the share of checks passed, a compound weighing as 100 m of street', () => {
    for (const g of report.grids) {
      const checks = g.toilets.streetMetres + 100 * g.parking.compounds;
      const passed = g.toilets.streetMetres - g.toilets.gapStreetMetres + 100 * (g.parking.compounds - g.parking.unserved);
      expect(g.score).toBe(Math.round(checks > 0 ? (100 * passed) / checks : 100 * g.toilets.areaShareWithin));
      expect(g.score).toBeGreaterThanOrEqual(0);
      expect(g.score).toBeLessThanOrEqual(100);
    }
    expect(report.scoreFormula).toContain('100 × compounds with parking');
  });
});
