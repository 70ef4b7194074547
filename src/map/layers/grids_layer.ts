import { GeoJsonLayer } from '@deck.gl/layers';
import type { GridFeature } from '../../domain/city_bundle';

/**
 * Unit grid outlines, thin, so gaps stay readable underneath; filled by a metric when colours are given.
 * `indices`: when only some grids are drawn (those in view), each one's index among all grids, for its colour.
 */
export function gridsLayer(grids: readonly GridFeature[], dark: boolean, colours: Uint8Array | null, indices?: Uint32Array) {
  return new GeoJsonLayer<GridFeature['properties']>({
    id: 'grids',
    // the array itself: deck.gl keeps the tessellation while it is the same array; a new choropleth only recolours
    data: grids as GridFeature[],
    filled: true,
    stroked: true,
    getFillColor: (_, { index }) => {
      const g = indices ? indices[index] : index;
      return colours ? [colours[4 * g], colours[4 * g + 1], colours[4 * g + 2], colours[4 * g + 3]] : [0, 0, 0, 0];
    },
    getLineColor: dark ? [140, 170, 200, 120] : [70, 90, 110, 110],
    getLineWidth: 0.8,
    lineWidthUnits: 'pixels',
    pickable: true,
    updateTriggers: { getLineColor: dark, getFillColor: colours },
  });
}

/** The selected grid: a bold outline and a light fill. */
export function selectedGridLayer(grid: GridFeature, dark: boolean) {
  return new GeoJsonLayer<GridFeature['properties']>({
    id: 'selected-grid',
    data: { type: 'FeatureCollection', features: [grid] },
    filled: true,
    stroked: true,
    getFillColor: dark ? [255, 220, 80, 50] : [255, 200, 0, 60],
    getLineColor: dark ? [255, 220, 80, 255] : [220, 120, 0, 255],
    getLineWidth: 3,
    lineWidthUnits: 'pixels',
    updateTriggers: { getFillColor: dark, getLineColor: dark },
  });
}
