/**
 * The one app state: plain data and named actions. The URL hash is a projection of `hash` (hash_sync.ts); the
 * worker, the map, IndexedDB and the city files are subscribers that write their answers back (the drivers).
 * A later feature adds a slice here and a driver, not effects in a component.
 */
import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import type { SiteSuggestion } from '../analysis/suggest_sites';
import type { CityIndexEntry } from '../domain/city_bundle';
import type { LoadedCity } from '../io/city_loader';
import type { Project, ProposalCategory } from '../ledger/project';
import type { HoverInfo } from '../map/map_controller';
import { EMPTY_ANALYSIS, type AnalysisData } from './analysis_state';
import { parseVersionedHash } from './hash_version';
import { INITIAL_CASES, type CasesState } from './cases_state';
import { INITIAL_SESSION, type SessionState } from './session_driver';
import { NO_COMPARISON, type ComparisonState } from './comparison_state';
import { NO_AS_OF, type AsOfState } from './as_of_state';
import type { HashState } from './url_hash';

export type GapPick = { kind: 'street' | 'compound'; id: string };

/** Suggested sites, with how many were asked for: fewer means the gap is used up. */
export interface Suggestions { category: ProposalCategory; sites: SiteSuggestion[]; asked: number }

export interface AppState {
  /** what the link says; everything a user can reach by clicking is in here */
  hash: HashState;
  /** the link was written by a newer app: defaults are shown instead */
  hashTooNew: number | null;
  /** null until data/cities.json answered */
  cities: CityIndexEntry[] | null;
  /** why the city index could not be read, with the file */
  citiesError: string | null;
  city: LoadedCity | null;
  cityFailure: { cityId: string; message: string } | null;
  /** bytes of the city's layer files received while it loads (total 0 while unknown) */
  cityBytes: { cityId: string; loaded: number; total: number } | null;
  /** the city the map last finished drawing */
  idleCity: string | null;
  hover: HoverInfo | null;
  /** the street or compound picked in a gap list or on the map */
  gapPick: GapPick | null;
  /** the mock inspection point opened in the checklist */
  mockFocus: string | null;
  /** placing proposed facilities of this category by clicking the map */
  placing: ProposalCategory | null;
  suggestions: Suggestions | null;
  droppedFile: File | null;
  /** when the wall last asked the server whether the city's data changed */
  checkedAt: Date | null;
  /** the data the wall last swapped in: the worker reloads it too */
  reloaded: { cityId: string; builtAt: string } | null;
  /** the planner's project for the open city; null until IndexedDB answered */
  project: Project | null;
  /** a failed IndexedDB read or write, in a sentence */
  projectError: string | null;
  analysis: AnalysisData;
  /** the wall's tour: 0 the whole city, then each district in turn (modulo the stops) */
  wallStep: number;
  /** who is signed in to the campaign server, if there is one (session_driver.ts) */
  session: SessionState;
  /** the before/after of the link's `compare`, from the campaign server (comparison_driver.ts) */
  comparison: ComparisonState;
  /** the open city's supervision cases and the live feed (cases_driver.ts) */
  cases: CasesState;
  /** the ledger revisions in force on the link's `asof` day, from the campaign server (as_of_driver.ts) */
  asOf: AsOfState;
}

export function initialState(locationHash: string): AppState {
  const { state, tooNew } = parseVersionedHash(locationHash);
  return {
    hash: state,
    hashTooNew: tooNew,
    cities: null,
    citiesError: null,
    city: null,
    cityFailure: null,
    cityBytes: null,
    idleCity: null,
    hover: null,
    gapPick: null,
    mockFocus: null,
    placing: null,
    suggestions: null,
    droppedFile: null,
    checkedAt: null,
    reloaded: null,
    project: null,
    projectError: null,
    analysis: EMPTY_ANALYSIS,
    wallStep: 0,
    session: INITIAL_SESSION,
    comparison: NO_COMPARISON,
    cases: INITIAL_CASES,
    asOf: NO_AS_OF,
  };
}

export const appStore = createStore<AppState>()(() => initialState(typeof window === 'undefined' ? '' : window.location.hash));

export function useApp<T>(select: (s: AppState) => T): T {
  return useStore(appStore, select);
}

const set = (patch: Partial<AppState> | ((s: AppState) => Partial<AppState>)) => appStore.setState(patch);

/** The city open: the link's, else the first of the index. */
export const selectCityId = (s: AppState): string | null => s.hash.city ?? s.cities?.[0]?.id ?? null;

/** The project only when it belongs to the open city. */
export const selectProject = (s: AppState): Project | null => {
  const cityId = selectCityId(s);
  return s.project && s.project.cityId === cityId ? s.project : null;
};

export const actions = {
  /** a change of what the link shows */
  navigate(patch: Partial<HashState>): void {
    set((s) => ({ hash: { ...s.hash, ...patch } }));
  },
  /** the link changed under the app (back button, edited hash) */
  followLink(locationHash: string): void {
    const { state, tooNew } = parseVersionedHash(locationHash);
    set({ hash: state, hashTooNew: tooNew });
  },
  openCity(id: string): void {
    set((s) => ({ hash: { ...s.hash, city: id, view: null, grid: null, district: null, area: null, level: null, mock: null }, suggestions: null, gapPick: null }));
  },
  /** a district chosen in a chart or the ranking: the map fits and outlines it */
  openDistrict(code: string | null): void {
    set((s) => ({ hash: { ...s.hash, district: code, area: null, level: null, grid: null } }));
  },
  pickGap(pick: GapPick | null): void {
    set({ gapPick: pick });
  },
  focusMockPoint(key: string | null): void {
    set({ mockFocus: key });
  },
  setPlacing(category: ProposalCategory | null): void {
    set({ placing: category });
  },
  setSuggestions(suggestions: Suggestions | null): void {
    set({ suggestions });
  },
  dropFile(file: File): void {
    set((s) => ({ droppedFile: file, hash: { ...s.hash, tab: 'plan' } }));
  },
  takeDroppedFile(): File | null {
    const file = appStore.getState().droppedFile;
    if (file) set({ droppedFile: null });
    return file;
  },
  setHover(hover: HoverInfo | null): void {
    set({ hover });
  },
  nextWallStop(): void {
    set((s) => ({ wallStep: s.wallStep + 1 }));
  },
  mapIdle(cityId: string): void {
    if (appStore.getState().idleCity !== cityId) set({ idleCity: cityId });
  },
};
