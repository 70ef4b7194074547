import area from '@turf/area';
import { describe, expect, it } from 'vitest';
import { osmToCity } from './osm_to_city';
import { readOsmFile } from './read_osm';
import { metresPerDegreeLon } from '../../src/domain/earth';

const FIXTURE = 'test/in/compound-with-hole-and-two-outers.osm.xml';
const city = osmToCity(readOsmFile(FIXTURE), {});
const compound = (name: string) => city.layers.compounds.features.find((f) => f.properties.name === name)!;

describe('OSM → city layers', () => {
  it('uses the <bounds> of the file as the managed area', () => {
    expect(city.bbox).toEqual([118.78, 32.04, 118.79, 32.05]);
    expect(city.bboxMethod).toContain('<bounds>');
  });

  it('assembles a multipolygon with a hole, and its area leaves the hole out', () => {
    const f = compound('幸福小区');
    expect(f.geometry.type).toBe('Polygon');
    expect(f.geometry.coordinates).toHaveLength(2);
    // by hand: outer 0.002° × 0.002°, hole 0.001° × 0.001°, at 32.042° N
    const mPerDegLat = 110_900;
    const mPerDegLon = metresPerDegreeLon(32.042);
    const expected = (0.002 * 0.002 - 0.001 * 0.001) * mPerDegLat * mPerDegLon;
    expect(f.properties.areaM2 / expected).toBeCloseTo(1, 2);
    expect(f.properties.areaM2).toBe(Math.round(area(f)));
  });

  it('keeps both outers of a multipolygon with several outers', () => {
    const f = compound('双子花园');
    expect(f.geometry.type).toBe('MultiPolygon');
    expect(f.geometry.coordinates).toHaveLength(2);
  });

  it('places a facility whose polygon crosses the edge at a point inside the managed area', () => {
    const school = city.layers.facilities.features.find((f) => f.properties.name === '跨界学校')!;
    const [lon, lat] = school.geometry.coordinates;
    expect(lon).toBeGreaterThanOrEqual(118.789);
    expect(lon).toBeLessThanOrEqual(118.79);
    expect(lat).toBeGreaterThan(32.047);
    expect(lat).toBeLessThan(32.049);
  });

  it('lists a facility outside the managed area as skipped instead of dropping it silently', () => {
    expect(city.layers.facilities.features.some((f) => f.properties.name === '界外公厕')).toBe(false);
    expect(city.skipped).toContainEqual({ reason: 'toilet: OSM object outside the managed area', count: 1 });
  });

  it('reads toilet access: customers → institution_open, private → private', () => {
    const toilets = city.layers.facilities.features.filter((f) => f.properties.category === 'toilet');
    expect(toilets.map((t) => t.properties.access).sort()).toEqual(['institution_open', 'private']);
  });

  it('keeps a residential street as a back-alley candidate with its length', () => {
    const [street] = city.layers.streets.features;
    expect(street.properties).toMatchObject({ name: '测试巷', class: 'residential', alley: true });
    // 0.009° of longitude at 32.0405° N ≈ 849 m
    expect(street.properties.lengthM).toBeGreaterThan(845);
    expect(street.properties.lengthM).toBeLessThan(852);
  });
});
