/**
 * npm run city:geojson -- <city or bundle folder> [out-folder] — every layer of a bundle as GeoJSON, binary
 * layers included (format 2 keeps streets, compounds and grids as typed-array blocks for the app).
 * Writes <out-folder>/<layer>.geojson (default data/<city>/geojson/, inside the ignored data folder).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { bundleFolder, readBundle } from './read_bundle';

function main(): void {
  const [city, out] = process.argv.slice(2);
  if (!city) throw new Error('usage: npm run city:geojson -- <city or bundle folder> [out-folder]');
  const folder = bundleFolder(city);
  const target = out ?? join(folder, 'geojson');
  mkdirSync(target, { recursive: true });
  const { layers } = readBundle(folder);
  for (const [name, collection] of Object.entries(layers)) {
    const file = join(target, `${name}.geojson`);
    writeFileSync(file, JSON.stringify(collection));
    console.log(`${file}: ${collection.features.length} features`);
  }
}

if (process.argv[1] && import.meta.url.endsWith(basename(process.argv[1]))) {
  try {
    main();
  } catch (error) {
    process.stderr.write(`错误 / error: ${(error as Error).message}\n`);
    process.exit(1);
  }
}
