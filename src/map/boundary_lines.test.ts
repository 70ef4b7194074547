import { validateStyleMin } from '@maplibre/maplibre-gl-style-spec';
import type { Map as MapLibreMap } from 'maplibre-gl';
import { describe, expect, it } from 'vitest';
import type { BoundaryFeature, BoundaryLevel } from '../domain/city_bundle';
import { BOUNDARY_LINES, boundaryAt, withBoundaryLines } from './boundary_lines';
import { basemapStyle, FIRST_LABEL_LAYER } from './style/basemap_style';
import { THEMES } from './style/theme';

const square = (level: BoundaryLevel, name: string, x: number): BoundaryFeature => ({
  type: 'Feature',
  properties: { id: name, level, name, partial: false },
  geometry: { type: 'Polygon', coordinates: [[[x, 0], [x + 1, 0], [x + 1, 1], [x, 1], [x, 0]]] },
});
const boundaries = [square('district', '玄武区', 0), square('street', '新街口街道', 0), square('community', '华侨路社区', 0), square('community', '汉中路社区', 1)];

describe('boundaries drawn by MapLibre', () => {
  const style = withBoundaryLines(basemapStyle('pmtiles://x', THEMES.light), boundaries, false, true);

  it('adds a valid source and line layer just below the first label, so labels stay on top', () => {
    expect(validateStyleMin(style)).toEqual([]);
    const ids = style.layers.map((l) => l.id);
    expect(ids.indexOf(BOUNDARY_LINES)).toBe(ids.indexOf(FIRST_LABEL_LAYER) - 1);
    const source = style.sources[BOUNDARY_LINES] as { data: GeoJSON.FeatureCollection };
    // every boundary, its index as the id (hover finds the bundle's feature by it)
    expect(source.data.features.map((f) => [f.id, f.properties?.level, f.geometry])).toEqual(boundaries.map((b, i) => [i, b.properties.level, b.geometry]));
  });

  it('hands the same GeoJSON to every style of the city, so a theme change does not re-tile it', () => {
    const dark = withBoundaryLines(basemapStyle('pmtiles://x', THEMES.dark), boundaries, true, false);
    expect(dark.sources[BOUNDARY_LINES]).toEqual(style.sources[BOUNDARY_LINES]);
    expect((dark.sources[BOUNDARY_LINES] as { data: unknown }).data).toBe((style.sources[BOUNDARY_LINES] as { data: unknown }).data);
    expect(dark.layers.find((l) => l.id === BOUNDARY_LINES)?.layout?.visibility).toBe('none');
  });

  it('names the finest boundary among the lines near the pointer, and none when the layer is missing', () => {
    const asked: unknown[] = [];
    const map = (hits: number[], present = true) =>
      ({
        getLayer: (id: string) => (present && id === BOUNDARY_LINES ? {} : undefined),
        queryRenderedFeatures: (box: unknown, options: unknown) => {
          asked.push([box, options]);
          return hits.map((id) => ({ id }));
        },
      }) as unknown as MapLibreMap;
    expect(boundaryAt(map([0, 2, 1]), 10, 20, boundaries)?.properties.name).toBe('华侨路社区');
    expect(asked[0]).toEqual([[[7, 17], [13, 23]], { layers: [BOUNDARY_LINES] }]);
    expect(boundaryAt(map([1, 0]), 10, 20, boundaries)?.properties.name).toBe('新街口街道');
    expect(boundaryAt(map([]), 10, 20, boundaries)).toBeNull();
    expect(boundaryAt(map([0], false), 10, 20, boundaries)).toBeNull();
  });
});
