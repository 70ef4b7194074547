/** The benchmark inputs: two real extracts (Shanghai with seeded synthetic facilities) and the demo city. */
import { existsSync } from 'node:fs';
import type { BBox, CityLayers, CompoundFeature, FacilityFeature } from '../../src/domain/city_bundle';
import { LocalProjection } from '../../src/analysis/projection';
import { generateDemoCity } from '../city/demo/demo_city';
import { Prng } from '../../src/analysis/prng';
import { osmToCity } from '../city/osm_to_city';
import { readOsmFile } from '../city/read_osm';

export interface BenchCase { id: string; label: string; layers: CityLayers; bbox: BBox; large: boolean }

const NANJING = '../shared/data/nanjing-xuanwu-osm/nanjing_xuanwu_2021-06-12.osm.pbf';
const SHANGHAI = '../shared/data/shanghai-center-roads-osm/shanghai_center_roads_2025-08-09.osm.pbf';

export function benchCases(): BenchCase[] {
  const cases: BenchCase[] = [];
  if (existsSync(NANJING)) {
    const city = osmToCity(readOsmFile(NANJING), {});
    cases.push({ id: 'nanjing', label: 'Nanjing OSM', layers: city.layers, bbox: city.bbox, large: false });
  } else console.error(`skipping Nanjing: ${NANJING} is not on this machine`);
  if (existsSync(SHANGHAI)) {
    const city = osmToCity(readOsmFile(SHANGHAI), {});
    cases.push({ id: 'shanghai', label: 'Shanghai OSM roads + seeded toilets/compounds/markets', layers: withSyntheticFacilities(city.layers, city.bbox, 11), bbox: city.bbox, large: true });
  } else console.error(`skipping Shanghai: ${SHANGHAI} is not on this machine`);
  const demo = generateDemoCity({ seed: 1, sizeKm: 14 });
  cases.push({ id: 'demo14', label: 'Demo city 14 km (synthetic)', layers: demo.layers, bbox: demo.bbox, large: true });
  return cases;
}

/**
 * Shanghai's extract has streets only: add seeded toilets and markets on street vertices (about the demo
 * city's densities) and compounds as rectangles beside streets.
 */
function withSyntheticFacilities(layers: CityLayers, bbox: BBox, seed: number): CityLayers {
  const prng = new Prng(seed);
  const vertices = layers.streets.features.flatMap((f) => (f.geometry.type === 'LineString' ? f.geometry.coordinates : f.geometry.coordinates.flat()));
  const projection = new LocalProjection((bbox[0] + bbox[2]) / 2, (bbox[1] + bbox[3]) / 2);
  const facilities: FacilityFeature[] = [];
  const place = (category: 'toilet' | 'market', n: number) => {
    for (let i = 0; i < n; i++) {
      const p = prng.pick(vertices);
      facilities.push({ type: 'Feature', geometry: { type: 'Point', coordinates: [p[0], p[1]] }, properties: { id: `syn:${category}/${i}`, category, name: '', source: 'synthetic', ...(category === 'toilet' ? { access: 'public' as const } : {}) } });
    }
  };
  place('toilet', 400);
  place('market', 100);
  const compounds: CompoundFeature[] = [];
  for (let i = 0; i < 800; i++) {
    const p = prng.pick(vertices);
    const x = projection.x(p[0]) + prng.range(-150, 150);
    const y = projection.y(p[1]) + prng.range(-150, 150);
    const w = prng.range(40, 110);
    const h = prng.range(40, 110);
    const ring = [[x - w, y - h], [x + w, y - h], [x + w, y + h], [x - w, y + h], [x - w, y - h]].map(([px, py]) => [projection.lon(px), projection.lat(py)]);
    compounds.push({ type: 'Feature', geometry: { type: 'Polygon', coordinates: [ring] }, properties: { id: `syn:compound/${i}`, name: '', areaM2: 4 * w * h, source: 'synthetic' } });
  }
  return { ...layers, facilities: { type: 'FeatureCollection', features: [...layers.facilities.features, ...facilities] }, compounds: { type: 'FeatureCollection', features: [...layers.compounds.features, ...compounds] } };
}
