/**
 * The campaign server through its HTTP API, on PGlite (npm test) and on a real PostgreSQL + PostGIS
 * (npm run test:server:pg: scripts/with-postgres.sh sets TEST_DATABASE_URL). One database per file, seeded by the harness.
 */
import type { FastifyInstance } from 'fastify';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkTransition, isRefusal, replayStates, TRANSITIONS, type CaseAction, type CaseState } from '../../src/domain/case_flow';
import { buildServer } from '../app';
import { generateDemoCity } from '../../scripts/city/demo/demo_city';
import { buildGrids } from '../../scripts/city/build_grids';
import { CityAnalysis, DEFAULT_PARAMS } from '../../src/analysis/city_analysis';
import type { CityLayers } from '../../src/domain/city_bundle';
import { loadGrids } from '../db/load_grids';
import { saveRevision } from '../history/ledger_revisions';
import { endOfDay, freezeMilestone, snapshotAnalysis, snapshotSeries, takeSnapshot } from '../history/snapshots';
import { createApiKey } from '../open311';
import { weekLedger } from '../cases/case_ledger';
import { earnsRedFlag, isoWeekOf } from '../cases/weekly_ranking';
import { tablesXlsx } from '../../src/io/xlsx_export';
import { readLedgerTable } from '../../src/ledger/read_table';
import { escalateDueCards } from '../cases/card_escalation';
import type { Database } from '../db/database';
import { migrate } from '../db/migrate';
import { CITY, GRID_A, GRID_B, IN_A, IN_B, openTestDatabase, PASSWORD, seed, UNIT_A, UNIT_B, USERS, type TestDatabase } from './harness';

let test: TestDatabase;
let db: Database;
let app: FastifyInstance;
const cookies = new Map<string, string>();

interface CaseJson { id: number; lon: number; lat: number; state: CaseState; version: number; unitId: string | null; gridCode: string; gridUnitId: string; reworkCount: number; card: { colour: string; deadline: string } | null }

async function login(username: string, password = PASSWORD) {
  return app.inject({ method: 'POST', url: '/api/login', payload: { username, password } });
}

async function as(username: string, method: 'GET' | 'POST', url: string, payload?: unknown) {
  return app.inject({ method, url, ...(payload === undefined ? {} : { payload: payload as object }), headers: { cookie: cookies.get(username) ?? '' } });
}

let serial = 0;
/** the n-th spot of a 15 × 15 lattice, 60–70 m apart, inside grid A: no two cases are duplicates */
const spot = (n: number): [number, number] => [118.7803 + (n % 15) * 0.00065, 32.0403 + Math.floor(n / 15) * 0.00065];

/** a new case reported by the dispatcher, at its own spot in grid A unless told */
async function newCase(at?: [number, number]): Promise<CaseJson> {
  const [lon, lat] = at ?? spot(serial++);
  const response = await as('dispatcher', 'POST', '/api/cases', { cityId: CITY, categoryId: 'toilet_dirty', title: `测试案件 ${serial}`, lon, lat, source: 'inspection' });
  expect(response.statusCode, response.body).toBe(201);
  return response.json().case;
}

async function act(username: string, item: CaseJson, action: CaseAction, extra: Record<string, unknown> = {}) {
  return as(username, 'POST', `/api/cases/${item.id}/actions`, { action, version: item.version, note: '测试说明', ...extra });
}

/** a case driven by the office to a state, dispatched to unit A where the path goes through dispatch */
async function caseIn(state: CaseState): Promise<CaseJson> {
  const paths: Record<CaseState, CaseAction[]> = {
    reported: [],
    registered: ['register'],
    voided: ['void'],
    dispatched: ['register', 'dispatch'],
    checking: ['register', 'dispatch', 'submit'],
    closed: ['register', 'dispatch', 'submit', 'pass'],
    archived: ['register', 'dispatch', 'submit', 'pass', 'archive'],
  };
  let item = await newCase();
  for (const action of paths[state]) {
    const who = action === 'submit' ? 'handler-a' : 'admin';
    const response = await act(who, item, action, { voidReason: 'invalid', unitId: UNIT_A });
    expect(response.statusCode, response.body).toBe(200);
    item = response.json().case;
  }
  return item;
}

beforeAll(async () => {
  test = await openTestDatabase();
  db = test.db;
  await seed(db);
  app = await buildServer({ db, photoDir: mkdtempSync(join(tmpdir(), 'cc-photos-')) });
  for (const u of USERS) {
    const response = await login(u.username);
    expect(response.statusCode, response.body).toBe(200);
    cookies.set(u.username, `cc_session=${response.cookies.find((c) => c.name === 'cc_session')!.value}`);
  }
}, 120_000);

afterAll(async () => {
  await app?.close();
  await test?.drop();
});

describe('schema and migrations', () => {
  it('applies each migration once, however often it runs', async () => {
    expect(await migrate(db)).toEqual([]);
    const { rows } = await db.query<{ file: string }>('SELECT file FROM schema_migrations');
    expect(rows.map((r) => r.file)).toContain('001_init.sql');
  });

  it('keeps the event log append-only: UPDATE, DELETE and TRUNCATE are refused', async () => {
    const item = await newCase();
    for (const sql of [`UPDATE events SET note = 'x' WHERE case_id = ${item.id}`, `DELETE FROM events WHERE case_id = ${item.id}`, 'TRUNCATE events CASCADE']) {
      await expect(db.query(sql)).rejects.toThrow(/append-only/);
    }
    expect((await db.query(`SELECT id FROM events WHERE case_id = ${item.id}`)).rows).toHaveLength(1);
  });
});

describe('sign-in', () => {
  it('sets an HttpOnly, SameSite=Strict session cookie and never stores the token itself', async () => {
    const response = await login('viewer');
    const cookie = response.cookies.find((c) => c.name === 'cc_session')!;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
    const stored = (await db.query<{ token_sha256: string }>('SELECT token_sha256 FROM sessions')).rows.map((r) => r.token_sha256);
    expect(stored).not.toContain(cookie.value);
    expect(stored.every((h) => /^[0-9a-f]{64}$/.test(h))).toBe(true);
    const stolen = await db.query<{ password_hash: string }>("SELECT password_hash FROM users WHERE username = 'viewer'");
    expect(stolen.rows[0].password_hash).toMatch(/^\$argon2id\$/);
  });

  it('answers a wrong password with 401 and a sentence, and refuses further tries after five failures', async () => {
    const wrong = await login('inspector', 'not the password');
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().error.en).toBe('the user name or password is wrong');
    for (let i = 0; i < 4; i++) expect((await login('inspector', 'still wrong')).statusCode).toBe(401);
    const limited = await login('inspector');
    expect(limited.statusCode).toBe(429);
    expect(limited.json().error.zh).toContain('登录失败次数过多');
  });

  it('asks for sign-in on every case route', async () => {
    for (const [method, url] of [['GET', '/api/cases'], ['GET', '/api/cases/1'], ['POST', '/api/cases/1/actions'], ['GET', '/api/me'], ['POST', '/api/cards/tick']] as const) {
      const response = await app.inject({ method, url, ...(method === 'POST' ? { payload: { action: 'register', version: 1 } } : {}) });
      expect({ url, status: response.statusCode }).toEqual({ url, status: 401 });
    }
  });
});

describe('the case loop', () => {
  it('takes a case from 上报 to 销账 with its grid’s unit, a white card, a rework, and one event per step', async () => {
    let item = await newCase();
    expect(item).toMatchObject({ state: 'reported', gridCode: GRID_A, gridUnitId: UNIT_A });
    const steps: [string, CaseAction, Record<string, unknown>?][] = [
      ['dispatcher', 'register'],
      ['dispatcher', 'dispatch'],
      ['handler-a', 'submit'],
      ['inspector', 'fail'],
      ['handler-a', 'submit'],
      ['inspector', 'pass'],
      ['supervisor', 'archive'],
    ];
    for (const [who, action, extra] of steps) {
      const response = await act(who, item, action, extra);
      expect({ action, status: response.statusCode, body: response.statusCode === 200 ? '' : response.body }).toEqual({ action, status: 200, body: '' });
      item = response.json().case;
      if (action === 'register') expect(item.card?.colour).toBe('white');
      if (action === 'dispatch') expect(item.unitId).toBe(UNIT_A);
    }
    expect(item).toMatchObject({ state: 'archived', reworkCount: 1, card: null });
    const { events } = (await as('viewer', 'GET', `/api/cases/${item.id}`)).json();
    const actions = events.map((e: { action: CaseAction }) => e.action);
    expect(actions).toEqual(['report', ...steps.map((s) => s[1])]);
    expect(replayStates(actions)).toEqual(events.map((e: { to: CaseState }) => e.to));
  });

  it('places a case on the edge between two grids (a street: grids are bounded by streets) in the first by code, not in none', async () => {
    // grid A ends and grid B begins at longitude 118.79 (harness.ts); another category than the lattice's cases
    const response = await as('dispatcher', 'POST', '/api/cases', { cityId: CITY, categoryId: 'parking_disorder', title: '网格边界上的案件', lon: 118.79, lat: 32.0449, source: 'inspection' });
    expect(response.statusCode, response.body).toBe(201);
    expect([GRID_A, GRID_B].sort()[0]).toBe(GRID_A);
    expect(response.json().case).toMatchObject({ gridCode: GRID_A, gridUnitId: UNIT_A });
  });

  it('lets a handler see and act on its own unit’s cases only', async () => {
    const item = await caseIn('dispatched');
    expect((await as('handler-b', 'GET', `/api/cases/${item.id}`)).statusCode).toBe(404);
    expect((await act('handler-b', item, 'submit')).statusCode).toBe(404);
    const list = (await as('handler-b', 'GET', '/api/cases')).json().cases as CaseJson[];
    expect(list.every((c) => c.unitId === UNIT_B || c.gridUnitId === UNIT_B)).toBe(true);
    expect((await act('handler-a', item, 'return')).statusCode).toBe(200);
  });

  it('answers every role × action × own/other unit as the transition table says: 200, 403 or 409', async () => {
    const results: string[] = [];
    for (const transition of TRANSITIONS.filter((t) => t.from !== null)) {
      for (const user of USERS) {
        // own unit: a case dispatched to the user's unit (unit A for those without one); other: to unit B
        for (const own of [true, false]) {
          if (!own && user.unitId === null) continue;
          const item = await caseIn(transition.from!);
          const target = own ? (user.unitId ?? UNIT_A) : UNIT_A === user.unitId ? UNIT_B : UNIT_A;
          // the case lies in the target unit's grid, and is dispatched to it where the path went through dispatch
          await db.query('UPDATE cases SET grid_unit_id = $2, unit_id = CASE WHEN unit_id IS NULL THEN NULL ELSE $2 END WHERE id = $1', [item.id, target]);
          const expected = checkTransition(transition.action, { state: item.state, unitId: item.unitId === null ? null : target }, user);
          const response = await act(user.username, item, transition.action, { voidReason: 'duplicate', unitId: UNIT_A, deadline: new Date(Date.now() + 30 * 86_400_000).toISOString() });
          // a handler does not see another unit's case at all: 404 rather than 403
          const want = user.role === 'handler' && target !== user.unitId ? 404 : isRefusal(expected) ? expected.status : 200;
          results.push(`${transition.action} ${user.username} ${own ? 'own' : 'other'}: ${response.statusCode === want ? 'ok' : `got ${response.statusCode}, want ${want}: ${response.body}`}`);
        }
      }
    }
    expect(results.filter((r) => !r.endsWith(': ok'))).toEqual([]);
    expect(results.length).toBeGreaterThan(60);
  }, 120_000);

  it('refuses a step from a state the table does not allow with 409, and changes nothing', async () => {
    const item = await caseIn('reported');
    const response = await act('admin', item, 'pass');
    expect(response.statusCode).toBe(409);
    expect(response.json().error.en).toContain('cannot be given');
    expect((await as('admin', 'GET', `/api/cases/${item.id}`)).json().events).toHaveLength(1);
  });

  it('lets only one of two simultaneous steps on the same version through', async () => {
    const item = await caseIn('reported');
    const [a, b] = await Promise.all([act('dispatcher', item, 'register'), act('supervisor', item, 'register')]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    const { events, case: after } = (await as('admin', 'GET', `/api/cases/${item.id}`)).json();
    expect(events.map((e: { action: string }) => e.action)).toEqual(['report', 'register']);
    expect(after.version).toBe(2);
  });
});

describe('bad input', () => {
  it('answers bad JSON, unknown actions, missing notes and points outside the city with a 4xx and a sentence', async () => {
    const item = await caseIn('dispatched');
    const cases: [string, Awaited<ReturnType<typeof as>>, number][] = [
      ['bad JSON', await app.inject({ method: 'POST', url: '/api/cases', headers: { cookie: cookies.get('admin')!, 'content-type': 'application/json' }, payload: '{"cityId": ' }), 400],
      ['unknown action', await as('admin', 'POST', `/api/cases/${item.id}/actions`, { action: 'teleport', version: item.version }), 400],
      ['missing note', await as('handler-a', 'POST', `/api/cases/${item.id}/actions`, { action: 'submit', version: item.version }), 400],
      ['no such case', await as('admin', 'POST', '/api/cases/999999/actions', { action: 'register', version: 1 }), 404],
      ['outside the city', await as('admin', 'POST', '/api/cases', { cityId: CITY, categoryId: 'toilet_dirty', title: 'x', lon: 121.47, lat: 31.23, source: 'inspection' }), 422],
      ['unknown category', await as('admin', 'POST', '/api/cases', { cityId: CITY, categoryId: 'ufo', title: 'x', lon: IN_B[0], lat: IN_B[1], source: 'inspection' }), 422],
      ['latitude out of range', await as('admin', 'POST', '/api/cases', { cityId: CITY, categoryId: 'toilet_dirty', title: 'x', lon: 118, lat: 132, source: 'inspection' }), 400],
      ['extension in the past', await act('supervisor', item, 'extend', { deadline: '2001-01-01T00:00:00Z' }), 400],
      ['viewer files a case', await as('viewer', 'POST', '/api/cases', { cityId: CITY, categoryId: 'toilet_dirty', title: 'x', lon: IN_B[0], lat: IN_B[1], source: 'inspection' }), 403],
    ];
    for (const [what, response, status] of cases) {
      expect({ what, status: response.statusCode }).toEqual({ what, status });
      const body = response.json();
      expect(typeof body.error.zh === 'string' && typeof body.error.en === 'string' && body.error.en.length > 5).toBe(true);
    }
    // nothing was half-written: the dispatched case is as it was
    expect((await as('admin', 'GET', `/api/cases/${item.id}`)).json().case.version).toBe(item.version);
  });

  it('stores names and notes as text, markup and all', async () => {
    const item = await caseIn('dispatched');
    const note = '<img src=x onerror=alert(1)> 已处理；"quotes" \'and\' --';
    const response = await act('handler-a', item, 'submit', { note });
    expect(response.statusCode).toBe(200);
    const { events } = (await as('admin', 'GET', `/api/cases/${item.id}`)).json();
    expect(events.at(-1).note).toBe(note);
  });
});

describe('cases raised from the atlas', () => {
  it('keep the figures that raised them, and are refused without them', async () => {
    const [lon, lat] = spot(223);
    const analysis = { rule: '公厕服务距离 500 米（直线）', dataDate: '2026-01-01', distanceM: 812.5, thresholdM: 500, figures: { streetId: 's42', gapM: 312.5 } };
    const body = { cityId: CITY, categoryId: 'toilet_gap', title: '中山路公厕缺口 312 米', lon, lat, source: 'atlas_gap_street' };
    const refused = await as('dispatcher', 'POST', '/api/cases', body);
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.en).toContain('needs its analysis');
    expect((await as('dispatcher', 'POST', '/api/cases', { ...body, analysis: { ...analysis, dataDate: 'yesterday' } })).statusCode).toBe(400);
    const created = await as('dispatcher', 'POST', '/api/cases', { ...body, analysis });
    expect(created.statusCode, created.body).toBe(201);
    const { case: item } = (await as('handler-a', 'GET', `/api/cases/${created.json().case.id}`)).json();
    expect(item.analysis).toEqual(analysis);
    expect(item.source).toBe('atlas_gap_street');
  });

  it('documents every route in the OpenAPI document', async () => {
    const doc = (await app.inject({ method: 'GET', url: '/api/docs' })).json();
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/cases', '/api/cases/{id}/actions', '/api/rankings', '/api/events']));
    expect(doc.paths['/api/cases'].post.responses['409']).toBeDefined();
  });
});

describe('duplicates', () => {
  it('offers an open case of the same category within 50 m instead of filing a second, unless confirmed', async () => {
    const first = await newCase(IN_B);
    const near = { cityId: CITY, categoryId: 'toilet_dirty', title: '重复？', lon: first.lon + 0.0003, lat: first.lat, source: 'inspection' } as Record<string, unknown> & { lon: number };
    const offered = await as('dispatcher', 'POST', '/api/cases', near);
    expect(offered.statusCode).toBe(409);
    expect(offered.json().details.duplicates[0]).toMatchObject({ id: first.id });
    expect(offered.json().details.duplicates[0].distanceM).toBeCloseTo(0.0003 * 111_195 * Math.cos((first.lat * Math.PI) / 180), -0.5);
    expect((await as('dispatcher', 'POST', '/api/cases', { ...near, notDuplicate: true })).statusCode).toBe(201);
    // another category at the same spot is no duplicate
    expect((await as('dispatcher', 'POST', '/api/cases', { ...near, categoryId: 'parking_disorder' })).statusCode).toBe(201);
  });

  it('files one case for one client uuid, however often it is sent', async () => {
    const body = { cityId: CITY, categoryId: 'alley_sanitation', title: '离线提交', lon: IN_A[0] - 0.004, lat: IN_A[1] - 0.004, source: 'inspection', clientUuid: '6f1c2a8e-3b7d-4c9e-9a1f-2d3e4f5a6b7c' };
    const first = await as('inspector', 'POST', '/api/cases', body);
    const again = await as('inspector', 'POST', '/api/cases', body);
    expect([first.statusCode, again.statusCode]).toEqual([201, 200]);
    expect(again.json().case.id).toBe(first.json().case.id);
  });
});

describe('supervision cards', () => {
  it('escalates a lapsed white card to yellow, then red, each exactly once even when ticks run together', async () => {
    const item = await caseIn('dispatched');
    // the white card of toilet_dirty runs 24 h: look 25 h ahead, with two ticks at once
    const later = Date.now() + 25 * 3_600_000;
    const runs = await Promise.all([escalateDueCards(db, later), escalateDueCards(db, later)]);
    const cards = async () => (await db.query<{ colour: string; active: boolean }>('SELECT colour, active FROM cards WHERE case_id = $1 ORDER BY id', [item.id])).rows;
    expect(await cards()).toEqual([{ colour: 'white', active: false }, { colour: 'yellow', active: true }]);
    expect(runs.reduce((n, r) => n + r.escalated, 0)).toBeGreaterThanOrEqual(1);
    await escalateDueCards(db, later + 13 * 3_600_000);
    await escalateDueCards(db, later + 13 * 3_600_000);
    expect((await cards()).map((c) => c.colour)).toEqual(['white', 'yellow', 'red']);
    const escalations = (await as('admin', 'GET', `/api/cases/${item.id}`)).json().events.filter((e: { action: string }) => e.action === 'escalate');
    expect(escalations.map((e: { data: { to: string } }) => e.data.to)).toEqual(['yellow', 'red']);
  });

  it('does not escalate a case whose fix is being checked', async () => {
    const item = await caseIn('checking');
    await escalateDueCards(db, Date.now() + 1000 * 3_600_000);
    expect((await db.query('SELECT colour FROM cards WHERE case_id = $1', [item.id])).rows).toEqual([{ colour: 'white' }]);
  });
});

describe('the weekly ranking', () => {
  it('ranks the unit that closed on time above the one that let its card lapse, with red and black flags', async () => {
    // a fresh pair in the current week: unit A closes its case before the card lapses; unit B's card is past due
    const closedByA = await caseIn('closed');
    const owedByB = await caseIn('dispatched');
    await db.query('UPDATE cases SET unit_id = $2, grid_unit_id = $2 WHERE id = $1', [owedByB.id, UNIT_B]);
    await db.query("UPDATE cards SET deadline = now() - interval '1 hour' WHERE case_id = $1 AND active", [owedByB.id]);
    const ranking = (await as('viewer', 'GET', '/api/rankings')).json();
    const a = ranking.rows.find((r: { unitId: string }) => r.unitId === UNIT_A);
    const b = ranking.rows.find((r: { unitId: string }) => r.unitId === UNIT_B);
    expect(a.closedOnTime).toBeGreaterThanOrEqual(1);
    expect(b.overdue).toBeGreaterThanOrEqual(1);
    expect(a.rank).toBeLessThan(b.rank);
    // flags only when earned: unit A may carry red cards from the escalation tests above
    expect(a.flag).toBe(earnsRedFlag(a) ? 'red' : null);
    expect(b.flag).toBe('black');
    expect(closedByA.state).toBe('closed');
    const districts = (await as('viewer', 'GET', '/api/rankings?level=district')).json();
    expect(districts.rows.map((r: { kind: string }) => r.kind)).toEqual(['district']);
    expect(districts.rows[0].cases).toBe(ranking.rows.reduce((n: number, r: { cases: number }) => n + r.cases, 0));
    expect((await as('viewer', 'GET', '/api/rankings?week=2026-47')).statusCode).toBe(400);
  });
});

describe('photos', () => {
  /** a JPEG with EXIF GPS at (lon, lat), as a phone writes it (degrees, minutes, seconds) */
  const photo = async (lon: number, lat: number, shade: string) => {
    const dms = (v: number) => `${Math.floor(v)}/1 ${Math.floor((v % 1) * 60)}/1 ${Math.round(((v * 60) % 1) * 60 * 1000)}/1000`;
    return sharp({ create: { width: 640, height: 480, channels: 3, background: shade } })
      .jpeg()
      .withExif({ IFD2: { DateTimeOriginal: '2026:11:20 10:11:12' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: dms(lat), GPSLongitudeRef: 'E', GPSLongitude: dms(lon) } })
      .toBuffer();
  };
  const upload = (username: string, caseId: number, bytes: Buffer, kind = 'after', filename = 'after.jpg') => {
    const boundary = 'cc-boundary';
    const body = Buffer.concat([Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: image/jpeg\r\n\r\n`), bytes, Buffer.from(`\r\n--${boundary}--\r\n`)]);
    return app.inject({ method: 'POST', url: `/api/cases/${caseId}/photos?kind=${kind}`, headers: { cookie: cookies.get(username)!, 'content-type': `multipart/form-data; boundary=${boundary}` }, payload: body });
  };

  it('stores a photo by content, reads its EXIF GPS and time, and flags one taken 2 km away', async () => {
    const item = await caseIn('dispatched');
    const near = await upload('handler-a', item.id, await photo(item.lon, item.lat, '#6a6'));
    expect(near.statusCode, near.body).toBe(201);
    expect(near.json().photo).toMatchObject({ kind: 'after', format: 'jpeg', width: 640, height: 480, takenLocal: '2026:11:20 10:11:12', farFromCase: false });
    expect(near.json().photo.distanceM).toBeLessThan(5);
    const far = await upload('inspector', item.id, await photo(item.lon + 0.021, item.lat, '#a66'), 'evidence');
    expect(far.json().photo.farFromCase).toBe(true);
    expect(far.json().photo.distanceM).toBeGreaterThan(1900);
    const { photos, events } = (await as('admin', 'GET', `/api/cases/${item.id}`)).json();
    expect(photos.map((p: { kind: string }) => p.kind)).toEqual(['after', 'evidence']);
    expect(events.filter((e: { action: string }) => e.action === 'photo')).toHaveLength(2);
    const thumb = await as('handler-a', 'GET', `/api/photos/${near.json().photo.sha256}?thumb=1`);
    expect(thumb.headers['content-type']).toBe('image/jpeg');
    expect((await sharp(thumb.rawPayload).metadata()).width).toBe(320);
    expect((await as('handler-b', 'GET', `/api/photos/${near.json().photo.sha256}`)).statusCode).toBe(404);
  });

  it('refuses what is not an image, a second copy, a viewer and another unit, with a sentence each', async () => {
    const item = await caseIn('dispatched');
    const image = await photo(item.lon, item.lat, '#66a');
    const refusals: [string, Awaited<ReturnType<typeof upload>>, number][] = [
      ['text named .jpg', await upload('handler-a', item.id, Buffer.from('not an image at all')), 415],
      ['viewer', await upload('viewer', item.id, image), 403],
      ['other unit', await upload('handler-b', item.id, image), 404],
      ['bad kind', await upload('handler-a', item.id, image, 'selfie'), 400],
    ];
    expect((await upload('handler-a', item.id, image)).statusCode).toBe(201);
    refusals.push(['the same photo again', await upload('handler-a', item.id, image), 409]);
    for (const [what, response, status] of refusals) {
      expect({ what, status: response.statusCode }).toEqual({ what, status });
      expect(response.json().error.en.length).toBeGreaterThan(5);
    }
  });
});

describe('the case ledger export', () => {
  it('lists every case open this week with Chinese headers and its ledger stage, readable as XLSX', async () => {
    const table = await weekLedger(db, isoWeekOf(Date.now()));
    const [{ n }] = (await db.query<{ n: number }>("SELECT count(*)::int AS n FROM cases WHERE closed_at IS NULL OR closed_at > now() - interval '1 day'")).rows;
    expect(table.rows.length).toBe(n);
    expect(table.headers.slice(0, 5)).toEqual(['案件编号', '问题类别', '标题', '状态', '台账阶段']);
    const archived = table.rows.find((r) => r[3] === '已销账');
    expect(archived?.[4]).toBe('销账');
    const read = await readLedgerTable('ledger.xlsx', await tablesXlsx([table]));
    expect(read.rows.length).toBe(table.rows.length);
    expect(read.headers[12]).toBe('经度（WGS-84）');
  });
});

describe('the campaign over time', () => {
  it('stores 30 daily snapshots that each equal a fresh analysis of that day, ledger revisions and cases included', async () => {
    // a 3 km demo city with its grids; over 30 days two toilets are added every fifth day and cases come and go
    const content = generateDemoCity({ seed: 11, sizeKm: 3 });
    const bundle: CityLayers = { ...content.layers, grids: { type: 'FeatureCollection', features: buildGrids(content, { cityName: '历史' }).grids } };
    const manifest = { id: 'histcity', name: { zh: '历史市', en: 'History city' }, synthetic: true, dataDate: '2026-10-01', bbox: content.bbox };
    await loadGrids(db, manifest, bundle);
    const days = Array.from({ length: 30 }, (_, i) => `2026-10-${String(i + 1).padStart(2, '0')}`);
    const [w, south, e, n] = content.bbox;
    const added: { day: string; feature: CityLayers['facilities']['features'][number] }[] = [];
    for (const [i, day] of days.entries()) {
      if (i % 5 !== 2) continue;
      const features = [0, 1].map((k) => ({ type: 'Feature' as const, geometry: { type: 'Point' as const, coordinates: [w + (e - w) * ((i * 7 + k * 3) % 10 + 0.5) / 10, south + (n - south) * ((i * 3 + k * 7) % 10 + 0.5) / 10] }, properties: { id: `rev-${i}-${k}`, category: 'toilet' as const, name: `新建公厕 ${i}-${k}`, source: 'ledger', access: 'public' as const } }));
      await saveRevision(db, null, manifest.id, { fileName: `公厕台账-${day}.csv`, crs: 'wgs84', mode: 'merge', rowsRead: 2, accepted: features, rejected: [] }, day);
      added.push(...features.map((feature) => ({ day, feature })));
    }
    // cases: one opened at noon every other day in a grid, closed three days later; every third one's card lapsed
    const grids = bundle.grids!.features;
    const cases: { opened: number; closed: number | null; whiteDeadline: number; yellowDeadline: number | null }[] = [];
    for (const [i, day] of days.entries()) {
      if (i % 2) continue;
      const opened = endOfDay(day) - 12 * 3_600_000;
      const grid = grids[(i * 37) % grids.length];
      const [lon, lat] = grid.geometry.type === 'Polygon' ? grid.geometry.coordinates[0][0] : grid.geometry.coordinates[0][0][0];
      const closed = i % 6 === 0 ? null : opened + 3 * 86_400_000;
      const escalated = i % 3 === 0;
      const deadline = opened + 24 * 3_600_000;
      const [{ id }] = (await db.query<{ id: number }>(`INSERT INTO cases (city_id, category_id, state, title, geom, grid_code, source, created_at, closed_at) VALUES ($1, 'toilet_dirty', $2, $3, ST_SetSRID(ST_MakePoint($4, $5), 4326), $6, 'inspection', to_timestamp($7 / 1000.0), to_timestamp($8 / 1000.0)) RETURNING id`, [manifest.id, closed ? 'closed' : 'dispatched', `历史案件 ${i}`, lon, lat, grid.properties.code, opened, closed])).rows;
      await db.query('INSERT INTO cards (case_id, colour, issued_at, deadline, active) VALUES ($1, $2, to_timestamp($3 / 1000.0), to_timestamp($4 / 1000.0), $5)', [id, 'white', opened, deadline, !escalated]);
      if (escalated) await db.query('INSERT INTO cards (case_id, colour, issued_at, deadline, active) VALUES ($1, $2, to_timestamp($3 / 1000.0), to_timestamp($4 / 1000.0), true)', [id, 'yellow', deadline, deadline + 48 * 3_600_000]);
      cases.push({ opened, closed, whiteDeadline: deadline, yellowDeadline: escalated ? deadline + 48 * 3_600_000 : null });
    }
    const started = performance.now();
    // one engine for all 30 days, as the command line does: each day's figures must still equal a fresh analysis
    const analysis = snapshotAnalysis(manifest, bundle);
    for (const day of days) await takeSnapshot(db, manifest, bundle, day, analysis);
    const perDay = (performance.now() - started) / days.length;
    expect(perDay).toBeGreaterThan(0);

    for (const day of days) {
      // the reference: the bundle plus the toilets added by then, analysed afresh; cases counted by a plain loop
      const layers = { ...bundle, facilities: { type: 'FeatureCollection' as const, features: [...bundle.facilities.features, ...added.filter((a) => a.day <= day).map((a) => a.feature)] } };
      const report = new CityAnalysis({ id: manifest.id, name: manifest.name, synthetic: true, dataDate: manifest.dataDate }, layers, manifest.bbox).report(DEFAULT_PARAMS);
      const end = endOfDay(day);
      const live = cases.filter((c) => c.opened < end);
      const open = (c: (typeof cases)[number]) => c.closed === null || c.closed >= end;
      // the yellow card exists from the white deadline on; the card in force is the latest issued by the day's end
      const yellowBy = (c: (typeof cases)[number]) => c.yellowDeadline !== null && c.whiteDeadline < end;
      const deadlineInForce = (c: (typeof cases)[number]) => (yellowBy(c) ? c.yellowDeadline! : c.whiteDeadline);
      const expectedCases = {
        open: live.filter(open).length,
        overdue: live.filter((c) => open(c) && deadlineInForce(c) < end).length,
        closed: live.filter((c) => !open(c)).length,
        closedOnTime: live.filter((c) => !open(c) && !yellowBy(c)).length,
      };
      const [city] = await snapshotSeries(db, manifest.id, 'city', manifest.id, day, day);
      expect({ day, figures: city.figures }).toEqual({
        day,
        figures: { toiletStreetShare: report.toilets.streetShareWithin, toiletGapStreetMetres: report.toilets.gapStreetMetres, toiletAreaShare: report.toilets.areaShareWithin, compounds: report.parking.compounds, compoundsWithoutParking: report.parking.compounds - report.parking.compoundsServed, zoneAlleys: report.zoneTotals.alleys, zoneCompounds: report.zoneTotals.compounds, cases: expectedCases },
      });
      const grid = report.grids[(29 * 37) % report.grids.length];
      const [stored] = await snapshotSeries(db, manifest.id, 'grid', grid.code, day, day);
      expect(stored.figures.toiletGapStreetMetres).toBeCloseTo(grid.toilets.gapStreetMetres, 6);
      expect(stored.figures.score).toBe(grid.score);
    }
    // coverage rises as toilets are added, and a frozen milestone is not retaken
    const series = await snapshotSeries(db, manifest.id, 'city', manifest.id, days[0], days.at(-1)!);
    expect(series.at(-1)!.figures.toiletStreetShare).toBeGreaterThan(series[0].figures.toiletStreetShare);
    await freezeMilestone(db, manifest.id, days[9], '基线', null);
    await expect(takeSnapshot(db, manifest, bundle, days[9])).rejects.toThrow(/frozen as the milestone "基线"/);
    expect((await snapshotSeries(db, manifest.id, 'city', manifest.id, days[9], days[9]))[0].milestone).toBe('基线');
    console.log(`snapshot of the 3 km demo city: ${perDay.toFixed(0)} ms a day (${db.engine})`);
  }, 300_000);
});

describe('ledger revisions over the API', () => {
  const layer = (accepted: unknown[], rowsRead = accepted.length) => ({ fileName: '公厕台账.csv', crs: 'gcj02', mode: 'merge', rowsRead, accepted, rejected: [] });
  const toilet = { type: 'Feature', geometry: { type: 'Point', coordinates: [118.785, 32.045] }, properties: { id: 'l1', category: 'toilet', name: '新公厕', source: 'ledger', access: 'public' } };

  it('lets a planner save an import as a revision, and refuses other roles, lost rows and bad features', async () => {
    const saved = await as('planner', 'POST', '/api/ledgers', { cityId: CITY, effectiveDate: '2026-11-02', layer: layer([toilet]) });
    expect(saved.statusCode, saved.body).toBe(201);
    const { revisions } = (await as('viewer', 'GET', `/api/ledgers?cityId=${CITY}`)).json();
    expect(revisions.at(-1)).toMatchObject({ fileName: '公厕台账.csv', accepted: 1, rejected: 0, effectiveDate: '2026-11-02', author: '测试planner' });
    expect((await as('dispatcher', 'POST', '/api/ledgers', { cityId: CITY, layer: layer([toilet]) })).statusCode).toBe(403);
    const lost = await as('planner', 'POST', '/api/ledgers', { cityId: CITY, layer: layer([toilet], 3) });
    expect(lost.statusCode).toBe(400);
    expect(lost.json().error.en).toContain('every row must be accounted for');
    const bad = await as('planner', 'POST', '/api/ledgers', { cityId: CITY, layer: layer([{ ...toilet, properties: { ...toilet.properties, category: 'ufo' } }]) });
    expect(bad.json().error.en).toBe('facility 1 has an unknown category "ufo"');
  });

  it('answers the revisions in force on a day for the history view, and a bad day with 400 and a sentence', async () => {
    const city = 'asof-city';
    const second = { ...toilet, properties: { ...toilet.properties, id: 'l2', name: '第二座公厕' } };
    // saved out of order: the later-dated revision first
    expect((await as('planner', 'POST', '/api/ledgers', { cityId: city, effectiveDate: '2026-09-20', layer: layer([second]) })).statusCode).toBe(201);
    expect((await as('planner', 'POST', '/api/ledgers', { cityId: city, effectiveDate: '2026-09-10', layer: layer([toilet]) })).statusCode).toBe(201);
    const on = async (day: string) => (await as('handler-a', 'GET', `/api/ledgers/as-of?cityId=${city}&day=${day}`)).json() as { day: string; revisions: { effectiveDate: string; accepted: { properties: { id: string } }[] }[] };
    expect((await on('2026-09-09')).revisions).toEqual([]);
    expect((await on('2026-09-10')).revisions.map((r) => r.accepted.map((f) => f.properties.id))).toEqual([['l1']]);
    expect((await on('2026-09-30')).revisions.map((r) => [r.effectiveDate, r.accepted[0].properties.id])).toEqual([['2026-09-10', 'l1'], ['2026-09-20', 'l2']]);
    for (const day of ['2026-02-30', '20260910', 'yesterday']) {
      const refused = await as('viewer', 'GET', `/api/ledgers/as-of?cityId=${city}&day=${day}`);
      expect(refused.statusCode, day).toBe(400);
      expect(refused.json().error.zh.length, day).toBeGreaterThan(4);
    }
    expect((await as('viewer', 'GET', '/api/ledgers/as-of?day=2026-09-10')).statusCode).toBe(400);
    expect((await app.inject({ method: 'GET', url: `/api/ledgers/as-of?cityId=${city}&day=2026-09-10` })).statusCode).toBe(401);
  });

  it('answers the snapshot series and refuses a milestone for a day without one', async () => {
    expect((await as('viewer', 'GET', `/api/snapshots?cityId=${CITY}&level=city&from=2026-10-01&to=2026-10-31`)).json()).toEqual({ series: [] });
    expect((await as('viewer', 'GET', `/api/snapshots?cityId=${CITY}&level=town&from=2026-10-01&to=2026-10-31`)).statusCode).toBe(400);
    const refused = await as('supervisor', 'POST', '/api/milestones', { cityId: CITY, day: '2026-10-05', label: '基线' });
    expect(refused.statusCode).toBe(409);
    expect((await as('planner', 'POST', '/api/milestones', { cityId: CITY, day: '2026-10-05', label: '基线' })).statusCode).toBe(403);
  });
});

describe('Open311 GeoReport v2', () => {
  it('lists services, files a request with an api_key, and follows it by id and in the list', async () => {
    const services = (await app.inject({ method: 'GET', url: '/open311/v2/services.json' })).json();
    expect(services.map((s: { service_code: string }) => s.service_code)).toContain('toilet_dirty');
    const [{ id: inspectorId }] = (await db.query<{ id: number }>("SELECT id FROM users WHERE username = 'inspector'")).rows;
    const key = await createApiKey(db, inspectorId, 'test client');
    const form = (fields: Record<string, string>) => ({ method: 'POST' as const, url: '/open311/v2/requests.json', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams(fields).toString() });
    const [lon, lat] = spot(224);
    const created = await app.inject(form({ api_key: key, service_code: 'doorstep_duties', lat: String(lat), long: String(lon), description: '门前堆放杂物' }));
    expect(created.statusCode, created.body).toBe(201);
    const [{ service_request_id: id }] = created.json();
    const [one] = (await app.inject({ method: 'GET', url: `/open311/v2/requests/${id}.json` })).json();
    expect(one).toMatchObject({ service_request_id: id, status: 'open', service_code: 'doorstep_duties', description: '门前堆放杂物', agency_responsible: UNIT_A });
    expect(one.lat).toBeCloseTo(lat, 9);
    const open = (await app.inject({ method: 'GET', url: '/open311/v2/requests.json?status=open&service_code=doorstep_duties' })).json();
    expect(open.map((r: { service_request_id: string }) => r.service_request_id)).toEqual([id]);
    // bad key, bad point: spec-shaped errors, nothing filed
    const refused = await app.inject(form({ api_key: 'nope', service_code: 'doorstep_duties', lat: String(lat), long: String(lon) }));
    expect(refused.statusCode).toBe(401);
    expect(refused.json()[0]).toMatchObject({ code: 401 });
    expect((await app.inject(form({ api_key: key, service_code: 'doorstep_duties', lat: '31.23', long: '121.47' }))).statusCode).toBe(422);
    expect((await app.inject({ method: 'GET', url: '/open311/v2/requests/999999.json' })).statusCode).toBe(404);
  });
});

describe('the event stream', () => {
  it('replays from Last-Event-ID and then sends new events as they are committed', async () => {
    const address = await app.listen({ host: '127.0.0.1', port: 0 });
    const item = await caseIn('reported');
    const [{ id: reportEvent }] = (await db.query<{ id: number }>('SELECT max(id)::int AS id FROM events WHERE case_id = $1', [item.id])).rows;
    const abort = new AbortController();
    const response = await fetch(`${address}/api/events`, { headers: { cookie: cookies.get('viewer')!, 'last-event-id': String(reportEvent - 1) }, signal: abort.signal });
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    const reader = response.body!.getReader();
    const seen: { id: number; action: string; caseId: number }[] = [];
    let buffer = '';
    const until = async (done: () => boolean) => {
      while (!done()) {
        const { value } = await reader.read();
        buffer += new TextDecoder().decode(value);
        for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const data = /^data: (.*)$/m.exec(block);
          if (data) seen.push(JSON.parse(data[1]));
        }
      }
    };
    await until(() => seen.some((e) => e.id === reportEvent));
    const registered = await act('dispatcher', item, 'register');
    expect(registered.statusCode).toBe(200);
    await until(() => seen.some((e) => e.caseId === item.id && e.action === 'register'));
    abort.abort();
    expect(seen.filter((e) => e.caseId === item.id).map((e) => e.action)).toEqual(['report', 'register']);
    expect(seen.map((e) => e.id)).toEqual([...seen.map((e) => e.id)].sort((a, b) => a - b));
  });
});

