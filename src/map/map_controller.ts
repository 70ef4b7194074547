/**
 * Owns MapLibre and the deck.gl overlay. React hands it a city and settings; it never reads React state.
 *
 *   React (App) ──setCity/setSettings──▶ MapController ──▶ MapLibre basemap (PMTiles, style from theme)
 *                ◀──hover/view/idle────                 ├─▶ deck.gl overlay (interleaved, below labels)
 *                                                       └─▶ supervision cases (own canvas on top, case_canvas.ts)
 */
import { MapboxOverlay } from '@deck.gl/mapbox';
import type { Layer, PickingInfo } from '@deck.gl/core';
import maplibregl, { type StyleSpecification } from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
import { Protocol } from 'pmtiles';
import { outerRingBoxes } from '../domain/binary_layer';
import type { CategoryId } from '../domain/categories';
import { SIX_SURROUNDINGS, type CategoryId as Category } from '../domain/categories';
import type { BoundaryFeature, CompoundFeature, FacilityFeature, GridFeature, StreetFeature } from '../domain/city_bundle';
import type { LoadedCity } from '../io/city_loader';
import type { MapView, OverlayId, Theme } from '../state/url_hash';
import { alleyBoxes, alleyPaths, type AlleyPath } from './layers/alleys_layer';
import { focusAreaLayer, highlightLayer, mockLayers, proposalLayers, type PlannedSite, zoneRingsLayer, type MockDraw } from './layers/analysis_layers';
import {
  ALLEY_LINES,
  alleyAt,
  alleyLines,
  BOUNDARY_LINES,
  boundaryAt,
  communityMinZoom,
  COMPOUND_FILLS,
  compoundAt,
  compoundPolygons,
  FACILITY_DOTS,
  facilityAt,
  facilityPoints,
  GAP_SAMPLES,
  gapSamplePoints,
  OVERLAY_BASE,
  type OverlayLinesId,
  PARKING_GAPS,
  setOverlayLinesData,
  showOverlayLines,
  withOverlayLines,
} from './overlay_lines';
import { FacilityDrawing } from './facility_drawing';
import { metresPerCssPixel } from './mercator_scale';
import { isSoftwareGl, MovingResolution, movingPixelRatio, withoutStoppingMoves } from './moving_resolution';
import { sameMembers } from './same_members';
import { CaseCanvas } from './case_canvas';
import { caseMarkAt, type CaseHit, type CaseMarksDrawn, type ScreenProjection } from './case_hits';
import { gridsLayer, selectedGridLayer } from './layers/grids_layer';
import { cellsImageLayer, toiletGapCellsLayer, type GapOverlay } from './layers/toilet_gap_layers';
import { GapSampleDrawing } from './gap_sample_drawing';
import { basemapStyle } from './style/basemap_style';
import { LOCAL_FONT_FAMILY, registerLocalGlyphs } from './style/local_glyphs';
import { THEMES } from './style/theme';
import { featuresBox, type Box } from './feature_box';
import { alleyCellImage, boxTable, DETAIL_BUDGET, featuresInView, gridAtImagePixel, gridCellImage, ViewSubset, type BoxTable, type OverviewRasters } from './view_detail';

export type HoverTarget =
  | { kind: 'facility'; feature: FacilityFeature }
  | { kind: 'alley'; feature: StreetFeature }
  | { kind: 'compound'; feature: CompoundFeature }
  | { kind: 'boundary'; feature: BoundaryFeature }
  | { kind: 'grid'; feature: GridFeature };
export interface HoverInfo { x: number; y: number; target: HoverTarget }

export interface MapSettings { theme: Theme; overlays: readonly OverlayId[]; hiddenCategories: readonly CategoryId[] }

/** What the analysis adds to the map; ids refer to the open city's bundle. */
export interface AnalysisOverlays {
  /** compounds with no parking within the walk radius */
  unservedCompoundIds: ReadonlySet<string>;
  zoneRadiusM: number;
  mock: {
    points: { lon: number; lat: number }[];
    alleyIds: readonly string[];
    compoundIds: readonly string[];
    focus: { lon: number; lat: number; radiusM: number; alleyIds: readonly string[]; compoundIds: readonly string[] } | null;
  } | null;
  /** the street or compound picked in a list */
  highlight: { kind: 'street' | 'compound'; id: string } | null;
}

export interface MapCallbacks {
  onHover: (info: HoverInfo | null) => void;
  /** a click on a grid, alley or compound of the map */
  onPick?: (target: HoverTarget) => void;
  /** a click on the map while placing a proposed facility */
  onPlace?: (lon: number, lat: number) => void;
  /** a proposed facility dragged to a new place */
  onMoveProposal?: (id: string, lon: number, lat: number) => void;
  onViewChange: (view: MapView) => void;
  /** the map finished drawing the current city (tiles and overlay) */
  onIdle: (cityId: string) => void;
}

/** Wall displays reach 3840×2160 and beyond; MapLibre's default canvas cap is 4096. */
const MAX_CANVAS_SIZE: [number, number] = [8192, 8192];

/**
 * Native resolution, but never a drawing buffer past the canvas cap: a 4K wall at devicePixelRatio 2 would ask
 * for 7680 px, which some GPUs refuse. MapLibre and deck.gl (interleaved, one canvas) get the same ratio.
 */
export function cappedPixelRatio(cssWidth: number, cssHeight: number, devicePixelRatio: number): number {
  const longest = Math.max(1, cssWidth, cssHeight);
  return Math.min(devicePixelRatio, MAX_CANVAS_SIZE[0] / longest);
}

let pmtilesRegistered = false;
function registerPmtiles(): void {
  if (pmtilesRegistered) return;
  pmtilesRegistered = true;
  const protocol = new Protocol();
  maplibregl.addProtocol('pmtiles', protocol.tile);
}

export class MapController {
  private readonly map: maplibregl.Map;
  private readonly overlay: MapboxOverlay;
  private city: LoadedCity | null = null;
  private alleys: AlleyPath[] = [];
  /** what the alley line source holds (overlay_lines.ts) */
  private alleysDrawn: GeoJSON.FeatureCollection = alleyLines([], null);
  /** the unserved compounds MapLibre's parking-gap source holds */
  private parkingGapsDrawn: readonly CompoundFeature[] = [];
  /** what MapLibre's gap-sample source holds (overlay_lines.ts) */
  private gapSamplesDrawn: GeoJSON.FeatureCollection = gapSamplePoints(null);
  /** the facilities MapLibre's dot source holds (the categories shown; a large city's, those of the view) */
  private facilityDotsDrawn: readonly FacilityFeature[] = [];
  private facilityIndex: { facilities: readonly FacilityFeature[]; byId: ReadonlyMap<string, FacilityFeature> } | null = null;
  private settings: MapSettings = { theme: 'light', overlays: [], hiddenCategories: [] };
  private gaps: GapOverlay | null = null;
  /** the toilet-gap samples as vectors, the view's, or one image (gap_sample_drawing.ts) */
  private readonly gapSampleDrawing = new GapSampleDrawing();
  private selectedGrid: GridFeature | null = null;
  private gridColours: Uint8Array | null = null;
  private analysis: AnalysisOverlays = { unservedCompoundIds: new Set(), zoneRadiusM: 500, mock: null, highlight: null };
  private streetById = new Map<string, StreetFeature>();
  private compoundById = new Map<string, CompoundFeature>();
  /** counts overlay changes (map and cases); `data-overlay-drawn` catches up once both are drawn */
  private overlayVersion = 0;
  private mapChangePending = false;
  private casesChangePending = false;
  /** supervision cases (src/app/case_map_driver.ts), on their own canvas above the map, with their own click handler */
  private cases: CaseDrawing | null = null;
  private caseCanvas: CaseCanvas | null = null;
  /** something a click opens (a case, compound, alley, grid or facility) was under the pointer at the last hover */
  private pointerOnTarget = false;
  private focusArea: readonly (BoundaryFeature | GridFeature)[] | null = null;
  /** deck layers drawn below MapLibre's overlay layers: a boundary or compound under the pointer wins over them */
  private deckLayersBelowOverlay = new Set<string>();
  private unserved: { ids: AnalysisOverlays['unservedCompoundIds']; byId: Map<string, CompoundFeature>; features: CompoundFeature[] } | null = null;
  /** the facilities drawn: the bundle's with the planner's ledgers and proposals applied, when there is a project */
  private facilities: FacilityFeature[] | null = null;
  private readonly facilityDrawing = new FacilityDrawing();
  /** half resolution while the user moves the map, on software GL only (moving_resolution.ts) */
  private movingResolution: MovingResolution | null = null;
  private planning: { proposals: PlannedSite[]; suggestions: PlannedSite[]; placing: boolean } = { proposals: [], suggestions: [], placing: false };
  private readonly resizeObserver: ResizeObserver;
  /** the large layers drawn for the view (view_detail.ts): boxes per feature, and what the last view got */
  private detail: CityDetail | null = null;
  private overview: OverviewRasters | null = null;
  /** per key (layer and theme) the last image made, with the grid colours it was made from */
  private overviewImages = new Map<string, { colours: Uint8Array | null; image: ImageData | null }>();

  constructor(container: HTMLElement, private readonly callbacks: MapCallbacks) {
    registerPmtiles();
    registerLocalGlyphs();
    this.map = new maplibregl.Map({
      container,
      style: { version: 8, sources: {}, layers: [{ id: 'background', type: 'background', paint: { 'background-color': THEMES.light.background } }] },
      center: [118.78, 32.04],
      zoom: 12,
      attributionControl: false,
      localIdeographFontFamily: LOCAL_FONT_FAMILY,
      // keeps the last frame readable for printing and export
      canvasContextAttributes: { preserveDrawingBuffer: true },
      maxCanvasSize: MAX_CANVAS_SIZE,
      pixelRatio: cappedPixelRatio(container.clientWidth, container.clientHeight, window.devicePixelRatio),
      dragRotate: false,
      // labels appear at once: a fade is frames of redrawing every deck layer, which software GL cannot afford
      fadeDuration: 0,
      pitchWithRotate: false,
    });
    this.map.touchZoomRotate.disableRotation();
    this.map.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'bottom-right');
    this.map.addControl(new maplibregl.ScaleControl({ unit: 'metric' }), 'bottom-left');
    this.overlay = new MapboxOverlay({
      interleaved: true,
      layers: [],
      onHover: (info) => this.handleHover(info),
      onClick: (info) => this.handleClick(info),
      getCursor: ({ isDragging }) => (isDragging ? 'grabbing' : this.pointerOnTarget ? 'pointer' : 'grab'),
    });
    this.map.addControl(this.overlay);
    if (isSoftwareGl(this.map.getCanvas())) {
      const moving = new MovingResolution(
        (ratio) => this.applyPixelRatio(ratio),
        () => this.restingPixelRatio(),
        () => movingPixelRatio(this.restingPixelRatio(), container.clientWidth, container.clientHeight),
      );
      this.movingResolution = moving;
      this.map.on('movestart', (e) => moving.moveStarted(Boolean(e.originalEvent)));
      this.map.on('move', (e) => moving.moved(Boolean(e.originalEvent)));
      this.map.on('moveend', () => moving.moveEnded());
      document.addEventListener('input', this.onRangeInput, { capture: true, passive: true });
    }
    this.map.on('moveend', () => {
      if (this.followsView()) this.renderOverlay();
      const c = this.map.getCenter();
      this.callbacks.onViewChange({ lon: c.lng, lat: c.lat, zoom: this.map.getZoom() });
    });
    this.map.on('idle', () => {
      // nothing left to draw: tiles, overlay textures and camera moves are done (tests and exports wait for this);
      // a frame drawn at the moving resolution is not the last one
      if (this.movingResolution?.lowResolution) return;
      container.dataset.settled = 'true';
      if (this.city && this.map.isStyleLoaded()) this.callbacks.onIdle(this.city.manifest.id);
    });
    this.map.on('style.load', () => this.renderOverlay());
    this.map.on('click', (e) => {
      if (this.planning.placing) this.callbacks.onPlace?.(e.lngLat.lng, e.lngLat.lat);
    });
    // the frame after an overlay change: browser tests and the slider benchmark wait for this
    this.map.on('render', () => {
      this.mapChangePending = false;
      this.markOverlayDrawn();
      container.dataset.settled = 'false';
    });
    // layouts change size without a window resize (wall mode, phone panel)
    this.resizeObserver = new ResizeObserver(() => {
      this.movingResolution?.sharpen();
      this.applyPixelRatio(this.restingPixelRatio());
      this.map.resize();
    });
    this.resizeObserver.observe(container);
  }

  /** `keepView` for new data of the same city (the wall's reload): no jump, no flicker. */
  setCity(city: LoadedCity, view: MapView | null, keepView = false): void {
    if (this.city?.manifest.id !== city.manifest.id) this.facilities = null;
    this.city = city;
    this.alleys = alleyPaths(city.layers.streets.features);
    this.detail = cityDetail(this.alleys, city.layers.compounds.features, city.layers.grids?.features ?? []);
    this.overview = null;
    this.overviewImages.clear();
    this.streetById = new Map(city.layers.streets.features.map((f) => [f.properties.id, f]));
    this.compoundById = new Map(city.layers.compounds.features.map((f) => [f.properties.id, f]));
    if (!keepView) {
      const [w, s, e, n] = city.manifest.bbox;
      // generous: a wide wall fits a tall city by its height and must still be free to centre a district
      const padLon = (e - w) * 1.5;
      const padLat = (n - s) * 0.5;
      this.map.setMaxBounds([w - padLon, s - padLat, e + padLon, n + padLat]);
      if (view) this.map.jumpTo({ center: [view.lon, view.lat], zoom: view.zoom });
      else this.map.fitBounds([w, s, e, n], { padding: 20, animate: false });
    }
    // after the camera: the style holds the alleys this view draws. setStyle diffs against the current style, so the
    // same tiles and theme change nothing on screen
    this.alleysDrawn = this.alleysToDraw();
    this.parkingGapsDrawn = this.unservedCompounds();
    this.facilityDotsDrawn = this.facilityDrawing.dots(this.facilitiesDrawn(), this.settings.hiddenCategories);
    this.map.setStyle(this.cityStyle(city));
    this.renderOverlay();
  }

  setAnalysisOverlays(next: AnalysisOverlays): void {
    const before = this.analysis;
    const shown = new Set(this.settings.overlays);
    // each analysis answer names its unserved compounds anew, mostly the same ones (a toilet or zone slider leaves
    // them alone): the same set keeps MapLibre's parking-gap source as it is, with no new tiles to draw
    const analysis = sameMembers(next.unservedCompoundIds, before.unservedCompoundIds) ? { ...next, unservedCompoundIds: before.unservedCompoundIds } : next;
    this.analysis = analysis;
    // a change nobody can see must not redraw: on software GL a frame of the basemap alone costs 70 ms
    const visible =
      (shown.has('parkingGaps') && analysis.unservedCompoundIds !== before.unservedCompoundIds) ||
      (shown.has('zones') && analysis.zoneRadiusM !== before.zoneRadiusM) ||
      analysis.mock !== before.mock ||
      analysis.highlight !== before.highlight;
    if (visible) this.renderOverlay();
  }

  /** Proposed and suggested sites; while `placing`, a click on the map places one. */
  setPlanning(planning: { proposals: PlannedSite[]; suggestions: PlannedSite[]; placing: boolean }): void {
    const before = this.planning;
    this.planning = planning;
    this.map.getCanvas().style.cursor = planning.placing ? 'crosshair' : '';
    if (planning.proposals !== before.proposals || planning.suggestions !== before.suggestions) this.renderOverlay();
  }

  /** Outlines an area (a district on the wall's tour); null clears it. */
  setFocusArea(features: readonly (BoundaryFeature | GridFeature)[] | null): void {
    this.focusArea = features;
    this.renderOverlay();
  }

  /** Fits the view to a box in degrees, e.g. a gap street's stretches; `duration` 0 jumps; `padding` in CSS pixels keeps it clear of panels. */
  fitBox(box: [number, number, number, number], duration = 600, padding: number | { top: number; right: number; bottom: number; left: number } = 80): void {
    this.map.fitBounds(box, { padding: this.paddingThatFits(padding), maxZoom: 17, duration });
  }

  /** MapLibre ignores a fit whose padding leaves no room (a phone's short map): shrink the padding instead. */
  private paddingThatFits(padding: number | { top: number; right: number; bottom: number; left: number }) {
    const p = typeof padding === 'number' ? { top: padding, right: padding, bottom: padding, left: padding } : padding;
    const { clientWidth: width, clientHeight: height } = this.map.getContainer();
    const scale = Math.min(1, (width * 0.5) / Math.max(1, p.left + p.right), (height * 0.5) / Math.max(1, p.top + p.bottom));
    return { top: p.top * scale, right: p.right * scale, bottom: p.bottom * scale, left: p.left * scale };
  }

  /** The facilities to draw instead of the bundle's (imported ledgers applied); null for the bundle's own. */
  setFacilities(features: FacilityFeature[] | null): void {
    if (features === this.facilities) return;
    this.facilities = features;
    if (this.settings.overlays.includes('facilities') || this.settings.overlays.includes('zones')) this.renderOverlay();
  }

  setSettings(settings: MapSettings): void {
    const themeChanged = settings.theme !== this.settings.theme;
    this.settings = settings;
    if (themeChanged && this.city) this.map.setStyle(this.cityStyle(this.city));
    this.renderOverlay();
  }

  /** Toilet gaps of the current city, or null while they are being computed. */
  setGapOverlay(gaps: GapOverlay | null): void {
    this.gaps = gaps;
    // a hidden overlay changes nothing on screen: no redraw
    if (this.settings.overlays.includes('toiletGaps')) this.renderOverlay();
  }

  /** Highlights a grid and fits the view to it (the district head's view); null clears the highlight. */
  selectGrid(grid: GridFeature | null): void {
    this.selectedGrid = grid;
    if (grid) this.fitGrids([grid]);
    this.renderOverlay();
  }

  /** Fits the view to a set of grids, e.g. a district's. */
  fitGrids(grids: readonly GridFeature[]): void {
    const box = featuresBox(grids);
    if (box) this.map.fitBounds(box, { padding: this.paddingThatFits(40), maxZoom: 17.5, animate: false });
  }

  /** The city-zoom aggregates per lattice cell (alleys, grids) from the analysis worker; null until it answers. */
  setOverview(overview: OverviewRasters | null): void {
    if (overview === this.overview) return;
    this.overview = overview;
    this.overviewImages.clear();
    if (this.detail?.viewDependent) this.renderOverlay();
  }

  /** Choropleth fill of the grid layer, one RGBA per grid; null for outlines only. */
  setGridColours(colours: Uint8Array | null): void {
    this.gridColours = colours;
    if (this.settings.overlays.includes('grids')) this.renderOverlay();
  }

  /** The last frame (preserveDrawingBuffer keeps it) and its scale, for the PNG export; sharp, never the moving resolution. */
  async snapshot(): Promise<{ canvas: HTMLCanvasElement; metresPerPixel: number }> {
    if (this.movingResolution?.lowResolution) {
      const drawn = new Promise((resolve) => this.map.once('idle', resolve));
      this.movingResolution.sharpen();
      // a frame for certain, so 'idle' follows it
      this.map.triggerRepaint();
      await drawn;
    }
    const canvas = this.map.getCanvas();
    const lat = this.map.getCenter().lat;
    // Web Mercator ground resolution at the centre, per CSS pixel, then per canvas pixel
    return { canvas, metresPerPixel: metresPerCssPixel(lat, this.map.getZoom()) / this.map.getPixelRatio() };
  }

  resize(): void {
    this.map.resize();
  }

  destroy(): void {
    document.removeEventListener('input', this.onRangeInput, { capture: true });
    this.resizeObserver.disconnect();
    this.caseCanvas?.remove();
    this.map.removeControl(this.overlay);
    this.map.remove();
  }

  private renderOverlay(): void {
    if (!this.city) return;
    const dark = this.settings.theme === 'dark';
    const shown = new Set(this.settings.overlays);
    const { layers } = this.city;
    const facilities = this.facilitiesDrawn();
    const deckLayers: Layer[] = [];
    const gaps = shown.has('toiletGaps') ? this.gaps : null;
    const view = this.viewBox();
    const zoom = this.map.getZoom();
    const detail = this.detail!;
    if (gaps) deckLayers.push(toiletGapCellsLayer(gaps));
    // the choropleth sits low, so alleys, compounds and facilities stay readable on top of it
    if (shown.has('grids') && layers.grids) {
      const grids = detail.grids.at(view, zoom);
      if (grids === ALL) deckLayers.push(gridsLayer(layers.grids.features, dark, this.gridColours));
      else if (grids) deckLayers.push(gridsLayer(grids.features, dark, this.gridColours, grids.indices));
      else {
        const image = this.overviewImage(`grids:${dark}`, this.gridColours, (o) => gridCellImage(o, this.gridColours, dark ? [140, 170, 200, 150] : [70, 90, 110, 140]));
        // pickable: the picked pixel's cell names the grid, so grids stay clickable at city zoom
        if (image) deckLayers.push(cellsImageLayer(GRIDS_OVERVIEW, image, this.overview!.bounds, true));
      }
    }
    if (shown.has('zones')) {
      const hidden = new Set<Category>(this.settings.hiddenCategories);
      const six = new Set<Category>(SIX_SURROUNDINGS);
      deckLayers.push(zoneRingsLayer(facilities.filter((f) => six.has(f.properties.category) && !hidden.has(f.properties.category)), this.analysis.zoneRadiusM));
    }
    // MapLibre draws the compounds, parking gaps, boundaries and alleys (overlay_lines.ts); the deck layers pushed so
    // far go below them
    showOverlayLines(this.map, COMPOUND_FILLS, this.compoundsShown());
    this.parkingGapsDrawn = this.handToSource(PARKING_GAPS, this.parkingGapsDrawn, this.unservedCompounds(), compoundPolygons);
    showOverlayLines(this.map, PARKING_GAPS, shown.has('parkingGaps'));
    showOverlayLines(this.map, BOUNDARY_LINES, shown.has('boundaries'));
    const belowOverlay = deckLayers.length;
    const alleys = this.alleysToDraw();
    this.alleysDrawn = this.handToSource(ALLEY_LINES, this.alleysDrawn, alleys, (lines) => lines);
    showOverlayLines(this.map, ALLEY_LINES, this.alleysDrawn.features.length > 0);
    if (shown.has('alleys') && !alleys.features.length && this.alleys.length) {
      const image = this.overviewImage(`alleys:${dark}`, null, (o) => alleyCellImage(o, dark ? [255, 170, 60, 170] : [214, 96, 0, 150]));
      if (image) deckLayers.push(cellsImageLayer('alleys-overview', image, this.overview!.bounds));
    }
    // the samples as MapLibre dots, or as one image at city zoom; past every budget the gap cells alone
    // (gap_sample_drawing.ts). The deck layers pushed since the lines go below the dots
    const belowSamples = deckLayers.length;
    const samples = gaps ? this.gapSampleDrawing.draw(gaps, view, zoom) : null;
    this.gapSamplesDrawn = this.handToSource(GAP_SAMPLES, this.gapSamplesDrawn, gapSamplePoints(samples?.dots ?? null), (points) => points);
    showOverlayLines(this.map, GAP_SAMPLES, this.gapSamplesDrawn.features.length > 0);
    if (samples?.image) deckLayers.push(samples.image);
    if (this.selectedGrid) deckLayers.push(selectedGridLayer(this.selectedGrid, dark));
    if (this.focusArea) deckLayers.push(focusAreaLayer(this.focusArea, dark));
    if (this.planning.proposals.length || this.planning.suggestions.length) {
      deckLayers.push(
        ...proposalLayers(this.planning.proposals, this.planning.suggestions, {
          // the map must not pan while a proposal is dragged
          onDragStart: () => this.map.dragPan.disable(),
          onDrag: (id, lon, lat) => {
            this.planning = { ...this.planning, proposals: this.planning.proposals.map((p) => (p.id === id ? { ...p, lon, lat } : p)) };
            this.renderOverlay();
          },
          onDragEnd: (id, lon, lat) => {
            this.map.dragPan.enable();
            this.callbacks.onMoveProposal?.(id, lon, lat);
          },
        }),
      );
    }
    const { mock, highlight } = this.analysis;
    if (mock) {
      const { focus } = mock;
      const draw: MockDraw = {
        points: mock.points,
        alleys: this.byIds(this.streetById, mock.alleyIds),
        compounds: this.byIds(this.compoundById, mock.compoundIds),
        focus: focus && { ...focus, alleys: this.byIds(this.streetById, focus.alleyIds), compounds: this.byIds(this.compoundById, focus.compoundIds) },
      };
      deckLayers.push(...mockLayers(draw));
    }
    const picked = highlight ? (highlight.kind === 'street' ? this.streetById.get(highlight.id) : this.compoundById.get(highlight.id)) : undefined;
    if (picked) deckLayers.push(highlightLayer(picked, dark));
    // the dots are MapLibre's; past the view budget an image stands in for them, on top of the deck layers
    const dots = shown.has('facilities') ? this.facilityDraw(view, zoom) : null;
    if (dots) this.facilityDotsDrawn = this.handToSource(FACILITY_DOTS, this.facilityDotsDrawn, dots.dots, facilityPoints);
    showOverlayLines(this.map, FACILITY_DOTS, Boolean(dots?.dotsShown));
    if (dots?.image) deckLayers.push(dots.image);
    // interleaved: deck layers draw inside MapLibre's stack, the fills below the compounds, the alley image below the
    // gap samples, the rest below the facility dots. Until the city's style holds those layers (its first load),
    // deck.gl cannot place its groups there (MapLibre logged an error at each style event); the style's load draws
    // the overlay again
    const placeable = Boolean(this.map.getLayer(OVERLAY_BASE) && this.map.getLayer(FACILITY_DOTS));
    this.deckLayersBelowOverlay = new Set(deckLayers.slice(0, belowOverlay).map((layer) => layer.id));
    const beforeId = (i: number) => (i < belowOverlay ? OVERLAY_BASE : i < belowSamples ? GAP_SAMPLES : FACILITY_DOTS);
    this.overlay.setProps({ layers: placeable ? deckLayers.map((layer, i) => layer.clone({ beforeId: beforeId(i) } as never)) : [] });
    this.mapChangePending = true;
    this.countOverlayChange();
    this.map.triggerRepaint();
  }

  /**
   * What MapLibre's source `id` holds after offering it `next`: handed over (and tiled again in MapLibre's worker)
   * only when it differs from `held`. Before the city's style has the source, the style being loaded already holds
   * `held`, and its load draws the overlay again.
   */
  private handToSource<T>(id: OverlayLinesId, held: T, next: T, data: (value: T) => GeoJSON.FeatureCollection): T {
    if (next === held || !this.map.getSource(id)) return held;
    setOverlayLinesData(this.map, id, data(next));
    return next;
  }

  private countOverlayChange(): void {
    this.overlayVersion++;
    this.map.getContainer().dataset.overlayVersion = String(this.overlayVersion);
  }

  /** Browser tests and benchmarks wait for `data-overlay-drawn` to equal `data-overlay-version`. */
  private markOverlayDrawn(): void {
    if (!this.mapChangePending && !this.casesChangePending) this.map.getContainer().dataset.overlayDrawn = String(this.overlayVersion);
  }

  /** The basemap with the city's boundaries and alleys in it: MapLibre draws those (see overlay_lines.ts). */
  private cityStyle(city: LoadedCity): StyleSpecification {
    const basemap = basemapStyle(city.tilesUrl, THEMES[this.settings.theme]);
    return withOverlayLines(
      basemap,
      { compounds: city.layers.compounds.features, parkingGaps: this.parkingGapsDrawn, boundaries: city.layers.boundaries.features, alleys: this.alleysDrawn, gapSamples: this.gapSamplesDrawn, facilities: this.facilityDotsDrawn },
      {
        dark: this.settings.theme === 'dark',
        communityMinZoom: communityMinZoom(city.layers.boundaries.features),
        tilesMaxZoom: city.manifest.tiles.maxZoom,
        visible: {
          [COMPOUND_FILLS]: this.compoundsShown(),
          [PARKING_GAPS]: this.settings.overlays.includes('parkingGaps'),
          [BOUNDARY_LINES]: this.settings.overlays.includes('boundaries'),
          [ALLEY_LINES]: this.alleysDrawn.features.length > 0,
          [GAP_SAMPLES]: this.gapSamplesDrawn.features.length > 0,
          [FACILITY_DOTS]: this.facilityDotsShown(),
        },
      },
    );
  }

  /**
   * Compounds are drawn while the view's fit their budget (view_detail.ts), all of them at once: at city zoom a
   * compound is a few pixels, and the unserved ones (parking gaps) stand for them.
   */
  private compoundsShown(): boolean {
    return this.settings.overlays.includes('compounds') && this.detail !== null && this.detail.compounds.at(this.viewBox(), this.map.getZoom()) !== null;
  }

  /** The facilities drawn: the planner's when there is a project, else the bundle's. */
  private facilitiesDrawn(): readonly FacilityFeature[] {
    return this.facilities ?? this.city?.layers.facilities.features ?? [];
  }

  /** Every facility drawn by its id: a picked dot names its facility by it (facilityAt). */
  private facilitiesById(): ReadonlyMap<string, FacilityFeature> {
    const facilities = this.facilitiesDrawn();
    if (this.facilityIndex?.facilities !== facilities) this.facilityIndex = { facilities, byId: new Map(facilities.map((f) => [f.properties.id, f])) };
    return this.facilityIndex.byId;
  }

  /** The facilities as drawn for this view (facility_drawing.ts): MapLibre's dots, or the image past the budget. */
  private facilityDraw(view: Box = this.viewBox(), zoom: number = this.map.getZoom()) {
    return this.facilityDrawing.draw(this.facilitiesDrawn(), this.settings.hiddenCategories, this.settings.theme === 'dark', view, zoom);
  }

  private facilityDotsShown(): boolean {
    return this.settings.overlays.includes('facilities') && this.facilityDraw().dotsShown;
  }

  /** The alleys as lines: all, the view's while it holds few enough, else none (the cell image stands for them). */
  private alleysToDraw(): GeoJSON.FeatureCollection {
    const inView = this.settings.overlays.includes('alleys') ? (this.detail?.alleys.at(this.viewBox(), this.map.getZoom()) ?? null) : null;
    return alleyLines(this.alleys, inView);
  }

  private restingPixelRatio(): number {
    const container = this.map.getContainer();
    return cappedPixelRatio(container.clientWidth, container.clientHeight, window.devicePixelRatio);
  }

  /** MapLibre and the interleaved deck.gl share one canvas; the case canvas follows it. */
  private applyPixelRatio(ratio: number): void {
    if (ratio === this.map.getPixelRatio()) return;
    // a frame to draw: not settled from now, not from the next render on (a test polling in between saw it settled)
    this.map.getContainer().dataset.settled = 'false';
    withoutStoppingMoves(this.map, () => this.map.setPixelRatio(ratio));
    this.caseCanvas?.setPixelRatio(ratio);
  }

  /** Any slider on the page (the analysis panel's, the history's): its changes are drawn at the moving resolution. */
  private readonly onRangeInput = (event: Event) => {
    if (event.target instanceof HTMLInputElement && event.target.type === 'range') this.movingResolution?.adjusted();
  };

  /** Whether some layer is drawn for the view only, so a move must redraw the overlay. */
  private followsView(): boolean {
    return Boolean(this.detail?.viewDependent || this.gapSampleDrawing.followsView || this.facilityDrawing.followsView);
  }

  /** The map's view in degrees (the whole city before the first frame). */
  private viewBox(): Box {
    const b = this.map.getBounds();
    return [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()];
  }

  /** An aggregate image, made again only for a new overview, key (layer and theme) or grid colours. */
  private overviewImage(key: string, colours: Uint8Array | null, make: (o: OverviewRasters) => ImageData | null): ImageData | null {
    if (!this.overview) return null;
    const held = this.overviewImages.get(key);
    if (held && held.colours === colours) return held.image;
    const image = make(this.overview);
    this.overviewImages.set(key, { colours, image });
    return image;
  }

  /** The unserved compounds, the same array while the analysis names the same ones (deck.gl keeps its buffers). */
  private unservedCompounds(): CompoundFeature[] {
    const ids = this.analysis.unservedCompoundIds;
    if (this.unserved?.ids !== ids || this.unserved.byId !== this.compoundById) this.unserved = { ids, byId: this.compoundById, features: this.byIds(this.compoundById, ids) };
    return this.unserved.features;
  }

  private byIds<F>(features: Map<string, F>, ids: Iterable<string>): F[] {
    const found: F[] = [];
    for (const id of ids) {
      const f = features.get(id);
      if (f) found.push(f);
    }
    return found;
  }

  /** Draws the supervision cases' layers (null: none); a click on one of the marks drawn goes to `onPick`. */
  setCaseLayers(cases: CaseDrawing | null): void {
    const before = this.cases;
    this.cases = cases;
    if (!cases && !before) return;
    this.caseCanvas ??= new CaseCanvas(this.map, this.map.getPixelRatio(), () => {
      this.casesChangePending = false;
      this.markOverlayDrawn();
    });
    this.casesChangePending = true;
    this.countOverlayChange();
    this.caseCanvas.setLayers(cases?.layers ?? []);
  }

  private readonly screen: ScreenProjection = {
    project: (lon, lat) => {
      const p = this.map.project([lon, lat]);
      return [p.x, p.y];
    },
    unproject: (x, y) => {
      const l = this.map.unproject([x, y]);
      return [l.lng, l.lat];
    },
  };

  /** The case mark under the pointer (deck's picking info carries the pointer). */
  private caseAt(picked: PickingInfo): CaseHit | null {
    return this.cases && picked.x >= 0 ? caseMarkAt(this.cases.marks, picked.x, picked.y, this.screen) : null;
  }

  /** A grid picked on the city-zoom grid image is the grid itself to the rest of the app. */
  private resolveOverviewPick(info: PickingInfo): PickingInfo {
    if (info.layer?.id !== GRIDS_OVERVIEW || !this.overview) return info;
    const pixel = (info as PickingInfo & { bitmap?: { pixel: [number, number] } | null }).bitmap?.pixel;
    const g = pixel ? gridAtImagePixel(this.overview, pixel[0], pixel[1]) : -1;
    const grid = g >= 0 ? this.city?.layers.grids?.features[g] : undefined;
    return { ...info, object: grid, layer: grid ? ({ id: 'grids' } as PickingInfo['layer']) : null };
  }

  private handleClick(picked: PickingInfo): void {
    const onCase = this.caseAt(picked);
    if (onCase) return this.cases!.onPick(onCase);
    const target = this.targetAt(picked);
    if (target) this.callbacks.onPick?.(target);
  }

  private handleHover(picked: PickingInfo): void {
    // the cases are drawn on top (case_canvas.ts): a pin has no tooltip, but hides the one of what lies under it
    const onCase = Boolean(this.caseAt(picked));
    const target = onCase ? null : this.targetAt(picked);
    // a boundary has a tooltip but nothing to open
    this.pointerOnTarget = onCase || (target !== null && target.kind !== 'boundary');
    this.callbacks.onHover(target ? { x: picked.x, y: picked.y, target } : null);
  }

  /**
   * What the pointer is on, top first: deck's layers above the lines, then facility dots, alleys, boundaries,
   * compounds (parking gaps first), deck's fills below.
   * The order is the drawn layer's: a grid named by the grid image sits below the lines, as a vector grid does.
   */
  private targetAt(picked: PickingInfo): HoverTarget | null {
    const info = this.resolveOverviewPick(picked);
    const target = info.object && info.layer ? hoverTarget(info.layer.id, info.object) : null;
    // anything deck draws above the lines wins
    if (picked.object && picked.layer && !this.deckLayersBelowOverlay.has(picked.layer.id)) return target;
    if (!this.city || picked.x < 0) return target;
    const facility = facilityAt(this.map, picked.x, picked.y, this.facilitiesById());
    if (facility) return { kind: 'facility', feature: facility };
    const alley = alleyAt(this.map, picked.x, picked.y, this.alleys);
    if (alley) return { kind: 'alley', feature: alley.street };
    const boundary = boundaryAt(this.map, picked.x, picked.y, this.city.layers.boundaries.features);
    if (boundary) return { kind: 'boundary', feature: boundary };
    const compound = compoundAt(this.map, picked.x, picked.y, { compounds: this.city.layers.compounds.features, compoundsById: this.compoundById });
    return compound ? { kind: 'compound', feature: compound } : target;
  }
}

/** The supervision cases as drawn: their layers, the marks in them (for hits) and what a click on one does. */
export interface CaseDrawing {
  layers: Layer[];
  marks: CaseMarksDrawn;
  onPick: (hit: CaseHit) => void;
}

function hoverTarget(layerId: string, object: unknown): HoverTarget | null {
  switch (layerId) {
    case 'grids': return { kind: 'grid', feature: object as GridFeature };
    default: return null;
  }
}

/** The grid layer's city-zoom image (grids by lattice cell). */
const GRIDS_OVERVIEW = 'grids-overview';

/** Marks a layer drawn whole: its budget holds for the whole city. */
const ALL = 'all' as const;

interface CityDetail {
  /** true when some layer is drawn for the view and must follow moves */
  viewDependent: boolean;
  alleys: { at(view: Box, zoom: number): Uint32Array | typeof ALL | null };
  compounds: { at(view: Box, zoom: number): CompoundFeature[] | typeof ALL | null };
  grids: { at(view: Box, zoom: number): { features: GridFeature[]; indices: Uint32Array } | typeof ALL | null };
}

/** Boxes of the city's large layers once per city; each layer drawn whole when small enough, else for the view. */
function cityDetail(alleys: readonly AlleyPath[], compounds: readonly CompoundFeature[], grids: readonly GridFeature[]): CityDetail {
  const alleyTable = alleyBoxes(alleys);
  // a bundle's binary layers are boxed from their typed arrays, a GeoJSON one from its features
  const compoundBoxes = outerRingBoxes(compounds) ?? boxTable(compounds, (c) => ringPositions(c.geometry));
  const gridBoxes = outerRingBoxes(grids) ?? boxTable(grids, (g) => ringPositions(g.geometry));
  const layer = <T>(table: BoxTable, kind: keyof typeof DETAIL_BUDGET.whole, pick: (indices: Uint32Array) => T) => {
    if (table.totalVertices <= DETAIL_BUDGET.whole[kind]) return { whole: true, at: () => ALL };
    const subset = new ViewSubset((region) => {
      const indices = featuresInView(table, region, DETAIL_BUDGET.view[kind]);
      return indices && pick(indices);
    });
    return { whole: false, at: (view: Box, zoom: number) => subset.at(view, zoom) };
  };
  const a = layer(alleyTable, 'alleyVertices', (indices) => indices);
  const c = layer(compoundBoxes, 'compoundVertices', (indices) => Array.from(indices, (i) => compounds[i]));
  const g = layer(gridBoxes, 'gridVertices', (indices) => ({ features: Array.from(indices, (i) => grids[i]), indices }));
  return { viewDependent: !(a.whole && c.whole && g.whole), alleys: a, compounds: c, grids: g };
}

/** Every position of a polygon's outer rings (enough for its box); arrays, not a generator: 900 k grid vertices. */
function ringPositions(geometry: CompoundFeature['geometry']): number[][] {
  return geometry.type === 'Polygon' ? geometry.coordinates[0] : geometry.coordinates.flatMap((polygon) => polygon[0]);
}
