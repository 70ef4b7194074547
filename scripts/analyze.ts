/**
 * npm run analyze -- <city id | bundle folder> [--toilet-distance 500] [--parking-radius 300] [--zone-radius 500]
 *                    [--network] [--by-land-use] [--no-institution-toilets] [--mock-seed N [--mock-alleys 1-2]
 *                    [--mock-compounds 1-2]] [--json]
 */
import { parseArgs } from 'node:util';
import { CityAnalysis, DEFAULT_PARAMS, type AnalysisParams, type AnalysisReport } from '../src/analysis/city_analysis';
import { DEFAULT_PICKS, type MockInspection, type PickRange } from '../src/analysis/mock_inspection';
import { readBundle } from './read_bundle';

export interface AnalyzeOptions { mock?: { seed: number; alleys: PickRange; compounds: PickRange } }

export function analyzeBundle(cityOrFolder: string, params: AnalysisParams, options: AnalyzeOptions = {}): AnalysisReport & { mockInspection?: MockInspection } {
  const { manifest, layers } = readBundle(cityOrFolder);
  const analysis = new CityAnalysis({ id: manifest.id, name: manifest.name, synthetic: manifest.synthetic, dataDate: manifest.dataDate }, layers, manifest.bbox);
  const report = analysis.report(params);
  return options.mock ? { ...report, mockInspection: analysis.mockInspection(params, options.mock) } : report;
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

/** Rounds to 4 significant decimals for shares and whole metres elsewhere; Infinity becomes null in JSON. */
export function reportJson(report: AnalysisReport): string {
  return JSON.stringify(report, (_key, v: unknown) => (typeof v === 'number' && !Number.isInteger(v) ? (Number.isFinite(v) ? (Math.abs(v) < 1 ? Math.round(v * 1e4) / 1e4 : Math.round(v * 10) / 10) : null) : v), 2);
}

function number(value: string | undefined, name: string, fallback: number, min: number, max: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n < min || n > max) throw new Error(`--${name} must be a number from ${min} to ${max} (got "${value}").`);
  return n;
}

function main(): void {
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
      json: { type: 'boolean', default: false },
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
  const report = analyzeBundle(city, params, { mock });
  if (values.json) {
    console.log(reportJson(report));
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
  for (const note of report.notes) console.log(`note: ${note}`);
}

if (process.argv[1]?.endsWith('analyze.ts')) {
  try {
    main();
  } catch (error) {
    process.stderr.write(`错误 / error: ${(error as Error).message}\n`);
    process.exit(1);
  }
}
