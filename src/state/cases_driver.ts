/**
 * Keeps the supervision slice current while someone is signed in: the city's cases, categories and units once,
 * then every event of the live feed folded in (the event carries its case). The feed starts after the newest
 * event id read BEFORE the list, so an event between the two is replayed, never lost; replays are harmless
 * because a case is only replaced by the same or a newer version.
 */
import type { StoreApi } from 'zustand/vanilla';
import { api, ApiError, type ApiCase, type ApiPhoto } from '../campaign/api';
import { upsertCase, type CaseFilter } from '../campaign/case_filters';
import { connectEventStream, type StreamEvent } from '../campaign/event_stream';
import type { CaseAction } from '../domain/case_flow';
import { appStore, selectCityId, type AppState } from './app_store';
import { INITIAL_CASES, TICKER_LENGTH, type CaseCategory, type CaseDraft, type CasesState, type OrgUnit } from './cases_state';
import { follow } from './follow';

/** how long the map pulses at a case that just changed, ms */
export const FLASH_MS = 4000;
/** the server's page size: the whole city's cases for the map and the filters */
const CASE_PAGE = 5000;

const patchCases = (store: StoreApi<AppState>, patch: Partial<CasesState> | ((c: CasesState) => Partial<CasesState>)) =>
  store.setState((s) => ({ cases: { ...s.cases, ...(typeof patch === 'function' ? patch(s.cases) : patch) } }));

/** One event of the feed folded into the slice: the case replaced, a line on the ticker, the map's pulse. */
export function foldEvent(cases: CasesState, event: StreamEvent, cityId: string): Partial<CasesState> {
  const item = event.case;
  if (!item || item.cityId !== cityId) return { lastEventId: Math.max(cases.lastEventId, event.id) };
  return {
    list: upsertCase(cases.list, item),
    lastEventId: Math.max(cases.lastEventId, event.id),
    caseEvents: { ...cases.caseEvents, [item.id]: event.id },
    ticker: [{ eventId: event.id, caseId: item.id, action: event.action, title: item.title, actor: event.actor, at: event.at }, ...cases.ticker].slice(0, TICKER_LENGTH),
    // the case already pulsing keeps its pulse: no map redraw for a second event on it (a photo after a report)
    flash: cases.flash?.caseId === item.id ? cases.flash : { caseId: item.id, lon: item.lon, lat: item.lat, eventId: event.id },
  };
}

export function connectCases(store: StoreApi<AppState>): () => void {
  return follow(store, (s) => (s.session.status === 'signed-in' && selectCityId(s) ? [s.session.user!.id, selectCityId(s)] : null), ([, city], isCurrent) => {
    const cityId = city as string;
    const abort = new AbortController();
    let stopStream: (() => void) | null = null;
    let flashTimer: ReturnType<typeof setTimeout> | undefined;
    patchCases(store, (c) => ({ ...INITIAL_CASES, filter: c.filter, draft: c.draft, status: 'loading' }));
    const load = async () => {
      const { signal } = abort;
      const { lastEventId } = await api<{ lastEventId: number }>('/api/events/last', { signal });
      const [{ categories }, { units }, { cases }] = await Promise.all([
        api<{ categories: CaseCategory[] }>('/api/categories', { signal }),
        api<{ units: OrgUnit[] }>('/api/units', { signal }),
        api<{ cases: ApiCase[] }>(`/api/cases?cityId=${encodeURIComponent(cityId)}&limit=${CASE_PAGE}`, { signal }),
      ]);
      if (!isCurrent()) return;
      patchCases(store, { status: 'ready', list: cases, categories, units, lastEventId, live: 'connecting' });
      stopStream = connectEventStream({
        after: lastEventId,
        onStatus: (live) => patchCases(store, { live }),
        onEvent: (event) => {
          patchCases(store, (c) => foldEvent(c, event, cityId));
          clearTimeout(flashTimer);
          flashTimer = setTimeout(() => patchCases(store, (c) => (c.flash?.eventId === event.id ? { flash: null } : {})), FLASH_MS);
        },
      });
    };
    load().catch((reason: Error) => {
      if (reason.name === 'AbortError' || !isCurrent()) return;
      const error = reason instanceof ApiError ? { zh: reason.zh, en: reason.en } : { zh: reason.message, en: reason.message };
      patchCases(store, { status: 'error', error });
    });
    return () => {
      abort.abort();
      stopStream?.();
      clearTimeout(flashTimer);
      patchCases(store, { live: 'off' });
    };
  });
}

/** What the supervision views do: each answer of the server goes into the slice at once (the feed confirms it). */
export const caseActions = {
  setFilter(patch: Partial<CaseFilter>): void {
    patchCases(appStore, (c) => ({ filter: { ...c.filter, ...patch } }));
  },
  openDraft(draft: CaseDraft | null): void {
    patchCases(appStore, { draft });
  },
  /** the case as the server answered it, before its event arrives */
  remember(item: ApiCase): void {
    patchCases(appStore, (c) => ({ list: upsertCase(c.list, item) }));
  },
  async act(item: ApiCase, action: Exclude<CaseAction, 'report'>, input: { note?: string; unitId?: string; deadline?: string; voidReason?: string } = {}): Promise<ApiCase> {
    const { case: next } = await api<{ case: ApiCase }>(`/api/cases/${item.id}/actions`, { body: { action, version: item.version, ...input } });
    caseActions.remember(next);
    return next;
  },
  async uploadPhoto(caseId: number, kind: 'before' | 'after', file: Blob): Promise<ApiPhoto> {
    const form = new FormData();
    form.append('photo', file, file instanceof File ? file.name : `${kind}.jpg`);
    const { photo } = await api<{ photo: ApiPhoto }>(`/api/cases/${caseId}/photos?kind=${kind}`, { body: form });
    return photo;
  },
  /** 上报: resolves with the new case, or rejects with the server's sentence (409 carries the nearby open cases) */
  async report(cityId: string, draft: CaseDraft, notDuplicate: boolean): Promise<ApiCase> {
    const { case: item } = await api<{ case: ApiCase }>('/api/cases', { body: { cityId, ...draft, notDuplicate } });
    caseActions.remember(item);
    return item;
  },
};
