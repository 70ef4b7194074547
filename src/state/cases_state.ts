/**
 * The supervision slice of the app state: the open city's cases as the server last told (kept current by the
 * live feed), the reference lists, the filter, and what the wall shows of the feed (ticker, flash).
 */
import type { ApiCase } from '../campaign/api';
import { NO_FILTER, type CaseFilter } from '../campaign/case_filters';
import type { StreamStatus } from '../campaign/event_stream';

export interface CaseCategory { id: string; kind: string; code: string; nameZh: string; nameEn: string; defaultUnitId: string | null }
export interface OrgUnit { id: string; name: string; kind: string; parentId: string | null; code: string | null }

/** one line of the wall's ticker: an event as it arrived */
export interface TickerItem { eventId: number; caseId: number; action: string; title: string; actor: string | null; at: string }

/** what a 督办 button hands the case form: everything it knows, for the user to check and send */
export interface CaseDraft {
  categoryId: string;
  title: string;
  description: string;
  lon: number;
  lat: number;
  source: 'atlas_gap_street' | 'atlas_compound' | 'atlas_mock_item' | 'atlas_grid' | 'report';
  analysis?: { rule: string; dataDate: string; distanceM?: number | null; thresholdM?: number; figures?: Record<string, unknown> };
}

export interface CasesState {
  status: 'idle' | 'loading' | 'ready' | 'error';
  /** why the list could not be loaded, in both languages */
  error: { zh: string; en: string } | null;
  /** the open city's cases, newest first */
  list: ApiCase[];
  categories: CaseCategory[];
  units: OrgUnit[];
  /** the newest event reflected in `list` */
  lastEventId: number;
  /** the newest event per case, so an open drawer reloads its timeline and photos */
  caseEvents: Record<number, number>;
  live: StreamStatus | 'off';
  ticker: TickerItem[];
  /** the case of the last event, drawn as a pulse on the map for a moment */
  flash: { caseId: number; lon: number; lat: number; eventId: number } | null;
  filter: CaseFilter;
  /** the case form, when a 督办 button or "new case" opened it */
  draft: CaseDraft | null;
}

export const TICKER_LENGTH = 12;

export const INITIAL_CASES: CasesState = {
  status: 'idle',
  error: null,
  list: [],
  categories: [],
  units: [],
  lastEventId: 0,
  caseEvents: {},
  live: 'off',
  ticker: [],
  flash: null,
  filter: NO_FILTER,
  draft: null,
};
