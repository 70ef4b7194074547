/**
 * Builds small cities for analysis tests in a local metric frame: positions are given in metres east/north of
 * (118.78 E, 32.04 N) and converted with the same projection the model uses, so hand-worked distances hold.
 */
import type { Position } from 'geojson';
import type { CategoryId, FacilityProperties } from '../../domain/categories';
import type { BBox, CityLayers } from '../../domain/city_bundle';
import { LocalProjection } from '../projection';

const LON0 = 118.78;
const LAT0 = 32.04;
const projection = new LocalProjection(LON0, LAT0);
export const lonLat = ([x, y]: [number, number]): Position => [projection.lon(x), projection.lat(y)];

/** bbox centred on the origin so the model's projection equals this one */
export function bboxAround(halfWidthM: number, halfHeightM: number): BBox {
  return [projection.lon(-halfWidthM), projection.lat(-halfHeightM), projection.lon(halfWidthM), projection.lat(halfHeightM)];
}

export interface FixtureCity {
  facilities?: { at: [number, number]; category: CategoryId; props?: Partial<FacilityProperties> }[];
  streets?: { line: [number, number][]; alley?: boolean; name?: string }[];
  compounds?: { rings: [number, number][][]; name?: string }[];
  districts?: { ring: [number, number][]; name: string }[];
}

export function fixtureLayers(city: FixtureCity): CityLayers {
  return {
    facilities: {
      type: 'FeatureCollection',
      features: (city.facilities ?? []).map((f, i) => ({
        type: 'Feature',
        geometry: { type: 'Point', coordinates: lonLat(f.at) },
        properties: { id: `f${i}`, category: f.category, name: `f${i}`, source: 'test', ...(f.category === 'toilet' ? { access: 'public' as const } : {}), ...f.props },
      })),
    },
    streets: {
      type: 'FeatureCollection',
      features: (city.streets ?? []).map((s, i) => ({
        type: 'Feature',
        geometry: { type: 'LineString', coordinates: s.line.map(lonLat) },
        properties: { id: `s${i}`, name: s.name ?? `s${i}`, class: s.alley === false ? 'primary' : 'residential', alley: s.alley ?? true, lengthM: 0 },
      })),
    },
    compounds: {
      type: 'FeatureCollection',
      features: (city.compounds ?? []).map((c, i) => ({
        type: 'Feature',
        geometry: { type: 'Polygon', coordinates: c.rings.map((r) => r.map(lonLat)) },
        properties: { id: `c${i}`, name: c.name ?? `c${i}`, areaM2: 0, source: 'test' },
      })),
    },
    boundaries: {
      type: 'FeatureCollection',
      features: (city.districts ?? []).map((d, i) => ({
        type: 'Feature',
        geometry: { type: 'Polygon', coordinates: [d.ring.map(lonLat)] },
        properties: { id: `d${i}`, name: d.name, level: 'district' as const, partial: false, derived: false },
      })),
    },
  };
}

export const square = (x0: number, y0: number, x1: number, y1: number): [number, number][] => [[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]];
