/**
 * The field apps' routes through HTTP (app.inject): citizens' reports with tracking codes, folding and points;
 * the abuse limits (200 reports from one device in a minute); inspectors' records scored by the data file's
 * weights — recomputed here by hand from the JSON — with a case and a white card per failure.
 */
import type { FastifyInstance } from 'fastify';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer, parseTrustProxy } from '../app';
import type { Database } from '../db/database';
import { buildGrids } from '../../scripts/city/build_grids';
import { generateDemoCity } from '../../scripts/city/demo/demo_city';
import { CityAnalysis, DEFAULT_PARAMS } from '../../src/analysis/city_analysis';
import { DEFAULT_PICKS } from '../../src/analysis/mock_inspection';
import { SIX_SURROUNDINGS } from '../../src/domain/categories';
import type { CityLayers, CityManifest } from '../../src/domain/city_bundle';
import { loadGrids } from '../db/load_grids';
import { beijingDay } from '../campaign_clock';
import { saveDraw, todaysDraw } from '../field/inspection_draws';
import { pruneRateHits } from '../field/rate_limits';
import { CITY, GRID_A, GRID_B, IN_A, IN_B, openTestDatabase, PASSWORD, seed, UNIT_A, UNIT_B, type TestDatabase } from './harness';

let test: TestDatabase;
let db: Database;
let app: FastifyInstance;
const cookies = new Map<string, string>();

/** the checklist data file as plain JSON: the reference the scores are recomputed from */
const checklists = JSON.parse(readFileSync(join(import.meta.dirname, '../../src/domain/field_checklists.json'), 'utf8')) as { items: Record<string, { weight: number; group: string; caseCategory: string }>; placeTypes: Record<string, { items: string[] }> };

let photoSerial = 0;
/** a small JPEG, different each call (so photos are not deduplicated by content) */
async function jpeg(): Promise<Buffer> {
  const shade = (photoSerial++ * 37) % 255;
  return sharp({ create: { width: 32, height: 24, channels: 3, background: { r: shade, g: 100, b: 150 } } }).jpeg().toBuffer();
}

async function multipart(fields: Record<string, string>, files: { field: string; bytes: Buffer; name?: string }[]): Promise<{ payload: Buffer; headers: Record<string, string> }> {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  for (const f of files) form.append(f.field, new Blob([new Uint8Array(f.bytes)], { type: 'image/jpeg' }), f.name ?? 'photo.jpg');
  const request = new Request('http://x/', { method: 'POST', body: form });
  return { payload: Buffer.from(await request.arrayBuffer()), headers: { 'content-type': request.headers.get('content-type')! } };
}

interface ReportFields { lon: number; lat: number; categoryId?: string; deviceId?: string; clientUuid?: string; description?: string }
async function report(f: ReportFields, address = '10.0.0.1', photo?: Buffer) {
  const body = await multipart(
    { cityId: CITY, categoryId: f.categoryId ?? 'alley_sanitation', description: f.description ?? '垃圾堆放', lon: String(f.lon), lat: String(f.lat), locatedBy: 'tap', clientUuid: f.clientUuid ?? randomUUID(), deviceId: f.deviceId ?? 'device-aaaaaaaa' },
    [{ field: 'photo', bytes: photo ?? (await jpeg()) }],
  );
  return app.inject({ method: 'POST', url: '/api/field/reports', remoteAddress: address, ...body });
}

async function as(username: string, method: 'GET' | 'POST', url: string, payload?: object) {
  return app.inject({ method, url, ...(payload ? { payload } : {}), headers: { cookie: cookies.get(username) ?? '' } });
}

/** metres east of a point, in degrees of longitude at 32° N */
const east = ([lon, lat]: [number, number], m: number): [number, number] => [lon + m / (111_320 * Math.cos((lat * Math.PI) / 180)), lat];

beforeAll(async () => {
  test = await openTestDatabase();
  db = test.db;
  await seed(db);
  app = await buildServer({ db, photoDir: mkdtempSync(join(tmpdir(), 'cc-field-photos-')) });
  // an inspector of community B (the harness's inspector has no unit: the whole city's draw)
  await db.query("INSERT INTO users (username, display_name, password_hash, role, unit_id) SELECT 'inspector-b', '测试inspector-b', password_hash, 'inspector', $1 FROM users WHERE username = 'inspector'", [UNIT_B]);
  for (const username of ['dispatcher', 'inspector', 'inspector-b', 'viewer', 'handler-a', 'supervisor']) {
    const response = await app.inject({ method: 'POST', url: '/api/login', payload: { username, password: PASSWORD } });
    cookies.set(username, response.headers['set-cookie']!.toString().split(';')[0]);
  }
}, 120_000);
afterAll(async () => {
  await app?.close();
  await test?.drop();
});

describe('citizen reports', () => {
  it('files a 上报 case, answers a resend the same, folds a report within 50 m into the open case, and gives points once registered', async () => {
    const uuid = randomUUID();
    const first = await report({ lon: IN_A[0], lat: IN_A[1], clientUuid: uuid, deviceId: 'device-first-1' });
    expect(first.statusCode, first.body).toBe(201);
    const receipt = first.json().report as { trackingCode: string; caseId: number; folded: boolean };
    expect(receipt.trackingCode).toMatch(/^SP-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    expect(receipt.folded).toBe(false);
    const again = await report({ lon: IN_A[0], lat: IN_A[1], clientUuid: uuid, deviceId: 'device-first-1' });
    expect(again.statusCode).toBe(200);
    expect(again.json().report).toEqual(receipt);

    const item = (await as('dispatcher', 'GET', `/api/cases/${receipt.caseId}`)).json();
    expect(item.case).toMatchObject({ state: 'reported', source: 'report', gridCode: GRID_A, gridUnitId: UNIT_A, reporterId: null, categoryId: 'alley_sanitation' });
    expect(item.photos).toHaveLength(1);

    // 30 m away, same category: folded; 30 m away, another category: a case of its own
    const near = await report({ lon: east(IN_A, 30)[0], lat: IN_A[1], deviceId: 'device-second' });
    expect(near.statusCode, near.body).toBe(201);
    expect(near.json().report).toMatchObject({ caseId: receipt.caseId, folded: true });
    const other = await report({ lon: east(IN_A, 30)[0], lat: IN_A[1], categoryId: 'parking_disorder', deviceId: 'device-third' });
    expect(other.json().report.caseId).not.toBe(receipt.caseId);
    // 80 m away: beyond the fold radius
    const far = await report({ lon: east(IN_A, 80)[0], lat: IN_A[1], deviceId: 'device-fourth' });
    expect(far.json().report.caseId).not.toBe(receipt.caseId);
    const withFold = (await as('dispatcher', 'GET', `/api/cases/${receipt.caseId}`)).json();
    expect(withFold.photos).toHaveLength(2);
    expect(withFold.events.map((e: { action: string }) => e.action)).toEqual(['report', 'photo', 'citizen_report', 'photo']);

    const before = (await app.inject({ method: 'GET', url: `/api/field/reports/${receipt.trackingCode}` })).json().report;
    expect(before).toMatchObject({ state: 'reported', points: 0, folded: false });
    const registered = await as('dispatcher', 'POST', `/api/cases/${receipt.caseId}/actions`, { action: 'register', version: withFold.case.version });
    expect(registered.statusCode, registered.body).toBe(200);
    const after = (await app.inject({ method: 'GET', url: `/api/field/reports/${receipt.trackingCode}` })).json().report;
    expect(after).toMatchObject({ state: 'registered', stateName: { zh: '已立案' }, points: 10 });
    expect(after.steps.map((s: { action: string }) => s.action)).toEqual(['report', 'register']);
    // staff's notes never reach the public page; only the public steps do
    const caseNow = (await as('dispatcher', 'GET', `/api/cases/${receipt.caseId}`)).json().case;
    const handlerNote = '联系人张师傅 13912345678，钥匙在门卫';
    expect((await as('dispatcher', 'POST', `/api/cases/${receipt.caseId}/actions`, { action: 'dispatch', version: caseNow.version, unitId: UNIT_A, note: handlerNote })).statusCode).toBe(200);
    const tracked = await app.inject({ method: 'GET', url: `/api/field/reports/${receipt.trackingCode}` });
    expect(tracked.body).not.toContain('13912345678');
    expect(tracked.json().report.steps).toEqual([expect.objectContaining({ action: 'report' }), expect.objectContaining({ action: 'register' }), expect.objectContaining({ action: 'dispatch' })]);
    for (const step of tracked.json().report.steps) expect(Object.keys(step).sort()).toEqual(['action', 'at']);
    // the folded report follows the case but earned nothing: it filed no case
    const folded = (await app.inject({ method: 'GET', url: `/api/field/reports/${near.json().report.trackingCode}` })).json().report;
    expect(folded).toMatchObject({ state: 'dispatched', folded: true, points: 0 });
  });

  it('refuses what is not a report: no photo type, too large, outside every grid, an unknown code', async () => {
    const text = await report({ lon: IN_B[0], lat: IN_B[1], deviceId: 'device-refusals' }, '10.0.0.9', Buffer.from('not an image at all'));
    expect(text.statusCode).toBe(415);
    const big = await report({ lon: IN_B[0], lat: IN_B[1], deviceId: 'device-refusals' }, '10.0.0.9', Buffer.alloc(10 * 1024 * 1024 + 1));
    expect(big.statusCode).toBe(413);
    expect(big.json().error.zh).toContain('10 MB');
    const outside = await report({ lon: 100, lat: 30, deviceId: 'device-refusals' }, '10.0.0.9');
    expect(outside.statusCode).toBe(422);
    expect((await app.inject({ method: 'GET', url: '/api/field/reports/SP-2222-2222' })).statusCode).toBe(404);
    const badCategory = await report({ lon: IN_B[0], lat: IN_B[1], categoryId: 'toilet_gap', deviceId: 'device-refusals' }, '10.0.0.9');
    expect(badCategory.statusCode).toBe(400);
  });

  it('flags a citizen’s photo whose EXIF GPS lies far from the reported point, as the desk’s upload does', async () => {
    const dms = (v: number) => `${Math.floor(v)}/1 ${Math.floor((v % 1) * 60)}/1 ${Math.round(((v * 60) % 1) * 60 * 1000)}/1000`;
    const [lon, lat] = east(IN_A, 2000);
    const far = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#345678' } })
      .jpeg()
      .withExif({ IFD3: { GPSLatitudeRef: 'N', GPSLatitude: dms(lat), GPSLongitudeRef: 'E', GPSLongitude: dms(lon) } })
      .toBuffer();
    const sent = await report({ lon: IN_A[0], lat: IN_A[1] - 0.004, categoryId: 'doorstep_duties', deviceId: 'device-far-photo' }, '10.0.4.4', far);
    expect(sent.statusCode, sent.body).toBe(201);
    const item = (await as('dispatcher', 'GET', `/api/cases/${sent.json().report.caseId}`)).json();
    expect(item.photos).toEqual([expect.objectContaining({ farFromCase: true })]);
    expect(item.events.map((e: { action: string }) => e.action)).toEqual(['report', 'photo']);
  });

  it('limits 200 reports from one device in a minute, and keeps answering other devices', async () => {
    const statuses: number[] = [];
    const started = Date.now();
    for (let i = 0; i < 200; i++) {
      const spot = east(IN_B, (i % 10) * 60);
      statuses.push((await report({ lon: spot[0], lat: spot[1] + 0.003, deviceId: 'device-flood-1', categoryId: 'ebike_charging' }, '10.0.1.1')).statusCode);
    }
    expect(Date.now() - started).toBeLessThan(60_000);
    expect(statuses.filter((s) => s === 201)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(195);
    const refused = await report({ lon: IN_B[0], lat: IN_B[1], deviceId: 'device-flood-1' }, '10.0.1.1');
    expect(refused.json().error.en).toMatch(/too many reports: try again in \d+ s/);
    // another phone elsewhere is answered at once
    const other = await report({ lon: IN_B[0], lat: IN_B[1] - 0.003, deviceId: 'device-bystander', categoryId: 'toilet_dirty' }, '10.0.2.2');
    expect(other.statusCode, other.body).toBe(201);
    // one address cycling device ids is limited per address
    const byAddress: number[] = [];
    for (let i = 0; i < 35; i++) byAddress.push((await report({ lon: IN_B[0], lat: IN_B[1], deviceId: `device-cycle-${i}x`, categoryId: 'doorstep_duties', notDuplicate: true } as ReportFields, '10.0.3.3')).statusCode);
    expect(byAddress.filter((s) => s === 429)).toHaveLength(5);
  }, 120_000);
});

describe('inspection records', () => {
  // records are taken into today's and yesterday's draws only (Beijing calendar)
  const day = beijingDay();
  const yesterday = beijingDay(Date.now() - 86_400_000);
  const places = [
    { key: 'alley:s1', type: 'alley', name: '甲巷', pointName: '甲市场', lon: IN_A[0], lat: IN_A[1], gridCode: GRID_A, gridUnitId: UNIT_A, district: '测试区' },
    { key: 'compound:c1', type: 'compound', name: '乙小区', pointName: '甲市场', lon: IN_B[0], lat: IN_B[1], gridCode: GRID_B, gridUnitId: UNIT_B, district: '测试区' },
    { key: 'market:f1', type: 'market', name: '甲市场', pointName: '甲市场', lon: IN_A[0] + 0.002, lat: IN_A[1], gridCode: GRID_A, gridUnitId: UNIT_A, district: '另一区' },
  ] as const;
  let drawId: number;
  let earlierId: number;
  let areaAId: number;
  let oldId: number;

  /** pass everything but the listed items (fail) and the na ones */
  const results = (type: string, fail: string[], na: string[] = []) => checklists.placeTypes[type].items.map((itemId) => ({ itemId, result: fail.includes(itemId) ? 'fail' : na.includes(itemId) ? 'na' : 'pass' }));

  async function send(user: string, record: object, photoItems: string[]) {
    const body = await multipart({ record: JSON.stringify(record) }, await Promise.all(photoItems.map(async (field) => ({ field, bytes: await jpeg() }))));
    return app.inject({ method: 'POST', url: '/api/field/inspections', headers: { ...body.headers, cookie: cookies.get(user) ?? '' }, payload: body.payload });
  }

  beforeAll(async () => {
    await saveDraw(db, { cityId: CITY, day, areaUnitId: '', seed: 20261102, places: places.map((p) => ({ ...p })) });
    await saveDraw(db, { cityId: CITY, day: yesterday, areaUnitId: '', seed: 1, places: [{ ...places[0] }] });
    await saveDraw(db, { cityId: CITY, day, areaUnitId: UNIT_A, seed: 2, places: [{ ...places[0] }] });
    await saveDraw(db, { cityId: CITY, day: '2026-01-05', areaUnitId: '', seed: 3, places: [{ ...places[0] }] });
    const idOf = async (d: string, area = '') => (await db.query<{ id: number }>('SELECT id FROM inspection_draws WHERE day = $1::date AND area_unit_id = $2', [d, area])).rows[0].id;
    drawId = await idOf(day);
    earlierId = await idOf(yesterday);
    areaAId = await idOf(day, UNIT_A);
    oldId = await idOf('2026-01-05');
  });

  it('scores each record with the data file weights and opens a dispatched case with a white card per failure', async () => {
    const alley = { clientUuid: randomUUID(), drawId, placeKey: 'alley:s1', recordedAt: new Date().toISOString(), results: results('alley', ['clean_ground', 'no_ads'], ['doorstep_no_outside']) };
    const sent = await send('inspector', alley, ['clean_ground', 'no_ads', 'bins_covered']);
    expect(sent.statusCode, sent.body).toBe(201);
    const receipt = sent.json().record;
    // by hand: applicable = every alley item but the na one; passed = those minus the two failures
    const w = (id: string) => checklists.items[id].weight;
    const applicable = checklists.placeTypes.alley.items.filter((i) => i !== 'doorstep_no_outside');
    const passed = applicable.filter((i) => i !== 'clean_ground' && i !== 'no_ads');
    const expected = Math.round((1000 * passed.reduce((s, i) => s + w(i), 0)) / applicable.reduce((s, i) => s + w(i), 0)) / 10;
    expect(receipt).toMatchObject({ score: expected, passed: passed.length, failed: 2, notApplicable: 1 });
    expect(receipt.caseIds).toHaveLength(2);
    for (const id of receipt.caseIds) {
      const item = (await as('dispatcher', 'GET', `/api/cases/${id}`)).json();
      expect(item.case).toMatchObject({ state: 'dispatched', source: 'inspection', unitId: UNIT_A, gridCode: GRID_A, card: { colour: 'white' } });
      expect(['alley_sanitation']).toContain(item.case.categoryId);
      expect(item.events.map((e: { action: string }) => e.action)).toEqual(['report', 'register', 'dispatch', 'photo']);
      expect(item.photos).toHaveLength(1);
    }
    // a passed item's photo is not kept (nobody would be shown it): only the failures' photos, as the cases' photos
    const kept = (await db.query<{ itemId: string; n: number }>('SELECT item_id AS "itemId", cardinality(photos) AS n FROM inspection_results WHERE record_id = $1 AND cardinality(photos) > 0 ORDER BY item_id', [receipt.recordId])).rows;
    expect(kept).toEqual([{ itemId: 'clean_ground', n: 1 }, { itemId: 'no_ads', n: 1 }]);
    // the unit's handler sees them in its queue
    const handlerQueue = (await as('handler-a', 'GET', '/api/cases?state=dispatched')).json().cases.map((c: { id: number }) => c.id);
    expect(handlerQueue).toEqual(expect.arrayContaining(receipt.caseIds));

    // a resend (the answer was lost): the same answer, no new case
    const cases = (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM cases')).rows[0].n;
    const resent = await send('inspector', alley, ['clean_ground', 'no_ads', 'bins_covered']);
    expect(resent.statusCode).toBe(200);
    expect(resent.json().record).toEqual(receipt);
    expect((await db.query<{ n: number }>('SELECT count(*)::int AS n FROM cases')).rows[0].n).toBe(cases);
    // the same place again under another id is refused
    const twice = await send('inspector', { ...alley, clientUuid: randomUUID() }, ['clean_ground', 'no_ads']);
    expect(twice.statusCode).toBe(409);
  });

  it('refuses incomplete records, failures without photos, places not drawn, and other roles — writing nothing', async () => {
    const base = { drawId, placeKey: 'compound:c1', recordedAt: new Date().toISOString() };
    const before = (await db.query<{ n: number }>('SELECT (SELECT count(*) FROM cases) + (SELECT count(*) FROM inspection_records) AS n')).rows[0].n;
    expect((await send('inspector', { ...base, clientUuid: randomUUID(), results: results('compound', []).slice(1) }, [])).statusCode).toBe(400);
    expect((await send('inspector', { ...base, clientUuid: randomUUID(), results: results('compound', ['ebike_chargers']) }, [])).statusCode).toBe(400);
    expect((await send('inspector', { ...base, placeKey: 'alley:nowhere', clientUuid: randomUUID(), results: results('alley', []) }, [])).statusCode).toBe(400);
    expect((await send('viewer', { ...base, clientUuid: randomUUID(), results: results('compound', []) }, [])).statusCode).toBe(403);
    expect((await send('nobody', { ...base, clientUuid: randomUUID(), results: results('compound', []) }, [])).statusCode).toBe(401);
    expect((await db.query<{ n: number }>('SELECT (SELECT count(*) FROM cases) + (SELECT count(*) FROM inspection_records) AS n')).rows[0].n).toBe(before);
  });

  it('reports the draw: places, items, score per group and district, and the earlier draws', async () => {
    expect((await send('inspector', { clientUuid: randomUUID(), drawId, placeKey: 'compound:c1', recordedAt: new Date().toISOString(), results: results('compound', ['ebike_chargers']) }, ['ebike_chargers'])).statusCode).toBe(201);
    expect((await send('inspector', { clientUuid: randomUUID(), drawId, placeKey: 'market:f1', recordedAt: new Date().toISOString(), results: results('market', [], ['toilet_open']) }, [])).statusCode).toBe(201);
    expect((await send('inspector', { clientUuid: randomUUID(), drawId: earlierId, placeKey: 'alley:s1', recordedAt: new Date().toISOString(), results: results('alley', ['parking_orderly']) }, ['parking_orderly'])).statusCode).toBe(201);

    const report = (await as('inspector', 'GET', `/api/field/draws/${drawId}/report`)).json().report;
    // by hand from the JSON: every item of the three records with its result
    const records = [
      { district: '测试区', type: 'alley', fail: ['clean_ground', 'no_ads'], na: ['doorstep_no_outside'] },
      { district: '测试区', type: 'compound', fail: ['ebike_chargers'], na: [] as string[] },
      { district: '另一区', type: 'market', fail: [] as string[], na: ['toilet_open'] },
    ];
    const sums = new Map<string, { p: number; a: number }>();
    const add = (key: string, weight: number, result: string) => {
      const s = sums.get(key) ?? { p: 0, a: 0 };
      if (result !== 'na') s.a += weight;
      if (result === 'pass') s.p += weight;
      sums.set(key, s);
    };
    for (const r of records) {
      for (const id of checklists.placeTypes[r.type].items) {
        const result = r.fail.includes(id) ? 'fail' : r.na.includes(id) ? 'na' : 'pass';
        for (const key of ['total', `group:${checklists.items[id].group}`, `district:${r.district}`]) add(key, checklists.items[id].weight, result);
      }
    }
    const score = (key: string) => Math.round((1000 * sums.get(key)!.p) / sums.get(key)!.a) / 10;
    expect(report.places).toEqual({ drawn: 3, recorded: 3 });
    expect(report.total.score).toBe(score('total'));
    expect(report.total.failed).toBe(3);
    expect(report.casesOpened).toBe(3);
    for (const g of report.byGroup) expect(g.score, g.key).toBe(score(`group:${g.key}`));
    expect(report.byDistrict.map((d: { key: string; score: number }) => [d.key, d.score])).toEqual([['另一区', score('district:另一区')], ['测试区', score('district:测试区')]].sort((a, b) => String(a[0]).localeCompare(String(b[0]), 'zh')));
    const earlierAlley = checklists.placeTypes.alley.items;
    const earlierScore = Math.round((1000 * earlierAlley.filter((i) => i !== 'parking_orderly').reduce((s, i) => s + checklists.items[i].weight, 0)) / earlierAlley.reduce((s, i) => s + checklists.items[i].weight, 0)) / 10;
    expect(report.earlier).toContainEqual({ drawId: earlierId, day: yesterday, score: earlierScore, recorded: 1 });
    // who reads a draw's report: those who inspect, supervise or dispatch — not a viewer, not an inspector or
    // handler of another area
    expect((await as('dispatcher', 'GET', `/api/field/draws/${drawId}/report`)).statusCode).toBe(200);
    for (const user of ['viewer', 'inspector-b', 'handler-a']) {
      const refused = await as(user, 'GET', `/api/field/draws/${drawId}/report`);
      expect(refused.statusCode, user).toBe(403);
      expect(refused.json().error.zh, user).toBeTruthy();
    }
    expect((await as('handler-a', 'GET', `/api/field/draws/${areaAId}/report`)).statusCode).toBe(200);
    expect((await as('inspector-b', 'GET', `/api/field/draws/${areaAId}/report`)).statusCode).toBe(403);
  });

  it('takes records only into the inspector’s own area’s draw of today or yesterday — writing nothing otherwise', async () => {
    const before = (await db.query<{ n: number }>('SELECT (SELECT count(*) FROM cases) + (SELECT count(*) FROM inspection_records) AS n')).rows[0].n;
    const record = (draw: number) => ({ clientUuid: randomUUID(), drawId: draw, placeKey: 'alley:s1', recordedAt: new Date().toISOString(), results: results('alley', ['clean_ground']) });
    const intoA = await send('inspector-b', record(areaAId), ['clean_ground']);
    expect(intoA.statusCode, intoA.body).toBe(403);
    expect(intoA.json().error.en).toMatch(/area/);
    // an inspector of a unit does not record into the whole city's draw either
    expect((await send('inspector-b', record(drawId), ['clean_ground'])).statusCode).toBe(403);
    // the draw of an earlier day is closed, for every role
    const old = await send('supervisor', record(oldId), ['clean_ground']);
    expect(old.statusCode, old.body).toBe(409);
    expect(old.json().error.zh).toContain('2026-01-05');
    // a record queued under another user on a shared phone
    const inspectorId = (await db.query<{ id: number }>("SELECT id FROM users WHERE username = 'supervisor'")).rows[0].id;
    const foreign = await send('inspector', { ...record(earlierId), inspectorId }, ['clean_ground']);
    expect(foreign.statusCode, foreign.body).toBe(403);
    expect(foreign.json().error.zh).toContain('另一位检查员');
    expect((await db.query<{ n: number }>('SELECT (SELECT count(*) FROM cases) + (SELECT count(*) FROM inspection_records) AS n')).rows[0].n).toBe(before);
    // a supervisor may record into any area's draw of today
    expect((await send('supervisor', record(areaAId), ['clean_ground'])).statusCode).toBe(201);
  });

  it('refuses malformed records with 400, never 500', async () => {
    const good = { clientUuid: randomUUID(), drawId, placeKey: 'compound:c1', recordedAt: new Date().toISOString(), results: results('compound', []) };
    const raw = async (record: string) => {
      const body = await multipart({ record }, []);
      return app.inject({ method: 'POST', url: '/api/field/inspections', headers: { ...body.headers, cookie: cookies.get('inspector') ?? '' }, payload: body.payload });
    };
    for (const record of ['null', '[]', '7', '"x"']) expect((await raw(record)).statusCode, record).toBe(400);
    for (const recordedAt of ['1', '2026-02-30T10:00:00Z', '2026-11-30T25:00:00Z', '2026-11-30', '2026-11-30T10:00:00+99:00']) {
      const sent = await send('inspector', { ...good, clientUuid: randomUUID(), recordedAt }, []);
      expect(sent.statusCode, recordedAt).toBe(400);
      expect(sent.json().error.en).toContain('recordedAt');
    }
  });
});

describe('the day’s draw', () => {
  it('is the atlas’s seeded mock-inspection draw with the day as seed: one point per six-surroundings category with all its alleys and compounds, stored once, narrowed to an area', async () => {
    const content = generateDemoCity({ seed: 7, sizeKm: 3 });
    const layers: CityLayers = { ...content.layers, grids: { type: 'FeatureCollection', features: buildGrids(content, { cityName: '抽查' }).grids } };
    const manifest = { id: 'drawcity', name: { zh: '抽查市', en: 'Draw city' }, synthetic: true, dataDate: '2026-11-01', bbox: content.bbox } as unknown as CityManifest;
    await loadGrids(db, manifest, layers);
    const bundleOf = (id: string) => (id === 'drawcity' ? { manifest, layers } : null);

    const draw = await todaysDraw(db, bundleOf, 'drawcity', null, '2026-11-05');
    // the reference: the atlas's draw for seed 20261105, computed here on its own
    const mock = new CityAnalysis({ id: 'drawcity', name: manifest.name, synthetic: true, dataDate: '2026-11-01' }, layers, content.bbox).mockInspection(DEFAULT_PARAMS, { seed: 20261105, alleys: DEFAULT_PICKS, compounds: DEFAULT_PICKS });
    const keys = new Set(draw.places.map((p) => p.key));
    const pointPlaces = draw.places.filter((p) => p.type !== 'alley' && p.type !== 'compound');
    for (const category of SIX_SURROUNDINGS) {
      expect(pointPlaces.filter((p) => p.type === category), category).toHaveLength(Math.min(1, mock.points.filter((p) => p.category === category).length));
    }
    expect(pointPlaces.length).toBeGreaterThan(0);
    const expected = new Set<string>();
    for (const place of pointPlaces) {
      const point = mock.points.find((p) => `${p.category}:${p.facilityId}` === place.key)!;
      expect(point, place.key).toBeDefined();
      expected.add(place.key);
      for (const a of point.alleys) expected.add(`alley:${a.id}`);
      for (const c of point.compounds) expected.add(`compound:${c.id}`);
    }
    expect([...keys].sort()).toEqual([...expected].sort());
    // stored: the same day gives the same draw
    expect((await todaysDraw(db, bundleOf, 'drawcity', null, '2026-11-05')).id).toBe(draw.id);

    // an inspector of one community: only points in that community's grids
    const unit = pointPlaces.find((p) => p.gridUnitId)!.gridUnitId!;
    const area = await todaysDraw(db, bundleOf, 'drawcity', unit, '2026-11-05');
    expect(area.id).not.toBe(draw.id);
    const areaPoints = area.places.filter((p) => p.type !== 'alley' && p.type !== 'compound');
    expect(areaPoints.length).toBeGreaterThan(0);
    for (const p of areaPoints) expect(p.gridUnitId).toBe(unit);
  }, 120_000);

  it('is for inspectors: others are refused', async () => {
    expect((await as('viewer', 'GET', '/api/field/draw?cityId=drawcity')).statusCode).toBe(403);
    expect((await app.inject({ method: 'GET', url: '/api/field/draw?cityId=drawcity' })).statusCode).toBe(401);
    // this server was built without city bundles: an unknown city is a 404 with a sentence
    const unknown = await as('inspector', 'GET', '/api/field/draw?cityId=nowhere');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.zh).toContain('nowhere');
  });
});

describe('rate-limit counts', () => {
  it('are pruned for every key once older than the longest window', async () => {
    await db.query("INSERT INTO field_rate_hits (key, at) VALUES ('device:gone-away-1', now() - interval '2 days'), ('device:recent-1', now())");
    expect(await pruneRateHits(db)).toBeGreaterThanOrEqual(1);
    const keys = (await db.query<{ key: string }>("SELECT key FROM field_rate_hits WHERE key IN ('device:gone-away-1', 'device:recent-1')")).rows.map((r) => r.key);
    expect(keys).toEqual(['device:recent-1']);
  });
});

describe('behind a reverse proxy', () => {
  it('reads TRUST_PROXY as a hop count or proxy addresses, never as “trust every entry”', () => {
    expect(parseTrustProxy(undefined)).toBe(false);
    expect(parseTrustProxy('0')).toBe(false);
    expect(parseTrustProxy('1')).toBe(1);
    expect(parseTrustProxy('10.0.0.5, 10.0.1.0/24')).toEqual(['10.0.0.5', '10.0.1.0/24']);
    expect(() => parseTrustProxy('true')).toThrow(/TRUST_PROXY/);
  });

  it('with one trusted hop, counts the address the proxy saw, not a forged left-most entry', async () => {
    const proxied = await buildServer({ db, photoDir: mkdtempSync(join(tmpdir(), 'cc-field-photos-')), trustProxy: 1 });
    const codes: string[] = [];
    for (let i = 0; i < 3; i++) {
      const body = await multipart({ cityId: CITY, categoryId: 'toilet_dirty', description: '', lon: String(IN_B[0]), lat: String(IN_B[1] + 0.003), locatedBy: 'gps', clientUuid: randomUUID(), deviceId: `device-forged-${i}x` }, [{ field: 'photo', bytes: await jpeg() }]);
      const sent = await proxied.inject({ method: 'POST', url: '/api/field/reports', remoteAddress: '10.0.7.7', ...body, headers: { ...body.headers, 'x-forwarded-for': `6.6.6.${i}, 192.168.8.8` } });
      expect(sent.statusCode, sent.body).toBe(201);
      codes.push(sent.json().report.trackingCode);
    }
    await proxied.close();
    const addresses = (await db.query<{ address: string }>('SELECT address FROM field_reports WHERE tracking_code = ANY($1::text[])', [codes])).rows.map((r) => r.address);
    expect(addresses).toEqual(['192.168.8.8', '192.168.8.8', '192.168.8.8']);
  });

  it('counts each citizen’s forwarded address, not the proxy’s, when told to trust it', async () => {
    const proxied = await buildServer({ db, photoDir: mkdtempSync(join(tmpdir(), 'cc-field-photos-')), trustProxy: 1 });
    const statuses: number[] = [];
    for (let i = 0; i < 35; i++) {
      const body = await multipart({ cityId: CITY, categoryId: 'toilet_dirty', description: '', lon: String(IN_A[0]), lat: String(IN_A[1] + 0.003), locatedBy: 'gps', clientUuid: randomUUID(), deviceId: `device-proxied-${i}x` }, [{ field: 'photo', bytes: await jpeg() }]);
      statuses.push((await proxied.inject({ method: 'POST', url: '/api/field/reports', remoteAddress: '10.0.7.7', ...body, headers: { ...body.headers, 'x-forwarded-for': `192.168.7.${i}` } })).statusCode);
    }
    await proxied.close();
    expect(statuses.filter((s) => s === 429)).toEqual([]);
  }, 60_000);
});

describe('resends at once', () => {
  it('file one report and one record whatever arrives twice together', async () => {
    const uuid = randomUUID();
    const spot = east(IN_B, 400);
    const photo = await jpeg();
    const both = await Promise.all([0, 1].map(() => report({ lon: spot[0], lat: spot[1] - 0.004, clientUuid: uuid, deviceId: 'device-twice', categoryId: 'surroundings_community' }, '10.0.9.9', photo)));
    expect(both.map((r) => r.statusCode).sort()).toEqual([200, 201]);
    expect(both[0].json().report).toEqual(both[1].json().report);
  });
});
