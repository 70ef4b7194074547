/** Districts' street coverage as bars, shared by the overview chart, the wall and its tour. */
import type { AnalysisReport } from '../analysis/city_analysis';
import { rankLevel, type GridTable } from '../analysis/rankings';
import type { Bar } from '../components/charts/BarList';
import type { GridFeature } from '../domain/city_bundle';

const pct = (v: number) => `${(v * 100).toFixed(0)}%`;

let last: { report: AnalysisReport | null; grids: readonly GridFeature[] | null; table: GridTable | null; bars: Bar[] } | null = null;

/** Districts' street coverage: from the grids when the city has them (so bars match the rankings). */
export function districtBars(report: AnalysisReport | null, grids: readonly GridFeature[] | null, table: GridTable | null): Bar[] {
  // the wall's tour asks on every state change: the same inputs give the same bars
  if (last && last.report === report && last.grids === grids && last.table === table) return last.bars;
  const bars = computeBars(report, grids, table);
  last = { report, grids, table, bars };
  return bars;
}

function computeBars(report: AnalysisReport | null, grids: readonly GridFeature[] | null, table: GridTable | null): Bar[] {
  if (grids && table) {
    const rows = rankLevel(grids.map((g) => g.properties), table, 'district', null);
    return rows.map((r) => ({ key: r.key, label: r.name, value: r.streetShare, display: pct(r.streetShare) })).sort((a, b) => a.value - b.value);
  }
  return (report?.districts ?? []).map((d) => ({ key: d.code ?? d.id, label: d.name, value: d.toilets.streetShareWithin, display: pct(d.toilets.streetShareWithin) })).sort((a, b) => a.value - b.value);
}

