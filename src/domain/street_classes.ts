import type { OsmTags } from './categories';

/**
 * Street classes of the bundle. `residential` and `service` are the back-alley (背街小巷) candidates,
 * matching the assessors' notion of minor streets inside and behind blocks.
 */
export const STREET_CLASSES = ['expressway', 'primary', 'secondary', 'tertiary', 'residential', 'service', 'path'] as const;
export type StreetClass = (typeof STREET_CLASSES)[number];

/**
 * The map zoom a street class is drawn from (the basemap style's road layers), and so the tile zoom the basemap's
 * tiles carry it from (a zoom's tiles draw that zoom up to the next): below zoom 12 a whole city's minor streets
 * are a grey wash, below 14 paths are noise.
 */
export const STREET_CLASS_MIN_ZOOM: Readonly<Record<StreetClass, number>> = { expressway: 0, primary: 0, secondary: 0, tertiary: 12, residential: 12, service: 12, path: 14 };

const HIGHWAY_TO_CLASS: Readonly<Record<string, StreetClass>> = {
  motorway: 'expressway',
  motorway_link: 'expressway',
  trunk: 'expressway',
  trunk_link: 'expressway',
  primary: 'primary',
  primary_link: 'primary',
  secondary: 'secondary',
  secondary_link: 'secondary',
  tertiary: 'tertiary',
  tertiary_link: 'tertiary',
  residential: 'residential',
  unclassified: 'residential',
  living_street: 'residential',
  service: 'service',
  pedestrian: 'path',
  footway: 'path',
  path: 'path',
  steps: 'path',
  cycleway: 'path',
  track: 'path',
};

/** OSM highway=* → street class, or null for things that are not streets (bus stops, construction, areas). */
export function streetClassOfTags(tags: OsmTags): StreetClass | null {
  const highway = tags.highway;
  if (!highway || tags.area === 'yes') return null;
  return HIGHWAY_TO_CLASS[highway] ?? null;
}

export function isAlleyClass(streetClass: StreetClass): boolean {
  return streetClass === 'residential' || streetClass === 'service';
}

/** Classes wide enough to bound unit grids and carry through traffic. */
export function isArterialClass(streetClass: StreetClass): boolean {
  return streetClass === 'expressway' || streetClass === 'primary' || streetClass === 'secondary';
}
