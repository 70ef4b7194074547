import { describe, expect, it } from 'vitest';
import { buildGrids } from '../../scripts/city/build_grids';
import { generateDemoCity } from '../../scripts/city/demo/demo_city';
import { CityAnalysis, DEFAULT_PARAMS } from './city_analysis';
import { gridTableFigures, gridTableFromScores, rankLevel, searchGrids, worstGrids } from './rankings';
import { GridTableReceiver, GridTableSender } from './grid_table_changes';

describe('rankings by level', () => {
  const city = generateDemoCity({ seed: 4, sizeKm: 4 });
  const { grids } = buildGrids(city, { cityName: '示例' });
  const report = new CityAnalysis({ id: 'demo', name: { zh: '示例', en: 'demo' }, synthetic: true, dataDate: '' }, { ...city.layers, grids: { type: 'FeatureCollection', features: grids } }, city.bbox).report(DEFAULT_PARAMS);
  const table = gridTableFromScores('demo', report.grids);
  const props = grids.map((g) => g.properties);

  it('ranks districts worst first, and their grids add up to the city', () => {
    const districts = rankLevel(props, table, 'district', null);
    expect(districts.map((d) => d.score)).toEqual([...districts.map((d) => d.score)].sort((a, b) => a - b));
    expect(districts.reduce((n, d) => n + d.grids.length, 0)).toBe(grids.length);
    expect(districts.reduce((s, d) => s + d.gapStreetMetres, 0)).toBeCloseTo(report.toilets.gapStreetMetres, 0);
  });

  it('drills down: the streets of one district hold exactly that district’s grids', () => {
    const [worst] = rankLevel(props, table, 'district', null);
    const streets = rankLevel(props, table, 'street', worst.key);
    expect(streets.every((s) => s.key.startsWith(worst.key))).toBe(true);
    expect(streets.reduce((n, s) => n + s.grids.length, 0)).toBe(worst.grids.length);
    const gridsOfStreet = rankLevel(props, table, 'grid', streets[0].key);
    expect(gridsOfStreet.map((g) => g.score)).toEqual(gridsOfStreet.map((g) => table.score[g.grids[0]]));
  });

  it('finds grids by code prefix and by name', () => {
    const target = props[Math.floor(props.length / 2)];
    expect(searchGrids(props, target.code).map((g) => props[g].code)).toEqual([target.code]);
    expect(searchGrids(props, target.name).map((g) => props[g].name)).toContain(target.name);
    expect(searchGrids(props, '   ')).toEqual([]);
  });
});

describe('ranking reads as a district head would', () => {
  it('puts 99 % coverage with 0.2 km of gap above 88 % with 4.3 km, whatever one compound without parking', () => {
    // district 320101: 20 km of street, 0.2 km gap, its only compound without parking; 320102: 36 km, 4.3 km gap,
    // 4 of 7 compounds with parking (the Nanjing case that read wrong under the old weighted-shares score)
    const props = [
      { code: '32010100100101', districtCode: '320101', streetCode: '001', communityCode: '001', district: '甲区', areaM2: 4e6 },
      { code: '32010200100101', districtCode: '320102', streetCode: '001', communityCode: '001', district: '乙区', areaM2: 4e6 },
    ] as never[];
    const column = (a: number, b: number) => Float32Array.from([a, b]);
    const table = { cityId: 't', score: column(0, 0), streetMetres: column(20_000, 36_000), gapStreetMetres: column(200, 4300), areaShare: column(0.6, 0.9), compounds: column(1, 7), unserved: column(1, 3), zoneAlleys: column(0, 0), zoneCompounds: column(0, 0) };
    const [worst, best] = rankLevel(props, table, 'district', null);
    expect(worst.key).toBe('320102');
    expect(best.key).toBe('320101');
    expect(best.score).toBeGreaterThan(worst.score);
  });
});

describe('worst grids', () => {
  it('matches the first rows of the full grid ranking', () => {
    const n = 200;
    const grids = Array.from({ length: n }, (_, g) => ({ code: `990101001001${String(g % 100).padStart(2, '0')}${g >= 100 ? 'b' : ''}` }) as never);
    const column = (f: (g: number) => number) => Float32Array.from({ length: n }, (_, g) => f(g));
    const table = { cityId: 't', score: column((g) => (g * 37) % 101), streetMetres: column(() => 100), gapStreetMetres: column((g) => (g * 13) % 50), areaShare: column(() => 1), compounds: column(() => 0), unserved: column(() => 0), zoneAlleys: column(() => 0), zoneCompounds: column(() => 0) };
    const full = rankLevel(grids, table, 'grid', null).slice(0, 8).map((r) => r.grids[0]);
    expect(worstGrids(grids, table, 8, null)).toEqual(full);
  });
});

describe('the worker\'s grid table', () => {
  it('equals the table and scorecards made from the report\'s per-grid list, at other settings too', () => {
    const city = generateDemoCity({ seed: 6, sizeKm: 3 });
    const { grids } = buildGrids(city, { cityName: '示例' });
    const analysis = new CityAnalysis({ id: 'demo', name: { zh: '示例', en: 'demo' }, synthetic: true, dataDate: '' }, { ...city.layers, grids: { type: 'FeatureCollection', features: grids } }, city.bbox);
    for (const params of [DEFAULT_PARAMS, { ...DEFAULT_PARAMS, toiletDistanceM: 300, parkingRadiusM: 150, zoneRadiusM: 300 }]) {
      const full = analysis.report(params);
      const { report, gridColumns } = analysis.reportWithGridColumns(params);
      expect(report).toEqual({ ...full, grids: [] });
      // the table as the worker sends it whole (no base) and the page takes it in
      expect(new GridTableReceiver().accept(new GridTableSender().changes('demo', gridTableFigures(gridColumns!), null))).toEqual(gridTableFromScores('demo', full.grids));
      for (const g of [full.grids[0], full.grids[Math.floor(full.grids.length / 2)], full.grids.at(-1)!]) expect(analysis.gridScorecard(g.code, gridColumns!)).toEqual(g);
      expect(analysis.gridScorecard('no-such-grid', gridColumns!)).toBeNull();
    }
  });
});
