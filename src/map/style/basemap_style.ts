/**
 * The basemap style, built in code from a theme. Sources are the city's own PMTiles; glyphs come from the
 * local glyph protocol, so the style needs no server but the app's own.
 */
import type { ExpressionSpecification, LayerSpecification, StyleSpecification } from 'maplibre-gl';
import { LOCAL_GLYPHS_URL } from './local_glyphs';
import type { ThemeTokens } from './theme';
import { STREET_CLASSES, STREET_CLASS_MIN_ZOOM } from '../../domain/street_classes';

/** deck.gl overlay layers are inserted below this layer, so every label stays on top. */
export const FIRST_LABEL_LAYER = 'road-label';
const FONT = ['sans'];

/**
 * Smooth fill edges only from zoom 14 on. Antialiasing is a second pass over every edge, and below 14 a city's
 * parcels are a few pixels each: on the 30 km city at city zoom it took ~56 ms of a 353 ms frame on software GL.
 */
const FILL_ANTIALIAS: ExpressionSpecification = ['step', ['zoom'], false, 14, true];

/**
 * Round road ends and corners only from zoom 14 on, where roads are wide enough for them to show. Each round join
 * and cap is a fan of extra triangles: on the 30 km city 2 zoom levels in, they took ~45 ms of a ~190 ms frame at
 * half resolution on software GL.
 */
const ROUND_FROM_14 = { 'line-cap': ['step', ['zoom'], 'butt', 14, 'round'], 'line-join': ['step', ['zoom'], 'miter', 14, 'round'] } as const satisfies Record<string, ExpressionSpecification>;

const zoomWidth = (z12: number, z16: number): ExpressionSpecification => ['interpolate', ['exponential', 1.6], ['zoom'], 12, z12, 16, z16, 19, z16 * 4];

export function basemapStyle(tilesUrl: string, theme: ThemeTokens): StyleSpecification {
  // each road layer draws the classes that start at its zoom, so the style and the tiles agree (STREET_CLASS_MIN_ZOOM)
  const drawnFrom = (zoom: number) => STREET_CLASSES.filter((c) => STREET_CLASS_MIN_ZOOM[c] === zoom);
  const [major, minor, path] = [drawnFrom(0), drawnFrom(STREET_CLASS_MIN_ZOOM.residential), drawnFrom(STREET_CLASS_MIN_ZOOM.path)];
  const layers: LayerSpecification[] = [
    { id: 'background', type: 'background', paint: { 'background-color': theme.background } },
    {
      id: 'landuse',
      type: 'fill',
      source: 'basemap',
      'source-layer': 'landuse',
      paint: {
        'fill-antialias': FILL_ANTIALIAS,
        'fill-color': ['match', ['get', 'kind'], 'residential', theme.residential, ['commercial', 'retail'], theme.commercial, 'industrial', theme.industrial, ['education', 'hospital'], theme.education, theme.residential],
      },
    },
    { id: 'park', type: 'fill', source: 'basemap', 'source-layer': 'park', paint: { 'fill-antialias': FILL_ANTIALIAS, 'fill-color': theme.park } },
    { id: 'water', type: 'fill', source: 'basemap', 'source-layer': 'water', paint: { 'fill-color': theme.water } },
    { id: 'waterway', type: 'line', source: 'basemap', 'source-layer': 'waterway', paint: { 'line-color': theme.water, 'line-width': zoomWidth(1, 4) } },
    { id: 'building', type: 'fill', source: 'basemap', 'source-layer': 'building', minzoom: 14, paint: { 'fill-color': theme.building, 'fill-opacity': ['interpolate', ['linear'], ['zoom'], 14, 0, 15, 1] } },
    { id: 'road-path', type: 'line', source: 'basemap', 'source-layer': 'road', minzoom: STREET_CLASS_MIN_ZOOM.path, filter: ['in', ['get', 'kind'], ['literal', path]], paint: { 'line-color': theme.roadPath, 'line-width': zoomWidth(0.5, 1.5), 'line-dasharray': [2, 1] } },
    { id: 'road-minor-casing', type: 'line', source: 'basemap', 'source-layer': 'road', minzoom: 13, filter: ['in', ['get', 'kind'], ['literal', minor]], layout: ROUND_FROM_14, paint: { 'line-color': theme.roadCasing, 'line-width': zoomWidth(1.6, 7) } },
    // minor roads from zoom 12: below it a whole city's residential streets are a grey wash that cost half a frame
    { id: 'road-minor', type: 'line', source: 'basemap', 'source-layer': 'road', minzoom: STREET_CLASS_MIN_ZOOM.residential, filter: ['in', ['get', 'kind'], ['literal', minor]], layout: ROUND_FROM_14, paint: { 'line-color': theme.roadMinor, 'line-width': zoomWidth(0.8, 5) } },
    { id: 'road-major-casing', type: 'line', source: 'basemap', 'source-layer': 'road', filter: ['in', ['get', 'kind'], ['literal', major]], layout: ROUND_FROM_14, paint: { 'line-color': theme.roadCasing, 'line-width': zoomWidth(3, 12) } },
    { id: 'road-major', type: 'line', source: 'basemap', 'source-layer': 'road', filter: ['in', ['get', 'kind'], ['literal', major]], layout: ROUND_FROM_14, paint: { 'line-color': theme.roadMajor, 'line-width': zoomWidth(2, 9) } },
    { id: 'boundary', type: 'line', source: 'basemap', 'source-layer': 'boundary', filter: ['==', ['get', 'kind'], 'district'], paint: { 'line-color': theme.boundary, 'line-width': 2, 'line-dasharray': [3, 2], 'line-opacity': 0.7 } },
    {
      id: FIRST_LABEL_LAYER,
      type: 'symbol',
      source: 'basemap',
      'source-layer': 'road',
      minzoom: 14,
      filter: ['has', 'name'],
      layout: { 'symbol-placement': 'line', 'text-field': ['get', 'name'], 'text-font': FONT, 'text-size': ['interpolate', ['linear'], ['zoom'], 14, 11, 17, 14], 'text-max-angle': 30 },
      paint: { 'text-color': theme.label, 'text-halo-color': theme.labelHalo, 'text-halo-width': 1.5 },
    },
    {
      id: 'water-label',
      type: 'symbol',
      source: 'basemap',
      'source-layer': 'waterway',
      minzoom: 13,
      filter: ['has', 'name'],
      layout: { 'symbol-placement': 'line', 'text-field': ['get', 'name'], 'text-font': FONT, 'text-size': 12 },
      paint: { 'text-color': theme.waterLabel, 'text-halo-color': theme.labelHalo, 'text-halo-width': 1 },
    },
    {
      id: 'poi-label',
      type: 'symbol',
      source: 'basemap',
      'source-layer': 'poi',
      minzoom: 15.5,
      layout: { 'text-field': ['get', 'name'], 'text-font': FONT, 'text-size': 11, 'text-offset': [0, 0.9], 'text-anchor': 'top', 'symbol-sort-key': ['get', 'rank'] },
      paint: { 'text-color': theme.label, 'text-halo-color': theme.labelHalo, 'text-halo-width': 1.2 },
    },
    {
      id: 'place-label',
      type: 'symbol',
      source: 'basemap',
      'source-layer': 'place',
      filter: ['any', ['<=', ['get', 'rank'], 3], ['>=', ['zoom'], 13]],
      layout: {
        'text-field': ['get', 'name'],
        'text-font': FONT,
        'text-size': ['match', ['get', 'rank'], [1, 2], 18, 3, 15, 13],
        'symbol-sort-key': ['get', 'rank'],
      },
      paint: { 'text-color': theme.label, 'text-halo-color': theme.labelHalo, 'text-halo-width': 2 },
    },
  ];
  return {
    version: 8,
    glyphs: LOCAL_GLYPHS_URL,
    sources: { basemap: { type: 'vector', url: `pmtiles://${tilesUrl}` } },
    layers,
  };
}
