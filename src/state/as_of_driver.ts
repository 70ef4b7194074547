/**
 * The history view (#asof=yyyy-mm-dd): fetches the ledger revisions in force on that day from the campaign server
 * and decides what the analysis worker and the map put on the bundle.
 *
 *   no asof, or the wall ──► today: the bundle + the planner's own project (IndexedDB), as before
 *   asof, signed in     ──► that day: the bundle + the server's revisions effective by then, no project
 *   asof, no server     ──► today, and the banner says the history view needs the campaign server
 *
 * The planner's unsaved project is left out of the history view on purpose: the view shows the shared record as
 * it stood, so its figures are the ones the day's snapshot stored; a private draft on top would make them neither.
 */
import type { StoreApi } from 'zustand/vanilla';
import { api, ApiError } from '../campaign/api';
import { revisionLedgers, type AsOfRevision } from '../history/as_of';
import type { LedgerLayer, Proposal } from '../ledger/project';
import { selectCityId, selectProject, type AppState } from './app_store';
import { NO_AS_OF } from './as_of_state';
import { follow } from './follow';

const NO_PROPOSALS: Proposal[] = [];

/** The history day the link asks for, or null for today. The wall always shows today. */
export const selectAsOfDay = (s: AppState): string | null => (s.hash.wall ? null : s.hash.asof);

/** Whether the history view can be shown: it needs the campaign server and a sign-in ('checking' until known). */
export function asOfAvailability(s: AppState): 'checking' | 'available' | 'unavailable' {
  const status = s.session.status;
  return status === 'checking' ? 'checking' : status === 'signed-in' ? 'available' : 'unavailable';
}

/** What the worker puts on the bundle: `scope` is 'today' or the day; ledgers and proposals are store references (stable). */
export interface AnalysisScope { scope: string; ledgers: LedgerLayer[] | null; proposals: Proposal[] | null }

/** null while it is not known yet (the session is being checked, the day's revisions are loading or failed). */
export function selectAnalysisScope(s: AppState): AnalysisScope | null {
  const day = selectAsOfDay(s);
  const availability = day ? asOfAvailability(s) : 'unavailable';
  if (day && availability === 'checking') return null;
  if (!day || availability === 'unavailable') {
    const project = selectProject(s);
    return { scope: 'today', ledgers: project?.ledgers ?? null, proposals: project?.proposals ?? null };
  }
  return s.asOf.status === 'ready' && s.asOf.key === `${selectCityId(s)}/${day}` ? { scope: day, ledgers: s.asOf.ledgers, proposals: NO_PROPOSALS } : null;
}

/** The scope the page should be showing, known before its revisions arrive: a change clears the figures on show. */
export function wantedScope(s: AppState): string | null {
  const day = selectAsOfDay(s);
  if (!day) return 'today';
  const availability = asOfAvailability(s);
  return availability === 'checking' ? null : availability === 'available' ? day : 'today';
}

/** True when the figures on the page are those of the history day the link asks for. */
export const selectAsOfShown = (s: AppState): boolean => {
  const day = selectAsOfDay(s);
  const a = s.analysis;
  return day !== null && a.appliedScope === day && a.fields !== null && a.fieldsFor === a.projectApplied && a.coverage !== null;
};

export function connectAsOf(store: StoreApi<AppState>): () => void {
  return follow(store, (s) => {
    const cityId = selectCityId(s);
    const day = selectAsOfDay(s);
    return cityId && day && asOfAvailability(s) === 'available' ? [cityId, day] : null;
  }, ([cityId, day], isCurrent) => {
    const key = `${cityId}/${day}`;
    const abort = new AbortController();
    store.setState({ asOf: { ...NO_AS_OF, status: 'loading', key } });
    api<{ revisions: AsOfRevision[] }>(`/api/ledgers/as-of?${new URLSearchParams({ cityId: cityId as string, day: day as string })}`, { signal: abort.signal }).then(
      ({ revisions }) => isCurrent() && store.setState({ asOf: { status: 'ready', key, ledgers: revisionLedgers(revisions, day as string), error: null } }),
      (error: Error) => {
        if (error.name === 'AbortError' || !isCurrent()) return;
        store.setState({ asOf: { status: 'error', key, ledgers: [], error: error instanceof ApiError ? { zh: error.zh, en: error.en } : { zh: error.message, en: error.message } } });
      },
    );
    return () => {
      abort.abort();
      store.setState({ asOf: NO_AS_OF });
    };
  });
}
