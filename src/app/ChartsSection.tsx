/**
 * The overview's charts: street distance to the nearest toilet (threshold marked), coverage by district and
 * the lowest-scoring grids. A bar selects its district or grid on the map; a grid picked on the map outlines
 * its district's bar and its own.
 */
import { useMemo } from 'react';
import { rankLevel, worstGrids, type GridTable } from '../analysis/rankings';
import { BarList, type Bar } from '../components/charts/BarList';
import { Histogram } from '../components/charts/Histogram';
import type { GridFeature } from '../domain/city_bundle';
import { t, type Lang } from '../i18n/strings';
import type { GapAnalysis } from './use_gap_analysis';
import type { ToiletCoverage } from './use_toilet_coverage';

const WORST_GRIDS = 8;

export interface ChartsProps {
  lang: Lang;
  coverage: ToiletCoverage | null;
  report: GapAnalysis['report'];
  grids: readonly GridFeature[] | null;
  gridTable: GridTable | null;
  threshold: number;
  district: string | null;
  grid: string | null;
  onDistrict: (code: string) => void;
  onGrid: (code: string) => void;
}

const pct = (v: number) => `${(v * 100).toFixed(0)}%`;

/** Districts' street coverage: from the grids when the city has them (so bars match the rankings). */
export function districtBars(report: GapAnalysis['report'], grids: readonly GridFeature[] | null, table: GridTable | null): Bar[] {
  if (grids && table) {
    const rows = rankLevel(grids.map((g) => g.properties), table, 'district', null);
    return rows.map((r) => ({ key: r.key, label: r.name, value: r.streetShare, display: pct(r.streetShare) })).sort((a, b) => a.value - b.value);
  }
  return (report?.districts ?? []).map((d) => ({ key: d.code ?? d.id, label: d.name, value: d.toilets.streetShareWithin, display: pct(d.toilets.streetShareWithin) })).sort((a, b) => a.value - b.value);
}

export function DistanceChart({ lang, coverage, threshold }: { lang: Lang; coverage: ToiletCoverage | null; threshold: number }) {
  if (!coverage) return null;
  const { histogram } = coverage;
  return (
    <Histogram
      title={t(lang, 'chartHistogram')}
      values={Array.from(histogram.metres, (m) => m / 1000)}
      binWidth={histogram.binWidthM}
      beyond={{ label: t(lang, 'chartBeyond'), value: histogram.beyondMetres / 1000 }}
      threshold={threshold}
      thresholdLabel={t(lang, 'chartThreshold', { m: threshold })}
      formatValue={(v) => (v >= 10 ? v.toFixed(0) : v.toFixed(1))}
    />
  );
}

export function ChartsSection(props: ChartsProps) {
  const { lang, report, grids, gridTable, district, grid } = props;
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
      <DistanceChart lang={lang} coverage={props.coverage} threshold={props.threshold} />
      {districts.length > 0 ? (
        <BarList id="districts" title={t(lang, 'chartDistricts')} bars={districts} max={1} selected={selectedDistrict} onSelect={(key) => /^\d{6}$/.test(key) && props.onDistrict(key)} />
      ) : (
        report && <p className="note">{t(lang, 'noDistricts')}</p>
      )}
      {worst.length > 0 && <BarList id="worst-grids" title={t(lang, 'chartWorstGrids')} bars={worst} max={100} selected={grid} onSelect={props.onGrid} />}
    </section>
  );
}
