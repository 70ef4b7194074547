/**
 * The city bundle: `data/<id>/city.json` plus one GeoJSON file per layer, and `tiles/<id>.pmtiles`.
 * All coordinates are WGS-84 longitude/latitude.
 */
import type { Feature, FeatureCollection, LineString, MultiLineString, MultiPolygon, Point, Polygon } from 'geojson';
import type { FacilityProperties } from './categories';
import type { StreetClass } from './street_classes';

export const BUNDLE_LAYERS = ['facilities', 'streets', 'compounds', 'boundaries'] as const;
export type BundleLayerId = (typeof BUNDLE_LAYERS)[number];

/** [west, south, east, north] in degrees */
export type BBox = [number, number, number, number];

export interface CitySource {
  kind: 'osm' | 'demo';
  /** file name of the extract, or `demo --seed N --size-km K` */
  input: string;
  licence: string;
  attribution: string;
}

export interface CityManifest {
  id: string;
  name: { zh: string; en: string };
  /** the managed area: analysis and facilities stay inside it */
  bbox: BBox;
  /** how bbox was found, e.g. "free-standing nodes of an Overpass bbox query" */
  bboxMethod: string;
  center: [number, number];
  crs: 'WGS-84';
  /** date of the data, ISO yyyy-mm-dd (OSM base date, or the build date of synthetic data) */
  dataDate: string;
  synthetic: boolean;
  sources: CitySource[];
  layers: Record<BundleLayerId, { file: string; count: number }>;
  /** grids come with a later builder step; null while absent */
  grids: null | { file: string; count: number; generated: boolean };
  counts: Record<string, number>;
  /** things the builder left out, each with its reason and count, so nothing is silently dropped */
  skipped: { reason: string; count: number }[];
  tiles: { file: string; minZoom: number; maxZoom: number; bytes: number };
  builtAt: string;
  builderVersion: number;
}

export type FacilityFeature = Feature<Point, FacilityProperties>;

export interface StreetProperties {
  id: string;
  name: string;
  class: StreetClass;
  /** back-alley (背街小巷) candidate */
  alley: boolean;
  lengthM: number;
}
export type StreetFeature = Feature<LineString | MultiLineString, StreetProperties>;

export interface CompoundProperties {
  id: string;
  name: string;
  areaM2: number;
  source: string;
}
export type CompoundFeature = Feature<Polygon | MultiPolygon, CompoundProperties>;

export type BoundaryLevel = 'district' | 'street' | 'community';

export interface BoundaryProperties {
  id: string;
  name: string;
  level: BoundaryLevel;
  /** administrative division code where known */
  code?: string;
  /** true when only part of the outline is in the extract: drawn as lines, not filled */
  partial: boolean;
  /** true when the builder derived the area rather than reading it from the data */
  derived: boolean;
}
export type BoundaryFeature = Feature<Polygon | MultiPolygon | LineString | MultiLineString, BoundaryProperties>;

export interface CityLayers {
  facilities: FeatureCollection<Point, FacilityProperties>;
  streets: FeatureCollection<LineString | MultiLineString, StreetProperties>;
  compounds: FeatureCollection<Polygon | MultiPolygon, CompoundProperties>;
  boundaries: FeatureCollection<BoundaryFeature['geometry'], BoundaryProperties>;
}

/** The list of cities the app can open, written next to the bundles as `data/cities.json`. */
export interface CityIndexEntry {
  id: string;
  name: { zh: string; en: string };
  synthetic: boolean;
  dataDate: string;
}
