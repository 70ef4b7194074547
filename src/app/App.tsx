import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { CATEGORIES, SIX_SURROUNDINGS, type CategoryId } from '../domain/categories';
import type { CityIndexEntry } from '../domain/city_bundle';
import { Legend } from '../components/Legend';
import { LayerPanel } from '../components/LayerPanel';
import { Tooltip } from '../components/Tooltip';
import { TopBar } from '../components/TopBar';
import { t } from '../i18n/strings';
import { loadCity, loadCityIndex, loadManifest, type LoadedCity } from '../io/city_loader';
import { MapController, type HoverInfo, type HoverTarget } from '../map/map_controller';
import { RULES } from '../domain/rules';
import { gridMetricColours } from '../map/choropleth';
import { DEFAULT_WALL, formatHash, PANEL_TABS, parseHash, type HashState, type OverlayId, type PanelTab } from '../state/url_hash';
import { ChartsSection } from './ChartsSection';
import { DataNotes } from './DataNotes';
import { analysisKpis, GapAnalysisSection } from './GapAnalysisSection';
import { GapListsSection, type GapPick } from './GapListsSection';
import { GridScorecardSection } from './GridScorecardSection';
import { MockInspectionSection } from './MockInspectionSection';
import { RankingSection } from './RankingSection';
import { WallView } from './WallView';
import { hoverLines } from './hover_lines';
import { useGapAnalysis } from './use_gap_analysis';
import { useToiletCoverage } from './use_toilet_coverage';
import { PlannerSection } from './PlannerSection';
import { useProject } from './use_project';
import { usePlannerExports } from './use_planner_exports';
import type { SiteSuggestion } from '../analysis/suggest_sites';
import type { ProposalCategory } from '../ledger/project';

/** one empty list, so "still nothing" is not a change */
const NO_SITES: never[] = [];

const TAB_LABEL = { overview: 'tabOverview', gaps: 'tabGaps', mock: 'tabMock', ranking: 'tabRanking', plan: 'tabPlan', layers: 'tabLayers' } as const satisfies Record<PanelTab, string>;

export function App() {
  const [state, setState] = useState<HashState>(() => parseHash(window.location.hash));
  const [cities, setCities] = useState<CityIndexEntry[] | null>(null);
  const [city, setCity] = useState<LoadedCity | null>(null);
  const [failure, setFailure] = useState<{ cityId: string; message: string } | null>(null);
  const [hover, setHover] = useState<HoverInfo | null>(null);
  /** the street or compound picked in a gap list or on the map */
  const [gapPick, setGapPick] = useState<GapPick | null>(null);
  /** the mock inspection point opened in the checklist */
  const [mockFocus, setMockFocus] = useState<string | null>(null);
  /** placing proposed facilities of this category by clicking the map */
  const [placing, setPlacing] = useState<ProposalCategory | null>(null);
  const [suggestions, setSuggestions] = useState<{ category: ProposalCategory; sites: SiteSuggestion[] } | null>(null);
  const [droppedFile, setDroppedFile] = useState<File | null>(null);
  const takeDroppedFile = useCallback(() => setDroppedFile(null), []);
  /** when the wall last asked the server whether the city's data changed */
  const [checkedAt, setCheckedAt] = useState<Date | null>(null);
  /** the data the wall last swapped in: the worker reloads it too */
  const [reloaded, setReloaded] = useState<{ cityId: string; builtAt: string } | null>(null);
  /** the city the map last finished drawing */
  const [idleCity, setIdleCity] = useState<string | null>(null);
  const mapContainer = useRef<HTMLDivElement>(null);
  const controller = useRef<MapController | null>(null);
  /** the map's placing and dragging callbacks reach the current project through this */
  const planner = useRef<{ place: (lon: number, lat: number) => void; move: (id: string, lon: number, lat: number) => void }>({ place: () => {}, move: () => {} });
  /** the view from the link is applied once, to the first city opened */
  const initialView = useRef(state.view);
  const { lang } = state;

  const update = useCallback((patch: Partial<HashState>) => setState((s) => ({ ...s, ...patch })), []);

  useEffect(() => {
    window.history.replaceState(null, '', formatHash(state));
    document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
    document.title = `${t(lang, 'appTitle')}${city ? ` · ${lang === 'zh' ? city.manifest.name.zh : city.manifest.name.en}` : ''}`;
    document.documentElement.dataset.theme = state.wall ? 'dark' : state.theme;
  }, [state, lang, city]);

  useEffect(() => {
    const onHashChange = () => setState(parseHash(window.location.hash));
    window.addEventListener('hashchange', onHashChange);
    return () => window.removeEventListener('hashchange', onHashChange);
  }, []);

  useEffect(() => {
    if (!mapContainer.current) return;
    const onPick = (target: HoverTarget) => {
      if (target.kind === 'grid') update({ grid: target.feature.properties.code });
      else if (target.kind === 'compound') setGapPick({ kind: 'compound', id: target.feature.properties.id });
      else if (target.kind === 'alley') setGapPick({ kind: 'street', id: target.feature.properties.id });
    };
    const map = new MapController(mapContainer.current, {
      onHover: setHover,
      onPick,
      onPlace: (lon, lat) => planner.current.place(lon, lat),
      onMoveProposal: (id, lon, lat) => planner.current.move(id, lon, lat),
      onViewChange: (view) => update({ view }),
      onIdle: setIdleCity,
    });
    controller.current = map;
    return () => {
      map.destroy();
      controller.current = null;
    };
  }, [update]);

  useEffect(() => {
    const abort = new AbortController();
    loadCityIndex(abort.signal).then(setCities, () => {});
    return () => abort.abort();
  }, []);

  const cityId = state.city ?? cities?.[0]?.id ?? null;
  const store = useProject(cityId);
  const { project } = store;
  // the worker needs ledgers and proposals; a new object only when they change
  const projectLayers = useMemo(() => (project ? { ledgers: project.ledgers, proposals: project.proposals } : null), [project?.ledgers, project?.proposals]); // eslint-disable-line react-hooks/exhaustive-deps
  useEffect(() => {
    planner.current = {
      place: (lon, lat) => {
        if (!placing) return;
        store.update((p) => ({ ...p, proposals: [...p.proposals, { id: `proposal:${Date.now().toString(36)}`, category: placing, lon, lat, origin: 'placed', name: `${t(lang, placing === 'toilet' ? 'proposalToilet' : 'proposalParking')} ${p.proposals.length + 1}` }] }));
      },
      move: (id, lon, lat) => store.update((p) => ({ ...p, proposals: p.proposals.map((q) => (q.id === id ? { ...q, lon, lat } : q)) })),
    };
  }, [placing, store, lang]);
  // null until the wall reloads changed data: the first load of a city reads what the page already fetched
  const dataVersion = reloaded && reloaded.cityId === cityId ? reloaded.builtAt : null;
  const gaps = useGapAnalysis({ cityId, dataVersion, gridCode: state.grid, mock: state.mock, project: projectLayers }, state.analysis);
  const coverage = useToiletCoverage(gaps, state.analysis, controller);
  const wall = state.wall;
  const selectedGrid = useMemo(() => (state.grid && city ? (city.layers.grids?.features.find((g) => g.properties.code === state.grid) ?? null) : null), [state.grid, city]);

  useEffect(() => {
    if (!cityId) return;
    const abort = new AbortController();
    loadCity(cityId, abort.signal).then(
      (loaded) => {
        setCity(loaded);
        controller.current?.setCity(loaded, initialView.current);
        initialView.current = null;
      },
      (reason: Error) => {
        if (reason.name === 'AbortError') return;
        setFailure({ cityId, message: reason.message });
      },
    );
    return () => abort.abort();
  }, [cityId]);

  // a district head's link or a district bar: the map shows that district's grids
  useEffect(() => {
    const grids = city?.layers.grids?.features;
    if (state.district && grids) controller.current?.fitGrids(grids.filter((g) => g.properties.districtCode === state.district));
  }, [state.district, city]);

  // the district head's view: zoom to the grid of the link once the city is on the map
  useEffect(() => {
    controller.current?.selectGrid(selectedGrid);
  }, [selectedGrid]);

  // the wall reloads the city when its data changes on the server, keeping the old data on screen meanwhile
  const reloadS = wall?.reloadS ?? null;
  useEffect(() => {
    if (reloadS === null || !city) return;
    const abort = new AbortController();
    const check = async () => {
      const manifest = await loadManifest(city.manifest.id, abort.signal);
      setCheckedAt(new Date());
      if (manifest.builtAt === city.manifest.builtAt) return;
      const loaded = await loadCity(city.manifest.id, abort.signal, true);
      controller.current?.setCity(loaded, null, true);
      setCity(loaded);
      setReloaded({ cityId: loaded.manifest.id, builtAt: loaded.manifest.builtAt });
    };
    const timer = setInterval(() => void check().catch(() => {}), reloadS * 1000);
    return () => {
      clearInterval(timer);
      abort.abort();
    };
  }, [reloadS, city]);

  // no mouse on a wall: Escape leaves it
  useEffect(() => {
    if (!wall) return;
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && update({ wall: null });
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [wall, update]);

  const theme = wall ? 'dark' : state.theme;
  useEffect(() => {
    controller.current?.setSettings({ theme, overlays: state.overlays, hiddenCategories: state.hiddenCategories });
  }, [theme, state.overlays, state.hiddenCategories]);

  useEffect(() => {
    const proposals = project?.proposals ?? NO_SITES;
    const sites = suggestions?.sites.map((s, i) => ({ id: `suggestion:${i}`, category: suggestions.category, lon: s.lon, lat: s.lat })) ?? NO_SITES;
    controller.current?.setPlanning({ proposals, suggestions: sites, placing: placing !== null && !wall });
  }, [project?.proposals, suggestions, placing, wall]);

  const report = gaps.report;
  const { gridTable } = gaps;
  useEffect(() => {
    controller.current?.setGridColours(gridTable ? gridMetricColours(gridTable, state.metric) : null);
  }, [gridTable, state.metric]);
  const unservedCompoundIds = useMemo(() => new Set(report?.gaps.compounds.map((c) => c.id) ?? []), [report]);
  const mockDraw = useMemo(() => {
    if (!gaps.mock) return null;
    const { points, zoneRadiusM } = gaps.mock;
    const focused = points.find((p) => `${p.category}:${p.facilityId}` === mockFocus);
    return {
      points,
      alleyIds: points.flatMap((p) => p.alleys.map((a) => a.id)),
      compoundIds: points.flatMap((p) => p.compounds.map((c) => c.id)),
      focus: focused ? { lon: focused.lon, lat: focused.lat, radiusM: zoneRadiusM, alleyIds: focused.alleys.map((a) => a.id), compoundIds: focused.compounds.map((c) => c.id) } : null,
    };
  }, [gaps.mock, mockFocus]);
  useEffect(() => {
    controller.current?.setAnalysisOverlays({ unservedCompoundIds, zoneRadiusM: state.analysis.zoneRadiusM, mock: mockDraw, highlight: gapPick });
  }, [unservedCompoundIds, state.analysis.zoneRadiusM, mockDraw, gapPick]);

  const error = failure && failure.cityId === cityId ? `${t(lang, 'loadFailed')}: ${failure.message}` : null;
  const mapState = error ? 'error' : cityId !== null && idleCity === cityId && city?.manifest.id === cityId ? 'idle' : 'loading';
  const counts = city?.manifest.counts ?? {};
  const overlayLabels: Record<OverlayId, string> = {
    toiletGaps: t(lang, 'layerToiletGaps'),
    parkingGaps: t(lang, 'layerParkingGaps'),
    zones: t(lang, 'layerZones'),
    grids: t(lang, 'layerGrids'),
    facilities: t(lang, 'layerFacilities'),
    alleys: t(lang, 'layerAlleys'),
    compounds: t(lang, 'layerCompounds'),
    boundaries: t(lang, 'layerBoundaries'),
  };
  const overlayCounts: Record<OverlayId, number> = {
    toiletGaps: counts.toilet ?? 0,
    parkingGaps: report ? report.gaps.compounds.length : 0,
    zones: SIX_SURROUNDINGS.reduce((n, c) => n + (counts[c] ?? 0), 0),
    grids: counts.grids ?? 0,
    facilities: city?.layers.facilities.features.length ?? 0,
    alleys: counts.alleys ?? 0,
    compounds: counts.compounds ?? 0,
    boundaries: counts.boundaries ?? 0,
  };
  const toggleOverlay = (id: string) => {
    const overlay = id as OverlayId;
    update({ overlays: state.overlays.includes(overlay) ? state.overlays.filter((o) => o !== overlay) : [...state.overlays, overlay] });
  };
  const toggleCategory = (id: string) => {
    const category = id as CategoryId;
    const hidden = state.hiddenCategories;
    update({ hiddenCategories: hidden.includes(category) ? hidden.filter((c) => c !== category) : [...hidden, category] });
  };
  const cityOptions = useMemo(() => (cities ?? []).map((c) => ({ id: c.id, label: lang === 'zh' ? c.name.zh : c.name.en })), [cities, lang]);

  const tab = state.tab;
  const exports = usePlannerExports({ lang, city, gaps, controller, overlays: state.overlays, project });
  const busy = gaps.stage !== 'done' && gaps.stage !== 'error';
  const compoundToiletLimitM = state.analysis.toiletByLandUse ? RULES.toiletSpacingByLandUseM.value.residential : state.analysis.toiletDistanceM;
  return (
    <div
      className={`app theme-${theme}${wall ? ' wall' : ''}`}
      onDragOver={(e) => e.dataTransfer.types.includes('Files') && e.preventDefault()}
      onDrop={(e) => {
        const file = e.dataTransfer.files[0];
        if (!file) return;
        e.preventDefault();
        setDroppedFile(file);
        update({ tab: 'plan' });
      }}
    >
      {!wall && (
        <TopBar title={t(lang, 'appTitle')} subtitle={t(lang, 'appSubtitle')} cityLabel={t(lang, 'city')} cities={cityOptions} cityId={cityId} onCity={(id) => update({ city: id, view: null, grid: null, district: null, mock: null })}>
          <button type="button" onClick={() => update({ wall: DEFAULT_WALL })} data-action="wall">
            {t(lang, 'wallMode')}
          </button>
          <button type="button" onClick={() => update({ theme: state.theme === 'light' ? 'dark' : 'light' })} data-action="theme">
            {t(lang, state.theme === 'light' ? 'themeDark' : 'themeLight')}
          </button>
          <button type="button" onClick={() => update({ lang: lang === 'zh' ? 'en' : 'zh' })} data-action="lang">
            {t(lang, 'language')}
          </button>
        </TopBar>
      )}
      <main className="workspace">
        {!wall && (
          <aside className="side-panel">
            {city && <DataNotes manifest={city.manifest} lang={lang} />}
            {state.grid && city && <GridScorecardSection lang={lang} code={state.grid} grid={selectedGrid} scorecard={gaps.scorecard} />}
            <nav className="tabs panel-tabs" role="tablist">
              {PANEL_TABS.map((id) => (
                <button key={id} type="button" role="tab" aria-selected={tab === id} onClick={() => update({ tab: id })} data-tab={id}>
                  {t(lang, TAB_LABEL[id])}
                </button>
              ))}
            </nav>
            {tab === 'overview' && (
              <>
                <GapAnalysisSection lang={lang} gaps={gaps} coverage={coverage} settings={state.analysis} onSettings={(analysis) => update({ analysis })} />
                <ChartsSection
                  lang={lang}
                  coverage={coverage}
                  report={report}
                  grids={city?.layers.grids?.features ?? null}
                  gridTable={gaps.gridTable}
                  threshold={compoundToiletLimitM}
                  district={state.district}
                  grid={state.grid}
                  onDistrict={(district) => update({ district, grid: null })}
                  onGrid={(grid) => update({ grid })}
                />
              </>
            )}
            {tab === 'gaps' && city && (
              <GapListsSection
                lang={lang}
                gaps={gaps}
                cityId={city.manifest.id}
                selected={gapPick}
                onPick={(pick, box) => {
                  setGapPick(pick);
                  controller.current?.fitBox(box);
                }}
              />
            )}
            {tab === 'mock' && city && (
              <MockInspectionSection
                lang={lang}
                cityId={city.manifest.id}
                cityName={lang === 'zh' ? city.manifest.name.zh : city.manifest.name.en}
                dataDate={city.manifest.dataDate}
                settings={state.mock}
                mock={gaps.mock}
                compoundToiletLimitM={compoundToiletLimitM}
                busy={busy || (state.mock !== null && gaps.mock === null)}
                onSettings={(mock) => update({ mock, overlays: mock && !state.overlays.includes('zones') ? [...state.overlays, 'zones'] : state.overlays })}
                focus={mockFocus}
                onPoint={(p) => {
                  setMockFocus(`${p.category}:${p.facilityId}`);
                  // the whole zone in view: metres to degrees at this latitude
                  const dLat = (state.analysis.zoneRadiusM * 1.1) / 111_320;
                  const dLon = dLat / Math.cos((p.lat * Math.PI) / 180);
                  controller.current?.fitBox([p.lon - dLon, p.lat - dLat, p.lon + dLon, p.lat + dLat]);
                }}
              />
            )}
            {tab === 'ranking' && city?.layers.grids && gaps.gridTable && (
              <RankingSection
                key={`${city.manifest.id}:${state.district ?? ''}`}
                lang={lang}
                grids={city.layers.grids.features}
                table={gaps.gridTable}
                district={state.district}
                onGrid={(grid) => update({ grid })}
                metric={state.metric}
                onMetric={(metric) => update({ metric })}
              />
            )}
            {tab === 'ranking' && city && !city.layers.grids && <p className="note">{t(lang, 'noGrids')}</p>}
            {tab === 'plan' && city && (
              <PlannerSection
                lang={lang}
                cityId={city.manifest.id}
                gaps={gaps}
                store={store}
                settings={state.analysis}
                placing={placing}
                onPlacing={setPlacing}
                suggestions={suggestions}
                onSuggestions={setSuggestions}
                droppedFile={droppedFile}
                onDroppedFileTaken={takeDroppedFile}
                onExportPng={exports.png}
                onExportXlsx={exports.xlsx}
                onExportGeoJson={exports.geojson}
                onSettings={(analysis) => update({ analysis })}
                kpis={analysisKpis(lang, coverage, report).filter((k) => ['streetShare', 'gapStreet', 'parking', 'unserved'].includes(k.id))}
              />
            )}
            {tab === 'layers' && (
              <>
                <LayerPanel title={t(lang, 'layers')} layers={(Object.keys(overlayLabels) as OverlayId[]).map((id) => ({ id, label: overlayLabels[id], count: overlayCounts[id], checked: state.overlays.includes(id) }))} onToggle={toggleOverlay} />
                <Legend
                  title={t(lang, 'legend')}
                  items={CATEGORIES.map((c) => ({ id: c.id, label: lang === 'zh' ? c.zh : c.en, colour: c.colour, count: counts[c.id] ?? 0, hidden: state.hiddenCategories.includes(c.id) }))}
                  onToggle={toggleCategory}
                />
              </>
            )}
          </aside>
        )}
        <div className="map-wrap">
          <div ref={mapContainer} id="map" className="map" data-map-state={mapState} data-city={idleCity ?? ''} />
          {cities !== null && cities.length === 0 && <div className="map-message">{t(lang, 'noCities')}</div>}
          {error && <div className="map-message error">{error}</div>}
          {mapState === 'loading' && cities?.length !== 0 && <div className="map-loading">{t(lang, 'loading')}</div>}
          {hover && !wall && <Tooltip x={hover.x} y={hover.y} lines={hoverLines(hover.target, lang)} />}
          {wall && city && <WallView lang={lang} city={city} gaps={gaps} coverage={coverage} threshold={compoundToiletLimitM} settings={wall} checkedAt={checkedAt} controller={controller} />}
          {city && !wall && (
            <div className="attribution">
              {city.manifest.synthetic ? t(lang, 'synthetic') : city.manifest.sources.map((s) => s.attribution).join(' · ')} · {t(lang, 'dataDate')} {city.manifest.dataDate}
            </div>
          )}
        </div>
      </main>
    </div>
  );
}
