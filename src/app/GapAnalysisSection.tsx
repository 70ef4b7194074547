/**
 * Connects the gap analysis to the panel and the map: re-classifies the stored distance fields whenever the
 * threshold moves (no worker call), recolours the overlay, and shows the worker's report for zones and parking.
 */
import { useEffect, useMemo, type RefObject } from 'react';
import { classifyCoverage } from '../analysis/coverage';
import { categoryById, SIX_SURROUNDINGS } from '../domain/categories';
import { RULES } from '../domain/rules';
import { GapPanel, type Kpi } from '../components/GapPanel';
import { t, type Lang, type StringKey } from '../i18n/strings';
import { cellImageData, sampleColours } from '../map/gap_colours';
import type { MapController } from '../map/map_controller';
import type { AnalysisSettings } from '../state/url_hash';
import type { GapAnalysis } from './use_gap_analysis';

const STAGE_TEXT: Record<string, StringKey> = { loading: 'stageLoading', indexing: 'stageIndexing', distances: 'stageDistances', network: 'stageNetwork', zones: 'stageZones' };

export function GapAnalysisSection(props: { lang: Lang; gaps: GapAnalysis; settings: AnalysisSettings; onSettings: (s: AnalysisSettings) => void; controller: RefObject<MapController | null> }) {
  const { lang, gaps, settings, onSettings, controller } = props;
  const { geometry, fields, report } = gaps;
  const threshold = settings.toiletDistanceM;

  const coverage = useMemo(() => {
    if (!geometry || !fields) return null;
    return classifyCoverage(fields.samples, geometry.sampleWeights, fields.cells, geometry.lattice.cellSizeM ** 2, threshold);
  }, [geometry, fields, threshold]);

  useEffect(() => {
    if (!geometry || !fields) {
      controller.current?.setGapOverlay(null);
      return;
    }
    const { cols, rows, bounds } = geometry.lattice;
    controller.current?.setGapOverlay({ positions: geometry.samplePositions, colours: sampleColours(fields.samples, threshold), cells: cellImageData(fields.cells, cols, rows, threshold), bounds });
  }, [geometry, fields, threshold, controller]);

  const pct = (v: number) => `${(v * 100).toFixed(1)}%`;
  const kpis: Kpi[] = [];
  if (coverage) {
    kpis.push(
      { id: 'streetShare', label: t(lang, 'kpiStreetShare'), value: pct(coverage.streetShareWithin), raw: coverage.streetShareWithin },
      { id: 'areaShare', label: t(lang, 'kpiAreaShare'), value: pct(coverage.areaShareWithin), raw: coverage.areaShareWithin },
      { id: 'gapStreet', label: t(lang, 'kpiGapStreet'), value: `${(coverage.gapStreetMetres / 1000).toFixed(1)} km`, raw: coverage.gapStreetMetres },
    );
  }
  if (report) kpis.push({ id: 'parking', label: t(lang, 'kpiParking'), value: `${report.parking.compoundsServed}/${report.parking.compounds}`, raw: report.parking.compoundShareServed });

  const busy = gaps.stage !== 'done' && gaps.stage !== 'error';
  const status = gaps.stage === 'error' ? `${t(lang, 'analysisFailed')}: ${gaps.error}` : busy ? t(lang, STAGE_TEXT[gaps.stage] ?? 'stageLoading') : null;
  const [zoneMin, zoneMax] = RULES.zoneRadiusRangeM.value;
  return (
    <GapPanel
      title={t(lang, 'gapAnalysis')}
      status={status}
      busy={busy}
      kpis={kpis}
      toiletDistance={{ label: t(lang, 'toiletDistance'), value: threshold, min: 100, max: 1500, step: 50, onChange: (v) => onSettings({ ...settings, toiletDistanceM: v }) }}
      zoneRadius={{ label: t(lang, 'zoneRadius'), value: settings.zoneRadiusM, min: zoneMin, max: zoneMax, step: 100, onChange: (v) => onSettings({ ...settings, zoneRadiusM: v }) }}
      switches={[
        { id: 'network', label: t(lang, 'networkDistance'), checked: settings.network, onChange: (v) => onSettings({ ...settings, network: v }) },
        { id: 'institution', label: t(lang, 'institutionToilets'), checked: settings.includeInstitutionToilets, onChange: (v) => onSettings({ ...settings, includeInstitutionToilets: v }) },
      ]}
      zoneHeader={[t(lang, 'zoneCategory'), t(lang, 'zonePoints'), t(lang, 'zoneAlleys'), t(lang, 'zoneCompounds')]}
      zones={SIX_SURROUNDINGS.map((id) => {
        const z = report?.zones[id];
        const c = categoryById(id);
        return { id, label: lang === 'zh' ? c.zh : c.en, points: z?.points ?? 0, alleys: z?.alleys ?? 0, compounds: z?.compounds ?? 0 };
      })}
    />
  );
}
