/**
 * npm run city -- <extract.osm | extract.osm.pbf> --id <id> [--name-zh 南京 --name-en Nanjing] [--bbox w,s,e,n]
 *                 [--data-date yyyy-mm-dd] [--admin-city 南京市] [--grids city-grids.geojson]
 * npm run city -- --demo --seed <n> --size-km <k> --id demo
 */
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { CATEGORIES } from '../src/domain/categories';
import type { BBox, CityManifest } from '../src/domain/city_bundle';
import { generateDemoCity } from './city/demo_city';
import { osmToCity } from './city/osm_to_city';
import { OsmReadError, readOsmFile } from './city/read_osm';
import { DEFAULT_PATHS, writeBundle, type BundlePaths } from './city/write_bundle';

const OSM_LICENCE = 'ODbL 1.0';
const OSM_ATTRIBUTION = '© OpenStreetMap contributors';

export interface BuildCityArgs {
  input?: string;
  id: string;
  nameZh?: string;
  nameEn?: string;
  bbox?: BBox;
  dataDate?: string;
  /** the prefecture-level city (or municipality) the extract lies in, for national division codes, e.g. 南京市 */
  adminCity?: string;
  /** the city's own grid layer (GeoJSON), replacing the generated grids */
  gridsFile?: string;
  demo?: { seed: number; sizeKm: number };
}

export function buildCity(args: BuildCityArgs, log: (line: string) => void, paths: BundlePaths = DEFAULT_PATHS): CityManifest {
  const started = Date.now();
  if (args.demo) {
    log(`生成示例城市 / generating demo city: seed ${args.demo.seed}, ${args.demo.sizeKm} km`);
    const content = generateDemoCity(args.demo);
    return writeBundle(
      content,
      {
        id: args.id,
        name: { zh: args.nameZh ?? '示例城市（合成）', en: args.nameEn ?? 'Demo city (synthetic)' },
        synthetic: true,
        gridsFile: args.gridsFile,
        source: { kind: 'demo', input: `demo --seed ${args.demo.seed} --size-km ${args.demo.sizeKm}`, licence: 'CC0 (synthetic)', attribution: '示例数据（合成） / synthetic demo data' },
      },
      paths,
      log,
    );
  }
  if (!args.input) throw new Error('Give an OSM extract (.osm or .osm.pbf) or --demo.');
  log(`读取 / reading ${args.input}`);
  const extract = readOsmFile(args.input);
  log(`  ${extract.elements.length} OSM elements (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  log('整理图层 / normalising tags and assembling polygons…');
  const content = osmToCity(extract, { bbox: args.bbox, dataDate: args.dataDate });
  log(`  managed area ${content.bbox.join(', ')} — ${content.bboxMethod}`);
  return writeBundle(
    content,
    {
      id: args.id,
      name: { zh: args.nameZh ?? args.id, en: args.nameEn ?? args.id },
      synthetic: false,
      source: { kind: 'osm', input: basename(args.input), licence: OSM_LICENCE, attribution: OSM_ATTRIBUTION },
      adminCity: args.adminCity,
      gridsFile: args.gridsFile,
    },
    paths,
    log,
  );
}

export function summaryTable(manifest: CityManifest): string {
  const rows: [string, string, number][] = CATEGORIES.map((c) => [c.id, c.zh, manifest.counts[c.id] ?? 0]);
  rows.push(['grids', '单元网格', manifest.counts.grids ?? 0], ['streets', '道路', manifest.counts.streets], ['alleys', '背街小巷（候选）', manifest.counts.alleys], ['streetSegments', '道路线段', manifest.counts.streetSegments], ['compounds', '小区', manifest.counts.compounds], ['boundaries', '行政边界', manifest.counts.boundaries]);
  const lines = [`${manifest.name.zh} (${manifest.id})${manifest.synthetic ? ' 示例数据（合成）' : ''}`, 'layer              名称            count', '-----------------  --------------  -------'];
  for (const [id, zh, count] of rows) lines.push(`${id.padEnd(17)}  ${zh.padEnd(14 - [...zh].filter((ch) => ch.charCodeAt(0) > 255).length)}  ${String(count).padStart(7)}`);
  lines.push(`street length      道路总长         ${manifest.counts.streetKm} km`);
  for (const s of manifest.skipped) lines.push(`skipped: ${s.count} × ${s.reason}`);
  lines.push(`tiles: ${manifest.tiles.file}, ${(manifest.tiles.bytes / 1024).toFixed(0)} KiB, zoom ${manifest.tiles.minZoom}–${manifest.tiles.maxZoom}`);
  return lines.join('\n');
}

function parseBBox(text: string | undefined): BBox | undefined {
  if (!text) return undefined;
  const parts = text.split(',').map(Number);
  if (parts.length !== 4 || parts.some((v) => !Number.isFinite(v)) || parts[0] >= parts[2] || parts[1] >= parts[3]) {
    throw new Error(`--bbox "${text}" must be west,south,east,north in degrees.`);
  }
  return parts as BBox;
}

function main(): void {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      id: { type: 'string' },
      'name-zh': { type: 'string' },
      'name-en': { type: 'string' },
      bbox: { type: 'string' },
      'data-date': { type: 'string' },
      'admin-city': { type: 'string' },
      grids: { type: 'string' },
      demo: { type: 'boolean' },
      seed: { type: 'string', default: '1' },
      'size-km': { type: 'string', default: '6' },
    },
  });
  const id = values.id ?? (values.demo ? 'demo' : undefined);
  if (!id || !/^[a-z0-9][a-z0-9_-]*$/.test(id)) throw new Error('--id must be lower-case letters, digits, - or _ (e.g. --id nanjing).');
  const demo = values.demo ? { seed: Number(values.seed), sizeKm: Number(values['size-km']) } : undefined;
  if (demo && (!Number.isInteger(demo.seed) || !(demo.sizeKm >= 1 && demo.sizeKm <= 40))) throw new Error('--seed must be an integer and --size-km between 1 and 40.');
  const started = Date.now();
  const manifest = buildCity(
    { input: positionals[0], id, nameZh: values['name-zh'], nameEn: values['name-en'], bbox: parseBBox(values.bbox), dataDate: values['data-date'], adminCity: values['admin-city'], gridsFile: values.grids, demo },
    (line) => process.stderr.write(`${line}\n`),
  );
  console.log(summaryTable(manifest));
  console.log(`built in ${((Date.now() - started) / 1000).toFixed(1)} s → data/${id}/, tiles/${manifest.tiles.file}`);
}

if (process.argv[1] && import.meta.url.endsWith(basename(process.argv[1]))) {
  try {
    main();
  } catch (error) {
    const message = error instanceof OsmReadError || error instanceof Error ? error.message : String(error);
    process.stderr.write(`错误 / error: ${message}\n`);
    process.exit(1);
  }
}
