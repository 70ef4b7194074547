/**
 * Before/after (#compare=from,to,figure): fetches every grid's snapshot figures on the two days from the campaign
 * server and keeps them in the store; the map colours the grids by the change (comparisonColours), the side panel
 * lists the grids most improved and most worsened. Changing only the figure recolours without a new request.
 */
import type { StoreApi } from 'zustand/vanilla';
import { fetchComparison } from '../bulletin/bulletin_api';
import { ApiError } from '../campaign/api';
import { changes, TREND_FIGURE_IDS, type Change, type TrendFigureId } from '../history/snapshot_change';
import { changeColours } from '../map/change_choropleth';
import { selectCityId, type AppState } from './app_store';
import { NO_COMPARISON } from './comparison_state';
import { follow } from './follow';

export const isTrendFigure = (id: string | undefined): id is TrendFigureId => (TREND_FIGURE_IDS as readonly string[]).includes(id ?? '');

export function connectComparison(store: StoreApi<AppState>): () => void {
  return follow(store, (s) => {
    const cityId = selectCityId(s);
    return s.hash.compare && cityId && s.session.status === 'signed-in' ? [cityId, s.hash.compare.from, s.hash.compare.to] : null;
  }, ([cityId, from, to], isCurrent) => {
    const key = `${cityId}/${from}/${to}`;
    const abort = new AbortController();
    store.setState({ comparison: { ...NO_COMPARISON, status: 'loading', key } });
    fetchComparison(cityId as string, from as string, to as string, abort.signal).then(
      (rows) => isCurrent() && store.setState({ comparison: { status: 'ready', key, rows, error: null } }),
      (error: Error) => {
        if (error.name === 'AbortError' || !isCurrent()) return;
        store.setState({ comparison: { status: 'error', key, rows: [], error: error instanceof ApiError ? { zh: error.zh, en: error.en } : { zh: error.message, en: error.message } } });
      },
    );
    return () => {
      abort.abort();
      store.setState({ comparison: NO_COMPARISON });
    };
  });
}

/** The changes of the link's figure, when the comparison of the link's days has arrived for the open city. */
export function changesOf(comparison: AppState['comparison'], compare: AppState['hash']['compare'], cityId: string | null): Change[] | null {
  if (!compare || comparison.status !== 'ready' || comparison.key !== `${cityId}/${compare.from}/${compare.to}` || !isTrendFigure(compare.figure)) return null;
  return changes(comparison.rows, compare.figure);
}

export const selectChanges = (s: AppState): Change[] | null => changesOf(s.comparison, s.hash.compare, selectCityId(s));

/** The grid layer's fill for the comparison, in the city's grid order; null when there is none to show. */
export function comparisonColours(s: AppState): Uint8Array | null {
  const list = selectChanges(s);
  const grids = s.city?.layers.grids?.features;
  return list && grids ? changeColours(grids.map((g) => g.properties.code), list) : null;
}
