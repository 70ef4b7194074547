import { describe, expect, it } from 'vitest';
import { generateDemoCity } from '../../scripts/city/demo/demo_city';
import { CityAnalysis, DEFAULT_PARAMS } from '../analysis/city_analysis';
import { guessColumns } from './columns';
import { importRows } from './import_rows';
import { applyProject, emptyProject, migrateProject, parseProject, PROJECT_VERSION, projectJson, type Project } from './project';
import { readLedgerTable } from './read_table';

const demo = generateDemoCity({ seed: 3, sizeKm: 3 });
const INFO = { id: 'demo3', name: { zh: '示例', en: 'demo' }, synthetic: true, dataDate: '2026-01-01' };

describe('project file', () => {
  it('export → parse → apply gives the same analysis report, and the same facilities to the digit', async () => {
    const [w, s] = demo.bbox;
    const csv = ['名称,经度,纬度', ...Array.from({ length: 30 }, (_, i) => `台账公厕${i},${(w + 0.002 + i * 0.0007).toFixed(7)},${(s + 0.003 + (i % 6) * 0.004).toFixed(7)}`)].join('\n');
    const table = await readLedgerTable('ledger.csv', new TextEncoder().encode(csv));
    const imported = importRows(table, { columns: guessColumns(table.headers), crs: 'wgs84', defaultCategory: 'toilet', cityBbox: demo.bbox, idPrefix: 'ledger:1' });
    const project: Project = {
      ...emptyProject('demo3'),
      ledgers: [{ id: 'ledger:1', fileName: 'ledger.csv', crs: 'wgs84', importedAt: '2026-11-22T00:00:00.000Z', mode: 'merge', rowsRead: imported.rowsRead, accepted: imported.accepted, rejected: imported.rejected }],
      proposals: [{ id: 'p1', category: 'toilet', lon: w + 0.011, lat: s + 0.012, origin: 'placed', name: '拟建公厕' }, { id: 'p2', category: 'parking', lon: w + 0.015, lat: s + 0.01, origin: 'suggested', name: '' }],
      settings: { toiletDistanceM: 400, zoneRadiusM: 800 },
    };
    const restored = parseProject(projectJson(project), 'p.json', 'demo3');
    expect(restored.ledgers).toEqual(project.ledgers);
    expect(restored.proposals).toEqual(project.proposals);
    expect(restored.settings).toEqual(project.settings);
    const report = (p: Project) => new CityAnalysis(INFO, applyProject(demo.layers, p), demo.bbox).report({ ...DEFAULT_PARAMS, toiletDistanceM: 400, zoneRadiusM: 800 });
    const original = report(project);
    expect(report(restored)).toEqual(original);
    // the ledger and proposals did change the figures
    expect(original.counts.toilet).toBe(demo.layers.facilities.features.filter((f) => f.properties.category === 'toilet').length + 31);
  });

  it('refuses a project of another city or format, naming the file', () => {
    const text = projectJson(emptyProject('nanjing'));
    expect(() => parseProject(text, 'p.json', 'demo')).toThrow(/p\.json: .*nanjing/);
    expect(() => parseProject('{"format":"other"}', 'x.json', 'demo')).toThrow(/x\.json/);
  });

  it('refuses a newer version, another format or another city with a sentence naming the source', () => {
    const stored = { ...emptyProject('demo3'), savedAt: '2026-11-29T00:00:00.000Z' };
    expect(migrateProject(JSON.parse(JSON.stringify(stored)), 'IndexedDB project:demo3', 'demo3')).toEqual(stored);
    expect(() => migrateProject({ ...stored, version: PROJECT_VERSION + 1 }, 'IndexedDB project:demo3', 'demo3')).toThrow(/^IndexedDB project:demo3: .*newer than this app reads/);
    expect(() => migrateProject({ ...stored, version: '1' }, 'p.json', 'demo3')).toThrow(/p\.json: .*not valid/);
    expect(() => migrateProject({ ...stored, format: 'kepler' }, 'p.json', 'demo3')).toThrow(/not a Chuangcheng Atlas project/);
    expect(() => migrateProject(stored, 'p.json', 'nanjing')).toThrow(/for city "demo3", not "nanjing"/);
    expect(() => migrateProject({ ...stored, proposals: undefined }, 'p.json', 'demo3')).toThrow(/proposals missing/);
  });
});
