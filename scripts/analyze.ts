/**
 * npm run analyze -- <city id | bundle folder> [--toilet-distance 500] [--parking-radius 300] [--zone-radius 500]
 *                    [--network] [--by-land-use] [--no-institution-toilets] [--mock-seed N [--mock-alleys 1-2]
 *                    [--mock-compounds 1-2]] [--add ledger.csv|.xlsx|.geojson [--crs auto|wgs84|gcj02|bd09]
 *                    [--default-category toilet] [--replace]] [--suggest-toilets N] [--suggest-parking N] [--json]
 *                    [--out report.json]  (pure JSON in a file; stdout under npm also carries npm's banner)
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { CityAnalysis, DEFAULT_PARAMS, type AnalysisParams, type AnalysisReport } from '../src/analysis/city_analysis';
import { DEFAULT_PICKS, type MockInspection, type PickRange } from '../src/analysis/mock_inspection';
import type { SiteSuggestion } from '../src/analysis/suggest_sites';
import { buildCityModel } from '../src/analysis/city_model';
import { CATEGORY_IDS, type CategoryId } from '../src/domain/categories';
import { CRS_IDS, type CrsId } from '../src/ledger/crs';
import { importLedger, type CrsDecision } from '../src/ledger/import_ledger';
import type { RejectReason, RejectedRow } from '../src/ledger/import_rows';
import { applyProject, type LedgerLayer } from '../src/ledger/project';
import { readLedgerTable, type LedgerTable } from '../src/ledger/read_table';
import { coordinateText } from '../src/io/coordinate_text';
import { readBundle } from './read_bundle';

export interface AnalyzeOptions {
  mock?: { seed: number; alleys: PickRange; compounds: PickRange };
  /** ledgers already read, with how to take them in */
  ledgers?: { table: LedgerTable; crs: CrsId | 'auto'; defaultCategory: CategoryId | null; mode: LedgerLayer['mode'] }[];
  suggest?: { toilets?: number; parking?: number };
}

export interface ImportedSummary { file: string; crs: CrsId; crsHow: CrsDecision['how']; rowsRead: number; accepted: number; rejected: number; reasons: Partial<Record<RejectReason, number>>; rejectedRows: RejectedRow[] }

export type CliReport = AnalysisReport & { mockInspection?: MockInspection; imported?: ImportedSummary[]; suggestions?: { toilets?: SiteSuggestion[]; parking?: SiteSuggestion[] } };

export function analyzeBundle(cityOrFolder: string, params: AnalysisParams, options: AnalyzeOptions = {}): CliReport {
  const { manifest, layers: bundleLayers } = readBundle(cityOrFolder);
  let layers = bundleLayers;
  let imported: ImportedSummary[] | undefined;
  if (options.ledgers?.length) {
    // CRS detection and the city check need the streets, not the facilities: one model for all ledgers
    const model = buildCityModel(bundleLayers, manifest.bbox);
    const results = options.ledgers.map((l) => importLedger(l.table, model, { crs: l.crs, defaultCategory: l.defaultCategory, mode: l.mode }));
    layers = applyProject(bundleLayers, { ledgers: results.map((r) => r.layer), proposals: [] });
    imported = results.map(({ layer, crs }) => ({
      file: layer.fileName,
      crs: layer.crs,
      crsHow: crs.how,
      rowsRead: layer.rowsRead,
      accepted: layer.accepted.length,
      rejected: layer.rejected.length,
      reasons: layer.rejected.reduce<Partial<Record<RejectReason, number>>>((counts, r) => ({ ...counts, [r.reason]: (counts[r.reason] ?? 0) + 1 }), {}),
      rejectedRows: layer.rejected,
    }));
  }
  const analysis = new CityAnalysis({ id: manifest.id, name: manifest.name, synthetic: manifest.synthetic, dataDate: manifest.dataDate }, layers, manifest.bbox);
  const report: CliReport = analysis.report(params);
  if (options.mock) report.mockInspection = analysis.mockInspection(params, options.mock);
  if (imported) report.imported = imported;
  if (options.suggest) {
    report.suggestions = {};
    if (options.suggest.toilets) report.suggestions.toilets = analysis.suggestSites(params, 'toilet', options.suggest.toilets);
    if (options.suggest.parking) report.suggestions.parking = analysis.suggestSites(params, 'parking', options.suggest.parking);
  }
  return report;
}

/** "1-2" or "2" → a pick range of 0 to 5 items. */
function pickRange(value: string | undefined, name: string): PickRange {
  if (value === undefined) return DEFAULT_PICKS;
  const match = /^(\d)(?:-(\d))?$/.exec(value);
  const min = Number(match?.[1]);
  const max = Number(match?.[2] ?? match?.[1]);
  if (!match || min > max || max > 5) throw new Error(`--${name} must be a count or a range such as 1-2, at most 5 (got "${value}").`);
  return { min, max };
}

/** keys whose numbers (or arrays of numbers) are WGS-84 degrees */
const COORDINATE_KEYS = new Set(['lon', 'lat', 'bbox']);
/** marks a coordinate's text inside the JSON string, to be unquoted after stringify */
const RAW = '\u0000raw:';

/**
 * The report as JSON with every number at the engine's full precision (coordinates, metres and shares are never
 * rounded: a planner places a toilet at these coordinates), coordinates with at least 7 decimals. Infinity
 * ("beyond the 2 km cap") becomes null.
 */
export function reportJson(report: AnalysisReport): string {
  const coordinate = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? `${RAW}${coordinateText(v)}` : v);
  const json = JSON.stringify(
    report,
    (key, v: unknown) => {
      if (COORDINATE_KEYS.has(key)) return Array.isArray(v) ? v.map(coordinate) : coordinate(v);
      return typeof v === 'number' && !Number.isFinite(v) ? null : v;
    },
    2,
  );
  return json.replace(/"\\u0000raw:([^"]*)"/g, '$1');
}

function number(value: string | undefined, name: string, fallback: number, min: number, max: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n < min || n > max) throw new Error(`--${name} must be a number from ${min} to ${max} (got "${value}").`);
  return n;
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      'toilet-distance': { type: 'string' },
      'parking-radius': { type: 'string' },
      'zone-radius': { type: 'string' },
      network: { type: 'boolean', default: false },
      'by-land-use': { type: 'boolean', default: false },
      'no-institution-toilets': { type: 'boolean', default: false },
      'mock-seed': { type: 'string' },
      'mock-alleys': { type: 'string' },
      'mock-compounds': { type: 'string' },
      add: { type: 'string', multiple: true },
      crs: { type: 'string', default: 'auto' },
      'default-category': { type: 'string' },
      replace: { type: 'boolean', default: false },
      'suggest-toilets': { type: 'string' },
      'suggest-parking': { type: 'string' },
      json: { type: 'boolean', default: false },
      out: { type: 'string' },
    },
  });
  const city = positionals[0];
  if (!city) throw new Error('usage: npm run analyze -- <city id | bundle folder> [--json]');
  const params: AnalysisParams = {
    toiletDistanceM: number(values['toilet-distance'], 'toilet-distance', DEFAULT_PARAMS.toiletDistanceM, 1, 5000),
    parkingRadiusM: number(values['parking-radius'], 'parking-radius', DEFAULT_PARAMS.parkingRadiusM, 1, 5000),
    zoneRadiusM: number(values['zone-radius'], 'zone-radius', DEFAULT_PARAMS.zoneRadiusM, 500, 2000),
    network: values.network ?? false,
    toiletByLandUse: values['by-land-use'] ?? false,
    includeInstitutionToilets: !values['no-institution-toilets'],
  };
  const mockSeed = values['mock-seed'];
  const mock = mockSeed === undefined ? undefined : { seed: number(mockSeed, 'mock-seed', 1, 0, 2 ** 32 - 1), alleys: pickRange(values['mock-alleys'], 'mock-alleys'), compounds: pickRange(values['mock-compounds'], 'mock-compounds') };
  const crs = values.crs ?? 'auto';
  if (crs !== 'auto' && !(CRS_IDS as readonly string[]).includes(crs)) throw new Error(`--crs must be auto, ${CRS_IDS.join(', ')} (got "${crs}").`);
  const defaultCategory = values['default-category'] ?? null;
  if (defaultCategory !== null && !(CATEGORY_IDS as readonly string[]).includes(defaultCategory)) throw new Error(`--default-category must be one of ${CATEGORY_IDS.join(', ')} (got "${defaultCategory}").`);
  const ledgers = [];
  for (const file of values.add ?? []) {
    const table = await readLedgerTable(basename(file), new Uint8Array(readFileSync(file)));
    ledgers.push({ table, crs: crs as CrsId | 'auto', defaultCategory: defaultCategory as CategoryId | null, mode: values.replace ? ('replace' as const) : ('merge' as const) });
  }
  const suggest = { toilets: number(values['suggest-toilets'], 'suggest-toilets', 0, 0, 500), parking: number(values['suggest-parking'], 'suggest-parking', 0, 0, 500) };
  const report = analyzeBundle(city, params, { mock, ledgers, suggest: suggest.toilets || suggest.parking ? suggest : undefined });
  if (values.out) {
    // a file of pure JSON: npm prints its banner on stdout, so `npm run analyze -- … --json > f` is not JSON
    writeFileSync(values.out, `${reportJson(report)}\n`);
    process.stderr.write(`报告已写入 / report written to ${values.out}\n`);
  }
  if (values.json) {
    if (!values.out) console.log(reportJson(report));
    return;
  }
  const pct = (v: number) => `${(v * 100).toFixed(1)} %`;
  console.log(`${report.city.name.zh} — toilets within ${params.toiletDistanceM} m (${report.toilets.distance}): street ${pct(report.toilets.streetShareWithin)}, area ${pct(report.toilets.areaShareWithin)}, gap street ${(report.toilets.gapStreetMetres / 1000).toFixed(1)} km`);
  console.log(`parking within ${params.parkingRadiusM} m of compounds: ${report.parking.compoundsServed}/${report.parking.compounds} (${pct(report.parking.compoundShareServed)})`);
  for (const [category, z] of Object.entries(report.zones)) console.log(`zones ${category.padEnd(18)} ${String(z.points).padStart(5)} points, ${z.alleys} alleys, ${z.compounds} compounds within ${params.zoneRadiusM} m`);
  for (const street of report.gaps.streets.slice(0, 5)) console.log(`gap street ${street.name || street.id}: ${Math.round(street.gapM)} m beyond ${params.toiletDistanceM} m`);
  console.log(`compounds without parking within ${params.parkingRadiusM} m: ${report.gaps.compounds.length}`);
  if (report.mockInspection) {
    const picked = report.mockInspection.points.reduce((n, p) => n + p.alleys.length + p.compounds.length, 0);
    console.log(`mock inspection (seed ${report.mockInspection.seed}): ${report.mockInspection.points.length} points, ${picked} items drawn`);
  }
  for (const i of report.imported ?? []) console.log(`imported ${i.file} (${i.crs}, ${i.crsHow}): ${i.rowsRead} rows, ${i.accepted} accepted, ${i.rejected} rejected ${JSON.stringify(i.reasons)}`);
  for (const [category, sites] of Object.entries(report.suggestions ?? {})) sites.forEach((site, k) => console.log(`suggested ${category} ${k + 1}: ${site.lon.toFixed(6)},${site.lat.toFixed(6)} on ${site.streetName || site.streetId}, gain ${site.gain.toFixed(0)}, closes ${site.closes.toFixed(0)}`));
  for (const note of report.notes) console.log(`note: ${note}`);
}

if (process.argv[1]?.endsWith('analyze.ts')) {
  main().catch((error: Error) => {
    process.stderr.write(`错误 / error: ${error.message}\n`);
    process.exit(1);
  });
}
