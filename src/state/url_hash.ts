/**
 * The shareable part of the app state lives in the URL hash, e.g.
 *   #city=nanjing&lang=en&theme=dark&layers=facilities,alleys&hide=parking&view=118.78,32.04,14.5
 * Unknown or malformed parts fall back to defaults, so an old or hand-edited link still opens.
 */
import { CATEGORY_IDS, type CategoryId } from '../domain/categories';
import { RULES } from '../domain/rules';
import type { Lang } from '../i18n/strings';

export const OVERLAY_IDS = ['toiletGaps', 'facilities', 'alleys', 'compounds', 'boundaries', 'grids'] as const;
export type OverlayId = (typeof OVERLAY_IDS)[number];
export type Theme = 'light' | 'dark';

export interface MapView { lon: number; lat: number; zoom: number }

export interface HashState {
  city: string | null;
  lang: Lang;
  theme: Theme;
  overlays: OverlayId[];
  hiddenCategories: CategoryId[];
  view: MapView | null;
  analysis: AnalysisSettings;
  /** a unit grid's 14-digit code: the district head's view of one grid */
  grid: string | null;
  /** a district's 6-digit code: the district head's view of their grids */
  district: string | null;
}

/** The analysis parameters a user sets; the rest of AnalysisParams keeps its defaults. */
export interface AnalysisSettings {
  /** metres, default 500 */
  toiletDistanceM: number;
  /** metres, 500–2000 */
  zoneRadiusM: number;
  /** metres */
  parkingRadiusM: number;
  network: boolean;
  includeInstitutionToilets: boolean;
}

export const DEFAULT_ANALYSIS: AnalysisSettings = {
  toiletDistanceM: RULES.toiletSpacingM.value,
  zoneRadiusM: RULES.zoneRadiusM.value,
  parkingRadiusM: RULES.parkingWalkRadiusM.value,
  network: false,
  includeInstitutionToilets: true,
};

export const DEFAULT_STATE: HashState = {
  city: null,
  lang: 'zh',
  theme: 'light',
  overlays: ['toiletGaps', 'facilities', 'alleys', 'compounds', 'boundaries'],
  hiddenCategories: [],
  view: null,
  analysis: DEFAULT_ANALYSIS,
  grid: null,
  district: null,
};

const CITY_ID = /^[a-z0-9][a-z0-9_-]*$/;

export function parseHash(hash: string): HashState {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const list = <T extends string>(key: string, allowed: readonly T[]): T[] | null => {
    const raw = params.get(key);
    if (raw === null) return null;
    return raw.split(',').filter((v): v is T => (allowed as readonly string[]).includes(v));
  };
  const city = params.get('city');
  return {
    city: city && CITY_ID.test(city) ? city : null,
    lang: params.get('lang') === 'en' ? 'en' : 'zh',
    theme: params.get('theme') === 'dark' ? 'dark' : 'light',
    overlays: list('layers', OVERLAY_IDS) ?? DEFAULT_STATE.overlays,
    hiddenCategories: list('hide', CATEGORY_IDS) ?? [],
    view: parseView(params.get('view')),
    grid: /^\d{14}$/.test(params.get('grid') ?? '') ? params.get('grid') : null,
    district: /^\d{6}$/.test(params.get('district') ?? '') ? params.get('district') : null,
    analysis: {
      toiletDistanceM: bounded(params.get('toilet'), 50, 3000, DEFAULT_ANALYSIS.toiletDistanceM),
      zoneRadiusM: bounded(params.get('zone'), RULES.zoneRadiusRangeM.value[0], RULES.zoneRadiusRangeM.value[1], DEFAULT_ANALYSIS.zoneRadiusM),
      parkingRadiusM: bounded(params.get('parking'), 50, 2000, DEFAULT_ANALYSIS.parkingRadiusM),
      network: params.get('net') === '1',
      includeInstitutionToilets: params.get('inst') !== '0',
    },
  };
}

function bounded(raw: string | null, min: number, max: number, fallback: number): number {
  const value = Number(raw);
  return raw !== null && Number.isFinite(value) && value >= min && value <= max ? value : fallback;
}

function parseView(raw: string | null): MapView | null {
  if (!raw) return null;
  const [lon, lat, zoom] = raw.split(',').map(Number);
  if (![lon, lat, zoom].every(Number.isFinite) || Math.abs(lon) > 180 || Math.abs(lat) > 85 || zoom < 0 || zoom > 24) return null;
  return { lon, lat, zoom };
}

/** Only what differs from the defaults is written, so links stay short. */
export function formatHash(state: HashState): string {
  const params = new URLSearchParams();
  if (state.city) params.set('city', state.city);
  if (state.grid) params.set('grid', state.grid);
  if (state.district) params.set('district', state.district);
  if (state.lang !== DEFAULT_STATE.lang) params.set('lang', state.lang);
  if (state.theme !== DEFAULT_STATE.theme) params.set('theme', state.theme);
  if (state.overlays.join(',') !== DEFAULT_STATE.overlays.join(',')) params.set('layers', state.overlays.join(','));
  if (state.hiddenCategories.length > 0) params.set('hide', state.hiddenCategories.join(','));
  const a = state.analysis;
  if (a.toiletDistanceM !== DEFAULT_ANALYSIS.toiletDistanceM) params.set('toilet', String(a.toiletDistanceM));
  if (a.zoneRadiusM !== DEFAULT_ANALYSIS.zoneRadiusM) params.set('zone', String(a.zoneRadiusM));
  if (a.parkingRadiusM !== DEFAULT_ANALYSIS.parkingRadiusM) params.set('parking', String(a.parkingRadiusM));
  if (a.network) params.set('net', '1');
  if (!a.includeInstitutionToilets) params.set('inst', '0');
  if (state.view) params.set('view', `${state.view.lon.toFixed(5)},${state.view.lat.toFixed(5)},${state.view.zoom.toFixed(2)}`);
  // URLSearchParams escapes commas; they are safe in a fragment and easier to read unescaped
  return `#${params.toString().replace(/%2C/g, ',')}`;
}
