/** What a city source (OSM extract or demo generator) hands to the bundle and tile writers. */
import type { Feature, Geometry, MultiPolygon, Polygon } from 'geojson';
import type { BBox, BoundaryLevel, CityLayers } from '../../src/domain/city_bundle';

export const BASEMAP_LAYERS = ['landuse', 'park', 'water', 'waterway', 'building', 'road', 'boundary', 'place', 'poi'] as const;
export type BasemapLayerId = (typeof BASEMAP_LAYERS)[number];

export interface BasemapProperties {
  /** e.g. landuse: residential|commercial|industrial|education; road: the street class; place: district|neighbourhood */
  kind: string;
  name?: string;
  /** lower draws labels first; places and POIs only */
  rank?: number;
}
export type BasemapFeature = Feature<Geometry, BasemapProperties>;

export interface CityContent {
  bbox: BBox;
  bboxMethod: string;
  layers: CityLayers;
  basemap: Record<BasemapLayerId, BasemapFeature[]>;
  skipped: { reason: string; count: number }[];
  dataDate: string;
  /**
   * Partial boundaries closed across the part missing from the extract: right near the extract, rough far
   * from it. Used to place grids in districts; never written to the bundle.
   */
  approximateBoundaries: { level: BoundaryLevel; name: string; code?: string; geometry: Polygon | MultiPolygon }[];
}

export function emptyBasemap(): Record<BasemapLayerId, BasemapFeature[]> {
  return Object.fromEntries(BASEMAP_LAYERS.map((id) => [id, []])) as unknown as Record<BasemapLayerId, BasemapFeature[]>;
}

export function bboxContains(bbox: BBox, lon: number, lat: number): boolean {
  return lon >= bbox[0] && lon <= bbox[2] && lat >= bbox[1] && lat <= bbox[3];
}

/** Count reasons for leaving something out, so the summary can list every one. */
export class SkipLog {
  private readonly counts = new Map<string, number>();
  add(reason: string, count = 1): void {
    this.counts.set(reason, (this.counts.get(reason) ?? 0) + count);
  }
  list(): { reason: string; count: number }[] {
    return [...this.counts].map(([reason, count]) => ({ reason, count }));
  }
}
