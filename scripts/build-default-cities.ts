/**
 * npm run cities — builds the demo city and every extract listed in data/sources.json, once; later runs reuse
 * the bundles while the source file and the builder version are unchanged. Absent extracts are skipped with
 * a one-line notice. Finally writes data/cities.json in the order of the sources file, real cities first.
 */
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CityIndexEntry, CityManifest } from '../src/domain/city_bundle';
import { buildCity, summaryTable, type BuildCityArgs } from './build-city';
import { BUILDER_VERSION } from './city/write_bundle';

interface Sources {
  extracts: { id: string; path: string; nameZh: string; nameEn: string; dataDate?: string; adminCity?: string; bbox?: [number, number, number, number] }[];
  demo: { id: string; seed: number; sizeKm: number };
}

const DATA_DIR = 'data';

function cacheKey(args: BuildCityArgs): string {
  const file = args.input ? statSync(args.input) : null;
  return JSON.stringify({ BUILDER_VERSION, args, size: file?.size, mtime: file?.mtimeMs });
}

function buildCached(args: BuildCityArgs): CityManifest {
  const keyFile = join(DATA_DIR, args.id, '.build-key');
  const manifestFile = join(DATA_DIR, args.id, 'city.json');
  const key = cacheKey(args);
  if (existsSync(keyFile) && existsSync(manifestFile) && readFileSync(keyFile, 'utf8') === key) {
    console.log(`✓ ${args.id}: cached (data/${args.id}/)`);
    return JSON.parse(readFileSync(manifestFile, 'utf8')) as CityManifest;
  }
  const started = Date.now();
  const manifest = buildCity(args, (line) => process.stderr.write(`  ${line}\n`));
  writeFileSync(keyFile, key);
  console.log(summaryTable(manifest));
  console.log(`✓ ${args.id}: built in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  return manifest;
}

function main(): void {
  const sources = JSON.parse(readFileSync(join(DATA_DIR, 'sources.json'), 'utf8')) as Sources;
  const built: CityManifest[] = [];
  for (const extract of sources.extracts) {
    if (!existsSync(extract.path)) {
      console.log(`– ${extract.id}: skipped, ${extract.path} is not on this machine`);
      continue;
    }
    built.push(buildCached({ input: extract.path, id: extract.id, nameZh: extract.nameZh, nameEn: extract.nameEn, dataDate: extract.dataDate, adminCity: extract.adminCity, bbox: extract.bbox }));
  }
  const { demo } = sources;
  built.push(buildCached({ id: demo.id, demo: { seed: demo.seed, sizeKm: demo.sizeKm } }));
  const index: CityIndexEntry[] = built.map((m) => ({ id: m.id, name: m.name, synthetic: m.synthetic, dataDate: m.dataDate }));
  writeFileSync(join(DATA_DIR, 'cities.json'), JSON.stringify(index, null, 2));
  console.log(`cities: ${index.map((c) => c.id).join(', ')} (the app opens on ${index[0].id})`);
}

main();
