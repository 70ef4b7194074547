/**
 * `npm run analyze` answers for the browser tests, computed once per city, parameters and options for the whole
 * run and kept on disk: the browser tests share two cores with Chromium, so each repeat would slow them all.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { analyzeBundle, type AnalyzeOptions, type CliReport } from '../../scripts/analyze';
import type { AnalysisParams } from '../../src/analysis/city_analysis';

const CACHE_DIR = 'test-results/cli-reports';

/** JSON has no Infinity: distances beyond reach are written as a marker string and read back as Infinity. */
const INFINITY = '__Infinity__';

export function cliReport(city: string, params: AnalysisParams, options: AnalyzeOptions = {}): CliReport {
  // a rebuilt bundle (new city.json) must not be answered from an old report
  const built = statSync(`data/${city}/city.json`).mtimeMs;
  const key = createHash('sha256').update(JSON.stringify([city, built, params, options])).digest('hex').slice(0, 16);
  const path = `${CACHE_DIR}/${city}-${key}.json`;
  if (existsSync(path)) return JSON.parse(readFileSync(path, 'utf8'), (_, v: unknown) => (v === INFINITY ? Infinity : v)) as CliReport;
  const report = analyzeBundle(city, params, options);
  mkdirSync(CACHE_DIR, { recursive: true });
  writeFileSync(path, JSON.stringify(report, (_, v: unknown) => (v === Infinity ? INFINITY : v)));
  return report;
}
