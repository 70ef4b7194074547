/**
 * The weekly bulletin and the trends against the real campaign server: a week of cases (closed, open, dispatched
 * to three units) and two daily snapshots seeded through the API, then the bulletin of the week opened in
 * Chromium (its figures equal the API's), printed to A4 PDF pages, the trend panel opened on the atlas, and the
 * atlas as of the first day (its city figures equal that day's snapshot, not today's).
 * The bulletin page draws no WebGL; no request leaves the server's origin.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { beijingDay } from '../../src/domain/campaign_clock';
import type { WeeklyBulletin } from '../../server/cases/weekly_bulletin';
import { isoWeekOf } from '../../src/domain/iso_week';
import type { GridFeature } from '../../src/domain/city_bundle';
import { chromiumForThisFile, DESK, kpi as kpiValue, openApp, SCREENSHOT_DIR, waitForMapIdle } from './app_page';
import type { SnapshotFigures } from '../../server/history/snapshots';
import { E2E_CITY, E2E_PASSWORD } from './campaign_accounts';
import { readBundle } from '../../scripts/read_bundle';
import { campaignServerForThisFile, type CampaignServer } from './campaign_server';

const browser = chromiumForThisFile();
const serverReady = campaignServerForThisFile();
let server: CampaignServer;
const cookies = new Map<string, string>();
const week = isoWeekOf(Date.now());
const days = [beijingDay(Date.now() - 86_400_000), beijingDay()];

async function call<T>(role: string, method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
  if (!cookies.has(role)) {
    const login = await fetch(`${server.url}api/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: server.account(role as never).username, password: E2E_PASSWORD }) });
    expect(login.status).toBe(200);
    cookies.set(role, login.headers.get('set-cookie')!.split(';')[0]);
  }
  const response = await fetch(`${server.url}${path}`, { method, headers: { cookie: cookies.get(role)!, ...(body ? { 'content-type': 'application/json' } : {}) }, body: body ? JSON.stringify(body) : undefined });
  const text = await response.text();
  expect(response.ok, `${method} ${path}: ${text}`).toBe(true);
  return JSON.parse(text) as T;
}

/** A point inside a grid: the middle of its outer ring's first vertices (grids are convex enough here). */
function inside(grid: GridFeature): [number, number] {
  const ring = grid.geometry.type === 'Polygon' ? grid.geometry.coordinates[0] : grid.geometry.coordinates[0][0];
  return [ring.reduce((s, p) => s + p[0], 0) / ring.length, ring.reduce((s, p) => s + p[1], 0) / ring.length];
}

interface CaseJson { id: number; version: number }

/** Cases through the loop: reported by the supervisor, registered, dispatched; the handler's own closed if asked. */
async function seedCases(): Promise<void> {
  // the bundle's own reader: grids are a binary layer from bundle format 2 on
  const grids = readBundle(E2E_CITY).layers.grids!.features;
  // spread over the city, one grid apart per case; dispatching names the unit, whatever the grid
  const gridOf = (k: number) => grids[Math.floor(((k + 0.5) * grids.length) / 9)];
  const handlerUnit = server.account('handler').unitId!;
  const plan: { unit: string; close: boolean }[] = [
    ...[true, true, true, false].map((close) => ({ unit: handlerUnit, close })),
    ...[false, false].map((close) => ({ unit: 'dept:sanitation', close })),
    { unit: 'dept:city-admin', close: false },
  ];
  for (const [k, step] of plan.entries()) {
    let item = (await call<{ case: CaseJson }>('supervisor', 'POST', 'api/cases', { cityId: E2E_CITY, categoryId: 'toilet_dirty', title: `通报测试案件 ${k + 1}`, lon: inside(gridOf(k))[0], lat: inside(gridOf(k))[1], source: 'inspection', notDuplicate: true })).case;
    const act = async (role: string, action: string, extra: Record<string, unknown> = {}) => (item = (await call<{ case: CaseJson }>(role, 'POST', `api/cases/${item.id}/actions`, { action, version: item.version, note: '测试', ...extra })).case);
    await act('supervisor', 'register');
    await act('supervisor', 'dispatch', { unitId: step.unit });
    if (step.close) {
      await act('handler', 'submit');
      await act('supervisor', 'pass');
    }
  }
  // one case reported and left unregistered: counted in the week, in no unit's row
  await call('supervisor', 'POST', 'api/cases', { cityId: E2E_CITY, categoryId: 'toilet_dirty', title: '通报测试：待立案', lon: inside(gridOf(8))[0], lat: inside(gridOf(8))[1], source: 'inspection', notDuplicate: true });
}

/** Two daily snapshots, a toilet ledger revision between them so before and after differ. */
async function seedSnapshots(): Promise<void> {
  await call('supervisor', 'POST', 'api/snapshots', { cityId: E2E_CITY, day: days[0] });
  const { bbox } = JSON.parse(readFileSync(join('data', E2E_CITY, 'city.json'), 'utf8')) as { bbox: number[] };
  const toilets = [0.3, 0.5, 0.7].map((f, i) => ({ type: 'Feature', geometry: { type: 'Point', coordinates: [bbox[0] + (bbox[2] - bbox[0]) * f, bbox[1] + (bbox[3] - bbox[1]) * (1 - f)] }, properties: { id: `e2e-toilet-${i}`, category: 'toilet', name: `新建公厕 ${i + 1}`, source: 'ledger', access: 'public' } }));
  await call('planner', 'POST', 'api/ledgers', { cityId: E2E_CITY, effectiveDate: days[1], layer: { fileName: '公厕台账.csv', crs: 'wgs84', mode: 'merge', rowsRead: 3, accepted: toilets, rejected: [] } });
  await call('supervisor', 'POST', 'api/snapshots', { cityId: E2E_CITY, day: days[1] });
  await call('supervisor', 'POST', 'api/milestones', { cityId: E2E_CITY, day: days[0], label: '基线' });
}

describe('the weekly bulletin and the trends', () => {
  beforeAll(async () => {
    const started = performance.now();
    server = await serverReady;
    const up = performance.now();
    await seedCases();
    console.log(`server ready ${((up - started) / 1000).toFixed(1)} s after Chromium, cases ${((performance.now() - up) / 1000).toFixed(1)} s`);
  }, 120_000);

  it('shows the week’s figures as the API gives them, prints to A4 pages, and draws the trends', async () => {
    // the snapshots (the analysis engine in the server) are taken while the browser prints the bulletin
    const started = performance.now();
    const snapshots = seedSnapshots().then(() => console.log(`snapshots ${((performance.now() - started) / 1000).toFixed(1)} s`));
    const expected = await call<WeeklyBulletin>('viewer', 'GET', `api/bulletin?week=${week}`);
    expect(expected.kpis.reported).toBe(8);
    expect(expected.kpis.closed).toBe(3);

    // signed in before the page asks /api/me: the request shares the page's cookies
    const { page, foreignRequests } = await openApp(browser(), server.url, `#v=1&city=${E2E_CITY}&bulletin=${week}`, DESK, async (p) => {
      const login = await p.request.post(`${server.url}api/login`, { data: { username: server.account('viewer').username, password: E2E_PASSWORD } });
      expect(login.status()).toBe(200);
    });
    await page.waitForSelector(`[data-bulletin-state="ready"] [data-case-map]`, { timeout: 30_000 });

    // the figures cover every city: the heading names the campaign office, not the city open on the map
    expect(await page.locator('.bulletin-head h1').textContent()).toBe('创城办 · 创建全国文明城市一周通报');
    expect(await page.locator('.bulletin-head [data-scope="all-cities"]').count()).toBe(1);
    const kpi = (id: string) => page.locator(`[data-kpi="${id}"] .kpi-value`).textContent();
    expect(await kpi('reported')).toBe(String(expected.kpis.reported));
    expect(await kpi('closed')).toBe(String(expected.kpis.closed));
    expect(await kpi('overdue')).toBe(String(expected.kpis.overdue));
    expect(await kpi('onTimeRate')).toBe(`${(expected.kpis.onTimeRate * 100).toFixed(1)}%`);
    const rows = await page.locator('[data-section="units"] tr[data-unit]').evaluateAll((trs) =>
      trs.map((tr) => ({ unitId: tr.getAttribute('data-unit'), flag: tr.getAttribute('data-flag') || null, reported: Number(tr.querySelector('[data-col="reported"]')!.textContent), closed: Number(tr.querySelector('[data-col="closed"]')!.textContent), overdue: Number(tr.querySelector('[data-col="overdue"]')!.textContent) })),
    );
    expect(rows).toEqual(expected.units.map((u) => ({ unitId: u.unitId, flag: u.flag, reported: u.reported, closed: u.closed, overdue: u.overdue })));
    // the handler's unit closed three on time and owes nothing past a deadline yet: a red flag; a black flag names a
    // failure (overdue, red card, rework), and this week's cases have none — their deadlines are still to come
    expect(rows.find((r) => r.unitId === server.account('handler').unitId)?.flag).toBe('red');
    expect(rows.some((r) => r.flag === 'black')).toBe(false);
    // every case of the week is a dot of the static map
    expect(await page.locator('.case-map circle[data-case]').count()).toBe(expected.cases.length);
    expect(await page.locator('canvas').count()).toBe(0);

    const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
    mkdirSync('test-results', { recursive: true });
    writeFileSync('test-results/bulletin.pdf', pdf);
    const text = pdf.toString('latin1');
    const pages = text.match(/\/Type\s*\/Page[^s]/g) ?? [];
    expect(pages.length).toBeGreaterThan(0);
    // A4 in points: 595.28 × 841.89 (Chromium writes 595.91998 × 842.88 for 210 × 297 mm at its rounding)
    const boxes = [...text.matchAll(/\/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]/g)].map((m) => [Number(m[1]), Number(m[2])]);
    expect(boxes.length).toBeGreaterThanOrEqual(pages.length);
    for (const [w, h] of boxes) {
      expect(Math.abs(w - 595.28)).toBeLessThan(2);
      expect(Math.abs(h - 841.89)).toBeLessThan(2);
    }

    // the trend panel on the atlas: a chart per figure, the city's line through both snapshot days
    await snapshots;
    console.log(`bulletin ${((performance.now() - started) / 1000).toFixed(1)} s`);
    await page.goto(`${server.url}#v=1&city=${E2E_CITY}&tab=campaign&layers=`);
    await page.waitForSelector('[data-trends="ready"] [data-chart="trend-toiletCoverage"] [data-series="city"]', { state: 'attached', timeout: 30_000 });
    expect(await page.locator('[data-chart="trend-toiletCoverage"] [data-series="city"]').getAttribute('data-points')).toBe('2');
    expect(await page.locator('[data-chart="timeline"] .period').count()).toBe(3);
    expect(await page.locator('[data-chart="trend-toiletCoverage"] [data-marker="基线"]').count()).toBe(1);
    expect(await page.locator('[data-flag-section="ready"] tr[data-unit]').count()).toBe(expected.units.length);
    // drilling down: the red-flag unit's row lists the cases the API counts for it
    const red = expected.units.find((u) => u.flag === 'red')!;
    await page.click(`[data-flag-section] tr[data-unit="${red.unitId}"]`);
    const listed = await page.locator(`[data-drill="${red.unitId}"] li[data-case]`).evaluateAll((items) => items.map((li) => Number(li.getAttribute('data-case'))));
    expect(listed).toEqual(expected.cases.filter((c) => c.unitId === red.unitId).map((c) => c.id));
    expect(listed).toHaveLength(red.cases);
    console.log(`trends ${((performance.now() - started) / 1000).toFixed(1)} s`);

    // the atlas as of yesterday: its city figures are yesterday's stored snapshot (the server's job, in Node), not
    // today's, which counts the three toilets of the revision effective today
    const asOfStarted = performance.now();
    const stored = await Promise.all(days.map(async (d) => (await call<{ series: { figures: SnapshotFigures }[] }>('viewer', 'GET', `api/snapshots?cityId=${E2E_CITY}&level=city&from=${d}&to=${d}`)).series[0].figures));
    await page.fill('[data-control="asof-day"]', days[0]);
    await page.click('[data-action="asof-show"]');
    await page.waitForSelector(`[data-asof="${days[0]}"][data-asof-state="ready"]`, { timeout: 30_000 });
    await page.click('[data-tab="overview"]');
    const shown = { share: await kpiValue(page, 'streetShare'), gap: await kpiValue(page, 'gapStreet') };
    expect(shown.share).toBeCloseTo(stored[0].toiletStreetShare, 9);
    expect(shown.gap).toBeCloseTo(stored[0].toiletGapStreetMetres, 3);
    expect(stored[1].toiletGapStreetMetres).toBeLessThan(stored[0].toiletGapStreetMetres - 1);
    expect(page.url()).toContain(`asof=${days[0]}`);
    await page.click('[data-action="asof-back"]');
    await page.waitForSelector('[data-asof]', { state: 'detached' });
    console.log(`as of ${days[0]}: ${((performance.now() - asOfStarted) / 1000).toFixed(1)} s`);
    expect(foreignRequests).toEqual([]);
    await page.close();
  }, 60_000);

  // BULLETIN_SCREENSHOTS=1: the views to look at by eye (the map draws through SwiftShader, so not in CI)
  it.runIf(process.env.BULLETIN_SCREENSHOTS === '1')('saves screenshots of the flag board, the trends, before/after on the map and the wall', async () => {
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    const shot = (name: string) => join(SCREENSHOT_DIR, name);
    const signIn = async (p: Page) => expect((await p.request.post(`${server.url}api/login`, { data: { username: server.account('supervisor').username, password: E2E_PASSWORD } })).status()).toBe(200);
    const { page } = await openApp(browser(), server.url, `#v=1&city=${E2E_CITY}&tab=campaign`, { width: 1280, height: 2000 }, signIn);
    await page.waitForSelector('[data-flag-section="ready"] tr[data-unit]');
    await page.locator('[data-flag-section] tr[data-unit]').first().click();
    await page.waitForSelector('[data-drill] li');
    await page.locator('.flag-section').screenshot({ path: shot('bulletin-flag-board.png') });
    await page.waitForSelector('[data-trends="ready"] [data-series="city"]', { state: 'attached' });
    await page.selectOption('[data-control="trend-scope"]', { index: 1 });
    await page.waitForSelector('[data-trends="ready"] [data-chart="trend-toiletCoverage"] .series-1', { state: 'attached' });
    await page.locator('.trends').screenshot({ path: shot('bulletin-trends.png') });
    await page.click('[data-action="compare-show"]');
    await page.waitForSelector('[data-comparison]');
    await waitForMapIdle(page, E2E_CITY);
    await page.locator('.before-after').scrollIntoViewIfNeeded();
    await page.screenshot({ path: shot('bulletin-before-after.png') });
    await page.goto(`${server.url}#v=1&city=${E2E_CITY}&wall`);
    await page.waitForSelector('[data-wall-flags] li');
    await page.waitForSelector('[data-wall-trends]', { state: 'attached' });
    await waitForMapIdle(page, E2E_CITY);
    await page.screenshot({ path: shot('bulletin-wall.png') });
    // the history view: yesterday's ledgers, the toilet gaps and facilities drawn, the banner over the map
    await page.goto(`${server.url}#v=1&city=${E2E_CITY}&asof=${days[0]}&layers=toiletGaps,facilities`);
    await page.waitForSelector(`[data-asof="${days[0]}"][data-asof-state="ready"]`);
    await waitForMapIdle(page, E2E_CITY);
    await page.screenshot({ path: shot('asof-view.png') });
    await page.close();
  }, 240_000);
});
