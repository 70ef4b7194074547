import { describe, expect, it } from 'vitest';
import type { CategoryId } from '../domain/categories';
import type { CityLayers, FacilityFeature } from '../domain/city_bundle';
import { casesOpenAt, endOfBeijingDay, layersAsOfDay, revisionLedgers, type AsOfRevision } from './as_of';

const point = (id: string, category: CategoryId, lon = 118.78, lat = 32.04): FacilityFeature => ({ type: 'Feature', geometry: { type: 'Point', coordinates: [lon, lat] }, properties: { id, category, name: id, source: 'test' } });
const bundle: CityLayers = {
  facilities: { type: 'FeatureCollection', features: [point('b-toilet', 'toilet'), point('b-park-1', 'parking'), point('b-park-2', 'parking'), point('b-school', 'school')] },
  streets: { type: 'FeatureCollection', features: [] },
  compounds: { type: 'FeatureCollection', features: [] },
  boundaries: { type: 'FeatureCollection', features: [] },
};
const revision = (id: number, effectiveDate: string, mode: 'merge' | 'replace', accepted: FacilityFeature[]): AsOfRevision => ({ id, fileName: `r${id}.csv`, crs: 'wgs84', mode, effectiveDate, accepted });
// listed out of order on purpose: the assembly orders by effective day, then id
const revisions = [
  revision(3, '2026-10-05', 'merge', [point('r3-toilet', 'toilet')]),
  revision(1, '2026-10-01', 'merge', [point('r1-toilet-a', 'toilet'), point('r1-toilet-b', 'toilet')]),
  revision(2, '2026-10-03', 'replace', [point('r2-park', 'parking')]),
  revision(4, '2026-10-03', 'merge', [point('r4-park', 'parking')]),
];
const ids = (layers: CityLayers) => layers.facilities.features.map((f) => f.properties.id).sort();

describe('facilities as of a day', () => {
  it('is the bundle alone before the first revision takes effect', () => {
    expect(ids(layersAsOfDay(bundle, revisions, '2026-09-30'))).toEqual(ids(bundle));
  });

  it('counts a revision from its effective day on, not the day before', () => {
    expect(ids(layersAsOfDay(bundle, revisions, '2026-10-01'))).toEqual(['b-park-1', 'b-park-2', 'b-school', 'b-toilet', 'r1-toilet-a', 'r1-toilet-b']);
  });

  it('lets a replace drop the bundle’s facilities of its categories but keep other revisions’ rows', () => {
    expect(ids(layersAsOfDay(bundle, revisions, '2026-10-04'))).toEqual(['b-school', 'b-toilet', 'r1-toilet-a', 'r1-toilet-b', 'r2-park', 'r4-park']);
    expect(ids(layersAsOfDay(bundle, revisions, '2026-12-31'))).toEqual(['b-school', 'b-toilet', 'r1-toilet-a', 'r1-toilet-b', 'r2-park', 'r3-toilet', 'r4-park']);
  });

  it('applies revisions in effective-day then id order, whatever order they come in', () => {
    expect(revisionLedgers(revisions, '2026-12-31').map((l) => l.id)).toEqual(['revision:1', 'revision:2', 'revision:4', 'revision:3']);
    expect(layersAsOfDay(bundle, [...revisions].reverse(), '2026-12-31')).toEqual(layersAsOfDay(bundle, revisions, '2026-12-31'));
  });

  it('never grows the facility count backwards in time when revisions only merge (property)', () => {
    const merges = revisions.filter((r) => r.mode === 'merge');
    const days = ['2026-09-30', '2026-10-01', '2026-10-02', '2026-10-03', '2026-10-05', '2027-01-01'];
    const counts = days.map((d) => layersAsOfDay(bundle, merges, d).facilities.features.length);
    expect(counts).toEqual([...counts].sort((a, b) => a - b));
    expect(counts.at(-1)).toBe(bundle.facilities.features.length + merges.reduce((n, r) => n + r.accepted.length, 0));
  });

  it('refuses a day that is not a calendar day', () => {
    expect(() => revisionLedgers(revisions, '2026-02-30')).toThrow(/calendar day/);
  });
});

describe('cases open at the end of a day', () => {
  // the end of 2026-10-01 in Beijing is 2026-10-01T16:00:00Z
  const cases = [
    { id: 1, state: 'dispatched', createdAt: '2026-09-30T08:00:00Z', closedAt: null as string | null },
    { id: 2, state: 'closed', createdAt: '2026-09-30T08:00:00Z', closedAt: '2026-10-01T15:59:59Z' },
    { id: 3, state: 'closed', createdAt: '2026-09-30T08:00:00Z', closedAt: '2026-10-01T16:00:00Z' },
    { id: 4, state: 'reported', createdAt: '2026-10-01T16:00:00Z', closedAt: null as string | null },
    { id: 5, state: 'voided', createdAt: '2026-09-30T08:00:00Z', closedAt: null as string | null },
  ];

  it('keeps those filed before the Beijing day ended and not closed by then', () => {
    expect(endOfBeijingDay('2026-10-01')).toBe(Date.parse('2026-10-01T16:00:00Z'));
    expect(casesOpenAt(cases, '2026-10-01').map((c) => c.id)).toEqual([1, 3]);
  });
});
