/**
 * Basemap vector tiles: geojson-vt slices each layer, vt-pbf encodes, gzip compresses, PMTiles packs.
 * Tiles are cut for every zoom from MIN_ZOOM to MAX_ZOOM over the city's tile bounds.
 *
 * One layer at a time, and one zoom at a time within it, so that a 30 km city's basemap is never sliced whole:
 * a vector tile is its layer messages one after another, so a tile's layers encoded one by one and joined in
 * BASEMAP_LAYERS order are the same bytes as the layers encoded together.
 */
import GeoJSONVT from 'geojson-vt';
import { gzipSync } from 'node:zlib';
import { fromGeojsonVt } from 'vt-pbf';
import type { BBox } from '../../src/domain/city_bundle';
import { STREET_CLASS_MIN_ZOOM, type StreetClass } from '../../src/domain/street_classes';
import { BASEMAP_LAYERS, type BasemapFeature, type BasemapLayerId } from './city_content';
import { writePmtiles, type TileInput } from './pmtiles_writer';

export const MIN_ZOOM = 10;
export const MAX_ZOOM = 16;

/** Layers that are only worth drawing from some zoom on; below it they are left out of the tiles. */
const LAYER_MIN_ZOOM: Partial<Record<BasemapLayerId, number>> = { building: 14, poi: 14 };

/**
 * Features of a layer only drawn from some zoom on: a road's class (STREET_CLASS_MIN_ZOOM, which the style's road
 * layers follow). Below it a tile leaves the feature out: MapLibre's worker would decode every road of a 30 km city
 * in each city-zoom tile to draw its few main roads.
 */
const FEATURE_MIN_ZOOM: Partial<Record<BasemapLayerId, (kind: string) => number>> = { road: (kind) => STREET_CLASS_MIN_ZOOM[kind as StreetClass] ?? 0 };

const SLICING = { maxZoom: MAX_ZOOM, indexMaxZoom: 5, tolerance: 3, extent: 4096, buffer: 64 };

/**
 * `takeLayer` hands over one layer's features when its turn comes; the caller can let go of them then, since
 * the slicer keeps its own copy.
 */
export function buildBasemapTiles(
  takeLayer: (layer: BasemapLayerId) => BasemapFeature[],
  bbox: BBox,
  metadata: Record<string, unknown>,
  onProgress: (done: number, total: number) => void = () => {},
): { pmtiles: Uint8Array; tileCount: number } {
  const coords = tileCoordsCovering(bbox);
  const total = coords.length * BASEMAP_LAYERS.length;
  /** per tile, its encoded layers so far (uncompressed) */
  const layersOf: Uint8Array[][] = coords.map(() => []);
  BASEMAP_LAYERS.forEach((layer, l) => {
    const index = new GeoJSONVT({ type: 'FeatureCollection', features: takeLayer(layer) }, SLICING);
    const minZoom = LAYER_MIN_ZOOM[layer] ?? 0;
    const featureMinZoom = FEATURE_MIN_ZOOM[layer];
    let zoom = MIN_ZOOM;
    coords.forEach(({ z, x, y }, i) => {
      if (z !== zoom) {
        // only after a zoom that was cut: below minZoom the slicer's first tiles (z ≤ 5) are all there is
        if (zoom >= minZoom) dropTilesAbove(index, zoom);
        zoom = z;
      }
      if ((l * coords.length + i) % 500 === 0) onProgress(l * coords.length + i, total);
      if (z < minZoom) return;
      const cut = index.getTile(z, x, y);
      // a copy: the slicer cuts the next zoom from the tile it keeps, with every feature
      const tile = cut && featureMinZoom ? { ...cut, features: cut.features.filter((f) => featureMinZoom(String(f.tags?.kind)) <= z) } : cut;
      // a tile of the last zoom is no tile's parent
      if (z === MAX_ZOOM) dropTile(index, z, x, y);
      dropSplitAncestors(index, z, x, y);
      // slice(): vt-pbf's buffer is larger than the tile
      if (tile && tile.features.length > 0) layersOf[i].push(fromGeojsonVt({ [layer]: tile }, { version: 2, extent: 4096 }).slice());
    });
  });
  onProgress(total, total);
  const tiles: TileInput[] = [];
  coords.forEach(({ z, x, y }, i) => {
    if (layersOf[i].length > 0) tiles.push({ z, x, y, data: gzipSync(Buffer.concat(layersOf[i])) });
    layersOf[i] = [];
  });
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

/**
 * Once every tile of `zoom` over the city is cut, the slicer's tiles above that zoom (z < zoom) are no longer
 * needed: tiles of the next zoom are cut from their parents at `zoom`, which keep their source geometry, and
 * where a parent is missing the slicer answers no tile either way. geojson-vt's `tiles` cache is public API
 * (see its index.js) but not in its type declarations.
 */
function dropTilesAbove(index: GeoJSONVT, zoom: number): void {
  const tiles = tileCache(index);
  for (const id of Object.keys(tiles)) if (Number(id) % 32 < zoom) delete tiles[Number(id)];
}

function dropTile(index: GeoJSONVT, z: number, x: number, y: number): void {
  delete tileCache(index)[tileId(z, x, y)];
}

/**
 * The ancestors of a tile just cut that the slicer has split (their `source` is null) are no tile's parent any
 * more: drilling only starts from a tile that keeps its source, and a split tile's children were made with it
 * (or it had no features, and then neither has any tile below it, with it or without). Without this, a layer
 * drawn from zoom 14 on (buildings) would keep every tile of zooms 6–13 until zoom 15.
 */
function dropSplitAncestors(index: GeoJSONVT, z: number, x: number, y: number): void {
  const tiles = tileCache(index) as Record<number, { source?: unknown } | undefined>;
  for (let k = 1; k <= z; k++) {
    const id = tileId(z - k, x >> k, y >> k);
    if (tiles[id]?.source === null) delete tiles[id];
  }
}

/** geojson-vt's tile id: ((2^z · y + x) · 32) + z */
const tileId = (z: number, x: number, y: number): number => ((1 << z) * y + x) * 32 + z;

const tileCache = (index: GeoJSONVT): Record<number, unknown> => (index as unknown as { tiles: Record<number, unknown> }).tiles;

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
