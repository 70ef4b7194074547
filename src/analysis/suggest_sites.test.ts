import { describe, expect, it } from 'vitest';
import { generateDemoCity } from '../../scripts/city/demo/demo_city';
import type { CityLayers } from '../domain/city_bundle';
import { applyProject, type Proposal } from '../ledger/project';
import { CityAnalysis, DEFAULT_PARAMS } from './city_analysis';

const demo = generateDemoCity({ seed: 20261122, sizeKm: 8 });
const INFO = { id: 'demo', name: { zh: '示例', en: 'demo' }, synthetic: true, dataDate: '2026-01-01' };
const analyse = (layers: CityLayers) => new CityAnalysis(INFO, layers, demo.bbox);

describe('suggested sites', () => {
  it('10 new toilets on the demo city: street coverage rises with each, and no pick gains more than the one before', () => {
    const sites = analyse(demo.layers).suggestSites(DEFAULT_PARAMS, 'toilet', 10);
    expect(sites.length).toBe(10);
    for (let k = 1; k < sites.length; k++) expect(sites[k].gain).toBeLessThanOrEqual(sites[k - 1].gain);
    let previous = analyse(demo.layers).report(DEFAULT_PARAMS, { grids: false }).toilets;
    const proposals: Proposal[] = [];
    for (const [k, site] of sites.entries()) {
      proposals.push({ id: `p${k}`, category: 'toilet', lon: site.lon, lat: site.lat, origin: 'suggested', name: '' });
      const now = analyse(applyProject(demo.layers, { ledgers: [], proposals })).report(DEFAULT_PARAMS, { grids: false }).toilets;
      expect(now.streetShareWithin).toBeGreaterThan(previous.streetShareWithin);
      // what the pick said it closes is what the street gap shrank by (samples are exact, straight-line)
      expect(previous.gapStreetMetres - now.gapStreetMetres).toBeCloseTo(site.closes, 0);
      previous = now;
    }
  });

  it('keeps picking past candidates the earlier picks covered completely', () => {
    const sites = analyse(demo.layers).suggestSites({ ...DEFAULT_PARAMS, toiletDistanceM: 300 }, 'toilet', 40);
    expect(sites.length).toBe(40);
    expect(sites.every((s, k) => k === 0 || s.gain <= sites[k - 1].gain)).toBe(true);
    expect(new Set(sites.map((s) => `${s.lon},${s.lat}`)).size).toBe(40);
  });

  it('parking sites each serve compounds that had none', () => {
    const analysis = analyse(demo.layers);
    const before = analysis.report(DEFAULT_PARAMS, { grids: false }).parking;
    const sites = analysis.suggestSites(DEFAULT_PARAMS, 'parking', 3);
    expect(sites.length).toBeGreaterThan(0);
    const proposals: Proposal[] = sites.map((s, k) => ({ id: `q${k}`, category: 'parking', lon: s.lon, lat: s.lat, origin: 'suggested', name: '' }));
    const after = analyse(applyProject(demo.layers, { ledgers: [], proposals })).report(DEFAULT_PARAMS, { grids: false }).parking;
    expect(after.compoundsServed - before.compoundsServed).toBe(sites.reduce((n, s) => n + s.closes, 0));
  });
});

describe('what-if', () => {
  it('setFacilities gives the report of a fresh analysis, and a lone proposal’s effect is the gap it closes', () => {
    const analysis = analyse(demo.layers);
    const before = analysis.report(DEFAULT_PARAMS);
    const [site] = analysis.suggestSites(DEFAULT_PARAMS, 'toilet', 1);
    const layers = applyProject(demo.layers, { ledgers: [], proposals: [{ id: 'p', category: 'toilet', lon: site.lon, lat: site.lat, origin: 'placed', name: '' }] });
    analysis.setFacilities(layers.facilities.features);
    const after = analysis.report(DEFAULT_PARAMS);
    expect(after).toEqual(analyse(layers).report(DEFAULT_PARAMS));
    const [effect] = analysis.proposalEffects(DEFAULT_PARAMS);
    expect(effect.id).toBe('p');
    expect(effect.closesM).toBeCloseTo(before.toilets.gapStreetMetres - after.toilets.gapStreetMetres, 3);
  });
});
