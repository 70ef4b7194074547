/**
 * Overlays drawn from analysis results: compounds without parking, six-surroundings zones, the mock
 * inspection's draw, and the highlight of whatever row or bar the planner picked.
 */
import { GeoJsonLayer, PathLayer, ScatterplotLayer } from '@deck.gl/layers';
import { categoryById, type CategoryId } from '../../domain/categories';
import type { BoundaryFeature, CompoundFeature, FacilityFeature, GridFeature, StreetFeature } from '../../domain/city_bundle';

const MOCK_COLOUR: [number, number, number] = [142, 68, 173];

/** Compounds with no parking within the walk radius: filled red, so they read as gaps beside served ones. */
/** One ring per six-surroundings point at the zone radius, in its category's colour. */
export function zoneRingsLayer(points: readonly FacilityFeature[], radiusM: number) {
  return new ScatterplotLayer<FacilityFeature>({
    id: 'zones',
    data: points as FacilityFeature[],
    getPosition: (f) => f.geometry.coordinates as [number, number],
    getRadius: radiusM,
    radiusUnits: 'meters',
    stroked: true,
    filled: true,
    getFillColor: (f) => [...categoryById(f.properties.category as CategoryId).colour, 16],
    getLineColor: (f) => [...categoryById(f.properties.category as CategoryId).colour, 200],
    getLineWidth: 1.5,
    lineWidthUnits: 'pixels',
    updateTriggers: { getRadius: radiusM },
  });
}

export interface MockDraw {
  points: { lon: number; lat: number }[];
  alleys: readonly StreetFeature[];
  compounds: readonly CompoundFeature[];
  /** the point opened in the checklist: its zone and its own draw, bold */
  focus: { lon: number; lat: number; radiusM: number; alleys: readonly StreetFeature[]; compounds: readonly CompoundFeature[] } | null;
}

function drawLayers(id: string, alleys: readonly StreetFeature[], compounds: readonly CompoundFeature[], strong: boolean) {
  return [
    new GeoJsonLayer<CompoundFeature['properties']>({
      id: `${id}-compounds`,
      data: { type: 'FeatureCollection', features: compounds as CompoundFeature[] },
      filled: true,
      stroked: true,
      getFillColor: [...MOCK_COLOUR, strong ? 90 : 40],
      getLineColor: [...MOCK_COLOUR, strong ? 255 : 150],
      getLineWidth: strong ? 3.5 : 1.5,
      lineWidthUnits: 'pixels',
    }),
    new GeoJsonLayer<StreetFeature['properties']>({
      id: `${id}-alleys`,
      data: { type: 'FeatureCollection', features: alleys as StreetFeature[] },
      stroked: true,
      getLineColor: [...MOCK_COLOUR, strong ? 255 : 170],
      getLineWidth: strong ? 7 : 3.5,
      lineWidthUnits: 'pixels',
      lineCapRounded: true,
      lineJointRounded: true,
    }),
  ];
}

/** Everything drawn in violet, the focused point's draw bolder, with the inspected points as rings. */
export function mockLayers(draw: MockDraw) {
  const { focus } = draw;
  return [
    ...drawLayers('mock', draw.alleys, draw.compounds, false),
    ...(focus
      ? [
          new ScatterplotLayer<{ lon: number; lat: number }>({
            id: 'mock-focus-zone',
            data: [focus],
            getPosition: (p) => [p.lon, p.lat],
            getRadius: focus.radiusM,
            radiusUnits: 'meters',
            stroked: true,
            filled: true,
            getFillColor: [...MOCK_COLOUR, 18],
            getLineColor: [...MOCK_COLOUR, 255],
            getLineWidth: 2.5,
            lineWidthUnits: 'pixels',
            updateTriggers: { getRadius: focus.radiusM },
          }),
          ...drawLayers('mock-focus', focus.alleys, focus.compounds, true),
        ]
      : []),
    new ScatterplotLayer<{ lon: number; lat: number }>({
      id: 'mock-points',
      data: draw.points,
      getPosition: (p) => [p.lon, p.lat],
      // a halo around the facility's own dot, which is drawn on top
      getRadius: 11,
      radiusUnits: 'pixels',
      stroked: true,
      getFillColor: [255, 255, 255, 255],
      getLineColor: [...MOCK_COLOUR, 255],
      getLineWidth: 3,
      lineWidthUnits: 'pixels',
    }),
  ];
}

/** The street or compound picked in a list: a thick outline in the highlight colour. */
export function highlightLayer(feature: StreetFeature | CompoundFeature, dark: boolean) {
  const colour: [number, number, number, number] = dark ? [0, 229, 255, 255] : [0, 120, 215, 255];
  if (feature.geometry.type === 'LineString' || feature.geometry.type === 'MultiLineString') {
    const parts = feature.geometry.type === 'LineString' ? [feature.geometry.coordinates] : feature.geometry.coordinates;
    return new PathLayer<number[][]>({ id: 'highlight', data: parts, getPath: (p) => p as [number, number][], getColor: colour, getWidth: 8, widthUnits: 'pixels', capRounded: true, jointRounded: true });
  }
  return new GeoJsonLayer({ id: 'highlight', data: feature, filled: true, stroked: true, getFillColor: [colour[0], colour[1], colour[2], 60], getLineColor: colour, getLineWidth: 4, lineWidthUnits: 'pixels' });
}

/** The area the wall is showing: a bold outline over everything, no fill, so the gaps inside stay readable. */
export function focusAreaLayer(features: readonly (BoundaryFeature | GridFeature)[], dark: boolean) {
  return new GeoJsonLayer({
    id: 'focus-area',
    data: { type: 'FeatureCollection', features: features as (BoundaryFeature | GridFeature)[] },
    filled: false,
    stroked: true,
    getLineColor: dark ? [0, 229, 255, 255] : [0, 120, 215, 255],
    getLineWidth: 5,
    lineWidthUnits: 'pixels',
    updateTriggers: { getLineColor: dark },
  });
}

export interface PlannedSite { id: string; category: 'toilet' | 'parking'; lon: number; lat: number }

/**
 * Proposed facilities: white discs ringed in the category's colour, so they read apart from existing (filled)
 * ones; draggable. Suggested sites not yet accepted: dashed-looking hollow rings in amber.
 */
export function proposalLayers(proposals: readonly PlannedSite[], suggestions: readonly PlannedSite[], handlers: { onDragStart: () => void; onDrag: (id: string, lon: number, lat: number) => void; onDragEnd: (id: string, lon: number, lat: number) => void }) {
  return [
    new ScatterplotLayer<PlannedSite>({
      id: 'suggested-sites',
      data: suggestions as PlannedSite[],
      getPosition: (p) => [p.lon, p.lat],
      getRadius: 12,
      radiusUnits: 'pixels',
      stroked: true,
      filled: true,
      getFillColor: [255, 193, 7, 60],
      getLineColor: [230, 140, 0, 255],
      getLineWidth: 3,
      lineWidthUnits: 'pixels',
    }),
    new ScatterplotLayer<PlannedSite>({
      id: 'proposals',
      data: proposals as PlannedSite[],
      getPosition: (p) => [p.lon, p.lat],
      getRadius: 10,
      radiusUnits: 'pixels',
      stroked: true,
      filled: true,
      getFillColor: [255, 255, 255, 255],
      getLineColor: (p) => [...categoryById(p.category).colour, 255],
      getLineWidth: 4,
      lineWidthUnits: 'pixels',
      pickable: true,
      onDragStart: handlers.onDragStart,
      onDrag: (info) => {
        const p = info.object as PlannedSite | undefined;
        if (p && info.coordinate) handlers.onDrag(p.id, info.coordinate[0], info.coordinate[1]);
      },
      onDragEnd: (info) => {
        const p = info.object as PlannedSite | undefined;
        if (p && info.coordinate) handlers.onDragEnd(p.id, info.coordinate[0], info.coordinate[1]);
      },
    }),
  ];
}
