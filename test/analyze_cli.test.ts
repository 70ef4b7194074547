/**
 * The command line as a planner uses it: `analyze --json --suggest-toilets 5 --mock-seed 1 --out report.json` on a
 * freshly built demo bundle. The report must be pure JSON at full precision: a suggested site is somewhere a
 * toilet can be built, so it must lie on its street (checked with Turf, an independent reader of the bundle).
 */
import pointToLineDistance from '@turf/point-to-line-distance';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCity } from '../scripts/build-city';
import { readBundle } from '../scripts/read_bundle';
import type { StreetFeature } from '../src/domain/city_bundle';

const tmp = mkdtempSync(join(tmpdir(), 'analyze-cli-'));
const bundle = join(tmp, 'data', 'clidemo');
const analyze = (args: string[]) => spawnSync(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'scripts/analyze.ts', ...args], { encoding: 'utf8' });

/** decimals of every number written after `"lon":`, `"lat":` or inside a `"bbox": [...]` */
function coordinateDecimals(json: string): { text: string; decimals: number }[] {
  const numbers = [...json.matchAll(/"(?:lon|lat)": (-?[\d.e+-]+)/g)].map((m) => m[1]);
  for (const box of json.matchAll(/"bbox": \[([^\]]*)\]/g)) numbers.push(...box[1].split(',').map((s) => s.trim()));
  return numbers.map((text) => ({ text, decimals: text.includes('.') ? text.split('.')[1].length : 0 }));
}

describe('analyze --json --out', () => {
  let json = '';
  beforeAll(() => {
    buildCity({ id: 'clidemo', demo: { seed: 7, sizeKm: 4 } }, () => {}, { dataDir: join(tmp, 'data'), tilesDir: join(tmp, 'tiles') });
    const out = join(tmp, 'report.json');
    const run = analyze([bundle, '--json', '--suggest-toilets', '5', '--mock-seed', '1', '--out', out]);
    expect(run.status, run.stderr).toBe(0);
    json = readFileSync(out, 'utf8');
  }, 120_000);
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  it('writes pure JSON whose every suggested site lies on its street within 1 m', () => {
    const report = JSON.parse(json);
    const streets = new Map((readBundle(bundle).layers.streets.features as StreetFeature[]).map((f) => [f.properties.id, f]));
    const sites: { lon: number; lat: number; streetId: string; closes: number }[] = report.suggestions.toilets;
    expect(sites.length).toBe(5);
    for (const site of sites) {
      const street = streets.get(site.streetId)!;
      const lines = street.geometry.type === 'LineString' ? [street.geometry.coordinates] : street.geometry.coordinates;
      const metres = Math.min(...lines.map((line) => pointToLineDistance([site.lon, site.lat], { type: 'LineString', coordinates: line }, { units: 'meters' })));
      expect(metres).toBeLessThan(1);
      expect(site.closes).toBeGreaterThan(0);
    }
    expect(report.mockInspection.points.length).toBeGreaterThan(0);
  });

  it('writes every coordinate with at least 6 decimals', () => {
    const coordinates = coordinateDecimals(json);
    // suggestions, gap-street and compound boxes, mock-inspection points
    expect(coordinates.length).toBeGreaterThan(100);
    expect(coordinates.filter((c) => c.decimals < 6)).toEqual([]);
  });

  it('prints the same pure JSON on stdout when run without npm', () => {
    const run = analyze([bundle, '--json', '--suggest-toilets', '5', '--mock-seed', '1']);
    expect(JSON.parse(run.stdout)).toEqual(JSON.parse(json));
  });

  it('names the file and the reason when a bundle is newer than it reads, or broken', () => {
    const newer = join(tmp, 'newer');
    cpSync(bundle, newer, { recursive: true });
    const manifest = JSON.parse(readFileSync(join(newer, 'city.json'), 'utf8'));
    writeFileSync(join(newer, 'city.json'), JSON.stringify({ ...manifest, formatVersion: 99 }));
    const refused = analyze([newer, '--json']);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/newer[/\\]city\.json: .*bundle format version 99 is newer than this app reads/);
    const broken = join(tmp, 'broken');
    cpSync(bundle, broken, { recursive: true });
    writeFileSync(join(broken, 'facilities.geojson'), '{"type": "FeatureCollection", "features": [');
    const failed = analyze([broken, '--json']);
    expect(failed.status).toBe(1);
    expect(failed.stderr).toMatch(/broken[/\\]facilities\.geojson: .*not valid JSON/);
    // a binary layer cut short (an interrupted copy) is named too, never half-read
    writeFileSync(join(broken, 'facilities.geojson'), readFileSync(join(bundle, 'facilities.geojson')));
    writeFileSync(join(broken, 'streets.bin'), readFileSync(join(bundle, 'streets.bin')).subarray(0, 5000));
    const cut = analyze([broken, '--json']);
    expect(cut.status).toBe(1);
    expect(cut.stderr).toMatch(/broken[/\\]streets\.bin: .*(truncated|runs past the end)/);
  });
});
