import { GeoJsonLayer } from '@deck.gl/layers';
import type { CompoundFeature } from '../../domain/city_bundle';

export function compoundsLayer(compounds: readonly CompoundFeature[], dark: boolean) {
  return new GeoJsonLayer<CompoundFeature['properties']>({
    id: 'compounds',
    // the array itself: deck.gl keeps the tessellation while it is the same array (a wrapper made per render would not)
    data: compounds as CompoundFeature[],
    filled: true,
    stroked: true,
    getFillColor: dark ? [80, 160, 255, 40] : [52, 120, 220, 36],
    getLineColor: dark ? [110, 180, 255, 200] : [40, 100, 200, 200],
    getLineWidth: 1.5,
    lineWidthUnits: 'pixels',
    pickable: true,
    updateTriggers: { getFillColor: dark, getLineColor: dark },
  });
}
