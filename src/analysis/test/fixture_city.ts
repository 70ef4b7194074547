/**
 * Builds small cities for analysis tests in a local metric frame: positions are given in metres east/north of
 * (118.78 E, 32.04 N) and converted with the same projection the model uses, so hand-worked distances hold.
 */
import type { Position } from 'geojson';
import type { CategoryId, FacilityProperties } from '../../domain/categories';
import type { BBox, CityLayers, CompoundFeature, GridFeature } from '../../domain/city_bundle';
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
  /** `rings`: one polygon (outer, holes); `parts`: a multi-polygon */
  compounds?: ({ rings: [number, number][][]; name?: string } | { parts: [number, number][][][]; name?: string })[];
  districts?: { ring: [number, number][]; name: string }[];
  /** unit grids, coded 32010200100101, …02, … in order */
  grids?: { rings: [number, number][][]; name?: string }[];
}

const compoundGeometry = (c: NonNullable<FixtureCity['compounds']>[number]): CompoundFeature['geometry'] =>
  'parts' in c ? { type: 'MultiPolygon', coordinates: c.parts.map((rings) => rings.map((r) => r.map(lonLat))) } : { type: 'Polygon', coordinates: c.rings.map((r) => r.map(lonLat)) };

function gridFeature(rings: [number, number][][], g: number, name?: string): GridFeature {
  const seq = String(g + 1).padStart(2, '0');
  return {
    type: 'Feature',
    geometry: { type: 'Polygon', coordinates: rings.map((r) => r.map(lonLat)) },
    properties: {
      code: `320102001001${seq}`,
      name: name ?? `网格${seq}`,
      district: '测试区',
      districtCode: '320102',
      street: '测试街道',
      streetCode: '001',
      community: '测试社区',
      communityCode: '001',
      seq: g + 1,
      areaM2: 0,
      origin: 'block',
      derived: { district: false, street: false, community: false },
      responsibleUnit: '测试单位',
      responsiblePerson: '',
      phone: '',
    },
  };
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
        geometry: compoundGeometry(c),
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
    ...(city.grids ? { grids: { type: 'FeatureCollection' as const, features: city.grids.map((g, i) => gridFeature(g.rings, i, g.name)) } } : {}),
  };
}

export const square = (x0: number, y0: number, x1: number, y1: number): [number, number][] => [[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]];
