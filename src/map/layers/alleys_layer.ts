import type { StreetFeature } from '../../domain/city_bundle';

export interface AlleyPath { readonly path: [number, number][]; readonly street: StreetFeature }

/** One part of a street; its path read from the street when asked, so a city's alleys hold no copy of their points. */
class AlleyPart implements AlleyPath {
  constructor(
    readonly street: StreetFeature,
    private readonly part: number,
  ) {}

  get path(): [number, number][] {
    const geometry = this.street.geometry;
    return (geometry.type === 'LineString' ? geometry.coordinates : geometry.coordinates[this.part]) as [number, number][];
  }
}

/** Back-alley candidates (背街小巷) as paths: one entry per part of a clipped MultiLineString. */
export function alleyPaths(streets: readonly StreetFeature[]): AlleyPath[] {
  const paths: AlleyPath[] = [];
  for (const street of streets) {
    if (!street.properties.alley) continue;
    const geometry = street.geometry;
    const parts = geometry.type === 'LineString' ? 1 : geometry.coordinates.length;
    for (let part = 0; part < parts; part++) paths.push(new AlleyPart(street, part));
  }
  return paths;
}
