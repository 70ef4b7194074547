import { describe, expect, it } from 'vitest';
import { linePath } from '../components/charts/LineChart';
import { changes, extremes, TREND_FIGURE_IDS, trendSeries, type SnapshotFigures } from './snapshot_change';

/** seeded figures: some days with no compounds or nothing closed, where a share has no value */
function figuresOf(n: number): SnapshotFigures {
  const compounds = n % 7 === 0 ? 0 : 10 + (n % 5);
  const closed = n % 4 === 0 ? 0 : n % 9;
  return {
    toiletStreetShare: ((n * 37) % 100) / 100,
    toiletGapStreetMetres: (n * 53) % 2000,
    toiletAreaShare: 0.5,
    compounds,
    compoundsWithoutParking: compounds ? n % compounds : 0,
    zoneAlleys: n % 11,
    zoneCompounds: n % 3 ? n % 13 : undefined,
    cases: { open: n % 6, overdue: n % 4, closed, closedOnTime: closed ? n % (closed + 1) : 0 },
  };
}

describe('trend series', () => {
  it('reads every figure of every day as a plain computation does, null where a share has no base', () => {
    const series = Array.from({ length: 40 }, (_, i) => ({ day: `2026-10-${String((i % 28) + 1).padStart(2, '0')}`, figures: figuresOf(i * 3 + 1), milestone: i === 5 ? '基线' : null }));
    const brute = (f: SnapshotFigures): Record<string, number | null> => ({
      toiletCoverage: f.toiletStreetShare,
      toiletGapKm: f.toiletGapStreetMetres / 1000,
      parkingServed: f.compounds === 0 ? null : (f.compounds - f.compoundsWithoutParking) / f.compounds,
      zoneAlleys: f.zoneAlleys,
      zoneCompounds: f.zoneCompounds ?? null,
      openCases: f.cases.open,
      overdueCases: f.cases.overdue,
      onTimeRate: f.cases.closed === 0 ? null : f.cases.closedOnTime / f.cases.closed,
    });
    for (const figure of TREND_FIGURE_IDS) {
      const points = trendSeries(series, figure);
      expect(points.map((p) => p.value)).toEqual(series.map((s) => brute(s.figures)[figure]));
      expect(points[5].milestone).toBe('基线');
    }
    expect(trendSeries(series, 'parkingServed').some((p) => p.value === null)).toBe(true);
  });

  it('breaks the drawn line where a value is missing', () => {
    const d = linePath([{ t: 0, value: 1 }, { t: 1, value: 2 }, { t: 2, value: null }, { t: 3, value: 3 }], (t) => t * 10, (v) => v);
    expect(d).toBe('M0.0,1.0L10.0,2.0M30.0,3.0');
  });
});

describe('before and after', () => {
  it('never lists a grid both as improved and worsened, and orders each list by the size of the change', () => {
    const rows = Array.from({ length: 60 }, (_, i) => ({ key: `g${i}`, name: `网格${i}`, before: figuresOf(i), after: figuresOf(i * 7 + 2) }));
    for (const figure of TREND_FIGURE_IDS) {
      const { improved, worsened } = extremes(changes(rows, figure), 5);
      expect(improved.filter((c) => worsened.some((w) => w.key === c.key))).toEqual([]);
      for (const [list, sign] of [[improved, 1], [worsened, -1]] as const) {
        for (let i = 1; i < list.length; i++) expect(sign * list[i].gain).toBeLessThanOrEqual(sign * list[i - 1].gain);
        expect(list.every((c) => sign * c.gain > 0)).toBe(true);
      }
    }
  });
});
