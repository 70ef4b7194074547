/**
 * npm run analyze -- <city id | bundle folder> [--toilet-distance 500] [--parking-radius 300] [--zone-radius 500]
 *                    [--network] [--by-land-use] [--no-institution-toilets] [--json]
 */
import { parseArgs } from 'node:util';
import { CityAnalysis, DEFAULT_PARAMS, type AnalysisParams, type AnalysisReport } from '../src/analysis/city_analysis';
import { readBundle } from './read_bundle';

export function analyzeBundle(cityOrFolder: string, params: AnalysisParams): AnalysisReport {
  const { manifest, layers } = readBundle(cityOrFolder);
  const analysis = new CityAnalysis({ id: manifest.id, name: manifest.name, synthetic: manifest.synthetic, dataDate: manifest.dataDate }, layers, manifest.bbox);
  return analysis.report(params);
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
  const report = analyzeBundle(city, params);
  if (values.json) {
    console.log(reportJson(report));
    return;
  }
  const pct = (v: number) => `${(v * 100).toFixed(1)} %`;
  console.log(`${report.city.name.zh} — toilets within ${params.toiletDistanceM} m (${report.toilets.distance}): street ${pct(report.toilets.streetShareWithin)}, area ${pct(report.toilets.areaShareWithin)}, gap street ${(report.toilets.gapStreetMetres / 1000).toFixed(1)} km`);
  console.log(`parking within ${params.parkingRadiusM} m of compounds: ${report.parking.compoundsServed}/${report.parking.compounds} (${pct(report.parking.compoundShareServed)})`);
  for (const [category, z] of Object.entries(report.zones)) console.log(`zones ${category.padEnd(18)} ${String(z.points).padStart(5)} points, ${z.alleys} alleys, ${z.compounds} compounds within ${params.zoneRadiusM} m`);
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
