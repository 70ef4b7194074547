/**
 * The overview's charts: street distance to the nearest toilet (threshold marked), coverage by district and
 * the lowest-scoring grids. A bar selects its district or grid on the map; a grid picked on the map outlines
 * its district's bar and its own.
 */
import { useDeferredValue, useMemo } from 'react';
import { worstGrids, type GridTable } from '../analysis/rankings';
import { districtBars } from './district_bars';
import { BarList } from '../components/charts/BarList';
import { Histogram } from '../components/charts/Histogram';
import type { GridFeature } from '../domain/city_bundle';
import { t, type Lang } from '../i18n/strings';
import type { AnalysisReport } from '../analysis/city_analysis';
import type { ToiletCoverage } from '../state/analysis_state';

const WORST_GRIDS = 8;

export interface ChartsProps {
  lang: Lang;
  coverage: ToiletCoverage | null;
  report: AnalysisReport | null;
  grids: readonly GridFeature[] | null;
  gridTable: GridTable | null;
  /** service distances in force, metres */
  thresholds: readonly number[];
  district: string | null;
  grid: string | null;
  onDistrict: (code: string) => void;
  onGrid: (code: string) => void;
}


export function DistanceChart({ lang, coverage, thresholds }: { lang: Lang; coverage: ToiletCoverage | null; thresholds: readonly number[] }) {
  if (!coverage) return null;
  const { histogram } = coverage;
  return (
    <Histogram
      title={t(lang, 'chartHistogram')}
      values={Array.from(histogram.metres, (m) => m / 1000)}
      binWidth={histogram.binWidthM}
      beyond={{ label: t(lang, 'chartBeyond'), value: histogram.beyondMetres / 1000 }}
      thresholds={thresholds.map((m) => ({ metres: m, label: t(lang, 'chartThreshold', { m }) }))}
      formatValue={(v) => (v >= 10 ? v.toFixed(0) : v.toFixed(1))}
    />
  );
}

export function ChartsSection(props: ChartsProps) {
  const { lang, grids, district, grid } = props;
  // A new answer reaches the charts a moment later, in a render of their own that yields to input: their figures
  // (12–20 ms on the 30 km city) are not worked out in the task that brought the answer, while the user drags.
  const report = useDeferredValue(props.report);
  const gridTable = useDeferredValue(props.gridTable);
  const districts = useMemo(() => districtBars(report, grids, gridTable), [report, grids, gridTable]);
  const worst = useMemo(() => {
    if (!grids || !gridTable) return [];
    return worstGrids(grids.map((g) => g.properties), gridTable, WORST_GRIDS, district).map((g) => {
      const p = grids[g].properties;
      return { key: p.code, label: p.name, value: gridTable.score[g], display: String(gridTable.score[g]) };
    });
  }, [grids, gridTable, district]);
  const selectedDistrict = district ?? (grid ? grid.slice(0, 6) : null);
  return (
    <section className="panel-section charts" aria-label={t(lang, 'tabOverview')}>
      <DistanceChart lang={lang} coverage={props.coverage} thresholds={props.thresholds} />
      {districts.length > 0 ? (
        <BarList id="districts" title={t(lang, 'chartDistricts')} bars={districts} max={1} selected={selectedDistrict} onSelect={(key) => /^\d{6}$/.test(key) && props.onDistrict(key)} />
      ) : (
        report && <p className="note">{t(lang, 'noDistricts')}</p>
      )}
      {worst.length > 0 && <BarList id="worst-grids" title={t(lang, 'chartWorstGrids')} bars={worst} max={100} selected={grid} onSelect={props.onGrid} />}
    </section>
  );
}
