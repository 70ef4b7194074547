import { describe, expect, it } from 'vitest';
import { buildGrids } from '../../scripts/city/build_grids';
import { generateDemoCity } from '../../scripts/city/demo/demo_city';
import { Prng } from './prng';
import { CityAnalysis, DEFAULT_PARAMS } from './city_analysis';
import type { CityModel } from './city_model';
import { distinctGridStreets, gridColumns } from './grid_scores';

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

describe('an analysis reused for new facilities (the worker’s project, the snapshot job’s days)', () => {
  const city = generateDemoCity({ seed: 4, sizeKm: 3 });
  const layers = { ...city.layers, grids: { type: 'FeatureCollection' as const, features: buildGrids(city, { cityName: '示例' }).grids } };
  const info = { id: 'demo', name: { zh: '示例', en: 'demo' }, synthetic: true, dataDate: '' };
  const [w, s, e, n] = city.bbox;
  const toilet = (k: number) => ({ type: 'Feature' as const, geometry: { type: 'Point' as const, coordinates: [w + ((e - w) * (k + 1)) / 7, s + ((n - s) * (6 - k)) / 7] }, properties: { id: `t${k}`, category: 'toilet' as const, name: `t${k}`, source: 'ledger', access: 'public' as const } });
  // toilets added, and a market replaced by one elsewhere: every later facility's index shifts
  const firstMarket = layers.facilities.features.findIndex((f) => f.properties.category === 'market');
  const moved = { ...layers.facilities.features[firstMarket], geometry: { type: 'Point' as const, coordinates: [w + (e - w) / 3, s + (n - s) / 3] } };
  const variants = [
    [...layers.facilities.features, toilet(0), toilet(1), toilet(2)],
    [...layers.facilities.features.filter((_, i) => i !== firstMarket), toilet(3), moved],
    layers.facilities.features,
  ];

  it('answers what a fresh analysis of the same facilities answers', () => {
    const reused = new CityAnalysis(info, layers, city.bbox);
    reused.report(DEFAULT_PARAMS);
    for (const features of variants) {
      reused.setFacilities(features);
      const fresh = new CityAnalysis(info, { ...layers, facilities: { type: 'FeatureCollection', features } }, city.bbox).report(DEFAULT_PARAMS);
      expect(reused.report(DEFAULT_PARAMS)).toEqual(fresh);
    }
  });

  it('answers the same at the radius it stores zone pairs up to, and refuses a larger one', () => {
    const capped = new CityAnalysis(info, layers, city.bbox, { zonePairsUpToM: DEFAULT_PARAMS.zoneRadiusM });
    expect(capped.report(DEFAULT_PARAMS)).toEqual(new CityAnalysis(info, layers, city.bbox).report(DEFAULT_PARAMS));
    expect(() => capped.report({ ...DEFAULT_PARAMS, zoneRadiusM: DEFAULT_PARAMS.zoneRadiusM + 100 })).toThrow(/beyond/);
  });
});

describe('grid columns', () => {
  it('count each zone alley once per grid it runs through, and sum samples, cells and compounds (brute force)', () => {
    const prng = new Prng(3);
    const int = (n: number) => Math.floor(prng.next() * n);
    const [grids, streets, samples, cells, compounds] = [40, 300, 5000, 2000, 200];
    const sampleStreet = Int32Array.from({ length: samples }, () => int(streets));
    const model = { samples: { x: new Float64Array(samples), y: new Float64Array(samples), weight: Float64Array.from({ length: samples }, () => 1 + int(20)), street: sampleStreet }, streets: new Array(streets) } as unknown as CityModel;
    const placement = {
      gridOfSample: Int32Array.from({ length: samples }, () => int(grids + 1) - 1),
      gridOfCell: Int32Array.from({ length: cells }, () => int(grids + 1) - 1),
      gridOfCompound: Int32Array.from({ length: compounds }, () => int(grids + 1) - 1),
      gridOfFacility: new Int32Array(0),
    };
    const placedWithStreets = { ...placement, gridStreets: distinctGridStreets(placement.gridOfSample, sampleStreet, streets) };
    const inputs = {
      sampleWithin: Uint8Array.from({ length: samples }, () => int(2)),
      cellWithin: Uint8Array.from({ length: cells }, () => int(2)),
      compoundServed: (c: number) => c % 3 !== 0,
      alleyInZone: new Uint8Array(streets),
      compoundInZone: new Uint8Array(compounds),
    };
    for (let k = 0; k < 120; k++) inputs.alleyInZone[int(streets)] = 1 + int(6);
    for (let k = 0; k < 60; k++) inputs.compoundInZone[int(compounds)] = 1 + int(6);
    const c = gridColumns(model, grids, placedWithStreets, inputs);
    for (let g = 0; g < grids; g++) {
      const mine = [...Array(samples).keys()].filter((i) => placement.gridOfSample[i] === g);
      expect(c.zoneAlleys[g]).toBe(new Set(mine.map((i) => sampleStreet[i]).filter((s) => inputs.alleyInZone[s] !== 0)).size);
      const metres = mine.reduce((s, i) => s + model.samples.weight[i], 0);
      expect(c.streetMetres[g]).toBe(metres);
      expect(c.gapStreetMetres[g]).toBe(metres - mine.reduce((s, i) => s + (inputs.sampleWithin[i] ? model.samples.weight[i] : 0), 0));
      const myCells = [...Array(cells).keys()].filter((i) => placement.gridOfCell[i] === g);
      expect(c.areaShareWithin[g]).toBeCloseTo(myCells.length ? myCells.filter((i) => inputs.cellWithin[i]).length / myCells.length : 0, 12);
      const myCompounds = [...Array(compounds).keys()].filter((i) => placement.gridOfCompound[i] === g);
      expect(c.compounds[g]).toBe(myCompounds.length);
      expect(c.unserved[g]).toBe(myCompounds.filter((i) => !inputs.compoundServed(i)).length);
      expect(c.zoneCompounds[g]).toBe(myCompounds.filter((i) => inputs.compoundInZone[i] !== 0).length);
    }
    expect(c.zoneAlleys.reduce((a, b) => a + b, 0)).toBeGreaterThan(50);
  });

  it('list each (grid, street) pair of the samples once, by grid then street (a Set of pairs as reference)', () => {
    const prng = new Prng(11);
    // large grid and street numbers too, where grid × streets + street leaves the small integers
    for (const [grids, streets] of [
      [7, 5],
      [300, 1_000],
      [250_000, 999_983],
    ]) {
      const n = 20_000;
      const gridOfSample = Int32Array.from({ length: n }, () => Math.floor(prng.next() * (grids + 1)) - 1);
      const sampleStreet = Uint32Array.from({ length: n }, () => (prng.next() < 0.3 ? streets - 1 : Math.floor(prng.next() * streets)));
      const pairs = distinctGridStreets(gridOfSample, sampleStreet, streets);
      const reference = [...new Set([...gridOfSample.keys()].filter((i) => gridOfSample[i] >= 0).map((i) => `${gridOfSample[i]}:${sampleStreet[i]}`))];
      const listed = [...pairs.grid.keys()].map((k) => `${pairs.grid[k]}:${pairs.street[k]}`);
      expect(new Set(listed).size).toBe(listed.length);
      expect([...listed].sort()).toEqual([...reference].sort());
      for (let k = 1; k < pairs.grid.length; k++) expect(pairs.grid[k - 1] < pairs.grid[k] || (pairs.grid[k - 1] === pairs.grid[k] && pairs.street[k - 1] < pairs.street[k])).toBe(true);
    }
  });
});
