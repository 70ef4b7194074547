/** The desk's side panel: data notes, the scorecard of the link's grid or area, and the tabs. */
import { CATEGORIES, SIX_SURROUNDINGS, type CategoryId } from '../domain/categories';
import { LayerPanel } from '../components/LayerPanel';
import { Legend } from '../components/Legend';
import { t } from '../i18n/strings';
import { actions, selectProject, useApp } from '../state/app_store';
import { thresholdsInForce } from '../state/toilet_coverage';
import { PANEL_TABS, type OverlayId, type PanelTab } from '../state/url_hash';
import { useShallow } from 'zustand/shallow';
import { selectFacilities, selectGridFeature } from './app_selectors';
import { AreaScorecardSection } from './AreaScorecardSection';
import { CampaignTab } from './CampaignTab';
import { ChartsSection } from './ChartsSection';
import { DataNotes } from './DataNotes';
import { analysisKpis, GapAnalysisSection } from './GapAnalysisSection';
import { useGapAnalysis } from './gap_analysis';
import { GapListsSection } from './GapListsSection';
import { GridScorecardSection } from './GridScorecardSection';
import { MockInspectionSection } from './MockInspectionSection';
import { PlannerSection } from './PlannerSection';
import { RankingSection } from './RankingSection';
import { CasesSection } from './cases/CasesSection';
import { useServices } from './services';
import { usePlannerExports } from './use_planner_exports';
import { RULES } from '../domain/rules';
import { METRES_PER_DEGREE } from '../domain/earth';

const TAB_LABEL = { overview: 'tabOverview', gaps: 'tabGaps', mock: 'tabMock', ranking: 'tabRanking', cases: 'tabCases', campaign: 'tabCampaign', plan: 'tabPlan', layers: 'tabLayers' } as const satisfies Record<PanelTab, string>;

export function SidePanel() {
  const hash = useApp((s) => s.hash);
  const city = useApp((s) => s.city);
  const selectedGrid = useApp(selectGridFeature);
  const thresholds = useApp(useShallow(thresholdsInForce));
  const projectError = useApp((s) => s.projectError);
  const mockFocus = useApp((s) => s.mockFocus);
  const gaps = useGapAnalysis();
  const services = useServices();
  const { lang, tab } = hash;
  const { report, coverage } = gaps;
  const compoundToiletLimitM = hash.analysis.toiletByLandUse ? RULES.toiletSpacingByLandUseM.value.residential : hash.analysis.toiletDistanceM;
  const busy = gaps.stage !== 'done' && gaps.stage !== 'error';
  const signedIn = useApp((s) => s.session.status === 'signed-in');
  return (
    <aside className="side-panel">
      {city && <DataNotes manifest={city.manifest} lang={lang} />}
      {projectError && <p className="note error" data-error="project">{t(lang, 'projectStorageFailed')}: {projectError}</p>}
      {hash.grid && city && <GridScorecardSection lang={lang} code={hash.grid} grid={selectedGrid} scorecard={gaps.scorecard} streetGaps={gaps.streetGapList} compoundGaps={report?.gaps.compounds ?? null} />}
      {!hash.grid && (hash.area ?? hash.district) && city?.layers.grids && gaps.gridTable && <AreaScorecardSection lang={lang} code={(hash.area ?? hash.district)!} grids={city.layers.grids.features} table={gaps.gridTable} />}
      <nav className="tabs panel-tabs" role="tablist">
        {PANEL_TABS.filter((id) => id !== 'cases' || signedIn).map((id) => (
          <button key={id} type="button" role="tab" aria-selected={tab === id} onClick={() => actions.navigate({ tab: id })} data-tab={id}>
            {t(lang, TAB_LABEL[id])}
          </button>
        ))}
      </nav>
      {tab === 'overview' && (
        <>
          <GapAnalysisSection lang={lang} gaps={gaps} coverage={coverage} settings={hash.analysis} onSettings={(analysis) => actions.navigate({ analysis })} />
          <ChartsSection
            lang={lang}
            coverage={coverage}
            report={report}
            grids={city?.layers.grids?.features ?? null}
            gridTable={gaps.gridTable}
            thresholds={thresholds}
            district={hash.district}
            grid={hash.grid}
            onDistrict={actions.openDistrict}
            onGrid={(grid) => actions.navigate({ grid })}
          />
        </>
      )}
      {tab === 'gaps' && city && <GapsTab />}
      {tab === 'mock' && city && (
        <MockInspectionSection
          lang={lang}
          cityId={city.manifest.id}
          cityName={lang === 'zh' ? city.manifest.name.zh : city.manifest.name.en}
          dataDate={city.manifest.dataDate}
          settings={hash.mock}
          mock={gaps.mock}
          compoundToiletLimitM={compoundToiletLimitM}
          busy={busy || (hash.mock !== null && gaps.mock === null)}
          onSettings={(mock) => actions.navigate({ mock, overlays: mock && !hash.overlays.includes('zones') ? [...hash.overlays, 'zones'] : hash.overlays })}
          focus={mockFocus}
          onPoint={(p) => {
            actions.focusMockPoint(`${p.category}:${p.facilityId}`);
            // the whole zone in view: metres to degrees at this latitude
            const dLat = (hash.analysis.zoneRadiusM * 1.1) / METRES_PER_DEGREE;
            const dLon = dLat / Math.cos((p.lat * Math.PI) / 180);
            services?.map.fitBox([p.lon - dLon, p.lat - dLat, p.lon + dLon, p.lat + dLat]);
          }}
        />
      )}
      {tab === 'ranking' && city?.layers.grids && gaps.gridTable && <RankingSection lang={lang} grids={city.layers.grids.features} table={gaps.gridTable} />}
      {tab === 'ranking' && city && !city.layers.grids && <p className="note">{t(lang, 'noGrids')}</p>}
      {tab === 'campaign' && <CampaignTab lang={lang} />}
      {tab === 'plan' && city && <PlanTab kpis={analysisKpis(lang, coverage, report).filter((k) => ['streetShare', 'gapStreet', 'parking', 'unserved'].includes(k.id))} />}
      {tab === 'layers' && <LayersTab />}
      {tab === 'cases' && <CasesSection />}
    </aside>
  );
}

function GapsTab() {
  const lang = useApp((s) => s.hash.lang);
  const cityId = useApp((s) => s.city!.manifest.id);
  const selected = useApp((s) => s.gapPick);
  const gaps = useGapAnalysis();
  const services = useServices();
  return (
    <GapListsSection
      lang={lang}
      gaps={gaps}
      cityId={cityId}
      selected={selected}
      onPick={(pick, box) => {
        actions.pickGap(pick);
        services?.map.fitBox(box);
      }}
    />
  );
}

function PlanTab({ kpis }: { kpis: ReturnType<typeof analysisKpis> }) {
  const hash = useApp((s) => s.hash);
  const city = useApp((s) => s.city!);
  const project = useApp(selectProject);
  const gaps = useGapAnalysis();
  const services = useServices();
  const exports = usePlannerExports({ lang: hash.lang, city, gaps, map: services?.map ?? null, overlays: hash.overlays, project });
  return (
    <PlannerSection
      lang={hash.lang}
      cityId={city.manifest.id}
      gaps={gaps}
      project={project}
      projectActions={services?.project ?? null}
      settings={hash.analysis}
      onExportPng={exports.png}
      onExportXlsx={exports.xlsx}
      onExportGeoJson={exports.geojson}
      onSettings={(analysis) => actions.navigate({ analysis })}
      kpis={kpis}
    />
  );
}

function LayersTab() {
  const lang = useApp((s) => s.hash.lang);
  const overlays = useApp((s) => s.hash.overlays);
  const hidden = useApp((s) => s.hash.hiddenCategories);
  const city = useApp((s) => s.city);
  const facilities = useApp(selectFacilities) ?? city?.layers.facilities.features ?? [];
  const unserved = useApp((s) => s.analysis.report?.gaps.compounds.length ?? 0);
  const counts = city?.manifest.counts ?? {};
  // imported ledgers and proposals count like the bundle's own facilities
  const byCategory: Partial<Record<CategoryId, number>> = {};
  for (const f of facilities) byCategory[f.properties.category] = (byCategory[f.properties.category] ?? 0) + 1;
  const overlayCounts: Record<OverlayId, number> = {
    toiletGaps: byCategory.toilet ?? 0,
    parkingGaps: unserved,
    zones: SIX_SURROUNDINGS.reduce((n, c) => n + (byCategory[c] ?? 0), 0),
    grids: counts.grids ?? 0,
    facilities: facilities.length,
    alleys: counts.alleys ?? 0,
    compounds: counts.compounds ?? 0,
    boundaries: counts.boundaries ?? 0,
  };
  const overlayLabel: Record<OverlayId, Parameters<typeof t>[1]> = {
    toiletGaps: 'layerToiletGaps',
    parkingGaps: 'layerParkingGaps',
    zones: 'layerZones',
    grids: 'layerGrids',
    facilities: 'layerFacilities',
    alleys: 'layerAlleys',
    compounds: 'layerCompounds',
    boundaries: 'layerBoundaries',
  };
  const toggleOverlay = (id: string) => {
    const overlay = id as OverlayId;
    actions.navigate({ overlays: overlays.includes(overlay) ? overlays.filter((o) => o !== overlay) : [...overlays, overlay] });
  };
  const toggleCategory = (id: string) => {
    const category = id as CategoryId;
    actions.navigate({ hiddenCategories: hidden.includes(category) ? hidden.filter((c) => c !== category) : [...hidden, category] });
  };
  return (
    <>
      <LayerPanel title={t(lang, 'layers')} layers={(Object.keys(overlayLabel) as OverlayId[]).map((id) => ({ id, label: t(lang, overlayLabel[id]), count: overlayCounts[id], checked: overlays.includes(id) }))} onToggle={toggleOverlay} />
      <Legend
        title={t(lang, 'legend')}
        items={CATEGORIES.map((c) => ({ id: c.id, label: lang === 'zh' ? c.zh : c.en, colour: c.colour, count: byCategory[c.id] ?? 0, hidden: hidden.includes(c.id) }))}
        onToggle={toggleCategory}
      />
    </>
  );
}
