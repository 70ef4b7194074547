/**
 * District, street and community boundaries drawn by MapLibre (a GeoJSON source and one line layer in the style),
 * not by deck.gl.
 *
 * Why: deck.gl's PathLayer draws one instance per segment, and SwiftShader (the only GL these machines have) pays
 * ~40 µs for every instance. On the 30 km city at 1440×900 the 3,228 district and street segments cost ~135 ms a
 * frame as a PathLayer, and ~25 ms as this line layer, which also carries every community (measured, same page).
 * MapLibre tessellates lines once, in its worker, into plain triangles.
 *
 * Hover and click come from `map.queryRenderedFeatures`; the feature id is the boundary's index in the bundle.
 */
import type { LineLayerSpecification, Map as MapLibreMap, StyleSpecification } from 'maplibre-gl';
import type { BoundaryFeature, BoundaryLevel } from '../domain/city_bundle';
import { FIRST_LABEL_LAYER } from './style/basemap_style';

/** The line layer's id (and its source's): deck layers that belong below the boundaries are inserted before it. */
export const BOUNDARY_LINES = 'atlas-boundaries';

const WIDTH: Record<BoundaryLevel, number> = { district: 3, street: 2, community: 1 };
/** A shared edge is drawn for every level; the finest one names the most (community, then street, then district). */
const LEVEL_ORDER: Record<BoundaryLevel, number> = { district: 0, street: 1, community: 2 };
const COLOUR = {
  light: { upper: 'rgba(110, 70, 170, 0.86)', community: 'rgba(120, 90, 170, 0.35)' },
  dark: { upper: 'rgba(190, 160, 255, 0.9)', community: 'rgba(160, 140, 220, 0.43)' },
} as const;

/** How near the pointer (CSS pixels) a boundary line counts as hovered: the lines are 1–3 px wide. */
const HIT_TOLERANCE_PX = 3;

const collections = new WeakMap<readonly BoundaryFeature[], GeoJSON.FeatureCollection>();

/** The GeoJSON the source holds: the same object for the same boundaries, so a style diff sees no change. */
function collectionOf(boundaries: readonly BoundaryFeature[]): GeoJSON.FeatureCollection {
  let collection = collections.get(boundaries);
  if (!collection) {
    collection = {
      type: 'FeatureCollection',
      // only what the layer reads: the level styles the line, the id finds the bundle's feature on hover
      features: boundaries.map((b, i) => ({ type: 'Feature', id: i, properties: { level: b.properties.level }, geometry: b.geometry })),
    };
    collections.set(boundaries, collection);
  }
  return collection;
}

export function boundaryLineLayer(dark: boolean, visible: boolean): LineLayerSpecification {
  const colour = COLOUR[dark ? 'dark' : 'light'];
  return {
    id: BOUNDARY_LINES,
    type: 'line',
    source: BOUNDARY_LINES,
    layout: { visibility: visible ? 'visible' : 'none', 'line-join': 'round' },
    paint: {
      'line-color': ['match', ['get', 'level'], 'community', colour.community, colour.upper],
      'line-width': ['match', ['get', 'level'], 'district', WIDTH.district, 'street', WIDTH.street, WIDTH.community],
    },
  };
}

/** `style` with the city's boundaries added just below the first label, so labels stay on top. */
export function withBoundaryLines(style: StyleSpecification, boundaries: readonly BoundaryFeature[], dark: boolean, visible: boolean): StyleSpecification {
  const labelAt = style.layers.findIndex((l) => l.id === FIRST_LABEL_LAYER);
  const at = labelAt < 0 ? style.layers.length : labelAt;
  return {
    ...style,
    sources: { ...style.sources, [BOUNDARY_LINES]: { type: 'geojson', data: collectionOf(boundaries) } },
    layers: [...style.layers.slice(0, at), boundaryLineLayer(dark, visible), ...style.layers.slice(at)],
  };
}

/** Shows or hides the boundaries without a style change (the layer exists whenever a city's style does). */
export function showBoundaryLines(map: MapLibreMap, visible: boolean): void {
  if (!map.getLayer(BOUNDARY_LINES)) return;
  const value = visible ? 'visible' : 'none';
  if (map.getLayoutProperty(BOUNDARY_LINES, 'visibility') !== value) map.setLayoutProperty(BOUNDARY_LINES, 'visibility', value);
}

/** The boundary drawn under a point (CSS pixels on the map), the finest level first; null when none is. */
export function boundaryAt(map: MapLibreMap, x: number, y: number, boundaries: readonly BoundaryFeature[]): BoundaryFeature | null {
  if (!map.getLayer(BOUNDARY_LINES)) return null;
  const hits = map.queryRenderedFeatures(
    [
      [x - HIT_TOLERANCE_PX, y - HIT_TOLERANCE_PX],
      [x + HIT_TOLERANCE_PX, y + HIT_TOLERANCE_PX],
    ],
    { layers: [BOUNDARY_LINES] },
  );
  let best: BoundaryFeature | null = null;
  for (const hit of hits) {
    const feature = typeof hit.id === 'number' ? boundaries[hit.id] : undefined;
    if (feature && (!best || LEVEL_ORDER[feature.properties.level] > LEVEL_ORDER[best.properties.level])) best = feature;
  }
  return best;
}

