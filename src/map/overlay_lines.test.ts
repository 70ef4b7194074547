import { validateStyleMin } from '@maplibre/maplibre-gl-style-spec';
import type { Map as MapLibreMap } from 'maplibre-gl';
import { describe, expect, it } from 'vitest';
import type { BoundaryFeature, BoundaryLevel, StreetFeature } from '../domain/city_bundle';
import type { AlleyPath } from './layers/alleys_layer';
import { ALLEY_LINES, alleyAt, alleyLines, BOUNDARY_LINES, boundaryAt, withOverlayLines } from './overlay_lines';
import { basemapStyle, FIRST_LABEL_LAYER } from './style/basemap_style';
import { THEMES } from './style/theme';

const square = (level: BoundaryLevel, name: string, x: number): BoundaryFeature => ({
  type: 'Feature',
  properties: { id: name, level, name, partial: false, derived: false },
  geometry: { type: 'Polygon', coordinates: [[[x, 0], [x + 1, 0], [x + 1, 1], [x, 1], [x, 0]]] },
});
const boundaries = [square('district', '玄武区', 0), square('street', '新街口街道', 0), square('community', '华侨路社区', 0), square('community', '汉中路社区', 1)];
const alleys: AlleyPath[] = [0, 1, 2].map((i) => ({ path: [[i, 0], [i, 1]], street: { properties: { id: `s${i}` } } as StreetFeature }));
const data = { boundaries, alleys: alleyLines(alleys, 'all') };

/** A map that answers queryRenderedFeatures with the given feature ids for each layer, and records the boxes asked. */
function fakeMap(hits: Partial<Record<string, number[]>>, hidden: string[] = []) {
  const asked: unknown[] = [];
  const map = {
    getLayer: (id: string) => (id in hits ? {} : undefined),
    getLayoutProperty: (id: string) => (hidden.includes(id) ? 'none' : 'visible'),
    queryRenderedFeatures: (box: unknown, options: { layers: string[] }) => {
      asked.push([box, options]);
      return (hits[options.layers[0]] ?? []).map((id) => ({ id }));
    },
  } as unknown as MapLibreMap;
  return { map, asked };
}

describe('overlay lines drawn by MapLibre', () => {
  const style = withOverlayLines(basemapStyle('pmtiles://x', THEMES.light), data, { dark: false, visible: { [BOUNDARY_LINES]: true, [ALLEY_LINES]: false } });

  it('adds valid sources and line layers just below the first label: boundaries, then alleys above them', () => {
    expect(validateStyleMin(style)).toEqual([]);
    const ids = style.layers.map((layer) => layer.id);
    expect(ids.slice(ids.indexOf(FIRST_LABEL_LAYER) - 2, ids.indexOf(FIRST_LABEL_LAYER))).toEqual([BOUNDARY_LINES, ALLEY_LINES]);
    expect(style.layers.find((layer) => layer.id === ALLEY_LINES)?.layout?.visibility).toBe('none');
    // every feature, its index as the id (hover finds the app's own object by it)
    const features = (id: string) => (style.sources[id] as { data: GeoJSON.FeatureCollection }).data.features;
    expect(features(BOUNDARY_LINES).map((f) => [f.id, f.properties?.level, f.geometry])).toEqual(boundaries.map((b, i) => [i, b.properties.level, b.geometry]));
    expect(features(ALLEY_LINES).map((f) => [f.id, f.geometry])).toEqual(alleys.map((a, i) => [i, { type: 'LineString', coordinates: a.path }]));
  });

  it("holds all alleys, a view's (ids still index every alley) or none, the same object for the same list", () => {
    const some = Uint32Array.of(2, 0);
    expect(alleyLines(alleys, some).features.map((f) => [f.id, f.geometry])).toEqual([2, 0].map((i) => [i, { type: 'LineString', coordinates: alleys[i].path }]));
    expect(alleyLines(alleys, some)).toBe(alleyLines(alleys, some));
    expect(alleyLines(alleys, 'all')).toBe(data.alleys);
    expect(alleyLines(alleys, null).features).toEqual([]);
  });

  it('hands the same GeoJSON to every style of the city, so a theme change does not tile it again', () => {
    const dark = withOverlayLines(basemapStyle('pmtiles://x', THEMES.dark), data, { dark: true, visible: { [BOUNDARY_LINES]: false, [ALLEY_LINES]: true } });
    for (const id of [BOUNDARY_LINES, ALLEY_LINES]) expect((dark.sources[id] as { data: unknown }).data).toBe((style.sources[id] as { data: unknown }).data);
    expect(dark.layers.find((layer) => layer.id === BOUNDARY_LINES)?.layout?.visibility).toBe('none');
    expect(dark.layers.find((layer) => layer.id === BOUNDARY_LINES)?.paint).not.toEqual(style.layers.find((layer) => layer.id === BOUNDARY_LINES)?.paint);
  });

  it('names the finest boundary near the pointer, an alley by its street, and nothing for hidden or missing layers', () => {
    const { map, asked } = fakeMap({ [BOUNDARY_LINES]: [0, 2, 1], [ALLEY_LINES]: [2, 0] });
    expect(boundaryAt(map, 10, 20, boundaries)?.properties.name).toBe('华侨路社区');
    expect(asked[0]).toEqual([[[7, 17], [13, 23]], { layers: [BOUNDARY_LINES] }]);
    expect(boundaryAt(fakeMap({ [BOUNDARY_LINES]: [1, 0] }).map, 10, 20, boundaries)?.properties.name).toBe('新街口街道');
    expect(alleyAt(map, 10, 20, alleys)?.street.properties.id).toBe('s2');
    expect(boundaryAt(fakeMap({ [BOUNDARY_LINES]: [] }).map, 10, 20, boundaries)).toBeNull();
    expect(boundaryAt(fakeMap({}).map, 10, 20, boundaries)).toBeNull();
    expect(alleyAt(fakeMap({ [ALLEY_LINES]: [1] }, [ALLEY_LINES]).map, 10, 20, alleys)).toBeNull();
  });
});
