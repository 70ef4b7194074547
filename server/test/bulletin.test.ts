/**
 * The weekly bulletin, the case ledger export and the before/after comparison, checked against counts made
 * independently: three weeks of cases written straight into the database with their events and cards, then
 * recounted from the event log and the written plan by plain loops.
 */
import type { FastifyInstance } from 'fastify';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../app';
import { TREND_WEEKS, weeklyBulletin } from '../cases/weekly_bulletin';
import { caseFiguresByGrid } from '../history/snapshots';
import { earnsBlackFlag, earnsRedFlag, isoWeekOf, weekRange, weeklyRanking } from '../cases/weekly_ranking';
import { eventsAfter } from '../cases/case_service';
import type { Database } from '../db/database';
import { compareSnapshots } from '../history/snapshot_compare';
import type { SnapshotFigures } from '../history/snapshots';
import { changes, extremes, TREND_FIGURE_IDS, TREND_FIGURES } from '../../src/history/snapshot_change';
import { CITY, GRID_A, GRID_B, IN_A, IN_B, openTestDatabase, PASSWORD, seed, UNIT_A, UNIT_B, type TestDatabase } from './harness';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const WEEKS = ['2026-W40', '2026-W41', '2026-W42'];
const FIRST = weekRange(WEEKS[0]).start;

interface Planned { id: number; unit: string | null; created: number; closed: number | null; voided: boolean; cards: { colour: 'white' | 'yellow' | 'red'; issued: number; deadline: number }[]; fails: number[] }

/** a small seeded generator (mulberry32): the same plan every run */
function random(seedValue: number): () => number {
  let a = seedValue;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

let test: TestDatabase;
let db: Database;
let app: FastifyInstance;
const plan: Planned[] = [];
const cookies = new Map<string, string>();

async function as(username: string, url: string) {
  return app.inject({ method: 'GET', url, headers: { cookie: cookies.get(username) ?? '' } });
}

beforeAll(async () => {
  test = await openTestDatabase();
  db = test.db;
  await seed(db);
  app = await buildServer({ db });
  for (const username of ['viewer', 'handler-a', 'supervisor']) {
    const response = await app.inject({ method: 'POST', url: '/api/login', payload: { username, password: PASSWORD } });
    cookies.set(username, response.headers['set-cookie']!.toString().split(';')[0]);
  }
  const rand = random(7);
  for (let i = 0; i < 70; i++) {
    const created = FIRST - 5 * DAY + Math.floor(rand() * 26 * DAY);
    const unit = rand() < 0.15 ? null : rand() < 0.55 ? UNIT_A : UNIT_B;
    const voided = unit === null && rand() < 0.5;
    const closed = unit && rand() < 0.65 ? created + Math.floor((0.2 + rand() * 6) * DAY) : null;
    const cards: Planned['cards'] = [];
    if (unit) {
      const whiteDeadline = created + 24 * HOUR;
      cards.push({ colour: 'white', issued: created, deadline: whiteDeadline });
      // a card lapses into the next when the case was still open at its deadline
      if (closed === null || closed > whiteDeadline) cards.push({ colour: 'yellow', issued: whiteDeadline, deadline: whiteDeadline + 48 * HOUR });
      if (cards.length === 2 && (closed === null || closed > whiteDeadline + 48 * HOUR)) cards.push({ colour: 'red', issued: whiteDeadline + 48 * HOUR, deadline: whiteDeadline + 96 * HOUR });
    }
    const fails = unit && rand() < 0.3 ? [created + Math.floor(rand() * 3 * DAY)] : [];
    const [grid, at] = i % 2 ? [GRID_B, IN_B] : [GRID_A, IN_A];
    const gridUnit = grid === GRID_A ? UNIT_A : UNIT_B;
    const state = voided ? 'voided' : unit === null ? 'registered' : closed ? 'closed' : 'dispatched';
    const [{ id }] = (
      await db.query<{ id: number }>(
        `INSERT INTO cases (city_id, category_id, state, title, geom, grid_code, grid_unit_id, unit_id, source, created_at, closed_at, rework_count)
         VALUES ($1, 'toilet_dirty', $2, $3, ST_SetSRID(ST_MakePoint($4, $5), 4326), $6, $7, $8, 'inspection', to_timestamp($9 / 1000.0), to_timestamp($10 / 1000.0), $11) RETURNING id`,
        [CITY, state, `通报测试 ${i}`, at[0] + i * 1e-5, at[1], grid, gridUnit, unit, created, closed, fails.length],
      )
    ).rows;
    for (const [k, card] of cards.entries()) {
      await db.query('INSERT INTO cards (case_id, colour, issued_at, deadline, active) VALUES ($1, $2, to_timestamp($3 / 1000.0), to_timestamp($4 / 1000.0), $5)', [id, card.colour, card.issued, card.deadline, closed === null && k === cards.length - 1]);
    }
    const event = (action: string, at: number) => db.query('INSERT INTO events (case_id, action, at) VALUES ($1, $2, to_timestamp($3 / 1000.0))', [id, action, at]);
    await event('report', created);
    if (voided) await event('void', created + HOUR);
    if (unit) await event('dispatch', created + HOUR);
    for (const f of fails) await event('fail', f);
    if (closed) await event('pass', closed);
    plan.push({ id, unit, created, closed, voided, cards, fails });
  }
}, 120_000);

afterAll(async () => {
  await app?.close();
  await test?.drop();
});

describe('the weekly bulletin', () => {
  it('counts new, closed, on-time and overdue cases per week and unit as a recount of the event log does', async () => {
    const events = await eventsAfter(db, 0, 100_000);
    const byId = new Map(plan.map((p) => [p.id, p]));
    const inWeek = (ms: number, week: string) => ms >= weekRange(week).start && ms < weekRange(week).end;
    const onTime = (p: Planned) => p.cards.every((c) => c.colour === 'white');
    for (const week of WEEKS) {
      const { start, end } = weekRange(week);
      const bulletin = await weeklyBulletin(db, week);
      const live = (p: Planned) => !p.voided && p.created < end && (p.closed === null || p.closed >= start);
      const reported = events.filter((e) => e.action === 'report' && inWeek(Date.parse(e.at), week) && !byId.get(e.caseId!)!.voided).map((e) => e.caseId!);
      const closedIds = events.filter((e) => e.action === 'pass' && inWeek(Date.parse(e.at), week)).map((e) => e.caseId!);
      // overdue as the record stood at the week's end: open then, and the card in force then had lapsed
      const overdue = plan.filter((p) => live(p) && p.unit && (p.closed === null || p.closed >= end) && p.cards.filter((c) => c.issued < end).at(-1)!.deadline < end);
      const redCards = plan.filter((p) => !p.voided).flatMap((p) => p.cards).filter((c) => c.colour === 'red' && c.issued >= start && c.issued < end).length;
      const rework = events.filter((e) => e.action === 'fail' && inWeek(Date.parse(e.at), week)).length;
      const closedOnTime = closedIds.filter((id) => onTime(byId.get(id)!)).length;
      expect(bulletin.kpis).toEqual({
        cases: plan.filter(live).length,
        reported: reported.length,
        closed: closedIds.length,
        closedOnTime,
        onTimeRate: closedIds.length ? closedOnTime / closedIds.length : 0,
        overdue: overdue.length,
        redCards,
        rework,
      });
      expect(bulletin.kpis.closed).toBeGreaterThan(0);
      expect(bulletin.cases.map((c) => c.id)).toEqual(plan.filter(live).map((p) => p.id));
      for (const unit of [UNIT_A, UNIT_B]) {
        const row = bulletin.units.find((r) => r.unitId === unit)!;
        const owned = plan.filter((p) => live(p) && p.unit === unit);
        expect({ unit, reported: row.reported, closed: row.closed, closedOnTime: row.closedOnTime, overdue: row.overdue, cases: row.cases }).toEqual({
          unit,
          reported: reported.filter((id) => byId.get(id)!.unit === unit).length,
          closed: closedIds.filter((id) => byId.get(id)!.unit === unit).length,
          closedOnTime: closedIds.filter((id) => byId.get(id)!.unit === unit && onTime(byId.get(id)!)).length,
          overdue: overdue.filter((p) => p.unit === unit).length,
          cases: owned.length,
        });
      }
      // two units: the better on-time rate may carry the red flag, the other the black one — each only when earned
      const [best, worst] = [...bulletin.units].sort((a, b) => b.closedOnTime / b.cases - a.closedOnTime / a.cases || a.overdue - b.overdue);
      expect([best.flag, worst.flag]).toEqual([earnsRedFlag(best) ? 'red' : null, earnsBlackFlag(worst) ? 'black' : null]);
    }
  });

  it('traces on-time closure over the weeks before, ending with the bulletin week itself', async () => {
    const week = WEEKS[2];
    const { trend, kpis } = await weeklyBulletin(db, week);
    expect(trend).toHaveLength(TREND_WEEKS);
    expect(trend.at(-1)!.week).toBe(week);
    for (const point of trend) {
      const { start, end } = weekRange(point.week);
      const closed = plan.filter((p) => p.closed !== null && p.closed >= start && p.closed < end);
      const onTime = closed.filter((p) => p.cards.every((c) => c.colour === 'white')).length;
      expect(point).toEqual({ week: point.week, closed: closed.length, closedOnTime: onTime, onTimeRate: closed.length ? onTime / closed.length : null });
    }
    expect(trend.at(-1)!.closed).toBe(kpis.closed);
    expect(isoWeekOf(weekRange(trend[0].week).start)).toBe(trend[0].week);
  });

  it('answers over the API with the same figures, and shows a handler only the cases of its unit', async () => {
    const week = WEEKS[1];
    const viewer = await as('viewer', `/api/bulletin?week=${week}`);
    expect(viewer.statusCode, viewer.body).toBe(200);
    expect(viewer.json()).toEqual(JSON.parse(JSON.stringify(await weeklyBulletin(db, week))));
    const handler = (await as('handler-a', `/api/bulletin?week=${week}`)).json();
    expect(handler.kpis).toEqual(viewer.json().kpis);
    expect(handler.cases.length).toBeGreaterThan(0);
    expect(handler.cases.every((c: { unitId: string | null; gridUnitId: string }) => c.unitId === UNIT_A || c.gridUnitId === UNIT_A)).toBe(true);
    expect(handler.cases.length).toBeLessThan(viewer.json().cases.length);
    expect((await app.inject({ method: 'GET', url: `/api/bulletin?week=${week}` })).statusCode).toBe(401);
    const bad = await as('viewer', '/api/bulletin?week=2026-W99');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.en).toMatch(/ISO week/);
  });
});

describe('a past week stays as it was', () => {
  it('counts a case overdue at the end of week W and closed in W+1 as overdue in W, and one under check then as not', async () => {
    // weeks far from the plan's, so the other counts stay untouched
    const week = '2026-W20';
    const { start, end } = weekRange(week);
    const insert = async (title: string, events: [string, string, number][], closed: number) => {
      const [{ id }] = (
        await db.query<{ id: number }>(
          `INSERT INTO cases (city_id, category_id, state, title, geom, grid_code, grid_unit_id, unit_id, source, created_at, closed_at)
           VALUES ($1, 'toilet_dirty', 'closed', $2, ST_SetSRID(ST_MakePoint($3, $4), 4326), $5, $6, $6, 'inspection', to_timestamp($7 / 1000.0), to_timestamp($8 / 1000.0)) RETURNING id`,
          [CITY, title, IN_A[0], IN_A[1], GRID_A, UNIT_A, start + HOUR, closed],
        )
      ).rows;
      const cards: [string, number, number][] = [['white', start + HOUR, start + 25 * HOUR], ['yellow', start + 25 * HOUR, start + 73 * HOUR], ['red', start + 73 * HOUR, start + 5 * DAY]];
      for (const [colour, issued, deadline] of cards) await db.query('INSERT INTO cards (case_id, colour, issued_at, deadline, active) VALUES ($1, $2, to_timestamp($3 / 1000.0), to_timestamp($4 / 1000.0), false)', [id, colour, issued, deadline]);
      for (const [action, to, at] of events) await db.query('INSERT INTO events (case_id, action, to_state, at) VALUES ($1, $2, $3, to_timestamp($4 / 1000.0))', [id, action, to, at]);
      return id;
    };
    const lateId = await insert('逾期后次周办结', [['report', 'reported', start + HOUR], ['dispatch', 'dispatched', start + 2 * HOUR], ['finish', 'checking', end + DAY], ['pass', 'closed', end + 2 * DAY]], end + 2 * DAY);
    const checkingId = await insert('周末前已报办结待核查', [['report', 'reported', start + HOUR], ['dispatch', 'dispatched', start + 2 * HOUR], ['finish', 'checking', start + 6 * DAY], ['pass', 'closed', end + 2 * DAY]], end + 2 * DAY);
    const bulletin = await weeklyBulletin(db, week);
    expect(bulletin.cases.map((c) => [c.id, c.overdue])).toEqual([[lateId, true], [checkingId, false]]);
    expect(bulletin.kpis.overdue).toBe(1);
    expect((await weeklyRanking(db, week)).rows.find((r) => r.unitId === UNIT_A)!.overdue).toBe(1);
    expect((await weeklyRanking(db, week, 'street')).rows.reduce((n, r) => n + r.overdue, 0)).toBe(1);
    // the snapshot of the week's last day counts it the same way
    const lastDay = new Date(end + 8 * HOUR - DAY).toISOString().slice(0, 10);
    expect((await caseFiguresByGrid(db, CITY, lastDay)).get(GRID_A)!.overdue).toBe(1);
    // the week after, both were closed by its end: overdue in neither
    expect((await weeklyBulletin(db, '2026-W21')).kpis.overdue).toBe(0);
  });

  it('while the week runs, counts overdue as of now: a deadline later this week is not overdue yet', async () => {
    const now = Date.now();
    const ids: number[] = [];
    for (const [title, deadline] of [['期限未到', now + HOUR], ['期限已过', now - 60_000]] as const) {
      const [{ id }] = (
        await db.query<{ id: number }>(
          `INSERT INTO cases (city_id, category_id, state, title, geom, grid_code, grid_unit_id, unit_id, source, created_at)
           VALUES ($1, 'toilet_dirty', 'dispatched', $2, ST_SetSRID(ST_MakePoint($3, $4), 4326), $5, $6, $6, 'inspection', to_timestamp($7 / 1000.0)) RETURNING id`,
          [CITY, title, IN_B[0], IN_B[1], GRID_B, UNIT_B, now - 2 * HOUR],
        )
      ).rows;
      await db.query('INSERT INTO cards (case_id, colour, issued_at, deadline) VALUES ($1, $2, to_timestamp($3 / 1000.0), to_timestamp($4 / 1000.0))', [id, 'white', now - 2 * HOUR, deadline]);
      ids.push(id);
    }
    const week = isoWeekOf(now);
    // only when the week still has more than an hour to run does the first deadline fall inside it
    if (weekRange(week).end > now + HOUR) {
      const overdue = new Map((await weeklyBulletin(db, week)).cases.map((c) => [c.id, c.overdue]));
      expect(ids.map((id) => overdue.get(id))).toEqual([false, true]);
    }
  });
});

describe('the case ledger over the API', () => {
  it('downloads the week as XLSX that reads back with every case open that week, voided ones included', async () => {
    const week = WEEKS[1];
    const { start, end } = weekRange(week);
    const response = await as('supervisor', `/api/ledger?week=${week}`);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-type']).toContain('spreadsheetml');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    expect(sheet.getRow(1).getCell(1).value).toBe('案件编号');
    const ids: number[] = [];
    sheet.eachRow((row, n) => n > 1 && ids.push(Number(row.getCell(1).value)));
    expect(ids).toEqual(plan.filter((p) => p.created < end && (p.closed === null || p.closed >= start)).map((p) => p.id));
    const csv = await as('supervisor', `/api/ledger?week=${week}&format=csv`);
    expect(csv.body.split('\r\n').filter(Boolean)).toHaveLength(ids.length + 1);
    expect((await as('handler-a', `/api/ledger?week=${week}`)).statusCode).toBe(403);
  });
});

describe('before and after', () => {
  const figures = (n: number): SnapshotFigures => ({
    toiletStreetShare: (n % 10) / 10,
    toiletGapStreetMetres: (n * 37) % 500,
    toiletAreaShare: 0.5,
    compounds: 4,
    compoundsWithoutParking: n % 5 === 0 ? 0 : n % 4,
    zoneAlleys: n % 3,
    cases: { open: n % 6, overdue: n % 2, closed: n % 4, closedOnTime: n % 3 === 0 ? n % 4 : 0 },
  });
  const keys = Array.from({ length: 12 }, (_, i) => `3201020010${String(i).padStart(4, '0')}`);

  it('pairs every grid of two days and ranks the change the way a brute-force comparison does', async () => {
    const rows = [
      ...keys.slice(0, 11).map((key, i) => ({ day: '2026-11-01', key, figures: figures(i) })),
      // the last grid appears only in the later day; the first only in the earlier
      ...keys.slice(1).map((key, i) => ({ day: '2026-11-20', key, figures: figures(i * 7 + 3) })),
    ];
    for (const r of rows) await db.query('INSERT INTO kpi_snapshots (city_id, day, level, key, name, figures) VALUES ($1, $2::date, $3, $4, $5, $6)', [CITY, r.day, 'grid', r.key, `网格${r.key.slice(-4)}`, JSON.stringify(r.figures)]);
    const compared = await compareSnapshots(db, CITY, 'grid', '2026-11-01', '2026-11-20');
    expect(compared.map((r) => r.key)).toEqual(keys);
    for (const figure of TREND_FIGURE_IDS) {
      const list = changes(compared, figure);
      const { value, better } = TREND_FIGURES[figure];
      const brute: { key: string; delta: number }[] = [];
      for (const key of keys) {
        const a = rows.find((r) => r.key === key && r.day === '2026-11-01');
        const b = rows.find((r) => r.key === key && r.day === '2026-11-20');
        const va = a ? value(a.figures) : null;
        const vb = b ? value(b.figures) : null;
        if (va !== null && vb !== null) brute.push({ key, delta: vb - va });
      }
      expect(list.map((c) => ({ key: c.key, delta: c.delta }))).toEqual(brute);
      const { improved, worsened } = extremes(list, 3);
      const gain = (d: number) => (better === 'down' ? -d : d);
      const bestGain = Math.max(...brute.map((b) => gain(b.delta)));
      const worstGain = Math.min(...brute.map((b) => gain(b.delta)));
      if (bestGain > 0) expect(improved[0].gain).toBe(bestGain);
      else expect(improved).toEqual([]);
      if (worstGain < 0) expect(worsened[0].gain).toBe(worstGain);
      else expect(worsened).toEqual([]);
      expect(improved.every((c, i) => i === 0 || c.gain <= improved[i - 1].gain)).toBe(true);
    }
    const response = await as('viewer', `/api/snapshots/compare?cityId=${CITY}&level=grid&from=2026-11-01&to=2026-11-20`);
    expect(response.json().rows).toEqual(JSON.parse(JSON.stringify(compared)));
    const missing = await as('viewer', `/api/snapshots/compare?cityId=${CITY}&level=grid&from=2026-11-02&to=2026-11-20`);
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.zh).toContain('2026-11-02');
    // a day that rolls over (30 February) is refused with a sentence, on every route that takes a day
    for (const [method, url, payload] of [
      ['GET', `/api/snapshots/compare?cityId=${CITY}&level=grid&from=2026-02-30&to=2026-11-20`],
      ['GET', `/api/snapshots/compare?cityId=${CITY}&level=grid&from=2026-11-01&to=2026-11-31`],
      ['GET', `/api/snapshots?cityId=${CITY}&level=city&from=2026-02-29&to=2026-11-20`],
      ['GET', `/api/snapshots?cityId=${CITY}&level=city&from=2026-11-01&to=2026-13-01`],
      ['POST', '/api/milestones', { cityId: CITY, day: '2026-04-31', label: '基线' }],
    ] as const) {
      const refused = await app.inject({ method, url, payload, headers: { cookie: cookies.get('supervisor') ?? '' } });
      expect(refused.statusCode, `${method} ${url} ${refused.body}`).toBe(400);
      expect(refused.json().error.en).toMatch(/real calendar day/);
      expect(refused.json().error.zh).toMatch(/日期/);
    }
  });

  it('gives the campaign calendar: three one-year phases from the start, and the days with snapshots', async () => {
    const calendar = (await as('viewer', `/api/campaign?cityId=${CITY}`)).json();
    expect(calendar.phases.map((p: { zh: string }) => p.zh)).toEqual(['集中攻坚', '巩固提升', '全力冲刺']);
    expect(calendar.phases[0].from).toBe(calendar.start);
    for (let i = 1; i < 3; i++) expect(calendar.phases[i].from).toBe(calendar.phases[i - 1].to);
    expect(Date.parse(calendar.phases[2].to) - Date.parse(calendar.start)).toBeGreaterThanOrEqual(3 * 365 * DAY);
    expect(calendar.days).toEqual([]);
  });
});
