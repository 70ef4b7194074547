import { GeoJsonLayer } from '@deck.gl/layers';
import type { BoundaryFeature, BoundaryLevel } from '../../domain/city_bundle';

const WIDTH: Record<BoundaryLevel, number> = { district: 3, street: 2, community: 1 };

/** Outlines only (no fill), so they never hide gaps; partial boundaries arrive as lines anyway. */
export function boundariesLayer(boundaries: readonly BoundaryFeature[], dark: boolean) {
  return new GeoJsonLayer<BoundaryFeature['properties']>({
    id: 'boundaries',
    data: { type: 'FeatureCollection', features: boundaries as BoundaryFeature[] },
    filled: false,
    stroked: true,
    getLineColor: (f) => (f.properties.level === 'community' ? (dark ? [160, 140, 220, 110] : [120, 90, 170, 90]) : dark ? [190, 160, 255, 230] : [110, 70, 170, 220]),
    getLineWidth: (f) => WIDTH[f.properties.level],
    lineWidthUnits: 'pixels',
    pickable: true,
    updateTriggers: { getLineColor: dark },
  });
}
