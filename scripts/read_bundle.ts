/** Reads a city bundle from disk: `data/<id>` by id, or any bundle folder. Binary layers come back as GeoJSON. */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkBundleFormat, type CityLayers, type CityManifest } from '../src/domain/city_bundle';
import { layerFeaturesSync } from '../src/domain/layer_file';

export function readBundle(cityOrFolder: string): { manifest: CityManifest; layers: CityLayers } {
  const folder = bundleFolder(cityOrFolder);
  // each file named in its own error: which one is broken matters to whoever rebuilds it
  const bytes = (file: string) => {
    const path = join(folder, file);
    try {
      return readFileSync(path);
    } catch (cause) {
      throw new Error(`${path}: ${(cause as NodeJS.ErrnoException).code === 'ENOENT' ? '文件不存在 / file not found' : (cause as Error).message}`, { cause });
    }
  };
  const manifestPath = join(folder, 'city.json');
  let manifest: CityManifest;
  try {
    manifest = JSON.parse(bytes('city.json').toString('utf8')) as CityManifest;
  } catch (cause) {
    if ((cause as Error).message.startsWith(manifestPath)) throw cause;
    throw new Error(`${manifestPath}: 不是有效的 JSON / not valid JSON (${(cause as Error).message})`, { cause });
  }
  checkBundleFormat(manifest, manifestPath);
  const read = (file: string) => layerFeaturesSync<never>(join(folder, file), bytes(file));
  const layers: CityLayers = {
    facilities: read(manifest.layers.facilities.file),
    streets: read(manifest.layers.streets.file),
    compounds: read(manifest.layers.compounds.file),
    boundaries: read(manifest.layers.boundaries.file),
    ...(manifest.grids ? { grids: read(manifest.grids.file) } : {}),
  };
  return { manifest, layers };
}

export function bundleFolder(cityOrFolder: string): string {
  const folder = existsSync(join(cityOrFolder, 'city.json')) ? cityOrFolder : join('data', cityOrFolder);
  if (!existsSync(join(folder, 'city.json'))) {
    throw new Error(`${cityOrFolder}: no city bundle here or in data/${cityOrFolder}/ (build it with npm run city or npm run cities).`);
  }
  return folder;
}
