/** A facility dot's colours, one rule for MapLibre's circles (overlay_lines.ts) and the city-zoom image alike. */
import { categoryById, type CategoryId } from '../../domain/categories';

/** A facility dot's fill: its category's colour, nearly opaque. */
export function facilityFill(category: CategoryId): [number, number, number, number] {
  return [...categoryById(category).colour, 235];
}

/** The ring around a facility dot, apart from the basemap of either theme. */
export function facilityOutline(dark: boolean): [number, number, number, number] {
  return dark ? [10, 20, 30, 255] : [255, 255, 255, 255];
}
