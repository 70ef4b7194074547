import { validateStyleMin } from '@maplibre/maplibre-gl-style-spec';
import type { Map as MapLibreMap } from 'maplibre-gl';
import { describe, expect, it } from 'vitest';
import type { BoundaryFeature, BoundaryLevel, CompoundFeature, FacilityFeature, StreetFeature } from '../domain/city_bundle';
import { categoryById, type CategoryId } from '../domain/categories';
import type { AlleyPath } from './layers/alleys_layer';
import { ALLEY_LINES, alleyAt, alleyLines, BOUNDARY_LINES, boundaryAt, COMMUNITY_MIN_PX, communityMinZoom, COMPOUND_FILLS, compoundAt, FACILITY_DOTS, facilityAt, facilityPoints, GAP_SAMPLES, gapSamplePoints, OVERLAY_BASE, PARKING_GAPS, withOverlayLines } from './overlay_lines';
import { basemapStyle, FIRST_LABEL_LAYER } from './style/basemap_style';
import { THEMES } from './style/theme';

const square = (level: BoundaryLevel, name: string, x: number): BoundaryFeature => ({
  type: 'Feature',
  properties: { id: name, level, name, partial: false, derived: false },
  geometry: { type: 'Polygon', coordinates: [[[x, 0], [x + 1, 0], [x + 1, 1], [x, 1], [x, 0]]] },
});
const boundaries = [square('district', '玄武区', 0), square('street', '新街口街道', 0), square('community', '华侨路社区', 0), square('community', '汉中路社区', 1)];
const alleys: AlleyPath[] = [0, 1, 2].map((i) => ({ path: [[i, 0], [i, 1]], street: { properties: { id: `s${i}` } } as StreetFeature }));
const compound = (id: string, x: number): CompoundFeature => ({
  type: 'Feature',
  properties: { id, name: id } as CompoundFeature['properties'],
  geometry: { type: 'Polygon', coordinates: [[[x, 0], [x + 0.1, 0], [x + 0.1, 0.1], [x, 0.1], [x, 0]]] },
});
const compounds = [compound('c0', 0), compound('c1', 1), compound('c2', 2)];
const parkingGaps = [compounds[2], compounds[0]];
const facility = (id: string, category: CategoryId, x: number): FacilityFeature => ({
  type: 'Feature',
  properties: { id, name: id, category } as FacilityFeature['properties'],
  geometry: { type: 'Point', coordinates: [x, 0.5] },
});
const facilities = [facility('f0', 'toilet', 0.2), facility('f1', 'school', 1.2), facility('f2', 'parking', 2.2)];
const samples = { positions: Float64Array.of(0.5, 0.5, 1.5, 0.25), colours: Uint8Array.of(215, 48, 39, 230, 252, 141, 89, 200) };
const data = { compounds, parkingGaps, boundaries, alleys: alleyLines(alleys, 'all'), gapSamples: gapSamplePoints(samples), facilities };

/**
 * A map that answers queryRenderedFeatures with the given features for each layer (a number: the feature's id; a
 * string: its `key` property), and records the boxes asked.
 */
function fakeMap(hits: Partial<Record<string, (number | string)[]>>, hidden: string[] = []) {
  const asked: unknown[] = [];
  const map = {
    getLayer: (id: string) => (id in hits ? {} : undefined),
    getLayoutProperty: (id: string) => (hidden.includes(id) ? 'none' : 'visible'),
    queryRenderedFeatures: (box: unknown, options: { layers: string[] }) => {
      asked.push([box, options]);
      return (hits[options.layers[0]] ?? []).map((hit) => (typeof hit === 'number' ? { id: hit } : { properties: { key: hit } }));
    },
  } as unknown as MapLibreMap;
  return { map, asked };
}

describe('overlay lines drawn by MapLibre', () => {
  const style = withOverlayLines(basemapStyle('pmtiles://x', THEMES.light), data, { dark: false, communityMinZoom: 12, tilesMaxZoom: 16, visible: { [COMPOUND_FILLS]: true, [PARKING_GAPS]: false, [BOUNDARY_LINES]: true, [ALLEY_LINES]: false, [GAP_SAMPLES]: true, [FACILITY_DOTS]: true } });

  it('adds valid sources and layers just below the first label: compounds, parking gaps, boundaries, alleys, gap samples, then facility dots', () => {
    expect(validateStyleMin(style)).toEqual([]);
    const ids = style.layers.map((layer) => layer.id);
    const added = ids.slice(ids.indexOf(OVERLAY_BASE), ids.indexOf(FIRST_LABEL_LAYER));
    expect(added).toEqual([COMPOUND_FILLS, PARKING_GAPS, 'atlas-parking-gap-outlines', BOUNDARY_LINES, ALLEY_LINES, GAP_SAMPLES, FACILITY_DOTS]);
    const visibility = (id: string) => style.layers.find((layer) => layer.id === id)?.layout?.visibility;
    expect(added.map(visibility)).toEqual(['visible', 'none', 'none', 'visible', 'none', 'visible', 'visible']);
    // every feature, its index as the id (hover finds the app's own object by it)
    const features = (id: string) => (style.sources[id] as { data: GeoJSON.FeatureCollection }).data.features;
    expect(features(BOUNDARY_LINES).map((f) => [f.id, f.properties?.level, f.geometry])).toEqual(boundaries.map((b, i) => [i, b.properties.level, b.geometry]));
    expect(features(ALLEY_LINES).map((f) => [f.id, f.geometry])).toEqual(alleys.map((a, i) => [i, { type: 'LineString', coordinates: a.path }]));
    expect(features(COMPOUND_FILLS).map((f) => [f.id, f.geometry])).toEqual(compounds.map((c, i) => [i, c.geometry]));
    expect(features(PARKING_GAPS).map((f) => [f.id, f.geometry])).toEqual(parkingGaps.map((c, i) => [i, c.geometry]));
    expect(features(FACILITY_DOTS).map((f) => [f.id, f.properties?.category, f.geometry])).toEqual(facilities.map((f, i) => [i, f.properties.category, f.geometry]));
    // each sample at its place with its own RGBA
    expect(features(GAP_SAMPLES).map((f) => [f.geometry, f.properties])).toEqual([
      [{ type: 'Point', coordinates: [0.5, 0.5] }, { r: 215, g: 48, b: 39, a: 230 }],
      [{ type: 'Point', coordinates: [1.5, 0.25] }, { r: 252, g: 141, b: 89, a: 200 }],
    ]);
    expect(gapSamplePoints(samples)).toBe(data.gapSamples);
    expect(gapSamplePoints(null).features).toEqual([]);
  });

  it("cuts every source's tiles down to the basemap's last zoom, each tile's margin wide enough for what is drawn over its edge", () => {
    const overlaySources = Object.entries(style.sources).filter(([id]) => id.startsWith('atlas-')) as [string, { buffer: number; maxzoom: number }][];
    expect(overlaySources).toHaveLength(6);
    // the widest thing drawn over a tile's edge: a dot at its largest radius with its ring, a line's half width
    const widest = Math.max(
      ...style.layers.flatMap((layer) => {
        const paint = (layer as { paint?: Record<string, unknown> }).paint ?? {};
        if (!layer.id.startsWith('atlas-')) return [];
        const largest = (value: unknown): number => (typeof value === 'number' ? value : Array.isArray(value) && value[0] === 'interpolate' ? Math.max(...value.slice(3).filter((_, i) => i % 2 === 1).map(largest)) : Array.isArray(value) && value[0] === 'match' ? Math.max(...value.slice(2).filter((_, i, a) => i % 2 === 1 || i === a.length - 1).map(largest)) : 0);
        return [largest(paint['circle-radius']) + largest(paint['circle-stroke-width']), largest(paint['line-width']) / 2];
      }),
    );
    expect(widest).toBeGreaterThan(10);
    for (const [, source] of overlaySources) {
      expect(source.maxzoom).toBe(16);
      expect(source.buffer).toBeGreaterThanOrEqual(widest);
      // not MapLibre's 128 px: each tile's copy of the data stays near its own area
      expect(source.buffer).toBeLessThanOrEqual(2 * widest);
    }
  });

  it("colours each dot by its category's colour, as the legend does", () => {
    const paint = style.layers.find((layer) => layer.id === FACILITY_DOTS)?.paint as Record<string, unknown>;
    const [op, input, ...pairs] = paint['circle-color'] as unknown[];
    expect([op, input]).toEqual(['match', ['get', 'category']]);
    for (const id of ['toilet', 'school', 'parking'] as const) {
      const colour = pairs[pairs.indexOf(id) + 1] as string;
      const rgb = /rgba\((\d+), (\d+), (\d+),/.exec(colour)!.slice(1).map(Number);
      expect(rgb).toEqual([...categoryById(id).colour]);
    }
  });

  it("holds all alleys, a view's (ids still index every alley) or none, the same object for the same list", () => {
    const some = Uint32Array.of(2, 0);
    expect(alleyLines(alleys, some).features.map((f) => [f.id, f.geometry])).toEqual([2, 0].map((i) => [i, { type: 'LineString', coordinates: alleys[i].path }]));
    expect(alleyLines(alleys, some)).toBe(alleyLines(alleys, some));
    expect(alleyLines(alleys, 'all')).toBe(data.alleys);
    expect(alleyLines(alleys, null).features).toEqual([]);
  });

  it('gives every empty drawing one empty collection, so the map hands a source no new data for nothing in view', () => {
    // at city zoom each move brings a new, empty list of alleys and of gap samples in view
    expect(alleyLines(alleys, new Uint32Array(0))).toBe(alleyLines(alleys, null));
    expect(alleyLines(alleys, new Uint32Array(0))).toBe(alleyLines(alleys, new Uint32Array(0)));
    const noSamples = () => ({ positions: new Float64Array(0), colours: new Uint8Array(0) });
    expect(gapSamplePoints(noSamples())).toBe(gapSamplePoints(noSamples()));
    expect(gapSamplePoints(noSamples())).toBe(gapSamplePoints(null));
    expect(gapSamplePoints({ positions: Float64Array.of(118.8, 32.05), colours: Uint8Array.of(1, 2, 3, 4) }).features).toHaveLength(1);
  });

  it('hands the same GeoJSON to every style of the city, so a theme change does not tile it again', () => {
    const dark = withOverlayLines(basemapStyle('pmtiles://x', THEMES.dark), data, { dark: true, communityMinZoom: 12, tilesMaxZoom: 16, visible: { [COMPOUND_FILLS]: true, [PARKING_GAPS]: true, [BOUNDARY_LINES]: false, [ALLEY_LINES]: true, [GAP_SAMPLES]: false, [FACILITY_DOTS]: true } });
    for (const id of [COMPOUND_FILLS, PARKING_GAPS, BOUNDARY_LINES, ALLEY_LINES, GAP_SAMPLES, FACILITY_DOTS]) expect((dark.sources[id] as { data: unknown }).data).toBe((style.sources[id] as { data: unknown }).data);
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

  it('names the topmost facility dot under the pointer by its id, whatever list the source holds, and none while the dots are hidden', () => {
    const byId = new Map(facilities.map((f) => [f.properties.id, f]));
    // what a pick reads is what the source was handed
    const keys = (style.sources[FACILITY_DOTS] as { data: GeoJSON.FeatureCollection }).data.features.map((f) => f.properties?.key);
    expect(keys).toEqual(['f0', 'f1', 'f2']);
    expect(facilityAt(fakeMap({ [FACILITY_DOTS]: ['f2', 'f0'] }).map, 10, 20, byId)).toBe(facilities[2]);
    // a dot of a tile cut from an earlier list (a large city's view before the pan) still names its own facility
    expect(facilityPoints([facilities[2]]).features[0].properties?.key).toBe('f2');
    expect(facilityAt(fakeMap({ [FACILITY_DOTS]: ['gone', 'f1'] }).map, 10, 20, byId)).toBe(facilities[1]);
    expect(facilityAt(fakeMap({ [FACILITY_DOTS]: [] }).map, 10, 20, byId)).toBeNull();
    expect(facilityAt(fakeMap({ [FACILITY_DOTS]: ['f1'] }, [FACILITY_DOTS]).map, 10, 20, byId)).toBeNull();
  });

  it('names an unserved compound before any other under the pointer, by its id, then a compound by its index among all', () => {
    const lookup = { compounds, compoundsById: new Map(compounds.map((c) => [c.properties.id, c])) };
    // what a pick reads is what the source was handed
    expect((style.sources[PARKING_GAPS] as { data: GeoJSON.FeatureCollection }).data.features.map((f) => f.properties?.key)).toEqual(parkingGaps.map((c) => c.properties.id));
    expect(compoundAt(fakeMap({ [PARKING_GAPS]: ['c0'], [COMPOUND_FILLS]: [2] }).map, 10, 20, lookup)?.properties.id).toBe('c0');
    // a gap from a tile cut before the last answer still names its own compound
    expect(compoundAt(fakeMap({ [PARKING_GAPS]: ['gone', 'c2'], [COMPOUND_FILLS]: [1] }).map, 10, 20, lookup)?.properties.id).toBe('c2');
    expect(compoundAt(fakeMap({ [PARKING_GAPS]: [], [COMPOUND_FILLS]: [1] }).map, 10, 20, lookup)?.properties.id).toBe('c1');
    expect(compoundAt(fakeMap({ [PARKING_GAPS]: ['c0'], [COMPOUND_FILLS]: [1] }, [PARKING_GAPS]).map, 10, 20, lookup)?.properties.id).toBe('c1');
    expect(compoundAt(fakeMap({ [COMPOUND_FILLS]: [1] }, [COMPOUND_FILLS]).map, 10, 20, lookup)).toBeNull();
  });

  it('draws communities from the first whole zoom where the median one spans COMMUNITY_MIN_PX, the coarser levels always', () => {
    // squares of a given side (m) at 32° N, measured independently with the Web Mercator scale at that latitude
    const lat = 32;
    const metresPerDegreeLat = 40_075_016.686 / 360;
    const communityOf = (side: number, i: number): BoundaryFeature => {
      const dLat = side / metresPerDegreeLat;
      const dLon = dLat / Math.cos((lat * Math.PI) / 180);
      const x = 118 + i * 0.05;
      return { ...square('community', `c${i}`, 0), geometry: { type: 'Polygon', coordinates: [[[x, lat], [x + dLon, lat], [x + dLon, lat + dLat], [x, lat + dLat], [x, lat]]] } };
    };
    const pixelsAt = (side: number, zoom: number) => (side * 512 * 2 ** zoom) / (40_075_016.686 * Math.cos((lat * Math.PI) / 180));
    for (const sides of [[759, 300, 2000], [190, 200, 210], [4000]]) {
      const zoom = communityMinZoom([square('district', 'd', 0), ...sides.map(communityOf)]);
      const median = [...sides].sort((a, b) => a - b)[sides.length >> 1];
      expect(Number.isInteger(zoom)).toBe(true);
      expect(pixelsAt(median, zoom)).toBeGreaterThanOrEqual(COMMUNITY_MIN_PX * 0.999);
      expect(pixelsAt(median, zoom - 1)).toBeLessThan(COMMUNITY_MIN_PX);
    }
    expect(communityMinZoom([square('district', 'd', 0)])).toBe(0);
    const layer = style.layers.find((l) => l.id === BOUNDARY_LINES) as { filter: unknown };
    expect(layer.filter).toEqual(['any', ['!=', ['get', 'level'], 'community'], ['>=', ['zoom'], 12]]);
  });
});
