import { ScatterplotLayer } from '@deck.gl/layers';
import { categoryById, type CategoryId } from '../../domain/categories';
import type { FacilityFeature } from '../../domain/city_bundle';

/** A facility dot's fill: its category's colour, nearly opaque (the vector dots and the city-zoom image alike). */
export function facilityFill(category: CategoryId): [number, number, number, number] {
  return [...categoryById(category).colour, 235];
}

/** The ring around a facility dot, apart from the basemap of either theme. */
export function facilityOutline(dark: boolean): [number, number, number, number] {
  return dark ? [10, 20, 30, 255] : [255, 255, 255, 255];
}

/** Facility points coloured by category (hidden categories already left out: see facility_drawing.ts). */
export function facilitiesLayer(facilities: readonly FacilityFeature[], dark: boolean) {
  return new ScatterplotLayer<FacilityFeature>({
    id: 'facilities',
    data: facilities,
    getPosition: (f) => f.geometry.coordinates as [number, number],
    getFillColor: (f) => facilityFill(f.properties.category),
    getLineColor: facilityOutline(dark),
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
