import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { CATEGORIES, type CategoryId } from '../domain/categories';
import type { CityIndexEntry } from '../domain/city_bundle';
import { Legend } from '../components/Legend';
import { LayerPanel } from '../components/LayerPanel';
import { Tooltip } from '../components/Tooltip';
import { TopBar } from '../components/TopBar';
import { t } from '../i18n/strings';
import { loadCity, loadCityIndex, type LoadedCity } from '../io/city_loader';
import { MapController, type HoverInfo } from '../map/map_controller';
import { formatHash, parseHash, type HashState, type OverlayId } from '../state/url_hash';
import { DataNotes } from './DataNotes';
import { GapAnalysisSection } from './GapAnalysisSection';
import { GridScorecardSection } from './GridScorecardSection';
import { RankingSection } from './RankingSection';
import { hoverLines } from './hover_lines';
import { useGapAnalysis } from './use_gap_analysis';

export function App() {
  const [state, setState] = useState<HashState>(() => parseHash(window.location.hash));
  const [cities, setCities] = useState<CityIndexEntry[] | null>(null);
  const [city, setCity] = useState<LoadedCity | null>(null);
  const [failure, setFailure] = useState<{ cityId: string; message: string } | null>(null);
  const [hover, setHover] = useState<HoverInfo | null>(null);
  /** the city the map last finished drawing */
  const [idleCity, setIdleCity] = useState<string | null>(null);
  const mapContainer = useRef<HTMLDivElement>(null);
  const controller = useRef<MapController | null>(null);
  /** the view from the link is applied once, to the first city opened */
  const initialView = useRef(state.view);
  const { lang } = state;

  const update = useCallback((patch: Partial<HashState>) => setState((s) => ({ ...s, ...patch })), []);

  useEffect(() => {
    window.history.replaceState(null, '', formatHash(state));
    document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
    document.title = `${t(lang, 'appTitle')}${city ? ` · ${lang === 'zh' ? city.manifest.name.zh : city.manifest.name.en}` : ''}`;
    document.documentElement.dataset.theme = state.theme;
  }, [state, lang, city]);

  useEffect(() => {
    const onHashChange = () => setState(parseHash(window.location.hash));
    window.addEventListener('hashchange', onHashChange);
    return () => window.removeEventListener('hashchange', onHashChange);
  }, []);

  useEffect(() => {
    if (!mapContainer.current) return;
    const map = new MapController(mapContainer.current, {
      onHover: setHover,
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
  const gaps = useGapAnalysis(cityId, state.analysis, state.grid);
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

  // the district head's view: zoom to the grid of the link once the city is on the map
  useEffect(() => {
    controller.current?.selectGrid(selectedGrid);
  }, [selectedGrid]);

  useEffect(() => {
    controller.current?.setSettings({ theme: state.theme, overlays: state.overlays, hiddenCategories: state.hiddenCategories });
  }, [state.theme, state.overlays, state.hiddenCategories]);

  const error = failure && failure.cityId === cityId ? `${t(lang, 'loadFailed')}: ${failure.message}` : null;
  const mapState = error ? 'error' : cityId !== null && idleCity === cityId && city?.manifest.id === cityId ? 'idle' : 'loading';
  const counts = city?.manifest.counts ?? {};
  const overlayLabels: Record<OverlayId, string> = {
    toiletGaps: t(lang, 'layerToiletGaps'),
    grids: t(lang, 'layerGrids'),
    facilities: t(lang, 'layerFacilities'),
    alleys: t(lang, 'layerAlleys'),
    compounds: t(lang, 'layerCompounds'),
    boundaries: t(lang, 'layerBoundaries'),
  };
  const overlayCounts: Record<OverlayId, number> = {
    toiletGaps: counts.toilet ?? 0,
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

  return (
    <div className={`app theme-${state.theme}`}>
      <TopBar title={t(lang, 'appTitle')} subtitle={t(lang, 'appSubtitle')} cityLabel={t(lang, 'city')} cities={cityOptions} cityId={cityId} onCity={(id) => update({ city: id, view: null, grid: null, district: null })}>
        <button type="button" onClick={() => update({ theme: state.theme === 'light' ? 'dark' : 'light' })} data-action="theme">
          {t(lang, state.theme === 'light' ? 'themeDark' : 'themeLight')}
        </button>
        <button type="button" onClick={() => update({ lang: lang === 'zh' ? 'en' : 'zh' })} data-action="lang">
          {t(lang, 'language')}
        </button>
      </TopBar>
      <main className="workspace">
        <aside className="side-panel">
          {city && <DataNotes manifest={city.manifest} lang={lang} />}
          {state.grid && city && <GridScorecardSection lang={lang} code={state.grid} grid={selectedGrid} scorecard={gaps.scorecard} />}
          {city?.layers.grids && gaps.gridTable && (
            <RankingSection key={`${city.manifest.id}:${state.district ?? ''}`} lang={lang} grids={city.layers.grids.features} table={gaps.gridTable} district={state.district} onGrid={(grid) => update({ grid })} controller={controller} />
          )}
          <GapAnalysisSection lang={lang} gaps={gaps} settings={state.analysis} onSettings={(analysis) => update({ analysis })} controller={controller} />
          <LayerPanel title={t(lang, 'layers')} layers={(Object.keys(overlayLabels) as OverlayId[]).map((id) => ({ id, label: overlayLabels[id], count: overlayCounts[id], checked: state.overlays.includes(id) }))} onToggle={toggleOverlay} />
          <Legend
            title={t(lang, 'legend')}
            items={CATEGORIES.map((c) => ({ id: c.id, label: lang === 'zh' ? c.zh : c.en, colour: c.colour, count: counts[c.id] ?? 0, hidden: state.hiddenCategories.includes(c.id) }))}
            onToggle={toggleCategory}
          />
        </aside>
        <div className="map-wrap">
          <div ref={mapContainer} id="map" className="map" data-map-state={mapState} data-city={idleCity ?? ''} />
          {cities !== null && cities.length === 0 && <div className="map-message">{t(lang, 'noCities')}</div>}
          {error && <div className="map-message error">{error}</div>}
          {mapState === 'loading' && cities?.length !== 0 && <div className="map-loading">{t(lang, 'loading')}</div>}
          {hover && <Tooltip x={hover.x} y={hover.y} lines={hoverLines(hover.target, lang)} />}
          {city && (
            <div className="attribution">
              {city.manifest.synthetic ? t(lang, 'synthetic') : city.manifest.sources.map((s) => s.attribution).join(' · ')} · {t(lang, 'dataDate')} {city.manifest.dataDate}
            </div>
          )}
        </div>
      </main>
    </div>
  );
}
