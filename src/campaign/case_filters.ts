/**
 * Which cases a list, the map and the wall's counters show. All filtering is done in the browser on the city's
 * loaded cases (≤ 5,000, the server's page size), so a click on a filter never waits for the network.
 */
import { OPEN_STATES, type CaseState } from '../domain/case_flow';
import { isOverdue, type CardColour } from '../domain/supervision_cards';
import type { ApiCase } from './api';
import { isoWeekRange } from '../domain/iso_week';
import type { CardKey } from './case_look';

export interface CaseFilter {
  /** empty: every state */
  states: readonly CaseState[];
  /** empty: any card (or none) */
  cards: readonly CardKey[];
  categoryId: string | null;
  /** the unit the case is dispatched to */
  unitId: string | null;
  /** a grid code, or a prefix of one (district 6, street 9, community 12 digits) */
  gridCode: string | null;
  /** ISO week of the Beijing calendar in which the case was reported, e.g. "2026-W48" */
  week: string | null;
  overdueOnly: boolean;
  /** words of a title or description, a case number (#12) or a grid code */
  text: string;
}

export const NO_FILTER: CaseFilter = { states: [], cards: [], categoryId: null, unitId: null, gridCode: null, week: null, overdueOnly: false, text: '' };

export const cardOf = (c: ApiCase): CardKey => (c.card?.colour as CardColour | undefined) ?? 'none';

/**
 * What a filter reads of a case, parsed once per case object: a filter click over 5,000 cases must not parse
 * 10,000 dates and build 5,000 lower-case strings again. A changed case is a new object (upsertCase), so a
 * cached entry never outlives what it was read from.
 */
interface CaseKeys { createdMs: number; deadlineMs: number; haystack: string | null }
const keysOf = new WeakMap<ApiCase, CaseKeys>();

function caseKeys(c: ApiCase): CaseKeys {
  let keys = keysOf.get(c);
  if (!keys) {
    keys = { createdMs: Date.parse(c.createdAt), deadlineMs: c.card ? Date.parse(c.card.deadline) : NaN, haystack: null };
    keysOf.set(c, keys);
  }
  return keys;
}

/** words of the case a search matches: number, title, description, grid code */
function haystackOf(c: ApiCase): string {
  const keys = caseKeys(c);
  return (keys.haystack ??= `#${c.id} ${c.title} ${c.description} ${c.gridCode ?? ''}`.toLowerCase());
}

export function caseOverdue(c: ApiCase, now: number): boolean {
  return c.card !== null && isOverdue({ colour: c.card.colour as CardColour, issuedAt: 0, deadline: caseKeys(c).deadlineMs }, c.state, now);
}

export const isOpen = (c: ApiCase): boolean => OPEN_STATES.includes(c.state);

/** A predicate for one filter, built once so a list of 5,000 is one pass without re-parsing the filter. */
export function caseMatcher(filter: CaseFilter, now: number): (c: ApiCase) => boolean {
  const states = filter.states.length ? new Set(filter.states) : null;
  const cards = filter.cards.length ? new Set(filter.cards) : null;
  const words = filter.text.trim().toLowerCase().split(/\s+/).filter(Boolean);
  // a malformed week matches nothing, as no case's week can equal it
  const week = filter.week ? (isoWeekRange(filter.week) ?? { start: 0, end: 0 }) : null;
  return (c) => {
    if (states && !states.has(c.state)) return false;
    if (cards && !cards.has(cardOf(c))) return false;
    if (filter.categoryId && c.categoryId !== filter.categoryId) return false;
    if (filter.unitId && c.unitId !== filter.unitId) return false;
    if (filter.gridCode && !(c.gridCode ?? '').startsWith(filter.gridCode)) return false;
    if (week) {
      const created = caseKeys(c).createdMs;
      if (!(created >= week.start && created < week.end)) return false;
    }
    if (filter.overdueOnly && !caseOverdue(c, now)) return false;
    if (words.length) {
      const haystack = haystackOf(c);
      if (!words.every((w) => haystack.includes(w))) return false;
    }
    return true;
  };
}

export function filterCases(cases: readonly ApiCase[], filter: CaseFilter, now: number): ApiCase[] {
  return cases.filter(caseMatcher(filter, now));
}

export interface CaseCounts { open: number; overdue: number; red: number }

/** The wall's counters: open cases, those past their card's deadline, and open red-card cases. */
export function caseCounts(cases: readonly ApiCase[], now: number): CaseCounts {
  const counts = { open: 0, overdue: 0, red: 0 };
  for (const c of cases) {
    if (!isOpen(c)) continue;
    counts.open++;
    if (caseOverdue(c, now)) counts.overdue++;
    if (c.card?.colour === 'red') counts.red++;
  }
  return counts;
}

/** "My cases" order: the nearest deadline first (overdue ones lead), cases without a card last, then newest. */
export function byDeadline(a: ApiCase, b: ApiCase): number {
  const da = a.card ? Date.parse(a.card.deadline) : Infinity;
  const db = b.card ? Date.parse(b.card.deadline) : Infinity;
  if (da !== db) return da < db ? -1 : 1;
  return b.id - a.id;
}

/** Replaces a case by a newer version (events may replay after a reconnect: an older version never wins). */
export function upsertCase(cases: readonly ApiCase[], next: ApiCase): ApiCase[] {
  const at = cases.findIndex((c) => c.id === next.id);
  if (at < 0) return [next, ...cases];
  const known = cases[at];
  if (known.version > next.version) return cases as ApiCase[];
  // a photo's event carries the case unchanged: the same list, so nothing (the map least of all) redraws
  if (known.version === next.version && known.updatedAt === next.updatedAt && known.card?.colour === next.card?.colour && known.card?.deadline === next.card?.deadline) return cases as ApiCase[];
  const copy = cases.slice();
  copy[at] = next;
  return copy;
}
