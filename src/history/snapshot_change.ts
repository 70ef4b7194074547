/**
 * The figures a snapshot holds, read the same way by the trend charts, the before/after comparison and its
 * export: one accessor, one direction of "better" and one unit per figure. Pure (no DOM, no fetch).
 */
import type { SnapshotFigures } from '../../server/history/snapshots';
import type { ExportTable } from '../io/csv_export';

export type { SnapshotFigures };

export const TREND_FIGURE_IDS = ['toiletCoverage', 'toiletGapKm', 'parkingServed', 'zoneAlleys', 'zoneCompounds', 'openCases', 'overdueCases', 'onTimeRate'] as const;
export type TrendFigureId = (typeof TREND_FIGURE_IDS)[number];

export interface TrendFigure {
  id: TrendFigureId;
  /** null when the figure has no meaning that day (no compounds, nothing closed yet) */
  value: (f: SnapshotFigures) => number | null;
  /** which way is an improvement; 'none' for counts that only describe (zones sampled) */
  better: 'up' | 'down' | 'none';
  unit: 'share' | 'km' | 'count';
}

const share = (part: number, whole: number) => (whole > 0 ? part / whole : null);

export const TREND_FIGURES: Record<TrendFigureId, TrendFigure> = {
  toiletCoverage: { id: 'toiletCoverage', value: (f) => f.toiletStreetShare, better: 'up', unit: 'share' },
  toiletGapKm: { id: 'toiletGapKm', value: (f) => f.toiletGapStreetMetres / 1000, better: 'down', unit: 'km' },
  parkingServed: { id: 'parkingServed', value: (f) => share(f.compounds - f.compoundsWithoutParking, f.compounds), better: 'up', unit: 'share' },
  zoneAlleys: { id: 'zoneAlleys', value: (f) => f.zoneAlleys, better: 'none', unit: 'count' },
  zoneCompounds: { id: 'zoneCompounds', value: (f) => f.zoneCompounds ?? null, better: 'none', unit: 'count' },
  openCases: { id: 'openCases', value: (f) => f.cases.open, better: 'down', unit: 'count' },
  overdueCases: { id: 'overdueCases', value: (f) => f.cases.overdue, better: 'down', unit: 'count' },
  onTimeRate: { id: 'onTimeRate', value: (f) => share(f.cases.closedOnTime, f.cases.closed), better: 'up', unit: 'share' },
};

export function formatFigure(unit: TrendFigure['unit'], v: number | null): string {
  if (v === null || !Number.isFinite(v)) return '—';
  if (unit === 'share') return `${(v * 100).toFixed(1)}%`;
  if (unit === 'km') return `${v.toFixed(2)} km`;
  return String(Math.round(v));
}

/** A tick of a chart's value axis: shorter than formatFigure (whole percent, no decimals on large numbers). */
export function formatAxis(unit: TrendFigure['unit'], v: number): string {
  if (unit === 'share') return `${Math.round(v * 100)}%`;
  if (unit === 'km') return v >= 100 ? v.toFixed(0) : v.toFixed(1);
  return String(Math.round(v));
}

/** A point of a trend line: the figure on a day, null where it has no value. */
export interface TrendPoint { day: string; value: number | null; milestone: string | null }

export function trendSeries(series: readonly { day: string; figures: SnapshotFigures; milestone: string | null }[], figure: TrendFigureId): TrendPoint[] {
  const read = TREND_FIGURES[figure].value;
  return series.map((s) => ({ day: s.day, value: read(s.figures), milestone: s.milestone }));
}

/** a key of a level with its figures on the two days compared (null where that day has no row): /api/snapshots/compare's rows */
export interface ComparedRow { key: string; name: string; before: SnapshotFigures | null; after: SnapshotFigures | null }

export interface Change {
  key: string;
  name: string;
  before: number;
  after: number;
  /** after − before, in the figure's unit */
  delta: number;
  /** delta signed so that positive is better (delta itself for figures without a direction) */
  gain: number;
}

/** The change of a figure per area between two days; areas without a value on either day are left out. */
export function changes(rows: readonly ComparedRow[], figure: TrendFigureId): Change[] {
  const { value, better } = TREND_FIGURES[figure];
  const out: Change[] = [];
  for (const r of rows) {
    const before = r.before ? value(r.before) : null;
    const after = r.after ? value(r.after) : null;
    if (before === null || after === null) continue;
    const delta = after - before;
    out.push({ key: r.key, name: r.name, before, after, delta, gain: better === 'down' ? -delta : delta });
  }
  return out;
}

/** The `n` areas that gained most (best first) and the `n` that lost most (worst first); no-change areas are in neither. */
export function extremes(list: readonly Change[], n: number): { improved: Change[]; worsened: Change[] } {
  const byGain = [...list].sort((a, b) => b.gain - a.gain || a.key.localeCompare(b.key));
  return {
    improved: byGain.filter((c) => c.gain > 0).slice(0, n),
    worsened: byGain.filter((c) => c.gain < 0).reverse().slice(0, n),
  };
}

/** The comparison as a sheet: one row per area, the figure on both days and its change. */
export function changeTable(list: readonly Change[], meta: { figureName: string; from: string; to: string; keyHeader: string; nameHeader: string; changeHeader: string }): ExportTable {
  return {
    name: `${meta.figureName} ${meta.from}→${meta.to}`,
    headers: [meta.keyHeader, meta.nameHeader, meta.from, meta.to, meta.changeHeader],
    rows: list.map((c) => [c.key, c.name, c.before, c.after, c.delta]),
  };
}
