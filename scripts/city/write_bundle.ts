/** Writes a city bundle (data/<id>/) and its basemap (tiles/<id>.pmtiles), and keeps data/cities.json current. */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CATEGORY_IDS } from '../../src/domain/categories';
import { encodeBinaryLayer } from '../../src/domain/binary_layer';
import { BUNDLE_FORMAT_VERSION, BUNDLE_LAYERS, type CityIndexEntry, type CityManifest, type CitySource } from '../../src/domain/city_bundle';
import { buildBasemapTiles, MAX_ZOOM, MIN_ZOOM } from './basemap_tiles';
import { buildGrids, type GridBuildInfo } from './build_grids';
import { importGridFile } from './import_grids';
import type { GridFeature } from '../../src/domain/city_bundle';
import type { CityContent } from './city_content';

/** Bump when the bundle format changes, so cached bundles are rebuilt. */
export const BUILDER_VERSION = 8;

/** The large layers, written as typed-array blocks (src/domain/binary_layer.ts); the small ones stay GeoJSON. */
const BINARY_LAYERS: ReadonlySet<string> = new Set(['streets', 'compounds']);

export interface BundlePaths { dataDir: string; tilesDir: string }
export const DEFAULT_PATHS: BundlePaths = { dataDir: 'data', tilesDir: 'tiles' };

export function writeBundle(
  content: CityContent,
  meta: { id: string; name: { zh: string; en: string }; synthetic: boolean; source: CitySource; adminCity?: string; gridsFile?: string },
  paths: BundlePaths = DEFAULT_PATHS,
  log: (line: string) => void = () => {},
): CityManifest {
  const dir = join(paths.dataDir, meta.id);
  mkdirSync(dir, { recursive: true });
  mkdirSync(paths.tilesDir, { recursive: true });

  const counts = countsOf(content);
  const layers = {} as CityManifest['layers'];
  for (const layer of BUNDLE_LAYERS) {
    const { features } = content.layers[layer];
    const file = BINARY_LAYERS.has(layer) ? `${layer}.bin` : `${layer}.geojson`;
    writeFileSync(join(dir, file), BINARY_LAYERS.has(layer) ? encodeBinaryLayer(layer, features as Parameters<typeof encodeBinaryLayer>[1]) : stringifyRounded(content.layers[layer]));
    layers[layer] = { file, count: features.length };
  }
  removeStaleLayerFiles(dir);

  const gridInfo = writeGrids(content, meta, dir, log);

  // Everything but the basemap is written: let go of it before the tiles are cut (a 30 km city's streets
  // alone are 600,000 segments), and of each basemap layer once the tiler has taken it.
  for (const layer of BUNDLE_LAYERS) content.layers[layer].features = [];
  content.approximateBoundaries = [];

  log('切片 / cutting basemap tiles…');
  const { pmtiles, tileCount } = buildBasemapTiles(
    (layer) => {
      const features = content.basemap[layer];
      content.basemap[layer] = [];
      return features;
    },
    content.bbox,
    { name: meta.name.zh, attribution: meta.source.attribution, synthetic: meta.synthetic },
    (done, total) => log(`  tiles ${done}/${total}`),
  );
  const tilesFile = `${meta.id}.pmtiles`;
  writeFileSync(join(paths.tilesDir, tilesFile), pmtiles);
  log(`  ${tileCount} tiles, ${(pmtiles.length / 1024).toFixed(0)} KiB`);

  const manifest: CityManifest = {
    id: meta.id,
    name: meta.name,
    bbox: content.bbox,
    bboxMethod: content.bboxMethod,
    center: [(content.bbox[0] + content.bbox[2]) / 2, (content.bbox[1] + content.bbox[3]) / 2],
    crs: 'WGS-84',
    dataDate: content.dataDate,
    synthetic: meta.synthetic,
    sources: [meta.source],
    layers,
    grids: { file: 'grids.bin', count: gridInfo.count, generated: !meta.gridsFile, origins: gridInfo.origins, derivedLevels: gridInfo.derivedLevels, notes: gridInfo.notes },
    counts: { ...counts, grids: gridInfo.count },
    skipped: content.skipped,
    tiles: { file: tilesFile, minZoom: MIN_ZOOM, maxZoom: MAX_ZOOM, bytes: pmtiles.length },
    builtAt: new Date().toISOString(),
    builderVersion: BUILDER_VERSION,
    formatVersion: BUNDLE_FORMAT_VERSION,
  };
  writeFileSync(join(dir, 'city.json'), JSON.stringify(manifest, null, 2));
  upsertCityIndex(paths.dataDir, manifest);
  return manifest;
}

/** Builds or imports the grids and writes grids.bin; the features are not kept. */
function writeGrids(content: CityContent, meta: { name: { zh: string }; adminCity?: string; gridsFile?: string }, dir: string, log: (line: string) => void): GridBuildInfo {
  const { grids, info } = meta.gridsFile ? importedGrids(meta.gridsFile, content, dir, log) : generatedGrids(content, meta, log);
  writeFileSync(join(dir, 'grids.bin'), encodeBinaryLayer('grids', grids));
  return info;
}

function generatedGrids(content: CityContent, meta: { name: { zh: string }; adminCity?: string }, log: (line: string) => void): { grids: GridFeature[]; info: GridBuildInfo } {
  log('网格 / generating unit grids…');
  const result = buildGrids(content, { cityName: meta.name.zh, adminCity: meta.adminCity });
  log(`  ${result.info.count} grids (${Object.entries(result.info.origins).filter(([, v]) => v > 0).map(([k, v]) => `${k} ${v}`).join(', ')})`);
  return result;
}

/** The city's own grid layer replaces the generated one; rejected rows are printed and kept beside the bundle. */
function importedGrids(file: string, content: CityContent, dir: string, log: (line: string) => void): { grids: GridFeature[]; info: GridBuildInfo } {
  log(`网格 / importing unit grids from ${file}…`);
  const result = importGridFile(file, content.bbox);
  writeFileSync(join(dir, 'grids-rejected.json'), JSON.stringify(result.rejected, null, 2));
  log(`  ${result.accepted.length} of ${result.rows} rows accepted, ${result.rejected.length} rejected`);
  for (const r of result.rejected) log(`  rejected: ${r.reason}`);
  return {
    grids: result.accepted,
    info: {
      count: result.accepted.length,
      origins: { block: 0, merged: 0, split: 0, regular: 0, imported: result.accepted.length },
      derivedLevels: [],
      notes: [`Imported from ${file}: ${result.accepted.length} of ${result.rows} rows accepted, ${result.rejected.length} rejected (listed in grids-rejected.json).`],
    },
  };
}

/** A rebuild over an older bundle: its GeoJSON copies of the binary layers would be stale and are removed. */
function removeStaleLayerFiles(dir: string): void {
  for (const layer of [...BINARY_LAYERS, 'grids']) rmSync(join(dir, `${layer}.geojson`), { force: true });
}

export function countsOf(content: CityContent): Record<string, number> {
  const counts: Record<string, number> = Object.fromEntries(CATEGORY_IDS.map((id) => [id, 0]));
  for (const f of content.layers.facilities.features) counts[f.properties.category] += 1;
  const streets = content.layers.streets.features;
  counts.streets = streets.length;
  counts.alleys = streets.filter((s) => s.properties.alley).length;
  counts.streetSegments = streets.reduce((sum, s) => sum + segmentCount(s.geometry), 0);
  counts.streetKm = Math.round(streets.reduce((sum, s) => sum + s.properties.lengthM, 0) / 100) / 10;
  counts.compounds = content.layers.compounds.features.length;
  counts.boundaries = content.layers.boundaries.features.length;
  return counts;
}

function segmentCount(geometry: { type: string; coordinates: unknown }): number {
  if (geometry.type === 'LineString') return (geometry.coordinates as unknown[]).length - 1;
  return (geometry.coordinates as unknown[][]).reduce((sum, part) => sum + part.length - 1, 0);
}

/** data/cities.json: the cities the app can switch between, real extracts before the demo. */
export function upsertCityIndex(dataDir: string, manifest: CityManifest): void {
  const file = join(dataDir, 'cities.json');
  const entries: CityIndexEntry[] = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as CityIndexEntry[]) : [];
  const entry: CityIndexEntry = { id: manifest.id, name: manifest.name, synthetic: manifest.synthetic, dataDate: manifest.dataDate };
  const others = entries.filter((e) => e.id !== manifest.id);
  const ordered = [...others, entry].sort((a, b) => Number(a.synthetic) - Number(b.synthetic));
  writeFileSync(file, JSON.stringify(ordered, null, 2));
}

/** 7 decimals of a degree is about 1 cm: enough, and it keeps files small and diffs stable. */
function stringifyRounded(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (typeof v === 'number' && !Number.isInteger(v) ? Math.round(v * 1e7) / 1e7 : v));
}
