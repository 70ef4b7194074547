/**
 * Hands the app state to the map controller: each part of the map follows the few values it draws, so a change
 * nobody can see never redraws. The map's clicks and moves come back as store actions.
 */
import type { StoreApi } from 'zustand/vanilla';
import { gridMetricColours } from '../map/choropleth';
import { featuresBox } from '../map/feature_box';
import { cellImageData, gapSamples, type Threshold } from '../map/gap_colours';
import { MapController } from '../map/map_controller';
import type { BoundaryFeature, GridFeature } from '../domain/city_bundle';
import type { LoadedCity } from '../io/city_loader';
import { currentAnalysis } from '../state/analysis_driver';
import { actions, type AppState } from '../state/app_store';
import { selectAnalysisScope } from '../state/as_of_driver';
import { follow, inNextTask } from '../state/follow';
import { toiletLimits } from '../state/toilet_coverage';
import { comparisonColours } from '../state/comparison_driver';
import type { ProjectActions } from '../state/project_driver';
import { selectFacilities, selectGridFeature, selectWallDistrict } from './app_selectors';
import { t } from '../i18n/strings';

const NO_SITES: never[] = [];

/** A district's outline: its boundary when the bundle has one, else its grids. */
export function districtFeatures(city: LoadedCity, code: string): readonly (BoundaryFeature | GridFeature)[] {
  const boundary = city.layers.boundaries.features.filter((b) => b.properties.level === 'district' && (b.properties.code === code || b.properties.id === code));
  return boundary.length ? boundary : (city.layers.grids?.features.filter((g) => g.properties.districtCode === code) ?? []);
}

/** The desk's area in focus: a subdistrict or community drilled into, else the district of the link. */
function areaFeatures(city: LoadedCity, district: string | null, area: string | null): readonly (BoundaryFeature | GridFeature)[] | null {
  if (area) return city.layers.grids?.features.filter((g) => g.properties.code.startsWith(area)) ?? null;
  return district ? districtFeatures(city, district) : null;
}

/** Space the wall's panels take at the map's edges, in CSS pixels, so a toured district is not under them. */
function wallPadding(): { top: number; right: number; bottom: number; left: number } {
  const map = document.querySelector('#map')?.getBoundingClientRect();
  const rect = (selector: string) => document.querySelector(selector)?.getBoundingClientRect();
  const kpis = rect('.wall-kpis');
  const charts = rect('.wall-charts');
  const header = rect('.wall-header');
  const footer = rect('.wall-footer');
  if (!map) return { top: 40, right: 40, bottom: 40, left: 40 };
  const gap = 24;
  return {
    top: (header ? header.bottom - map.top : 0) + gap,
    left: (kpis ? kpis.right - map.left : 0) + gap,
    right: (charts ? map.right - charts.left : 0) + gap,
    bottom: (footer ? map.bottom - footer.top : 0) + gap,
  };
}

export function connectMap(container: HTMLElement, store: StoreApi<AppState>, project: ProjectActions): { map: MapController; stop: () => void } {
  const state = () => store.getState();
  // The link follows the view in a task of its own: what a new view sets off (every follower of the store, the
  // page's render; ~40 ms on the 30 km city) is not in the task that ends a move, nor in the city's first load.
  let writingView: (() => void) | null = null;
  const map = new MapController(container, {
    onHover: actions.setHover,
    onPick: (target) => {
      if (target.kind === 'grid') actions.navigate({ grid: target.feature.properties.code });
      else if (target.kind === 'compound') actions.pickGap({ kind: 'compound', id: target.feature.properties.id });
      else if (target.kind === 'alley') actions.pickGap({ kind: 'street', id: target.feature.properties.id });
    },
    onPlace: (lon, lat) => {
      const { placing, hash } = state();
      if (!placing) return;
      const name = t(hash.lang, placing === 'toilet' ? 'proposalToilet' : 'proposalParking');
      project.update((p) => ({ ...p, proposals: [...p.proposals, { id: `proposal:${Date.now().toString(36)}`, category: placing, lon, lat, origin: 'placed', name: `${name} ${p.proposals.length + 1}` }] }));
    },
    onMoveProposal: (id, lon, lat) => project.update((p) => ({ ...p, proposals: p.proposals.map((q) => (q.id === id ? { ...q, lon, lat } : q)) })),
    onViewChange: (view) => {
      writingView?.();
      writingView = inNextTask(() => {
        writingView = null;
        actions.navigate({ view });
      });
    },
    onIdle: actions.mapIdle,
  });
  /** the view from the link is applied once, to the first city opened */
  let initialView = state().hash.view;
  let shownCityId: string | null = null;

  const stops = [
    follow(store, (s) => (s.city ? [s.city] : null), ([city]) => {
      const loaded = city as LoadedCity;
      const sameCity = shownCityId === loaded.manifest.id;
      map.setCity(loaded, sameCity ? null : initialView, sameCity);
      shownCityId = loaded.manifest.id;
      initialView = null;
    }),
    follow(store, (s) => [s.hash.wall ? 'dark' : s.hash.theme, s.hash.overlays, s.hash.hiddenCategories], ([theme, overlays, hiddenCategories]) => {
      map.setSettings({ theme, overlays, hiddenCategories } as Parameters<MapController['setSettings']>[0]);
    }),
    follow(store, (s) => [selectFacilities(s)], ([features]) => map.setFacilities(features as ReturnType<typeof selectFacilities>)),
    follow(store, (s) => [selectAnalysisScope(s)?.proposals ?? NO_SITES, s.suggestions, s.placing !== null && !s.hash.wall], ([proposals, suggestions, placing]) => {
      const sugg = suggestions as AppState['suggestions'];
      const sites = sugg?.sites.map((site, i) => ({ id: `suggestion:${i}`, category: sugg.category, lon: site.lon, lat: site.lat })) ?? NO_SITES;
      map.setPlanning({ proposals: proposals as never, suggestions: sites, placing: placing as boolean });
    }),
    // a before/after comparison colours the grids by its change instead of the metric
    follow(store, (s) => [currentAnalysis(s).gridTable, s.hash.metric, s.comparison, s.hash.compare, s.city], ([table, metric]) => {
      map.setGridColours(comparisonColours(state()) ?? (table ? gridMetricColours(table as never, metric as never) : null));
    }),
    follow(store, (s) => {
      const a = currentAnalysis(s);
      return [a.report, s.hash.analysis.zoneRadiusM, a.mock, s.mockFocus, s.gapPick];
    }, ([report, zoneRadiusM, mock, mockFocus, gapPick]) => {
      const unservedCompoundIds = new Set((report as AppState['analysis']['report'])?.gaps.compounds.map((c) => c.id) ?? []);
      const draw = mock as AppState['analysis']['mock'];
      const focused = draw?.points.find((p) => `${p.category}:${p.facilityId}` === mockFocus);
      const mockDraw = draw && {
        points: draw.points,
        alleyIds: draw.points.flatMap((p) => p.alleys.map((a) => a.id)),
        compoundIds: draw.points.flatMap((p) => p.compounds.map((c) => c.id)),
        focus: focused ? { lon: focused.lon, lat: focused.lat, radiusM: draw.zoneRadiusM, alleyIds: focused.alleys.map((a) => a.id), compoundIds: focused.compounds.map((c) => c.id) } : null,
      };
      map.setAnalysisOverlays({ unservedCompoundIds, zoneRadiusM: zoneRadiusM as number, mock: mockDraw, highlight: gapPick as AppState['gapPick'] });
    }),
    // the toilet gap overlay recoloured on the page at the current threshold, after the slider's input event (a pass
    // over every street sample: ~35 ms on the 30 km city)
    follow(store, (s) => {
      const a = currentAnalysis(s);
      const limits = toiletLimits(s);
      return [a.geometry, a.fields, limits === undefined, limits?.sampleClass, s.hash.analysis.toiletByLandUse, s.hash.analysis.toiletDistanceM];
    }, () =>
      inNextTask(() => {
        const s = state();
        const { geometry, fields } = currentAnalysis(s);
        const limits = toiletLimits(s);
        if (!geometry || !fields || limits === undefined) return map.setGapOverlay(null);
        const distance = s.hash.analysis.toiletDistanceM;
        const sampleLimit: Threshold = limits ? (i) => limits.values[limits.sampleClass[i]] : distance;
        const cellLimit: Threshold = limits ? (i) => limits.values[limits.cellClass[i]] : distance;
        const { cols, rows, bounds } = geometry.lattice;
        map.setGapOverlay({ ...gapSamples(fields.samples, geometry.samplePositions, sampleLimit), cells: cellImageData(fields.cells, cols, rows, cellLimit), bounds });
      }),
    ),
    // the city-zoom aggregates of a large city (alleys and grids per lattice cell)
    follow(store, (s) => [currentAnalysis(s).geometry, currentAnalysis(s).overview], ([geometry, overview]) => {
      const g = geometry as AppState['analysis']['geometry'];
      const o = overview as AppState['analysis']['overview'];
      map.setOverview(g && o ? { cols: g.lattice.cols, rows: g.lattice.rows, bounds: g.lattice.bounds, alleyCells: o.alleyCells, gridOfCell: o.gridOfCell } : null);
    }),
    // the district head's view: zoom to the grid of the link
    follow(store, (s) => [selectGridFeature(s)], ([grid]) => map.selectGrid(grid as GridFeature | null)),
    // a district or area of the link or the ranking: fitted and outlined (the wall tours its own)
    follow(store, (s) => (s.city && !s.hash.wall ? [s.city.manifest.id, s.hash.district, s.hash.area] : null), ([, district, area]) => {
      const city = state().city!;
      const features = areaFeatures(city, district as string | null, area as string | null);
      map.setFocusArea(features?.length ? features : null);
      const box = features && !state().hash.grid ? featuresBox(features) : null;
      if (box) map.fitBox(box, 0, 40);
      return () => map.setFocusArea(null);
    }),
    follow(store, (s) => (s.city && s.hash.wall ? [s.city.manifest.id, selectWallDistrict(s)?.key ?? null] : null), ([, key]) => {
      const city = state().city!;
      const features = key ? districtFeatures(city, key as string) : null;
      map.setFocusArea(features);
      const box = features ? featuresBox(features) : city.manifest.bbox;
      if (box) map.fitBox(box, 1500, wallPadding());
      return () => map.setFocusArea(null);
    }),
    follow(store, (s) => (s.hash.wall ? [s.hash.wall.cycleS] : null), ([cycleS]) => {
      const timer = setInterval(actions.nextWallStop, (cycleS as number) * 1000);
      return () => clearInterval(timer);
    }),
  ];

  return {
    map,
    stop: () => {
      writingView?.();
      for (const stop of stops) stop();
      map.destroy();
    },
  };
}
