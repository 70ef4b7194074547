import { ScatterplotLayer } from '@deck.gl/layers';
import { categoryById } from '../../domain/categories';
import type { FacilityFeature } from '../../domain/city_bundle';

/** Facility points coloured by category (hidden categories already left out: see facility_drawing.ts). */
export function facilitiesLayer(facilities: readonly FacilityFeature[], dark: boolean) {
  return new ScatterplotLayer<FacilityFeature>({
    id: 'facilities',
    data: facilities,
    getPosition: (f) => f.geometry.coordinates as [number, number],
    getFillColor: (f) => [...categoryById(f.properties.category).colour, 235],
    getLineColor: dark ? [10, 20, 30, 255] : [255, 255, 255, 255],
    getRadius: 12,
    radiusUnits: 'meters',
    radiusMinPixels: 4,
    radiusMaxPixels: 14,
    stroked: true,
    lineWidthMinPixels: 1.2,
    pickable: true,
    updateTriggers: { getLineColor: dark },
  });
}
