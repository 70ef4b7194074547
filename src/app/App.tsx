/**
 * The shell: top bar, side panel, map. The state lives in the store (src/state/app_store.ts); the worker, the
 * map, IndexedDB and the URL are its subscribers, started once here.
 */
import { useEffect, useRef, useState } from 'react';
import { Tooltip } from '../components/Tooltip';
import { TopBar } from '../components/TopBar';
import { t } from '../i18n/strings';
import { actions, selectCityId, useApp } from '../state/app_store';
import { DEFAULT_WALL } from '../state/url_hash';
import { hoverLines } from './hover_lines';
import { MapMessages } from './MapMessages';
import { AsOfBanner } from './AsOfBanner';
import { ServicesContext, type AppServices } from './services';
import { SidePanel } from './SidePanel';
import { startApp } from './start_app';
import { WallView } from './WallView';
import { CaseOverlays } from './cases/CaseOverlays';
import { SessionControl } from './cases/SessionControl';

export function App() {
  const mapContainer = useRef<HTMLDivElement>(null);
  const [services, setServices] = useState<AppServices | null>(null);
  useEffect(() => {
    const started = startApp(mapContainer.current!);
    setServices(started.services);
    return started.stop;
  }, []);

  const lang = useApp((s) => s.hash.lang);
  const wall = useApp((s) => s.hash.wall !== null);
  const theme = useApp((s) => (s.hash.wall ? 'dark' : s.hash.theme));
  const hover = useApp((s) => s.hover);
  const hasCity = useApp((s) => s.city !== null);
  const mapState = useApp((s) => {
    const cityId = selectCityId(s);
    if (s.cityFailure && s.cityFailure.cityId === cityId) return 'error';
    return cityId !== null && s.idleCity === cityId && s.city?.manifest.id === cityId ? 'idle' : 'loading';
  });
  const idleCity = useApp((s) => s.idleCity);

  // no mouse on a wall: Escape leaves it, the right arrow moves the tour on
  useEffect(() => {
    if (!wall) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') actions.navigate({ wall: null });
      else if (e.key === 'ArrowRight') actions.nextWallStop();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [wall]);

  return (
    <ServicesContext.Provider value={services}>
      <div
        className={`app theme-${theme}${wall ? ' wall' : ''}`}
        onDragOver={(e) => e.dataTransfer.types.includes('Files') && e.preventDefault()}
        onDrop={(e) => {
          const file = e.dataTransfer.files[0];
          if (!file) return;
          e.preventDefault();
          actions.dropFile(file);
        }}
      >
        {!wall && <AppTopBar />}
        <main className="workspace">
          {!wall && <SidePanel />}
          <div className="map-wrap">
            <div ref={mapContainer} id="map" className="map" data-map-state={mapState} data-city={idleCity ?? ''} />
            <MapMessages mapState={mapState} />
            {!wall && <AsOfBanner />}
            {hover && !wall && <Tooltip x={hover.x} y={hover.y} lines={hoverLines(hover.target, lang)} />}
            {wall && hasCity && <WallView />}
            <CaseOverlays />
          </div>
        </main>
      </div>
    </ServicesContext.Provider>
  );
}

function AppTopBar() {
  const lang = useApp((s) => s.hash.lang);
  const theme = useApp((s) => s.hash.theme);
  const cities = useApp((s) => s.cities);
  const cityId = useApp(selectCityId);
  const options = (cities ?? []).map((c) => ({ id: c.id, label: lang === 'zh' ? c.name.zh : c.name.en }));
  return (
    <TopBar title={t(lang, 'appTitle')} subtitle={t(lang, 'appSubtitle')} cityLabel={t(lang, 'city')} cities={options} cityId={cityId} onCity={actions.openCity}>
      <button type="button" onClick={() => actions.navigate({ wall: DEFAULT_WALL })} data-action="wall">
        {t(lang, 'wallMode')}
      </button>
      <button type="button" onClick={() => actions.navigate({ theme: theme === 'light' ? 'dark' : 'light' })} data-action="theme">
        {t(lang, theme === 'light' ? 'themeDark' : 'themeLight')}
      </button>
      <button type="button" onClick={() => actions.navigate({ lang: lang === 'zh' ? 'en' : 'zh' })} data-action="lang">
        {t(lang, 'language')}
      </button>
      <SessionControl />
    </TopBar>
  );
}
