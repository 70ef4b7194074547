/**
 * Basemap vector tiles: geojson-vt slices each layer, vt-pbf encodes, gzip compresses, PMTiles packs.
 * Tiles are cut for every zoom from MIN_ZOOM to MAX_ZOOM over the city's tile bounds.
 */
import GeoJSONVT from 'geojson-vt';
import { gzipSync } from 'node:zlib';
import { fromGeojsonVt } from 'vt-pbf';
import type { BBox } from '../../src/domain/city_bundle';
import { BASEMAP_LAYERS, type BasemapFeature, type BasemapLayerId } from './city_content';
import { writePmtiles, type TileInput } from './pmtiles_writer';

export const MIN_ZOOM = 10;
export const MAX_ZOOM = 16;

/** Layers that are only worth drawing from some zoom on; below it they are left out of the tiles. */
const LAYER_MIN_ZOOM: Partial<Record<BasemapLayerId, number>> = { building: 14, poi: 14 };

export function buildBasemapTiles(
  basemap: Record<BasemapLayerId, BasemapFeature[]>,
  bbox: BBox,
  metadata: Record<string, unknown>,
  onProgress: (done: number, total: number) => void = () => {},
): { pmtiles: Uint8Array; tileCount: number } {
  const indexes = BASEMAP_LAYERS.map((layer) => ({
    layer,
    index: new GeoJSONVT({ type: 'FeatureCollection', features: basemap[layer] }, { maxZoom: MAX_ZOOM, indexMaxZoom: 5, tolerance: 3, extent: 4096, buffer: 64 }),
  }));
  const coords = tileCoordsCovering(bbox);
  const tiles: TileInput[] = [];
  coords.forEach(({ z, x, y }, i) => {
    const layers: Record<string, unknown> = {};
    for (const { layer, index } of indexes) {
      if (z < (LAYER_MIN_ZOOM[layer] ?? 0)) continue;
      const tile = index.getTile(z, x, y);
      if (tile && tile.features.length > 0) layers[layer] = tile;
    }
    if (Object.keys(layers).length > 0) tiles.push({ z, x, y, data: gzipSync(fromGeojsonVt(layers, { version: 2, extent: 4096 })) });
    if (i % 500 === 0) onProgress(i, coords.length);
  });
  onProgress(coords.length, coords.length);
  const center: [number, number, number] = [(bbox[0] + bbox[2]) / 2, (bbox[1] + bbox[3]) / 2, 14];
  const pmtiles = writePmtiles(tiles, {
    minZoom: MIN_ZOOM,
    maxZoom: MAX_ZOOM,
    bounds: bbox,
    center,
    metadata: { ...metadata, vector_layers: BASEMAP_LAYERS.map((id) => ({ id, fields: { kind: 'String', name: 'String', rank: 'Number' } })) },
  });
  return { pmtiles, tileCount: tiles.length };
}

export function tileCoordsCovering(bbox: BBox): { z: number; x: number; y: number }[] {
  const coords: { z: number; x: number; y: number }[] = [];
  for (let z = MIN_ZOOM; z <= MAX_ZOOM; z++) {
    const [x0, y0] = lonLatToTile(bbox[0], bbox[3], z);
    const [x1, y1] = lonLatToTile(bbox[2], bbox[1], z);
    for (let x = x0; x <= x1; x++) for (let y = y0; y <= y1; y++) coords.push({ z, x, y });
  }
  return coords;
}

function lonLatToTile(lon: number, lat: number, z: number): [number, number] {
  const n = 2 ** z;
  const x = Math.floor(((lon + 180) / 360) * n);
  const rad = (lat * Math.PI) / 180;
  const y = Math.floor(((1 - Math.log(Math.tan(rad) + 1 / Math.cos(rad)) / Math.PI) / 2) * n);
  return [Math.min(n - 1, Math.max(0, x)), Math.min(n - 1, Math.max(0, y))];
}
