import { describe, expect, it } from 'vitest';
import { CityAnalysis, DEFAULT_PARAMS } from './city_analysis';
import { bboxAround, fixtureLayers, square, type FixtureCity } from './test/fixture_city';

const INFO = { id: 'fixture', name: { zh: '测试', en: 'test' }, synthetic: true, dataDate: '2026-01-01' };
const analyse = (city: FixtureCity, half = 1000, cellSizeM = 50) => new CityAnalysis(INFO, fixtureLayers(city), bboxAround(half, half), { cellSizeM, sampleSpacingM: 10 });

describe('toilet spacing', () => {
  it('counts a street exactly at the threshold as within', () => {
    // a 1 m street whose single sample sits exactly 500 m east of the toilet
    const a = analyse({ facilities: [{ at: [0, 0], category: 'toilet' }], streets: [{ line: [[499.5, 0], [500.5, 0]] }] });
    const r = a.report({ ...DEFAULT_PARAMS, toiletDistanceM: 500 });
    expect(r.toilets.streetShareWithin).toBe(1);
    expect(a.report({ ...DEFAULT_PARAMS, toiletDistanceM: 499.9 }).toilets.streetShareWithin).toBe(0);
  });

  it('measures gap street metres by hand: a 1 km street with a toilet at one end', () => {
    const a = analyse({ facilities: [{ at: [-500, 0], category: 'toilet' }], streets: [{ line: [[-500, 0], [500, 0]] }] });
    const r = a.report(DEFAULT_PARAMS);
    // samples every 10 m at the piece middles: those within 500 m cover the first 500 m
    expect(r.toilets.streetMetres).toBeCloseTo(1000, 6);
    expect(r.toilets.gapStreetMetres).toBeCloseTo(500, 6);
  });

  it('leaves private toilets out, and institutions’ open toilets in only when switched on', () => {
    const city: FixtureCity = {
      facilities: [
        { at: [0, 0], category: 'toilet', props: { access: 'private' } },
        { at: [400, 0], category: 'toilet', props: { access: 'institution_open' } },
      ],
      streets: [{ line: [[-10, 0], [10, 0]] }],
    };
    expect(analyse(city).report({ ...DEFAULT_PARAMS, includeInstitutionToilets: true }).toilets.streetShareWithin).toBe(1);
    expect(analyse(city).report({ ...DEFAULT_PARAMS, includeInstitutionToilets: false }).toilets.streetShareWithin).toBe(0);
  });

  it('walks around a block on the network: 100 m east then 100 m north is 200 m, not 141 m', () => {
    // an L of streets; the toilet at the west end, the sample point on the north leg
    const a = analyse({ facilities: [{ at: [0, 0], category: 'toilet' }], streets: [{ line: [[0, 0], [100, 0]] }, { line: [[100, 0], [100, 100]] }] });
    const straight = a.toiletFields(true, false).samples;
    const network = a.toiletFields(true, true).samples;
    const model = a.model;
    const top = Array.from(model.samples.y).findIndex((y) => y > 94);
    expect(network[top]).toBeCloseTo(100 + model.samples.y[top], 3);
    expect(straight[top]).toBeCloseTo(Math.hypot(100, model.samples.y[top]), 3);
  });

  it('joins a street that ends on another street’s segment (a T-junction without a shared vertex)', () => {
    const a = analyse({ facilities: [{ at: [-300, 0], category: 'toilet' }], streets: [{ line: [[-300, 0], [300, 0]] }, { line: [[0, 0.5], [0, 200]] }] });
    const network = a.toiletFields(true, true).samples;
    const stem = Array.from(a.model.samples.y).findIndex((y) => y > 190);
    expect(network[stem]).toBeCloseTo(300 + 0.5 + a.model.samples.y[stem] - 0.5, 0);
  });

  it('gives streets of a disconnected network no network distance, but a straight-line one', () => {
    const a = analyse({ facilities: [{ at: [0, 0], category: 'toilet' }], streets: [{ line: [[0, 0], [100, 0]] }, { line: [[0, 50], [100, 50]] }] });
    const island = Array.from(a.model.samples.y).findIndex((y) => y > 40);
    expect(a.toiletFields(true, true).samples[island]).toBe(Infinity);
    expect(a.toiletFields(true, false).samples[island]).toBeLessThan(120);
  });

  it('uses the land-use spacing when switched on: 800 m inside compounds, 500 m elsewhere', () => {
    const city: FixtureCity = {
      facilities: [{ at: [0, 0], category: 'toilet' }],
      streets: [{ line: [[650, 0], [660, 0]] }, { line: [[-650, 0], [-660, 0]] }],
      compounds: [{ rings: [square(600, -50, 700, 50)] }],
    };
    const r = analyse(city).report({ ...DEFAULT_PARAMS, toiletByLandUse: true });
    expect(r.toilets.streetShareWithin).toBeCloseTo(0.5, 6);
  });
});

describe('parking coverage', () => {
  const compoundWithHole = { rings: [square(0, 0, 200, 200), square(50, 50, 150, 150)] };

  it('measures from the polygon: 0 inside, and a parking lot in a hole is outside by its distance to the hole’s edge', () => {
    const inside = analyse({ facilities: [{ at: [20, 20], category: 'parking' }], compounds: [compoundWithHole] });
    expect(inside.report({ ...DEFAULT_PARAMS, parkingRadiusM: 0 }).parking.compoundsServed).toBe(1);
    const inHole = analyse({ facilities: [{ at: [100, 100], category: 'parking' }], compounds: [compoundWithHole] });
    // 50 m from the hole's edge: served at 50 m, not at 49 m
    expect(inHole.report({ ...DEFAULT_PARAMS, parkingRadiusM: 50 }).parking.compoundsServed).toBe(1);
    expect(inHole.report({ ...DEFAULT_PARAMS, parkingRadiusM: 49 }).parking.compoundsServed).toBe(0);
  });

  it('reports e-bike sheds as their own layer of need', () => {
    const a = analyse({ facilities: [{ at: [-400, 0], category: 'ebike_shed' }], compounds: [{ rings: [square(-300, -50, -200, 50)] }, { rings: [square(300, -50, 400, 50)] }] });
    expect(a.report(DEFAULT_PARAMS).parking.ebikeShedShareServed).toBe(0.5);
  });
});

describe('six surroundings', () => {
  it('counts an alley that crosses a zone edge without a vertex inside the zone', () => {
    // a school at the origin; an alley from (-600, 300) to (600, 300) passes 300 m from it
    const a = analyse({ facilities: [{ at: [0, 0], category: 'school' }], streets: [{ line: [[-600, 300], [600, 300]] }, { line: [[-600, 450], [600, 450], [600, 900]], alley: false }] });
    expect(a.report({ ...DEFAULT_PARAMS, zoneRadiusM: 500 }).zones.school).toEqual({ points: 1, alleys: 1, compounds: 0 });
  });

  it('counts a compound whose polygon reaches into the zone, and not one just outside', () => {
    const a = analyse({ facilities: [{ at: [0, 0], category: 'market' }], compounds: [{ rings: [square(450, -50, 600, 50)] }, { rings: [square(-700, -50, -501, 50)] }] });
    expect(a.report({ ...DEFAULT_PARAMS, zoneRadiusM: 500 }).zones.market.compounds).toBe(1);
    expect(a.report({ ...DEFAULT_PARAMS, zoneRadiusM: 600 }).zones.market.compounds).toBe(2);
  });
});

describe('per-district summary', () => {
  it('splits street coverage by district', () => {
    const a = analyse({
      facilities: [{ at: [-500, 0], category: 'toilet' }],
      streets: [{ line: [[-600, 0], [-400, 0]] }, { line: [[400, 0], [600, 0]] }],
      districts: [{ name: '西区', ring: square(-1000, -1000, 0, 1000) }, { name: '东区', ring: square(0, -1000, 1000, 1000) }],
    });
    const [west, east] = a.report(DEFAULT_PARAMS).districts;
    expect([west.name, west.toilets.streetShareWithin, west.facilities.toilet]).toEqual(['西区', 1, 1]);
    expect([east.name, east.toilets.streetShareWithin, east.toilets.gapStreetMetres]).toEqual(['东区', 0, expect.closeTo(200, 6)]);
  });
});
