/** Reads a city bundle from disk: `data/<id>` by id, or any bundle folder. */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CityLayers, CityManifest } from '../src/domain/city_bundle';

export function readBundle(cityOrFolder: string): { manifest: CityManifest; layers: CityLayers } {
  const folder = existsSync(join(cityOrFolder, 'city.json')) ? cityOrFolder : join('data', cityOrFolder);
  if (!existsSync(join(folder, 'city.json'))) {
    throw new Error(`${cityOrFolder}: no city bundle here or in data/${cityOrFolder}/ (build it with npm run city or npm run cities).`);
  }
  const manifest = JSON.parse(readFileSync(join(folder, 'city.json'), 'utf8')) as CityManifest;
  const read = (file: string) => JSON.parse(readFileSync(join(folder, file), 'utf8'));
  const layers: CityLayers = {
    facilities: read(manifest.layers.facilities.file),
    streets: read(manifest.layers.streets.file),
    compounds: read(manifest.layers.compounds.file),
    boundaries: read(manifest.layers.boundaries.file),
    ...(manifest.grids ? { grids: read(manifest.grids.file) } : {}),
  };
  return { manifest, layers };
}
