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
