/**
 * Regression fixtures, each named after what broke. Hand-built cities in metres (see test/fixture_city.ts).
 */
import { describe, expect, it } from 'vitest';
import { buildGrids } from '../../scripts/city/build_grids';
import { generateDemoCity } from '../../scripts/city/demo/demo_city';
import type { CityLayers } from '../domain/city_bundle';
import { applyProject, type LedgerLayer, type Proposal } from '../ledger/project';
import { CityAnalysis, DEFAULT_PARAMS, type AnalysisParams } from './city_analysis';
import { Prng } from './prng';
import { nearestSegment } from './street_graph';
import { bboxAround, fixtureLayers, square, type FixtureCity } from './test/fixture_city';
import { uShape } from './test/random_city';

const INFO = { id: 'fixture', name: { zh: '测试', en: 'test' }, synthetic: true, dataDate: '2026-01-01' };

describe('u-shaped compound whose box centre lies in its notch', () => {
  // outer 900 × 1300 m, notch 700 m wide and 1000 m deep opening north, arms 100 m: the box centre (450, 650) is in
  // the notch, 350 m from every wall. One lot stands there; another 100 m south of the outer wall.
  const compound = uShape(0, 0, 700, 1000, 100, 300);
  const city: FixtureCity = {
    streets: [{ line: [[-300, -150], [1200, -150]], alley: false }],
    compounds: [{ rings: [compound], name: 'U形小区' }],
    facilities: [
      { at: [450, 650], category: 'parking' },
      { at: [450, -100], category: 'parking' },
    ],
    districts: [{ ring: uShape(-100, -100, 700, 1100, 200, 400), name: 'U区' }],
    grids: [{ rings: [uShape(-100, -100, 700, 1100, 200, 400)], name: 'U网格' }, { rings: [square(100, 300, 800, 1300)], name: '凹口网格' }],
  };
  const analysis = new CityAnalysis(INFO, fixtureLayers(city), bboxAround(1600, 1600));
  const report = analysis.report(DEFAULT_PARAMS);

  it('is 100 m from the nearest lot and served at 300 m', () => {
    expect(analysis.parkingDistances()[0]).toBeCloseTo(100, 3);
    expect(report.parking.compoundsServed).toBe(1);
    expect(report.gaps.compounds).toEqual([]);
  });

  it('is counted in the grid and district it lies in, not the one its box centre falls in', () => {
    const [uGrid, notchGrid] = report.grids;
    expect(uGrid.parking).toEqual({ compounds: 1, unserved: 0 });
    expect(notchGrid.parking).toEqual({ compounds: 0, unserved: 0 });
    expect(report.districts[0].parking).toMatchObject({ compounds: 1, served: 1 });
  });
});

describe('nearest segment past eight nearer boxes', () => {
  // ten long diagonals x + y = c pass 70–76 m from the origin, but their boxes contain it; a short street lies 5 m
  // north. Box order puts every diagonal first.
  const diagonals = Array.from({ length: 10 }, (_, k) => {
    const c = 99 + k;
    return { line: [[-600, c + 600], [c + 600, -600]] as [number, number][] };
  });
  const analysis = new CityAnalysis(INFO, fixtureLayers({ streets: [...diagonals, { line: [[-2, 5], [2, 5]] }] }), bboxAround(800, 800));

  it('finds the street 5 m away', () => {
    expect(nearestSegment(analysis.model.segments, 0, 0)?.access).toBeCloseTo(5, 9);
  });
});

describe('dead end beside six nearer boxes', () => {
  // a stem ends 2 m north of an east–west street; seven diagonals 10 m away have boxes around the stem's end, so
  // box order reached only them and the stem was never joined: its streets had no walking distance at all
  const diagonals = Array.from({ length: 7 }, (_, k) => {
    const c = 14.2 + k * 0.1;
    return { line: [[-600, c + 600], [c + 600, -600]] as [number, number][] };
  });
  const city: FixtureCity = {
    streets: [...diagonals, { line: [[-200, -2], [200, -2]] }, { line: [[0, 0], [0, 300]] }],
    facilities: [{ at: [-200, -2], category: 'toilet' }],
  };
  const analysis = new CityAnalysis(INFO, fixtureLayers(city), bboxAround(800, 800), { sampleSpacingM: 10 });

  it('joins the stem, so its far end is 200 + 2 + 300 m away along the streets', () => {
    const network = analysis.toiletFields(true, true).samples;
    const { samples, segments } = analysis.model;
    const stemSegment = segments.street.findIndex((s) => s === 8);
    const top = Array.from(samples.y).reduce((best, y, i) => (samples.segment[i] === stemSegment && y > samples.y[best] ? i : best), samples.segment.indexOf(stemSegment));
    expect(network[top]).toBeCloseTo(200 + 2 + samples.y[top], 3);
  });
});

describe('one rule set: suggestions and proposal effects follow the spacing and distance in force', () => {
  const demo = generateDemoCity({ seed: 20261122, sizeKm: 6 });
  const analyse = (layers: CityLayers) => new CityAnalysis(INFO, layers, demo.bbox);
  const cases: [string, AnalysisParams][] = [
    ['spacing by land use', { ...DEFAULT_PARAMS, toiletByLandUse: true }],
    ['walking network', { ...DEFAULT_PARAMS, network: true }],
    ['institutions’ toilets left out', { ...DEFAULT_PARAMS, includeInstitutionToilets: false, toiletDistanceM: 400 }],
  ];

  it.each(cases)('%s: accepting every suggested site lowers the gap metres by exactly the sum of their closes', (_, params) => {
    const before = analyse(demo.layers);
    const sites = before.suggestSites(params, 'toilet', 5);
    expect(sites.length).toBe(5);
    const proposals: Proposal[] = sites.map((s, k) => ({ id: `s${k}`, category: 'toilet', lon: s.lon, lat: s.lat, origin: 'suggested', name: '' }));
    const after = analyse(applyProject(demo.layers, { ledgers: [], proposals }));
    const drop = before.report(params, { grids: false }).toilets.gapStreetMetres - after.report(params, { grids: false }).toilets.gapStreetMetres;
    expect(drop).toBeGreaterThan(0);
    expect(drop).toBeCloseTo(sites.reduce((sum, s) => sum + s.closes, 0), 6);
  });

  it.each(cases)('%s: a lone proposal’s effect is what the gap metres lose', (_, params) => {
    const [site] = analyse(demo.layers).suggestSites(params, 'toilet', 1);
    const proposals: Proposal[] = [{ id: 'p', category: 'toilet', lon: site.lon, lat: site.lat, origin: 'placed', name: '' }];
    const before = analyse(demo.layers).report(params, { grids: false }).toilets.gapStreetMetres;
    const withProposal = analyse(applyProject(demo.layers, { ledgers: [], proposals }));
    const [effect] = withProposal.proposalEffects(params);
    expect(effect.closesM).toBeCloseTo(before - withProposal.report(params, { grids: false }).toilets.gapStreetMetres, 6);
  });

  it('the report names the service distances in force', () => {
    const a = analyse(demo.layers);
    expect(a.report({ ...DEFAULT_PARAMS, toiletByLandUse: true }, { grids: false }).toilets.thresholdsM).toEqual([500, 800]);
    expect(a.report({ ...DEFAULT_PARAMS, toiletDistanceM: 650 }, { grids: false }).toilets.thresholdsM).toEqual([650]);
  });
});

describe('toilet beyond walking reach of any street', () => {
  // the walking network used to drop such a toilet without a word; it serves nobody along streets, and says so
  const city: FixtureCity = {
    streets: [{ line: [[-500, 0], [500, 0]] }],
    facilities: [{ at: [0, 10], category: 'toilet', props: { name: '路边公厕' } }, { at: [0, 1400], category: 'toilet', props: { name: '山顶公厕' } }],
  };
  const analysis = new CityAnalysis(INFO, fixtureLayers(city), bboxAround(1600, 1600));

  it('is listed with its name in the walking-network report, and named in a note', () => {
    const report = analysis.report({ ...DEFAULT_PARAMS, network: true }, { grids: false });
    expect(report.toilets.offNetwork).toEqual([{ id: 'f1', name: '山顶公厕' }]);
    expect(report.notes.some((n) => n.startsWith('1 toilets lie more than 1000 m'))).toBe(true);
    expect(analysis.report(DEFAULT_PARAMS, { grids: false }).toilets.offNetwork).toBeUndefined();
  });
});

describe('l-shaped compound straddling two grids', () => {
  // 40,000 m² of the L lies in the southern grid, 30,000 m² in the northern one; the box centre (200, 200) is in
  // neither the L nor the south, and a single point inside the L lands in the north
  const l: [number, number][] = [[0, 0], [400, 0], [400, 100], [100, 100], [100, 400], [0, 400], [0, 0]];
  const city: FixtureCity = {
    streets: [{ line: [[-300, -150], [700, -150]] }],
    compounds: [{ rings: [l] }],
    grids: [{ rings: [square(-50, -50, 500, 100)], name: '南网格' }, { rings: [square(-50, 100, 500, 500)], name: '北网格' }],
    districts: [{ ring: square(-50, -50, 500, 100), name: '南区' }, { ring: square(-50, 100, 500, 500), name: '北区' }],
  };
  const report = new CityAnalysis(INFO, fixtureLayers(city), bboxAround(800, 800)).report(DEFAULT_PARAMS);

  it('belongs to the grid and district it shares the most area with', () => {
    expect(report.grids.map((g) => g.parking.compounds)).toEqual([1, 0]);
    expect(report.districts.map((d) => d.parking.compounds)).toEqual([1, 0]);
  });
});

describe('a report after slider moves and a project is the report of a fresh analysis (parts made again only when what they read changed)', () => {
  const demo = generateDemoCity({ seed: 20261201, sizeKm: 3 });
  const { grids } = buildGrids(demo, { cityName: '示例城市' });
  const layers: CityLayers = { ...demo.layers, grids: { type: 'FeatureCollection', features: grids } };
  const fresh = (l: CityLayers, params: AnalysisParams) => new CityAnalysis(INFO, l, demo.bbox).reportWithGridColumns(params);

  it('follows each setting the sliders and switches change, one at a time, in a random order', () => {
    const prng = new Prng(12);
    const pick = <T>(values: readonly T[]): T => values[Math.floor(prng.next() * values.length)];
    const moves: ((p: AnalysisParams) => AnalysisParams)[] = [
      (p) => ({ ...p, toiletDistanceM: pick([300, 500, 800]) }),
      (p) => ({ ...p, zoneRadiusM: pick([500, 1000, 2000]) }),
      (p) => ({ ...p, parkingRadiusM: pick([300, 500]) }),
      (p) => ({ ...p, toiletByLandUse: !p.toiletByLandUse }),
      (p) => ({ ...p, includeInstitutionToilets: !p.includeInstitutionToilets }),
      (p) => ({ ...p, network: !p.network }),
    ];
    const analysis = new CityAnalysis(INFO, layers, demo.bbox);
    let params = DEFAULT_PARAMS;
    const seen = new Set<string>();
    for (let step = 0; step < 14; step++) {
      params = pick(moves)(params);
      seen.add(JSON.stringify(params));
      expect(analysis.reportWithGridColumns(params), `step ${step}: ${JSON.stringify(params)}`).toEqual(fresh(layers, params));
    }
    expect(seen.size).toBeGreaterThan(8);
  });

  it('a project that adds a toilet, a school and a car park changes the toilet, zone, parking and district figures as a fresh analysis would', () => {
    const analysis = new CityAnalysis(INFO, layers, demo.bbox);
    const params = { ...DEFAULT_PARAMS, zoneRadiusM: 1000 };
    const before = analysis.reportWithGridColumns(params);
    const [w, s, e, n] = demo.bbox;
    const at = (fx: number, fy: number) => ({ lon: w + (e - w) * fx, lat: s + (n - s) * fy });
    const proposals: Proposal[] = [
      { id: 't', category: 'toilet', ...at(0.31, 0.62), origin: 'placed', name: '' },
      { id: 'p', category: 'parking', ...at(0.7, 0.7), origin: 'placed', name: '' },
    ];
    // a school comes from a ledger (proposals are toilets and car parks)
    const school = at(0.55, 0.4);
    const ledger: LedgerLayer = {
      id: 'l',
      fileName: 'schools.csv',
      crs: 'wgs84',
      importedAt: '2026-12-01T00:00:00Z',
      mode: 'merge',
      rowsRead: 1,
      accepted: [{ type: 'Feature', geometry: { type: 'Point', coordinates: [school.lon, school.lat] }, properties: { id: 'l#1', category: 'school', name: '新学校', source: 'ledger:schools.csv' } }],
      rejected: [],
    };
    const withProject = applyProject(layers, { ledgers: [ledger], proposals });
    analysis.setFacilities(withProject.facilities.features);
    const after = analysis.reportWithGridColumns(params);
    expect(after).toEqual(fresh(withProject, params));
    // each part did change: a report kept from before the project would fail above
    expect(after.report.toilets.gapStreetMetres).not.toBe(before.report.toilets.gapStreetMetres);
    expect(after.report.zones.school.points).toBe(before.report.zones.school.points + 1);
    expect(after.report.districts.map((d) => d.facilities)).not.toEqual(before.report.districts.map((d) => d.facilities));
  });
});
