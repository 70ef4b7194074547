/**
 * Loads the city index and one city bundle from the app's own origin. Every failure is an Error whose message
 * names the file and why (HTTP status, not JSON, a newer bundle format), so the page can say which city failed
 * and how, instead of showing no cities.
 */
import { layerFeatures } from '../domain/layer_file';
import { checkBundleFormat, type BoundaryFeature, type CityIndexEntry, type CityLayers, type CityManifest, type CompoundFeature, type FacilityFeature, type GridFeature, type StreetFeature } from '../domain/city_bundle';

export interface LoadedCity { manifest: CityManifest; layers: CityLayers; tilesUrl: string }

/** works on the page and in the analysis worker, which loads the same files */
const base = (): string => new URL(import.meta.env.BASE_URL, globalThis.location.href).href;

/** `fresh` revalidates with the server instead of trusting the HTTP cache: the wall's periodic reload. */
async function request(path: string, signal: AbortSignal | undefined, fresh: boolean): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(new URL(path, base()), { signal, cache: fresh ? 'no-cache' : 'default' });
  } catch (cause) {
    if ((cause as Error).name === 'AbortError') throw cause;
    throw new Error(`${path}: 无法连接服务器 / the server could not be reached (${(cause as Error).message})`, { cause });
  }
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status}${response.status === 404 ? '（文件不存在 / file not found）' : ''}`);
  return response;
}

async function fetchJson<T>(path: string, signal?: AbortSignal, fresh = false): Promise<T> {
  const response = await request(path, signal, fresh);
  try {
    return (await response.json()) as T;
  } catch (cause) {
    if ((cause as Error).name === 'AbortError') throw cause;
    throw new Error(`${path}: 不是有效的 JSON / not valid JSON (${(cause as Error).message})`, { cause });
  }
}

export async function loadCityIndex(signal?: AbortSignal): Promise<CityIndexEntry[]> {
  const index = await fetchJson<unknown>('data/cities.json', signal);
  if (!Array.isArray(index)) throw new Error('data/cities.json: 不是城市列表 / not a list of cities');
  return index as CityIndexEntry[];
}

async function manifestOf(id: string, signal: AbortSignal | undefined, fresh: boolean): Promise<CityManifest> {
  const path = `data/${id}/city.json`;
  const manifest = await fetchJson<CityManifest>(path, signal, fresh);
  checkBundleFormat(manifest, path);
  return manifest;
}

/** The manifest alone, always fresh: its builtAt tells whether the city's data changed. */
export function loadManifest(id: string, signal?: AbortSignal): Promise<CityManifest> {
  return manifestOf(id, signal, true);
}

export interface LoadOptions {
  /** revalidate with the server instead of trusting the HTTP cache */
  fresh?: boolean;
  /** bytes of the layer files received so far, and expected (Content-Length; 0 while unknown) */
  onBytes?: (loaded: number, total: number) => void;
  /** the page passes a pause so that turning a large layer into features never holds the main thread long */
  pause?: () => Promise<void>;
}

export async function loadCity(id: string, signal?: AbortSignal, options: LoadOptions = {}): Promise<LoadedCity> {
  const { fresh = false, onBytes, pause } = options;
  const manifest = await manifestOf(id, signal, fresh);
  const progress = byteProgress(onBytes);
  const layer = async <F>(file: string) => {
    const path = `data/${id}/${file}`;
    return layerFeatures<F>(path, await fetchBytes(path, signal, fresh, progress.track()), pause);
  };
  const [facilities, streets, compounds, boundaries, grids] = await Promise.all([
    layer<FacilityFeature>(manifest.layers.facilities.file),
    layer<StreetFeature>(manifest.layers.streets.file),
    layer<CompoundFeature>(manifest.layers.compounds.file),
    layer<BoundaryFeature>(manifest.layers.boundaries.file),
    manifest.grids ? layer<GridFeature>(manifest.grids.file) : Promise.resolve(undefined),
  ]);
  return { manifest, layers: { facilities, streets, compounds, boundaries, ...(grids ? { grids } : {}) }, tilesUrl: new URL(`tiles/${manifest.tiles.file}`, base()).href };
}

/** A layer file's bytes, read as they arrive so that progress can be shown for a city of 100 MB. */
async function fetchBytes(path: string, signal: AbortSignal | undefined, fresh: boolean, onChunk: (loaded: number, total: number) => void): Promise<Uint8Array> {
  const response = await request(path, signal, fresh);
  const total = Number(response.headers.get('content-length') ?? 0);
  if (!response.body) return new Uint8Array(await response.arrayBuffer());
  const chunks: Uint8Array[] = [];
  let loaded = 0;
  const reader = response.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    loaded += value.length;
    onChunk(loaded, total);
  }
  const bytes = new Uint8Array(loaded);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.length;
  }
  return bytes;
}

/** Sums the progress of several files into one figure. */
function byteProgress(onBytes: LoadOptions['onBytes']) {
  const files: { loaded: number; total: number }[] = [];
  return {
    track() {
      const file = { loaded: 0, total: 0 };
      files.push(file);
      return (loaded: number, total: number) => {
        file.loaded = loaded;
        file.total = Math.max(total, loaded);
        onBytes?.(files.reduce((sum, f) => sum + f.loaded, 0), files.every((f) => f.total > 0) ? files.reduce((sum, f) => sum + f.total, 0) : 0);
      };
    },
  };
}
