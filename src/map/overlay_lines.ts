/**
 * The overlay's static lines drawn by MapLibre, not deck.gl: boundaries (district, street, community) and back
 * alleys, each a GeoJSON source and one line layer in the style, just below the first label.
 *
 * Why: deck.gl's PathLayer draws one instance per segment, and SwiftShader (the only GL these machines have) pays
 * ~40 µs for every instance. Measured at 1440×900: the 30 km city's 3,228 district and street segments cost
 * ~135 ms a frame as a PathLayer and ~25 ms as a line layer with every community too; the 8 km demo city's alleys
 * (33.7 k vertices) ~1.2 s as a PathLayer. MapLibre tessellates lines once, in its worker, into plain triangles,
 * simplified per zoom.
 *
 * Order, bottom to top: deck fills (inserted before BOUNDARY_LINES), boundaries, alleys, the other deck layers
 * (inserted before the first label), labels. Hover and click come from `map.queryRenderedFeatures`; a feature's id
 * is its index in the list the source was made from.
 */
import type { ExpressionSpecification, GeoJSONSource, LineLayerSpecification, Map as MapLibreMap, StyleSpecification } from 'maplibre-gl';
import type { BoundaryFeature, BoundaryLevel } from '../domain/city_bundle';
import type { AlleyPath } from './layers/alleys_layer';
import { FIRST_LABEL_LAYER } from './style/basemap_style';

/** Layer and source ids; deck layers drawn below the boundaries are inserted before BOUNDARY_LINES. */
export const BOUNDARY_LINES = 'atlas-boundaries';
export const ALLEY_LINES = 'atlas-alleys';
export type OverlayLinesId = typeof BOUNDARY_LINES | typeof ALLEY_LINES;

const BOUNDARY_WIDTH: Record<BoundaryLevel, number> = { district: 3, street: 2, community: 1 };
/** A shared edge is drawn for every level; the finest one names the most (community, then street, then district). */
const LEVEL_ORDER: Record<BoundaryLevel, number> = { district: 0, street: 1, community: 2 };
const COLOUR = {
  light: { boundary: 'rgba(110, 70, 170, 0.86)', community: 'rgba(120, 90, 170, 0.35)', alley: 'rgba(214, 96, 0, 0.75)' },
  dark: { boundary: 'rgba(190, 160, 255, 0.9)', community: 'rgba(160, 140, 220, 0.43)', alley: 'rgba(255, 170, 60, 0.78)' },
} as const;
/** An alley is 3 m wide on the ground, never under 1.5 px nor over 5 px (at ~32° N: 1.5 px at z14.6, 5 px at z16.3). */
const ALLEY_WIDTH: ExpressionSpecification = ['interpolate', ['exponential', 2], ['zoom'], 14.6, 1.5, 16.3, 5];

/** How near the pointer (CSS pixels) a line counts as hovered: the lines are 1–5 px wide. */
const HIT_TOLERANCE_PX = 3;

export interface OverlayLinesData {
  boundaries: readonly BoundaryFeature[];
  /** the alleys to draw (from `alleyLines`): a large city's only those of the view, as deck.gl's were */
  alleys: GeoJSON.FeatureCollection;
}

export interface OverlayLinesLook {
  dark: boolean;
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

function lineLayers({ dark, visible }: OverlayLinesLook): LineLayerSpecification[] {
  const colour = COLOUR[dark ? 'dark' : 'light'];
  const visibility = (id: OverlayLinesId) => (visible[id] ? 'visible' : 'none');
  return [
    {
      id: BOUNDARY_LINES,
      type: 'line',
      source: BOUNDARY_LINES,
      layout: { visibility: visibility(BOUNDARY_LINES), 'line-join': 'round' },
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
  ];
}

/** `style` with the city's boundaries and alleys added just below the first label, so labels stay on top. */
export function withOverlayLines(style: StyleSpecification, data: OverlayLinesData, look: OverlayLinesLook): StyleSpecification {
  const labelAt = style.layers.findIndex((l) => l.id === FIRST_LABEL_LAYER);
  const at = labelAt < 0 ? style.layers.length : labelAt;
  // only what the layers read: the level styles a boundary; the id finds the feature again on hover
  const boundaries = collectionOf(data.boundaries, (b) => ({ properties: { level: b.properties.level }, geometry: b.geometry }));
  return {
    ...style,
    sources: { ...style.sources, [BOUNDARY_LINES]: { type: 'geojson', data: boundaries }, [ALLEY_LINES]: { type: 'geojson', data: data.alleys } },
    layers: [...style.layers.slice(0, at), ...lineLayers(look), ...style.layers.slice(at)],
  };
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
  const key: object = indices === 'all' ? alleys : (indices ?? NO_ALLEYS);
  let collection = collections.get(key);
  if (!collection) {
    const line = (i: number): GeoJSON.Feature => ({ type: 'Feature', id: i, properties: {}, geometry: { type: 'LineString', coordinates: alleys[i].path } });
    const features = indices === 'all' ? alleys.map((_, i) => line(i)) : Array.from(indices ?? [], line);
    collection = { type: 'FeatureCollection', features };
    collections.set(key, collection);
  }
  return collection;
}

/** Hands a line source new data; MapLibre tiles it again in its worker. */
export function setOverlayLinesData(map: MapLibreMap, id: OverlayLinesId, data: GeoJSON.FeatureCollection): void {
  const source = map.getSource(id) as GeoJSONSource | undefined;
  source?.setData(data);
}

/** Shows or hides a line layer without a style change (the layers exist whenever a city's style does). */
export function showOverlayLines(map: MapLibreMap, id: OverlayLinesId, visible: boolean): void {
  if (!map.getLayer(id)) return;
  const value = visible ? 'visible' : 'none';
  if (map.getLayoutProperty(id, 'visibility') !== value) map.setLayoutProperty(id, 'visibility', value);
}

/** Indices (in the source's list) of the features a line layer draws near a point (CSS pixels on the map). */
function indicesAt(map: MapLibreMap, id: OverlayLinesId, x: number, y: number): number[] {
  if (!map.getLayer(id) || map.getLayoutProperty(id, 'visibility') === 'none') return [];
  const box: [[number, number], [number, number]] = [
    [x - HIT_TOLERANCE_PX, y - HIT_TOLERANCE_PX],
    [x + HIT_TOLERANCE_PX, y + HIT_TOLERANCE_PX],
  ];
  return map.queryRenderedFeatures(box, { layers: [id] }).flatMap((hit) => (typeof hit.id === 'number' ? [hit.id] : []));
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

/** The alley drawn under a point (the first MapLibre reports: the topmost); null when none is. */
export function alleyAt(map: MapLibreMap, x: number, y: number, alleys: readonly AlleyPath[]): AlleyPath | null {
  for (const i of indicesAt(map, ALLEY_LINES, x, y)) if (alleys[i]) return alleys[i];
  return null;
}
