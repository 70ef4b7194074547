import { PathLayer } from '@deck.gl/layers';
import type { StreetFeature } from '../../domain/city_bundle';

export interface AlleyPath { path: [number, number][]; street: StreetFeature }

/** Back-alley candidates (背街小巷) as paths: one entry per part of a clipped MultiLineString. */
export function alleyPaths(streets: readonly StreetFeature[]): AlleyPath[] {
  const paths: AlleyPath[] = [];
  for (const street of streets) {
    if (!street.properties.alley) continue;
    const parts = street.geometry.type === 'LineString' ? [street.geometry.coordinates] : street.geometry.coordinates;
    for (const part of parts) paths.push({ path: part as [number, number][], street });
  }
  return paths;
}

export function alleysLayer(paths: readonly AlleyPath[], dark: boolean) {
  return new PathLayer<AlleyPath>({
    id: 'alleys',
    data: paths,
    getPath: (d) => d.path,
    getColor: dark ? [255, 170, 60, 200] : [214, 96, 0, 190],
    getWidth: 3,
    widthUnits: 'meters',
    widthMinPixels: 1.5,
    widthMaxPixels: 5,
    // square joints: rounded ones are shaded per pixel, which on software GL tripled a frame of alleys
    pickable: true,
    updateTriggers: { getColor: dark },
  });
}
