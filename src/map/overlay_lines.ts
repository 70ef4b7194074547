/**
 * The overlay's outlines and dots drawn by MapLibre, not deck.gl: compounds and the unserved ones (parking gaps),
 * boundaries (district, street, community), back alleys, toilet-gap samples and facility dots, each a GeoJSON
 * source with its layers in the style, just below the first label.
 *
 * Why: deck.gl's PathLayer draws one instance per segment, and SwiftShader (the only GL these machines have) pays
 * ~40 µs for every instance. Measured at 1440×900: the 30 km city's 3,228 district and street segments cost
 * ~135 ms a frame as a PathLayer and ~25 ms as a line layer with every community too; the 8 km demo city's alleys
 * (33.7 k vertices) ~1.2 s as a PathLayer; the compounds of a 30 km city's street-zoom view (a 2,000-vertex budget)
 * ~50 ms at half resolution as a stroked GeoJsonLayer; the 14 km city's 3,763 facility dots 51–65 ms of a 135 ms
 * half-resolution frame as a ScatterplotLayer (MapLibre's circles: ~2–3 µs a dot). MapLibre tessellates once, in its
 * worker, into plain triangles, simplified per zoom.
 *
 * Order, bottom to top: deck fills (inserted before OVERLAY_BASE), compounds, parking gaps, boundaries, alleys,
 * deck images below the samples (inserted before GAP_SAMPLES), gap samples, the other deck layers (inserted before
 * FACILITY_DOTS), facility dots, labels. Hover and click come from
 * `map.queryRenderedFeatures`; a feature's id is its index in the list the source was made from. Facility dots and
 * parking gaps are found by `key`, the facility's or compound's own id: their lists change with the view or the
 * answer before MapLibre has cut the new tiles.
 */
import type { CircleLayerSpecification, ExpressionSpecification, FillLayerSpecification, GeoJSONSource, GeoJSONSourceSpecification, LineLayerSpecification, Map as MapLibreMap, StyleSpecification } from 'maplibre-gl';
import { CATEGORIES } from '../domain/categories';
import type { BoundaryFeature, BoundaryLevel, CompoundFeature, FacilityFeature } from '../domain/city_bundle';
import { featuresBox } from './feature_box';
import { EARTH_CIRCUMFERENCE_M, metresPerCssPixel } from './mercator_scale';
import type { AlleyPath } from './layers/alleys_layer';
import type { GapOverlay } from './layers/toilet_gap_layers';
import { facilityFill, facilityOutline } from './layers/facilities_layer';
import { FIRST_LABEL_LAYER } from './style/basemap_style';

/** Source ids, each also its (first) layer's id. */
export const COMPOUND_FILLS = 'atlas-compounds';
export const PARKING_GAPS = 'atlas-parking-gaps';
export const BOUNDARY_LINES = 'atlas-boundaries';
export const ALLEY_LINES = 'atlas-alleys';
/** Toilet-gap street samples: deck layers drawn below them (the alley image) go before it. */
export const GAP_SAMPLES = 'atlas-gap-samples';
/** The topmost: deck layers drawn above the samples (highlights, proposals, images) go before it. */
export const FACILITY_DOTS = 'atlas-facilities';
export type OverlayLinesId = typeof COMPOUND_FILLS | typeof PARKING_GAPS | typeof BOUNDARY_LINES | typeof ALLEY_LINES | typeof GAP_SAMPLES | typeof FACILITY_DOTS;
/** The parking gaps' outlines, a second layer of their source, shown and hidden with it. */
const PARKING_GAP_OUTLINES = 'atlas-parking-gap-outlines';
const LAYERS_OF: Record<OverlayLinesId, readonly string[]> = {
  [COMPOUND_FILLS]: [COMPOUND_FILLS],
  [PARKING_GAPS]: [PARKING_GAPS, PARKING_GAP_OUTLINES],
  [BOUNDARY_LINES]: [BOUNDARY_LINES],
  [ALLEY_LINES]: [ALLEY_LINES],
  [GAP_SAMPLES]: [GAP_SAMPLES],
  [FACILITY_DOTS]: [FACILITY_DOTS],
};
/** The lowest of these layers: deck layers drawn below them all (the gap cells, grids, zones) go before it. */
export const OVERLAY_BASE = COMPOUND_FILLS;

const BOUNDARY_WIDTH: Record<BoundaryLevel, number> = { district: 3, street: 2, community: 1 };
/** A shared edge is drawn for every level; the finest one names the most (community, then street, then district). */
const LEVEL_ORDER: Record<BoundaryLevel, number> = { district: 0, street: 1, community: 2 };
const COLOUR = {
  light: {
    boundary: 'rgba(110, 70, 170, 0.86)',
    community: 'rgba(120, 90, 170, 0.35)',
    alley: 'rgba(214, 96, 0, 0.75)',
    compoundFill: 'rgba(52, 120, 220, 0.14)',
    compoundOutline: 'rgba(40, 100, 200, 0.78)',
    gapFill: 'rgba(214, 39, 40, 0.43)',
    gapOutline: 'rgb(150, 20, 20)',
  },
  dark: {
    boundary: 'rgba(190, 160, 255, 0.9)',
    community: 'rgba(160, 140, 220, 0.43)',
    alley: 'rgba(255, 170, 60, 0.78)',
    compoundFill: 'rgba(80, 160, 255, 0.16)',
    compoundOutline: 'rgba(110, 180, 255, 0.78)',
    gapFill: 'rgba(255, 90, 90, 0.47)',
    gapOutline: 'rgb(255, 140, 140)',
  },
} as const;
/** An alley is 3 m wide on the ground, never under 1.5 px nor over 5 px (at ~32° N: 1.5 px at z14.6, 5 px at z16.3). */
const ALLEY_WIDTH: ExpressionSpecification = ['interpolate', ['exponential', 2], ['zoom'], 14.6, 1.5, 16.3, 5];
/**
 * Dot sizes as deck.gl drew them before (compared in screenshots at z15.3 and z16.5): doubling with each zoom
 * between a least and a most radius. A facility dot's 1.2 px ring lies outside MapLibre's radius (inside deck.gl's),
 * so its fill is 1.2 px less: 4–14 px in all, as before.
 */
const FACILITY_RADIUS: ExpressionSpecification = ['interpolate', ['exponential', 2], ['zoom'], 14.4, 2.8, 16.2, 12.8];
/** A gap sample: 1.6–6 px, as deck.gl drew it. */
const GAP_SAMPLE_RADIUS: ExpressionSpecification = ['interpolate', ['exponential', 2], ['zoom'], 14.4, 1.6, 16.3, 6];
const rgba = ([r, g, b, a]: readonly number[]) => `rgba(${r}, ${g}, ${b}, ${(a / 255).toFixed(3)})`;
/** Each category's colour (facilityFill), by the feature's category. */
const FACILITY_FILL: ExpressionSpecification = ['match', ['get', 'category'], ...CATEGORIES.flatMap((c) => [c.id, rgba(facilityFill(c.id))]), 'rgba(128, 128, 128, 0.9)'] as unknown as ExpressionSpecification;

/**
 * Community lines are drawn once a typical community spans this many CSS pixels. Below that they are a mesh too
 * fine to read, and the costliest layer of a large city's frame on software GL: the 30 km city's 1,800 community
 * outlines took ~96 ms of a 353 ms frame at city zoom (1440×900).
 */
export const COMMUNITY_MIN_PX = 32;

/**
 * The first whole zoom at which the median community's box (the square root of its area in metres) spans
 * COMMUNITY_MIN_PX. Whole, because MapLibre evaluates a filter's zoom at each tile's whole zoom. 0 with no
 * communities.
 */
export function communityMinZoom(boundaries: readonly BoundaryFeature[]): number {
  const metresPerDegree = EARTH_CIRCUMFERENCE_M / 360;
  const sizes: { side: number; lat: number }[] = [];
  for (const b of boundaries) {
    const box = b.properties.level === 'community' ? featuresBox([b]) : null;
    if (!box) continue;
    const lat = (box[1] + box[3]) / 2;
    const width = (box[2] - box[0]) * metresPerDegree * Math.cos((lat * Math.PI) / 180);
    sizes.push({ side: Math.sqrt(width * (box[3] - box[1]) * metresPerDegree), lat });
  }
  if (!sizes.length) return 0;
  const median = sizes.sort((a, b) => a.side - b.side)[sizes.length >> 1];
  // pixels spanned at zoom z: side / metresPerCssPixel(lat, 0) · 2^z
  const zoom = Math.log2((COMMUNITY_MIN_PX * metresPerCssPixel(median.lat, 0)) / median.side);
  return Math.max(0, Math.ceil(zoom));
}

/** How near the pointer (CSS pixels) a line counts as hovered: the lines are 1–5 px wide. */
const HIT_TOLERANCE_PX = 3;

export interface OverlayLinesData {
  /** every compound of the city (a layer's visibility says whether the view shows them) */
  compounds: readonly CompoundFeature[];
  /** the unserved compounds: the same array while the analysis names the same ones */
  parkingGaps: readonly CompoundFeature[];
  boundaries: readonly BoundaryFeature[];
  /** the alleys to draw (from `alleyLines`): a large city's only those of the view, as deck.gl's were */
  alleys: GeoJSON.FeatureCollection;
  /** the gap samples to draw as dots (from `gapSamplePoints`): all, a view's, or none */
  gapSamples: GeoJSON.FeatureCollection;
  /** the facilities of the categories shown (a layer's visibility says whether the view shows them as dots) */
  facilities: readonly FacilityFeature[];
}

export interface OverlayLinesLook {
  dark: boolean;
  /** from `communityMinZoom` */
  communityMinZoom: number;
  /** the basemap tiles' last zoom (the city manifest's) */
  tilesMaxZoom: number;
  visible: Record<OverlayLinesId, boolean>;
}

const collections = new WeakMap<object, GeoJSON.FeatureCollection>();

/** The GeoJSON a source holds: the same object for the same list, so a style diff (a theme change) sees no change. */
function collectionOf<T extends object>(items: readonly T[], feature: (item: T) => Pick<GeoJSON.Feature, 'properties' | 'geometry'>): GeoJSON.FeatureCollection {
  let collection = collections.get(items);
  if (!collection) {
    collection = { type: 'FeatureCollection', features: items.map((item, id) => ({ type: 'Feature', id, ...feature(item) })) };
    collections.set(items, collection);
  }
  return collection;
}

function overlayLayers({ dark, visible, communityMinZoom }: OverlayLinesLook): (LineLayerSpecification | FillLayerSpecification | CircleLayerSpecification)[] {
  const colour = COLOUR[dark ? 'dark' : 'light'];
  const visibility = (id: OverlayLinesId) => (visible[id] ? 'visible' : 'none');
  return [
    // the fill's antialiasing pass is its 1 px outline
    {
      id: COMPOUND_FILLS,
      type: 'fill',
      source: COMPOUND_FILLS,
      layout: { visibility: visibility(COMPOUND_FILLS) },
      paint: { 'fill-color': colour.compoundFill, 'fill-outline-color': colour.compoundOutline },
    },
    { id: PARKING_GAPS, type: 'fill', source: PARKING_GAPS, layout: { visibility: visibility(PARKING_GAPS) }, paint: { 'fill-color': colour.gapFill } },
    {
      id: PARKING_GAP_OUTLINES,
      type: 'line',
      source: PARKING_GAPS,
      layout: { visibility: visibility(PARKING_GAPS) },
      paint: { 'line-color': colour.gapOutline, 'line-width': 2 },
    },
    {
      id: BOUNDARY_LINES,
      type: 'line',
      source: BOUNDARY_LINES,
      // communities only from their zoom on; miter joins (the default): round ones measured ~60 ms more a frame at
      // city zoom on the 30 km city, for lines 1–3 px wide where a round corner cannot be seen
      filter: ['any', ['!=', ['get', 'level'], 'community'], ['>=', ['zoom'], communityMinZoom]],
      layout: { visibility: visibility(BOUNDARY_LINES) },
      paint: {
        'line-color': ['match', ['get', 'level'], 'community', colour.community, colour.boundary],
        'line-width': ['match', ['get', 'level'], 'district', BOUNDARY_WIDTH.district, 'street', BOUNDARY_WIDTH.street, BOUNDARY_WIDTH.community],
      },
    },
    {
      id: ALLEY_LINES,
      type: 'line',
      source: ALLEY_LINES,
      layout: { visibility: visibility(ALLEY_LINES) },
      paint: { 'line-color': colour.alley, 'line-width': ALLEY_WIDTH },
    },
    {
      id: GAP_SAMPLES,
      type: 'circle',
      source: GAP_SAMPLES,
      layout: { visibility: visibility(GAP_SAMPLES) },
      // each sample's own colour (gap_colours.ts: by distance beyond the service distance)
      paint: { 'circle-color': ['rgba', ['get', 'r'], ['get', 'g'], ['get', 'b'], ['/', ['get', 'a'], 255]], 'circle-radius': GAP_SAMPLE_RADIUS },
    },
    {
      id: FACILITY_DOTS,
      type: 'circle',
      source: FACILITY_DOTS,
      layout: { visibility: visibility(FACILITY_DOTS) },
      paint: { 'circle-color': FACILITY_FILL, 'circle-radius': FACILITY_RADIUS, 'circle-stroke-width': 1.2, 'circle-stroke-color': rgba(facilityOutline(dark)) },
    },
  ];
}

/**
 * An overlay source, cut into tiles by MapLibre's worker, which keeps every tile it cut (and its ancestors up to
 * zoom 0) while the source's data stays. MapLibre's defaults (a 128 px margin, tiles cut down to zoom 18) made each
 * tile hold 2.25 times its own area, and cut levels the basemap does not have.
 *   buffer: the widest thing drawn over a tile's edge, a facility dot (14 px with its ring), not 128 px;
 *   maxzoom: the basemap's last zoom; beyond it tiles are drawn scaled up, as the basemap's are.
 */
function overlaySource(data: GeoJSON.FeatureCollection, maxzoom: number): GeoJSONSourceSpecification {
  return { type: 'geojson', data, buffer: 16, maxzoom };
}

/** `style` with the city's compounds, boundaries, alleys, gap samples and facility dots added just below the first label, so labels stay on top. */
export function withOverlayLines(style: StyleSpecification, data: OverlayLinesData, look: OverlayLinesLook): StyleSpecification {
  const labelAt = style.layers.findIndex((l) => l.id === FIRST_LABEL_LAYER);
  const at = labelAt < 0 ? style.layers.length : labelAt;
  // only what the layers read: the level styles a boundary; the id finds the feature again on hover
  const boundaries = collectionOf(data.boundaries, (b) => ({ properties: { level: b.properties.level }, geometry: b.geometry }));
  return {
    ...style,
    sources: {
      ...style.sources,
      [COMPOUND_FILLS]: overlaySource(compoundPolygons(data.compounds), look.tilesMaxZoom),
      [PARKING_GAPS]: overlaySource(compoundPolygons(data.parkingGaps), look.tilesMaxZoom),
      [BOUNDARY_LINES]: overlaySource(boundaries, look.tilesMaxZoom),
      [ALLEY_LINES]: overlaySource(data.alleys, look.tilesMaxZoom),
      [GAP_SAMPLES]: overlaySource(data.gapSamples, look.tilesMaxZoom),
      [FACILITY_DOTS]: overlaySource(facilityPoints(data.facilities), look.tilesMaxZoom),
    },
    layers: [...style.layers.slice(0, at), ...overlayLayers(look), ...style.layers.slice(at)],
  };
}

/**
 * Compounds as a source's GeoJSON, each feature's id its index in `compounds` and its `key` the compound's own id
 * (the parking gaps' list changes with each answer); the same object for the same list.
 */
export function compoundPolygons(compounds: readonly CompoundFeature[]): GeoJSON.FeatureCollection {
  return collectionOf(compounds, (c) => ({ properties: { key: c.properties.id }, geometry: c.geometry }));
}

/** Facilities as a source's GeoJSON: the category the layer reads, and the facility's id (`key`), by which a pick finds it. */
export function facilityPoints(facilities: readonly FacilityFeature[]): GeoJSON.FeatureCollection {
  return collectionOf(facilities, (f) => ({ properties: { category: f.properties.category, key: f.properties.id }, geometry: f.geometry }));
}

const NO_SAMPLES = { type: 'FeatureCollection', features: [] } as GeoJSON.FeatureCollection;

/** Gap samples as a source's GeoJSON, each with its colour; the same object for the same samples (none: empty). */
export function gapSamplePoints(samples: Pick<GapOverlay, 'positions' | 'colours'> | null): GeoJSON.FeatureCollection {
  // one empty collection for every empty drawing: the map hands a source only data that changed
  if (!samples || samples.positions.length === 0) return NO_SAMPLES;
  let collection = collections.get(samples);
  if (!collection) {
    const { positions, colours } = samples;
    const features: GeoJSON.Feature[] = [];
    for (let i = 0; i < positions.length / 2; i++) {
      // indexed, not a subarray per sample
      const properties = { r: colours[4 * i], g: colours[4 * i + 1], b: colours[4 * i + 2], a: colours[4 * i + 3] };
      features.push({ type: 'Feature', properties, geometry: { type: 'Point', coordinates: [positions[2 * i], positions[2 * i + 1]] } });
    }
    collection = { type: 'FeatureCollection', features };
    collections.set(samples, collection);
  }
  return collection;
}

const NO_ALLEYS: readonly AlleyPath[] = [];

/**
 * The alleys a source holds: all of them (`indices` ALL), those at `indices` (a large city's view), or none. Each
 * feature's id is its index in `alleys`. The same object for the same arguments.
 *
 * Why not always all: the 30 km city's 516 k alley vertices cost MapLibre ~280 ms a frame at city zoom, ~3 s of main
 * thread to hand to its worker, and ~300 MB.
 */
export function alleyLines(alleys: readonly AlleyPath[], indices: Uint32Array | 'all' | null): GeoJSON.FeatureCollection {
  const key: object = indices === 'all' ? alleys : indices?.length ? indices : NO_ALLEYS;
  let collection = collections.get(key);
  if (!collection) {
    const line = (i: number): GeoJSON.Feature => ({ type: 'Feature', id: i, properties: {}, geometry: { type: 'LineString', coordinates: alleys[i].path } });
    const features = indices === 'all' ? alleys.map((_, i) => line(i)) : Array.from(indices ?? [], line);
    collection = { type: 'FeatureCollection', features };
    collections.set(key, collection);
  }
  return collection;
}

/** Hands a source new data; MapLibre tiles it again in its worker. */
export function setOverlayLinesData(map: MapLibreMap, id: OverlayLinesId, data: GeoJSON.FeatureCollection): void {
  const source = map.getSource(id) as GeoJSONSource | undefined;
  source?.setData(data);
}

/** Shows or hides a source's layers without a style change (the layers exist whenever a city's style does). */
export function showOverlayLines(map: MapLibreMap, id: OverlayLinesId, visible: boolean): void {
  const value = visible ? 'visible' : 'none';
  for (const layer of LAYERS_OF[id]) {
    if (map.getLayer(layer) && map.getLayoutProperty(layer, 'visibility') !== value) map.setLayoutProperty(layer, 'visibility', value);
  }
}

/** Indices (in the source's list) of the features a layer draws near a point (CSS pixels on the map). */
function indicesAt(map: MapLibreMap, id: OverlayLinesId, x: number, y: number): number[] {
  return hitsAt(map, id, x, y).flatMap((hit) => (typeof hit.id === 'number' ? [hit.id] : []));
}

/** The features a layer draws near a point (CSS pixels on the map), topmost first. */
function hitsAt(map: MapLibreMap, id: OverlayLinesId, x: number, y: number): { id?: string | number; properties?: Record<string, unknown> | null }[] {
  if (!map.getLayer(id) || map.getLayoutProperty(id, 'visibility') === 'none') return [];
  const box: [[number, number], [number, number]] = [
    [x - HIT_TOLERANCE_PX, y - HIT_TOLERANCE_PX],
    [x + HIT_TOLERANCE_PX, y + HIT_TOLERANCE_PX],
  ];
  return map.queryRenderedFeatures(box, { layers: [id] });
}

/** The boundary drawn under a point, the finest level first; null when none is. */
export function boundaryAt(map: MapLibreMap, x: number, y: number, boundaries: readonly BoundaryFeature[]): BoundaryFeature | null {
  let best: BoundaryFeature | null = null;
  for (const i of indicesAt(map, BOUNDARY_LINES, x, y)) {
    const feature = boundaries[i];
    if (feature && (!best || LEVEL_ORDER[feature.properties.level] > LEVEL_ORDER[best.properties.level])) best = feature;
  }
  return best;
}

/**
 * The compound drawn under a point: an unserved one (drawn on top) first, found by its id (the parking gaps' list
 * changes with each answer, before MapLibre has cut the new tiles); else by its place among all compounds.
 */
export function compoundAt(map: MapLibreMap, x: number, y: number, data: { compounds: readonly CompoundFeature[]; compoundsById: ReadonlyMap<string, CompoundFeature> }): CompoundFeature | null {
  const unserved = keyedAt(map, PARKING_GAPS, x, y, data.compoundsById);
  if (unserved) return unserved;
  for (const i of indicesAt(map, COMPOUND_FILLS, x, y)) if (data.compounds[i]) return data.compounds[i];
  return null;
}

/**
 * The topmost facility dot under a point, found by its id among every facility drawn: not by its place in the
 * source's list, which a large city's view changes (the source holds the view's dots) before MapLibre has cut the
 * new tiles, so a pick just after a pan named another facility.
 */
export function facilityAt(map: MapLibreMap, x: number, y: number, byId: ReadonlyMap<string, FacilityFeature>): FacilityFeature | null {
  return keyedAt(map, FACILITY_DOTS, x, y, byId);
}

/** The topmost feature a layer draws near a point, found by its `key` (the facility's or compound's own id) in `byId`. */
function keyedAt<T>(map: MapLibreMap, id: OverlayLinesId, x: number, y: number, byId: ReadonlyMap<string, T>): T | null {
  for (const hit of hitsAt(map, id, x, y)) {
    const found = byId.get(String(hit.properties?.key));
    if (found) return found;
  }
  return null;
}

/** The alley drawn under a point (the first MapLibre reports: the topmost); null when none is. */
export function alleyAt(map: MapLibreMap, x: number, y: number, alleys: readonly AlleyPath[]): AlleyPath | null {
  for (const i of indicesAt(map, ALLEY_LINES, x, y)) if (alleys[i]) return alleys[i];
  return null;
}
