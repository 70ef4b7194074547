/** Loads the city index and one city bundle from the app's own origin. */
import type { FeatureCollection } from 'geojson';
import type { BoundaryFeature, CityIndexEntry, CityLayers, CityManifest, CompoundFeature, FacilityFeature, GridFeature, StreetFeature } from '../domain/city_bundle';

export interface LoadedCity { manifest: CityManifest; layers: CityLayers; tilesUrl: string }

/** works on the page and in the analysis worker, which loads the same files */
const base = (): string => new URL(import.meta.env.BASE_URL, globalThis.location.href).href;

/** `fresh` revalidates with the server instead of trusting the HTTP cache: the wall's periodic reload. */
async function fetchJson<T>(path: string, signal?: AbortSignal, fresh = false): Promise<T> {
  const response = await fetch(new URL(path, base()), { signal, cache: fresh ? 'no-cache' : 'default' });
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
  return (await response.json()) as T;
}

export async function loadCityIndex(signal?: AbortSignal): Promise<CityIndexEntry[]> {
  try {
    return await fetchJson<CityIndexEntry[]>('data/cities.json', signal);
  } catch (error) {
    if ((error as Error).name === 'AbortError') throw error;
    return [];
  }
}

/** The manifest alone, always fresh: its builtAt tells whether the city's data changed. */
export function loadManifest(id: string, signal?: AbortSignal): Promise<CityManifest> {
  return fetchJson<CityManifest>(`data/${id}/city.json`, signal, true);
}

export async function loadCity(id: string, signal?: AbortSignal, fresh = false): Promise<LoadedCity> {
  const manifest = await fetchJson<CityManifest>(`data/${id}/city.json`, signal, fresh);
  const layer = <F>(file: string) => fetchJson<FeatureCollection>(`data/${id}/${file}`, signal, fresh) as Promise<{ type: 'FeatureCollection'; features: F[] }>;
  const [facilities, streets, compounds, boundaries, grids] = await Promise.all([
    layer<FacilityFeature>(manifest.layers.facilities.file),
    layer<StreetFeature>(manifest.layers.streets.file),
    layer<CompoundFeature>(manifest.layers.compounds.file),
    layer<BoundaryFeature>(manifest.layers.boundaries.file),
    manifest.grids ? layer<GridFeature>(manifest.grids.file) : Promise.resolve(undefined),
  ]);
  return { manifest, layers: { facilities, streets, compounds, boundaries, ...(grids ? { grids } : {}) }, tilesUrl: new URL(`tiles/${manifest.tiles.file}`, base()).href };
}
