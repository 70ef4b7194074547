/**
 * The field app's shell: a top bar (online, what waits to upload, language), and the page the hash names:
 *   #/            home: report, my reports, mock inspection, scores
 *   #/report      a citizen's photo report        #/mine     my reports and points    #/track/<code>  one report
 *   #/inspect     sign-in, today's draw            #/inspect/<placeKey>  the checklist   #/scores  the draw's scores
 */
import { useEffect, useState } from 'react';
import type { CityManifest } from '../domain/city_bundle';
import { loadCityIndex, loadManifest } from '../io/city_loader';
import { t, type Lang } from '../i18n/strings';
import { ChecklistPage } from './ChecklistPage';
import { FieldContextValue, type FieldContext } from './field_context';
import { InspectPage } from './InspectPage';
import { MyReportsPage } from './MyReportsPage';
import { onOutboxChange, pendingSubmissions, receipts, startOutbox, syncOutbox, type Receipt, type Submission } from './outbox';
import { ReportPage } from './ReportPage';
import { keep, kept } from './saved';
import { ScoresPage } from './ScoresPage';
import { TrackPage } from './TrackPage';

const LANG_KEY = 'cc-field-lang';

function useHash(): string {
  const [hash, setHash] = useState(() => location.hash.slice(1) || '/');
  useEffect(() => {
    const update = () => setHash(location.hash.slice(1) || '/');
    window.addEventListener('hashchange', update);
    return () => window.removeEventListener('hashchange', update);
  }, []);
  return hash;
}

function useOnline(): boolean {
  const [online, setOnline] = useState(navigator.onLine);
  useEffect(() => {
    const update = () => setOnline(navigator.onLine);
    window.addEventListener('online', update);
    window.addEventListener('offline', update);
    return () => {
      window.removeEventListener('online', update);
      window.removeEventListener('offline', update);
    };
  }, []);
  return online;
}

function useOutbox(): { pending: Submission[]; sent: Receipt[]; loaded: boolean } {
  const [state, setState] = useState<{ pending: Submission[]; sent: Receipt[]; loaded: boolean }>({ pending: [], sent: [], loaded: false });
  useEffect(() => {
    let live = true;
    const read = () => void Promise.all([pendingSubmissions(), receipts()]).then(([pending, sent]) => live && setState({ pending, sent, loaded: true }));
    const stop = onOutboxChange(read);
    const stopSync = startOutbox();
    read();
    return () => {
      live = false;
      stop();
      stopSync();
    };
  }, []);
  return state;
}

/** ?city=<id>, else the first built city; offline, the city last opened (kept on the phone) */
async function chooseCity(): Promise<CityManifest> {
  try {
    const wanted = new URLSearchParams(location.search).get('city');
    const id = wanted ?? (await loadCityIndex())[0]?.id;
    if (!id) throw new Error('no city');
    const manifest = await loadManifest(id);
    await keep('city', manifest);
    return manifest;
  } catch (reason) {
    const last = await kept<CityManifest>('city');
    if (!last) throw reason;
    return last;
  }
}

function useServiceWorkerReady(): boolean {
  const [ready, setReady] = useState(() => Boolean(navigator.serviceWorker?.controller));
  useEffect(() => {
    if (!navigator.serviceWorker) return;
    const update = () => setReady(Boolean(navigator.serviceWorker.controller));
    navigator.serviceWorker.addEventListener('controllerchange', update);
    return () => navigator.serviceWorker.removeEventListener('controllerchange', update);
  }, []);
  return ready;
}

export function FieldApp() {
  const [lang, setLang] = useState<Lang>(() => (localStorage.getItem(LANG_KEY) === 'en' ? 'en' : 'zh'));
  const [city, setCity] = useState<CityManifest | null>(null);
  const [cityError, setCityError] = useState<string | null>(null);
  const hash = useHash();
  const online = useOnline();
  const outbox = useOutbox();
  const swReady = useServiceWorkerReady();

  useEffect(() => {
    chooseCity().then(setCity, (reason: Error) => setCityError(reason.message));
  }, []);
  useEffect(() => {
    document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
    document.title = t(lang, 'fieldAppTitle');
  }, [lang]);

  const switchLang = () => {
    const next: Lang = lang === 'zh' ? 'en' : 'zh';
    localStorage.setItem(LANG_KEY, next);
    setLang(next);
  };
  const waiting = outbox.pending.filter((p) => !p.refused).length;
  const context: FieldContext | null = city ? { lang, city, pending: outbox.pending, sent: outbox.sent, online } : null;

  return (
    <div className="field" data-online={online} data-pending={waiting} data-outbox={outbox.loaded ? 'loaded' : 'loading'} data-sw={swReady ? 'ready' : 'none'}>
      <header className="field-bar">
        <a className="field-title" href="#/">
          {t(lang, 'fieldAppTitle')}
        </a>
        <span className={`field-net ${online ? 'on' : 'off'}`}>{t(lang, online ? 'fieldOnline' : 'fieldOffline')}</span>
        <button type="button" className="field-lang" onClick={switchLang}>
          {t(lang, 'language')}
        </button>
      </header>
      <div className="field-status" role="status">
        {waiting > 0 ? (
          <>
            <span className="field-pending">{t(lang, 'fieldPending', { n: waiting })}</span>
            {online && (
              <button type="button" onClick={() => void syncOutbox()}>
                {t(lang, 'fieldSyncNow')}
              </button>
            )}
          </>
        ) : (
          <span>{t(lang, swReady ? 'fieldOfflineReady' : 'fieldOfflinePreparing')}</span>
        )}
      </div>
      <main className="field-main">
        {cityError && <p className="field-error">{t(lang, 'fieldCityMissing')}</p>}
        {context && <FieldContextValue.Provider value={context}>{page(hash)}</FieldContextValue.Provider>}
      </main>
    </div>
  );
}

function page(hash: string) {
  const [, first, rest] = /^\/([^/]*)\/?(.*)$/.exec(hash) ?? [];
  switch (first) {
    case 'report':
      return <ReportPage />;
    case 'mine':
      return <MyReportsPage />;
    case 'track':
      return <TrackPage code={decodeURIComponent(rest)} />;
    case 'inspect':
      return rest ? <ChecklistPage placeKey={decodeURIComponent(rest)} /> : <InspectPage />;
    case 'scores':
      return <ScoresPage />;
    default:
      return <Home />;
  }
}

function Home() {
  return (
    <FieldContextValue.Consumer>
      {(c) =>
        c && (
          <div className="field-home">
            <p>{t(c.lang, 'fieldCitizenIntro')}</p>
            <a className="field-big" href="#/report">
              {t(c.lang, 'fieldReportAction')}
            </a>
            <a className="field-big secondary" href="#/mine">
              {t(c.lang, 'fieldMyReports')}
            </a>
            <p>{t(c.lang, 'fieldInspectorIntro')}</p>
            <a className="field-big secondary" href="#/inspect">
              {t(c.lang, 'fieldInspectAction')}
            </a>
            <a className="field-big secondary" href="#/scores">
              {t(c.lang, 'fieldScoresAction')}
            </a>
          </div>
        )
      }
    </FieldContextValue.Consumer>
  );
}
