/**
 * Key figures and the rule settings of DESIGN §5. Toilet figures come from the page's own re-classification
 * (instant on a slider move); zones and parking from the worker's report.
 */
import { categoryById, SIX_SURROUNDINGS } from '../domain/categories';
import { RULES } from '../domain/rules';
import { GapPanel, type Kpi } from '../components/GapPanel';
import { t, type Lang, type StringKey } from '../i18n/strings';
import type { AnalysisSettings } from '../state/url_hash';
import type { GapAnalysis } from './gap_analysis';
import type { ToiletCoverage } from '../state/analysis_state';

const STAGE_TEXT: Record<string, StringKey> = { loading: 'stageLoading', indexing: 'stageIndexing', distances: 'stageDistances', network: 'stageNetwork', zones: 'stageZones' };

/** The KPI cards, shared by the desk panel and the wall. */
export function analysisKpis(lang: Lang, coverage: ToiletCoverage | null, report: GapAnalysis['report']): Kpi[] {
  const pct = (v: number) => `${(v * 100).toFixed(1)}%`;
  const kpis: Kpi[] = [];
  if (coverage) {
    const c = coverage.summary;
    kpis.push(
      { id: 'streetShare', label: t(lang, 'kpiStreetShare'), value: pct(c.streetShareWithin), raw: c.streetShareWithin },
      { id: 'areaShare', label: t(lang, 'kpiAreaShare'), value: pct(c.areaShareWithin), raw: c.areaShareWithin },
      { id: 'gapStreet', label: t(lang, 'kpiGapStreet'), value: `${(c.gapStreetMetres / 1000).toFixed(1)} km`, raw: c.gapStreetMetres },
    );
  }
  if (report) {
    const unserved = report.parking.compounds - report.parking.compoundsServed;
    kpis.push(
      { id: 'parking', label: t(lang, 'kpiParking'), value: `${report.parking.compoundsServed}/${report.parking.compounds}`, raw: report.parking.compoundShareServed },
      { id: 'unserved', label: t(lang, 'kpiUnserved'), value: String(unserved), raw: unserved },
      { id: 'zoneAlleys', label: t(lang, 'kpiZoneAlleys'), value: String(report.zoneTotals.alleys), raw: report.zoneTotals.alleys },
      { id: 'zoneCompounds', label: t(lang, 'kpiZoneCompounds'), value: String(report.zoneTotals.compounds), raw: report.zoneTotals.compounds },
    );
  }
  return kpis;
}

export function GapAnalysisSection(props: { lang: Lang; gaps: GapAnalysis; coverage: ToiletCoverage | null; settings: AnalysisSettings; onSettings: (s: AnalysisSettings) => void }) {
  const { lang, gaps, coverage, settings, onSettings } = props;
  const { report } = gaps;
  const busy = gaps.stage !== 'done' && gaps.stage !== 'error';
  const status = gaps.stage === 'error' ? `${t(lang, 'analysisFailed')}: ${gaps.error}` : busy ? t(lang, STAGE_TEXT[gaps.stage] ?? 'stageLoading') : null;
  const [zoneMin, zoneMax] = RULES.zoneRadiusRangeM.value;
  const set = (patch: Partial<AnalysisSettings>) => onSettings({ ...settings, ...patch });
  return (
    <GapPanel
      title={t(lang, 'gapAnalysis')}
      rulesTitle={t(lang, 'rules')}
      status={status}
      busy={busy}
      kpis={analysisKpis(lang, coverage, report)}
      toiletDistance={{ label: t(lang, 'toiletDistance'), value: settings.toiletDistanceM, min: 100, max: 1500, step: 50, onChange: (v) => set({ toiletDistanceM: v }), disabled: settings.toiletByLandUse }}
      parkingRadius={{ label: t(lang, 'parkingRadius'), value: settings.parkingRadiusM, min: 100, max: 1000, step: 50, onChange: (v) => set({ parkingRadiusM: v }) }}
      zoneRadius={{ label: t(lang, 'zoneRadius'), value: settings.zoneRadiusM, min: zoneMin, max: zoneMax, step: 100, onChange: (v) => set({ zoneRadiusM: v }) }}
      switches={[
        { id: 'landuse', label: t(lang, 'byLandUse'), checked: settings.toiletByLandUse, onChange: (v) => set({ toiletByLandUse: v }) },
        { id: 'network', label: t(lang, 'networkDistance'), checked: settings.network, onChange: (v) => set({ network: v }) },
        { id: 'institution', label: t(lang, 'institutionToilets'), checked: settings.includeInstitutionToilets, onChange: (v) => set({ includeInstitutionToilets: v }) },
      ]}
      zoneHeader={[t(lang, 'zoneCategory'), t(lang, 'zonePoints'), t(lang, 'zoneAlleys'), t(lang, 'zoneCompounds')]}
      zones={SIX_SURROUNDINGS.map((id) => {
        const z = report?.zones[id];
        const c = categoryById(id);
        return { id, label: lang === 'zh' ? c.zh : c.en, points: z?.points ?? null, alleys: z?.alleys ?? null, compounds: z?.compounds ?? null };
      })}
    />
  );
}
