/**
 * The cases the map shows: in the history view, those open at the end of the day (the ones its snapshot counted
 * as open), with deadlines judged at that instant; today, the filtered list as it is. Memoised on its inputs so
 * the map redraws only when they change.
 */
import type { ApiCase } from '../campaign/api';
import { casesOpenAt, endOfBeijingDay } from '../history/as_of';
import type { AppState } from '../state/app_store';
import { selectAsOfDay } from '../state/as_of_driver';
import { selectFilteredCases } from './case_selectors';

let memo: { list: ApiCase[]; day: string | null; result: ApiCase[] } | null = null;

export function selectMapCases(s: AppState): ApiCase[] {
  const list = selectFilteredCases(s);
  const day = s.session.status === 'signed-in' ? selectAsOfDay(s) : null;
  if (memo?.list !== list || memo.day !== day) memo = { list, day, result: day ? casesOpenAt(list, day) : list };
  return memo.result;
}

/** the instant overdue is judged at: the end of the history day, or now */
export const caseClock = (s: AppState): number => {
  const day = s.session.status === 'signed-in' ? selectAsOfDay(s) : null;
  return day ? endOfBeijingDay(day) : Date.now();
};
