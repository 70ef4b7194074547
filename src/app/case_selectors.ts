/** Derived case lists for the views, memoised on the slice's references so a re-render never re-filters. */
import type { ApiCase } from '../campaign/api';
import { byDeadline, filterCases } from '../campaign/case_filters';
import type { AppState } from '../state/app_store';

/** filter results kept per list: a chip switched off again gives back the very array it had, so the map's layers keep their data */
const RECENT_FILTERS = 8;
let filtered: { list: AppState['cases']['list']; results: Map<string, ApiCase[]> } | null = null;

/** the cases the filter lets through, newest first (the same array for the same list and filter) */
export function selectFilteredCases(s: AppState): ApiCase[] {
  const { list, filter } = s.cases;
  if (filtered?.list !== list) filtered = { list, results: new Map() };
  const key = JSON.stringify(filter);
  let result = filtered.results.get(key);
  if (!result) {
    result = filterCases(list, filter, Date.now());
    if (filtered.results.size >= RECENT_FILTERS) filtered.results.delete(filtered.results.keys().next().value!);
  }
  // the newest use last, so the oldest is the one dropped
  filtered.results.delete(key);
  filtered.results.set(key, result);
  return result;
}

let mine: { list: AppState['cases']['list']; unitId: string | null; result: ApiCase[] } | null = null;

/**
 * The phone's "my cases": a handler's are those dispatched to its unit or lying in its grids; for anyone else
 * the open cases of the city. Nearest deadline first.
 */
export function selectMyCases(s: AppState): ApiCase[] {
  const { list } = s.cases;
  const unitId = s.session.user?.unitId ?? null;
  if (mine?.list === list && mine.unitId === unitId) return mine.result;
  const own = (c: ApiCase) => (unitId ? c.unitId === unitId || (c.unitId === null && c.gridUnitId === unitId) : true);
  const result = list.filter((c) => ['registered', 'dispatched', 'checking', 'reported'].includes(c.state) && own(c)).sort(byDeadline);
  mine = { list, unitId, result };
  return result;
}

export const selectOpenCase = (s: AppState): ApiCase | null => (s.hash.case === null ? null : (s.cases.list.find((c) => c.id === s.hash.case) ?? null));
