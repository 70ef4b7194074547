/**
 * One reader for a bundle layer file, binary (`.bin`) or GeoJSON, shared by the page, the analysis worker and the
 * command line. Every error names the file.
 */
import type { FeatureCollection } from 'geojson';
import { decodeBinaryLayer, lazyFeatures, toFeatures } from './binary_layer';

const isBinaryLayerFile = (file: string): boolean => file.endsWith('.bin');

/**
 * A layer as GeoJSON for the page and the analysis worker: a binary layer's features read their geometry from its
 * typed arrays when asked (lazyFeatures), so a large city's coordinates are never held as arrays. `yieldEvery`
 * (features) with `pause` lets the page stay responsive while the properties are read: the page awaits `pause()`
 * between slices, the worker passes none.
 */
export async function layerFeatures<F>(path: string, bytes: Uint8Array, pause?: () => Promise<void>, yieldEvery = 5000): Promise<{ type: 'FeatureCollection'; features: F[] }> {
  if (!isBinaryLayerFile(path)) return parseGeoJsonLayer<F>(path, bytes);
  const layer = decodeBinaryLayer(bytes, path);
  const features: F[] = [];
  for (let from = 0; from < layer.count; from += yieldEvery) {
    features.push(...(lazyFeatures(layer, from, Math.min(layer.count, from + yieldEvery)) as F[]));
    if (pause) await pause();
  }
  return { type: 'FeatureCollection', features };
}

/** A layer as plain GeoJSON, every feature holding its coordinates, synchronously (the command line and the server). */
export function layerFeaturesSync<F>(path: string, bytes: Uint8Array): { type: 'FeatureCollection'; features: F[] } {
  return isBinaryLayerFile(path) ? { type: 'FeatureCollection', features: toFeatures(decodeBinaryLayer(bytes, path)) as F[] } : parseGeoJsonLayer<F>(path, bytes);
}

function parseGeoJsonLayer<F>(path: string, bytes: Uint8Array): { type: 'FeatureCollection'; features: F[] } {
  let value: FeatureCollection;
  try {
    value = JSON.parse(new TextDecoder().decode(bytes)) as FeatureCollection;
  } catch (cause) {
    throw new Error(`${path}: 不是有效的 JSON / not valid JSON (${(cause as Error).message})`, { cause });
  }
  if (!value || !Array.isArray(value.features)) throw new Error(`${path}: 不是要素集合 / not a FeatureCollection`);
  return value as { type: 'FeatureCollection'; features: F[] };
}
