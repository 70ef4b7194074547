/**
 * The shareable part of the app state lives in the URL hash, e.g.
 *   #city=nanjing&lang=en&theme=dark&layers=facilities,alleys&hide=parking&view=118.78,32.04,14.5
 * Unknown or malformed parts fall back to defaults, so an old or hand-edited link still opens.
 */
import { CATEGORY_IDS, type CategoryId } from '../domain/categories';
import { RULES } from '../domain/rules';
import { isoWeekRange } from '../domain/iso_week';
import { isCalendarDay } from '../domain/campaign_clock';
import type { Lang } from '../i18n/strings';

export const OVERLAY_IDS = ['toiletGaps', 'parkingGaps', 'zones', 'facilities', 'alleys', 'compounds', 'boundaries', 'grids'] as const;
export type OverlayId = (typeof OVERLAY_IDS)[number];
export type Theme = 'light' | 'dark';

export interface MapView { lon: number; lat: number; zoom: number }

export const CHOROPLETH_METRICS = ['score', 'streetShare', 'gapStreet', 'unserved'] as const;
export type ChoroplethMetric = (typeof CHOROPLETH_METRICS)[number];

export const RANK_LEVEL_IDS = ['district', 'street', 'community', 'grid'] as const;
export type RankLevelId = (typeof RANK_LEVEL_IDS)[number];

export const PANEL_TABS = ['overview', 'gaps', 'mock', 'ranking', 'cases', 'campaign', 'plan', 'layers'] as const;
export type PanelTab = (typeof PANEL_TABS)[number];

/** The mock inspection's draw: a seed and how many alleys and compounds per point (1–2 by the rules). */
export interface MockSettings { seed: number; min: number; max: number }

/** Command-centre wall (大屏): seconds per district and between data reloads. */
export interface WallSettings { cycleS: number; reloadS: number }

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
  /** a subdistrict (9 digits) or community (12) drilled into in the ranking, inside `district` */
  area: string | null;
  /** the ranking level listed, when not the one below `area ?? district` */
  level: RankLevelId | null;
  tab: PanelTab;
  /** what colours the grid choropleth */
  metric: ChoroplethMetric;
  /** the mock inspection on show, or null */
  mock: MockSettings | null;
  /** wall mode, or null for the desk layout */
  wall: WallSettings | null;
  /** the printable weekly bulletin of an ISO week ('2026-W48'), or null */
  bulletin: string | null;
  /** the area whose trends are drawn beside the city's: a district (6 digits), subdistrict (9) or grid (14) code */
  trend: string | null;
  /** before/after: two snapshot days and the figure compared, or null */
  compare: CompareSettings | null;
  /** the supervision case open in the drawer */
  case: number | null;
  /** the phone's "my cases" page */
  my: boolean;
  /** the history view: the atlas as of this Beijing day (yyyy-mm-dd), bundle plus the ledger revisions in force; null is today */
  asof: string | null;
}

/** Before/after on the map: the change of `figure` per grid from day `from` to day `to` (yyyy-mm-dd). */
export interface CompareSettings { from: string; to: string; figure: string }

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
  /** GB 50337 spacing by land use instead of one distance */
  toiletByLandUse: boolean;
}

export const DEFAULT_ANALYSIS: AnalysisSettings = {
  toiletDistanceM: RULES.toiletSpacingM.value,
  zoneRadiusM: RULES.zoneRadiusM.value,
  parkingRadiusM: RULES.parkingWalkRadiusM.value,
  network: false,
  includeInstitutionToilets: true,
  toiletByLandUse: false,
};

export const DEFAULT_WALL: WallSettings = { cycleS: 20, reloadS: 300 };

export const DEFAULT_STATE: HashState = {
  city: null,
  lang: 'zh',
  theme: 'light',
  overlays: ['toiletGaps', 'parkingGaps', 'facilities', 'alleys', 'compounds', 'boundaries'],
  hiddenCategories: [],
  view: null,
  analysis: DEFAULT_ANALYSIS,
  grid: null,
  district: null,
  area: null,
  level: null,
  tab: 'overview',
  metric: 'score',
  mock: null,
  wall: null,
  bulletin: null,
  trend: null,
  compare: null,
  case: null,
  my: false,
  asof: null,
};

/** The link format's version: `v=1`. A link without one is version 1; see hash_version.ts for newer ones. */
export const HASH_VERSION = 1;

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
    area: /^(\d{9}|\d{12})$/.test(params.get('area') ?? '') ? params.get('area') : null,
    level: (RANK_LEVEL_IDS as readonly string[]).includes(params.get('level') ?? '') ? (params.get('level') as RankLevelId) : null,
    tab: (PANEL_TABS as readonly string[]).includes(params.get('tab') ?? '') ? (params.get('tab') as PanelTab) : 'overview',
    metric: (CHOROPLETH_METRICS as readonly string[]).includes(params.get('metric') ?? '') ? (params.get('metric') as ChoroplethMetric) : 'score',
    mock: parseMock(params.get('mock'), params.get('pick')),
    bulletin: isoWeekRange(params.get('bulletin') ?? '') ? params.get('bulletin') : null,
    trend: /^(\d{6}|\d{9}|\d{14})$/.test(params.get('trend') ?? '') ? params.get('trend') : null,
    compare: parseCompare(params.get('compare')),
    case: /^[1-9]\d{0,9}$/.test(params.get('case') ?? '') ? Number(params.get('case')) : null,
    my: params.has('my'),
    asof: isCalendarDay(params.get('asof') ?? '') ? params.get('asof') : null,
    wall: params.has('wall') ? { cycleS: bounded(params.get('cycle'), 2, 3600, DEFAULT_WALL.cycleS), reloadS: bounded(params.get('reload'), 5, 86400, DEFAULT_WALL.reloadS) } : null,
    analysis: {
      toiletDistanceM: bounded(params.get('toilet'), 50, 3000, DEFAULT_ANALYSIS.toiletDistanceM),
      zoneRadiusM: bounded(params.get('zone'), RULES.zoneRadiusRangeM.value[0], RULES.zoneRadiusRangeM.value[1], DEFAULT_ANALYSIS.zoneRadiusM),
      parkingRadiusM: bounded(params.get('parking'), 50, 2000, DEFAULT_ANALYSIS.parkingRadiusM),
      network: params.get('net') === '1',
      includeInstitutionToilets: params.get('inst') !== '0',
      toiletByLandUse: params.get('landuse') === '1',
    },
  };
}

function bounded(raw: string | null, min: number, max: number, fallback: number): number {
  const value = Number(raw);
  return raw !== null && Number.isFinite(value) && value >= min && value <= max ? value : fallback;
}

function parseMock(seed: string | null, pick: string | null): MockSettings | null {
  if (seed === null || !/^\d{1,9}$/.test(seed)) return null;
  const match = /^([12])(?:-([12]))?$/.exec(pick ?? '');
  const min = match ? Number(match[1]) : 1;
  const max = match ? Number(match[2] ?? match[1]) : 2;
  return { seed: Number(seed), min: Math.min(min, max), max };
}

function parseCompare(raw: string | null): CompareSettings | null {
  const match = /^(\d{4}-\d{2}-\d{2}),(\d{4}-\d{2}-\d{2}),([A-Za-z]{1,40})$/.exec(raw ?? '');
  return match ? { from: match[1], to: match[2], figure: match[3] } : null;
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
  params.set('v', String(HASH_VERSION));
  if (state.city) params.set('city', state.city);
  if (state.grid) params.set('grid', state.grid);
  if (state.district) params.set('district', state.district);
  if (state.area) params.set('area', state.area);
  if (state.level) params.set('level', state.level);
  if (state.tab !== DEFAULT_STATE.tab) params.set('tab', state.tab);
  if (state.metric !== DEFAULT_STATE.metric) params.set('metric', state.metric);
  if (state.mock) {
    params.set('mock', String(state.mock.seed));
    if (state.mock.min !== 1 || state.mock.max !== 2) params.set('pick', state.mock.min === state.mock.max ? String(state.mock.min) : `${state.mock.min}-${state.mock.max}`);
  }
  if (state.wall) {
    params.set('wall', '');
    if (state.wall.cycleS !== DEFAULT_WALL.cycleS) params.set('cycle', String(state.wall.cycleS));
    if (state.wall.reloadS !== DEFAULT_WALL.reloadS) params.set('reload', String(state.wall.reloadS));
  }
  if (state.bulletin) params.set('bulletin', state.bulletin);
  if (state.trend) params.set('trend', state.trend);
  if (state.compare) params.set('compare', `${state.compare.from},${state.compare.to},${state.compare.figure}`);
  if (state.case !== null) params.set('case', String(state.case));
  if (state.my) params.set('my', '');
  if (state.asof) params.set('asof', state.asof);
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
  if (a.toiletByLandUse) params.set('landuse', '1');
  if (state.view) params.set('view', `${state.view.lon.toFixed(5)},${state.view.lat.toFixed(5)},${state.view.zoom.toFixed(2)}`);
  // URLSearchParams escapes commas; they are safe in a fragment and easier to read unescaped
  return `#${params.toString().replace(/%2C/g, ',').replace(/(^|&)wall=(&|$)/, '$1wall$2').replace(/(^|&)my=(&|$)/, '$1my$2')}`;
}
