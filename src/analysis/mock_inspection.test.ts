import pointToLineDistance from '@turf/point-to-line-distance';
import pointToPolygonDistance from '@turf/point-to-polygon-distance';
import { describe, expect, it } from 'vitest';
import { generateDemoCity } from '../../scripts/city/demo/demo_city';
import { CityAnalysis, DEFAULT_PARAMS } from './city_analysis';
import { rankedStreetGaps, streetGaps, streetToilets } from './gap_lists';
import { drawDistinct } from './mock_inspection';
import { Prng } from './prng';

const demo = generateDemoCity({ seed: 5, sizeKm: 3 });
const analysis = new CityAnalysis({ id: 'demo3', name: { zh: '示例', en: 'demo' }, synthetic: true, dataDate: '2026-01-01' }, demo.layers, demo.bbox);
const picks = { alleys: { min: 1, max: 2 }, compounds: { min: 1, max: 2 } };

describe('mock inspection', () => {
  it('draws the same items for the same seed and different ones for another seed', () => {
    const first = analysis.mockInspection(DEFAULT_PARAMS, { seed: 42, ...picks });
    const again = analysis.mockInspection(DEFAULT_PARAMS, { seed: 42, ...picks });
    const other = analysis.mockInspection(DEFAULT_PARAMS, { seed: 43, ...picks });
    const ids = (m: typeof first) => m.points.map((p) => [...p.alleys.map((a) => a.id), '|', ...p.compounds.map((c) => c.id)].join(','));
    expect(ids(again)).toEqual(ids(first));
    expect(ids(other)).not.toEqual(ids(first));
    expect(first.points.length).toBeGreaterThan(20);
  });

  it('picks 1–2 alleys and compounds per point, only from inside the zone (checked with Turf on the bundle)', () => {
    const radius = 800;
    const result = analysis.mockInspection({ ...DEFAULT_PARAMS, zoneRadiusM: radius }, { seed: 7, ...picks });
    const streets = new Map(demo.layers.streets.features.map((f) => [f.properties.id, f]));
    const compounds = new Map(demo.layers.compounds.features.map((f) => [f.properties.id, f]));
    let checked = 0;
    for (const point of result.points) {
      expect(point.alleys.length).toBeLessThanOrEqual(2);
      expect(point.alleys.length).toBeGreaterThanOrEqual(Math.min(1, point.alleyCandidates));
      expect(point.compounds.length).toBeLessThanOrEqual(2);
      expect(new Set(point.alleys.map((a) => a.id)).size).toBe(point.alleys.length);
      for (const alley of point.alleys) {
        const street = streets.get(alley.id)!;
        expect(street.properties.alley).toBe(true);
        const turfMetres = pointToLineDistance([point.lon, point.lat], street.geometry as never, { units: 'meters' });
        // our planar projection and Turf's haversine agree to well under 1 %
        expect(Math.abs(turfMetres - alley.distanceM)).toBeLessThan(2 + 0.005 * turfMetres);
        expect(turfMetres).toBeLessThanOrEqual(radius * 1.005);
        checked++;
      }
      for (const compound of point.compounds) {
        const metres = Math.max(0, pointToPolygonDistance([point.lon, point.lat], compounds.get(compound.id)!.geometry as never, { units: 'meters' }));
        expect(Math.abs(metres - compound.distanceM)).toBeLessThan(2 + 0.005 * metres);
        expect(compound.parkingServed).toBe(compound.parkingDistanceM <= DEFAULT_PARAMS.parkingRadiusM);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(50);
  });

  it('draws without replacement and never more than there are', () => {
    const prng = new Prng(1);
    expect(drawDistinct(prng, [1, 2, 3], 5).sort()).toEqual([1, 2, 3]);
    const two = drawDistinct(prng, [1, 2, 3, 4, 5], 2);
    expect(new Set(two).size).toBe(2);
  });
});

describe('gap lists', () => {
  it('street gaps add up to the report’s gap metres; unserved compounds match the parking figure', () => {
    const report = analysis.report(DEFAULT_PARAMS, { grids: false });
    const fields = analysis.toiletFields(true, false);
    const all = streetGaps(analysis.model, fields.samples, analysis.withinMasks(fields, DEFAULT_PARAMS).samples);
    expect(all.length).toBe(report.gaps.streetsWithGap);
    expect(all.reduce((sum, s) => sum + s.gapM, 0)).toBeCloseTo(report.toilets.gapStreetMetres, 3);
    for (let i = 1; i < report.gaps.streets.length; i++) expect(report.gaps.streets[i].gapM).toBeLessThanOrEqual(report.gaps.streets[i - 1].gapM);
    expect(report.gaps.compounds.length).toBe(report.parking.compounds - report.parking.compoundsServed);
    for (const c of report.gaps.compounds) expect(c.distanceM).toBeGreaterThan(DEFAULT_PARAMS.parkingRadiusM);
  });

  it('the report’s first streets are the whole ranked list’s first, ranked as objects sorted by gap, worst distance, id', () => {
    const fields = analysis.toiletFields(true, false);
    for (const params of [DEFAULT_PARAMS, { ...DEFAULT_PARAMS, toiletDistanceM: 300 }]) {
      const within = analysis.withinMasks(fields, params).samples;
      // the reference: a row per gap street, ordered by the rule written out plainly
      const { gapMetres, worstM } = streetToilets(analysis.model, fields.samples, within);
      const reference = analysis.model.streets
        .map((s, i) => ({ id: s.id, gapM: gapMetres[i], worst: worstM[i] }))
        .filter((r) => r.gapM > 0)
        .sort((a, b) => b.gapM - a.gapM || b.worst - a.worst || a.id.localeCompare(b.id))
        .map((r) => r.id);
      expect(streetGaps(analysis.model, fields.samples, within).map((g) => g.id)).toEqual(reference);
      const listed = rankedStreetGaps(analysis.model, fields.samples, within, 25);
      expect(listed.total).toBe(reference.length);
      expect(listed.rows.map((g) => g.id)).toEqual(reference.slice(0, 25));
      expect(reference.length).toBeGreaterThan(25);
    }
  });
});
