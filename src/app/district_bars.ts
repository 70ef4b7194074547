/**
 * Districts' figures, shared by the overview chart, the wall's bars, its tour and its KPIs: from the grids when
 * the city has them (so every district figure on screen matches the rankings), else from the report's
 * per-district summaries.
 */
import type { AnalysisReport } from '../analysis/city_analysis';
import { rankLevel, type GridTable } from '../analysis/rankings';
import type { Bar } from '../components/charts/BarList';
import type { GridFeature } from '../domain/city_bundle';

const pct = (v: number) => `${(v * 100).toFixed(0)}%`;

/** What a district's KPIs show. */
export interface DistrictFigures { key: string; name: string; streetShare: number; areaShare: number; gapStreetMetres: number; compounds: number; unserved: number }

let last: { report: AnalysisReport | null; grids: readonly GridFeature[] | null; table: GridTable | null; figures: DistrictFigures[] } | null = null;

/** Every district's figures, least street coverage first; the same inputs give the same array. */
export function districtFigures(report: AnalysisReport | null, grids: readonly GridFeature[] | null, table: GridTable | null): DistrictFigures[] {
  // the wall asks on every state change
  if (last && last.report === report && last.grids === grids && last.table === table) return last.figures;
  const figures = computeFigures(report, grids, table).sort((a, b) => a.streetShare - b.streetShare);
  last = { report, grids, table, figures };
  return figures;
}

function computeFigures(report: AnalysisReport | null, grids: readonly GridFeature[] | null, table: GridTable | null): DistrictFigures[] {
  if (grids && table) {
    return rankLevel(grids.map((g) => g.properties), table, 'district', null).map((r) => ({ key: r.key, name: r.name, streetShare: r.streetShare, areaShare: r.areaShare, gapStreetMetres: r.gapStreetMetres, compounds: r.compounds, unserved: r.unserved }));
  }
  return (report?.districts ?? []).map((d) => ({
    key: d.code ?? d.id,
    name: d.name,
    streetShare: d.toilets.streetShareWithin,
    areaShare: d.toilets.areaShareWithin,
    gapStreetMetres: d.toilets.gapStreetMetres,
    compounds: d.parking.compounds,
    unserved: d.parking.compounds - d.parking.served,
  }));
}

let lastBars: { figures: DistrictFigures[]; bars: Bar[] } | null = null;

/** Districts' street coverage as bars, least first. */
export function districtBars(report: AnalysisReport | null, grids: readonly GridFeature[] | null, table: GridTable | null): Bar[] {
  const figures = districtFigures(report, grids, table);
  if (lastBars?.figures !== figures) lastBars = { figures, bars: figures.map((f) => ({ key: f.key, label: f.name, value: f.streetShare, display: pct(f.streetShare) })) };
  return lastBars.bars;
}
