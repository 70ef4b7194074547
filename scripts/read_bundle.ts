/** Reads a city bundle from disk: `data/<id>` by id, or any bundle folder. */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkBundleFormat, type CityLayers, type CityManifest } from '../src/domain/city_bundle';

export function readBundle(cityOrFolder: string): { manifest: CityManifest; layers: CityLayers } {
  const folder = existsSync(join(cityOrFolder, 'city.json')) ? cityOrFolder : join('data', cityOrFolder);
  if (!existsSync(join(folder, 'city.json'))) {
    throw new Error(`${cityOrFolder}: no city bundle here or in data/${cityOrFolder}/ (build it with npm run city or npm run cities).`);
  }
  // each file named in its own error: which one is broken matters to whoever rebuilds it
  const read = (file: string) => {
    const path = join(folder, file);
    try {
      return JSON.parse(readFileSync(path, 'utf8'));
    } catch (cause) {
      throw new Error(`${path}: ${(cause as NodeJS.ErrnoException).code === 'ENOENT' ? '文件不存在 / file not found' : `不是有效的 JSON / not valid JSON (${(cause as Error).message})`}`, { cause });
    }
  };
  const manifest = read('city.json') as CityManifest;
  checkBundleFormat(manifest, join(folder, 'city.json'));
  const layers: CityLayers = {
    facilities: read(manifest.layers.facilities.file),
    streets: read(manifest.layers.streets.file),
    compounds: read(manifest.layers.compounds.file),
    boundaries: read(manifest.layers.boundaries.file),
    ...(manifest.grids ? { grids: read(manifest.grids.file) } : {}),
  };
  return { manifest, layers };
}
