/**
 * The supervision loop across three browsers on the real campaign server: the office (a dispatcher, later an
 * inspector) reports a case with a before-photo, registers and dispatches it; the unit's handler, on a phone,
 * adds the after-photo from the camera input and reports it handled; the inspector passes it. A third browser on
 * the wall (#wall, signed in as a viewer) must show every step within 2 s of the step's answer. The server is
 * restarted before the last step: the wall reconnects with the last event id and still shows it.
 */
import { mkdirSync } from 'node:fs';
import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import pointOnFeature from '@turf/point-on-feature';
import type { Locator, Page } from 'playwright-core';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_PARAMS } from '../../src/analysis/city_analysis';
import type { ApiCase } from '../../src/campaign/api';
import type { GridFeature } from '../../src/domain/city_bundle';
import { E2E_PASSWORD } from './campaign_accounts';
import { cliReport } from './cli_report';
import { readBundle } from '../../scripts/read_bundle';
import { campaignServerForThisFile, type CampaignServer } from './campaign_server';
import { chromiumForThisFile, openApp, SCREENSHOT_DIR, waitForOverlayDrawn, type AppPage } from './app_page';

const browser = chromiumForThisFile();
let server: CampaignServer;
/** the office's desk, signed in: the first test leaves it open for the 督办 test (a page load and an analysis saved) */
let desk: AppPage | null = null;

const serverReady = campaignServerForThisFile();
beforeAll(async () => {
  server = await serverReady;
});

/** the wall must show a step this soon after the acting page saw the server's answer */
const LIVE_MS = 2000;
/** the map with boundaries only: SwiftShader draws every frame on the CPU, and each case event redraws it */
const LIGHT_MAP = 'layers=boundaries';
/** a small wall: each case event redraws the map, and a long software-rendered frame delays the ticker too */
const WALL = { width: 880, height: 540 };

const jpeg = (r: number, g: number, b: number) => sharp({ create: { width: 96, height: 72, channels: 3, background: { r, g, b } } }).jpeg().toBuffer();

async function signIn(page: Page, scope: string, role: Parameters<CampaignServer['account']>[0]): Promise<void> {
  const form = page.locator(`${scope} [data-form="sign-in"]`);
  await form.locator('input[name="username"]').fill(server.account(role).username);
  await form.locator('input[name="password"]').fill(E2E_PASSWORD);
  await form.locator('button[type="submit"]').click();
}

describe('supervision on the desk, the phone and the wall', () => {
  it('drives a case from 上报 to 结案 with photos while the wall follows live, across a server restart', async () => {
    const started = Date.now();
    const mark = (what: string) => console.log(`${((Date.now() - started) / 1000).toFixed(1)} s ${what}`);
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    // three browsers open together: the wall (signed in once where it stands, here through its context's
    // cookie jar), the office's desk and the handler's phone
    const [wall, office, phone] = await Promise.all([
      openApp(browser(), server.url, `#city=demo&wall&cycle=3600&${LIGHT_MAP}`, WALL, (page) =>
        page.request.post(`${server.url}api/login`, { data: { username: server.account('viewer').username, password: E2E_PASSWORD } }),
      ),
      openApp(browser(), server.url, `#city=demo&tab=cases&${LIGHT_MAP}`),
      openApp(browser(), server.url, '#city=demo&my', { width: 390, height: 844 }),
    ]);
    const counter = async (id: string) => Number(await wall.page.getAttribute(`[data-counter="${id}"]`, 'data-value'));
    /** the wall's ticker shows the step on the case (`times` for a step that repeats, like photos) */
    const wallShows = (caseId: number, action: string, times = 1) =>
      wall.page.waitForFunction(([selector, n]) => document.querySelectorAll(selector as string).length >= (n as number), [`.wall-ticker [data-case="${caseId}"][data-action="${action}"]`, times], { timeout: LIVE_MS });
    await Promise.all([
      wall.page.waitForSelector('[data-wall-cases][data-live="open"]', { timeout: 60_000 }),
      office.page.click('[data-action="sign-in"]').then(() => signIn(office.page, '.session-control', 'dispatcher')),
      signIn(phone.page, '.phone-cases', 'handler'),
    ]);
    const openBefore = await counter('open');
    await office.page.waitForSelector('.cases-section[data-cases-status="ready"]');
    mark('signed in');

    // 上报 with a before-photo
    await office.page.click('[data-action="new-case"]');
    const form = office.page.locator('[data-form="case"]');
    await form.locator('[data-input="category"]').selectOption('toilet_dirty');
    await form.locator('[data-input="title"]').fill('公厕地面积水 <b>未清理</b>');
    await form.locator('[data-photo-input="before"]').setInputFiles({ name: 'before.jpg', mimeType: 'image/jpeg', buffer: await jpeg(160, 90, 40) });
    await form.locator('[data-action="send-case"]').click();
    const drawer = office.page.locator('[data-case-drawer]');
    await drawer.locator('[data-photo="before"] img').waitFor();
    const caseId = Number(await drawer.getAttribute('data-case-drawer'));
    // a title is text, never markup
    expect(await drawer.locator('h2').textContent()).toContain('<b>未清理</b>');
    await wallShows(caseId, 'report');
    await wallShows(caseId, 'photo');
    expect(await counter('open')).toBe(openBefore + 1);

    mark('reported');
    // 立案, then 派遣 to the handler's unit: only the office's steps are offered
    expect(await drawer.locator('[data-case-action]').evaluateAll((buttons) => buttons.map((b) => b.getAttribute('data-case-action')))).toEqual(['register', 'void']);
    await drawer.locator('[data-case-action="register"]').click();
    await office.page.waitForSelector('[data-case-drawer][data-case-state="registered"]');
    await wallShows(caseId, 'register');
    await drawer.locator('[data-input="unit"]').selectOption(server.account('handler').unitId!);
    await drawer.locator('[data-case-action="dispatch"]').click();
    await office.page.waitForSelector('[data-case-drawer][data-case-state="dispatched"]');
    await wallShows(caseId, 'dispatch');
    expect(await drawer.locator('[data-case-action]').count()).toBe(0);

    mark('dispatched');
    // the handler's phone (open since the start): the case arrives live; the after-photo from the camera input,
    // then 处置完毕 in one tap
    const card = phone.page.locator(`[data-phone-case="${caseId}"]`);
    await card.locator('[data-case-action="submit"][disabled]').waitFor();
    expect(await card.locator('[data-photo-input="after"]').getAttribute('capture')).toBe('environment');
    await card.locator('[data-photo-input="after"]').setInputFiles({ name: 'after.jpg', mimeType: 'image/jpeg', buffer: await jpeg(40, 160, 90) });
    await card.locator('[data-photo="after"] img').waitFor();
    await wallShows(caseId, 'photo', 2);
    await phone.page.screenshot({ path: `${SCREENSHOT_DIR}/supervision-phone-list.png` });
    mark('after photo');
    await card.locator('[data-case-action="submit"]:not([disabled])').click();
    await phone.page.waitForSelector(`[data-phone-case="${caseId}"][data-state="checking"]`);
    await wallShows(caseId, 'submit');
    // the office's drawer follows the feed too
    await office.page.waitForSelector('[data-case-drawer][data-case-state="checking"]', { timeout: LIVE_MS });

    mark('submitted');
    // the server goes down and comes back; the wall notices and reconnects
    const restarting = server.restart();
    await wall.page.waitForSelector('[data-wall-cases][data-live="reconnecting"]', { timeout: 15_000 });
    await restarting;
    await wall.page.waitForSelector('[data-wall-cases][data-live="open"]', { timeout: 15_000 });

    mark('reconnected');
    // right after the restart an inspector passes the check
    await office.page.click('[data-action="sign-out"]');
    await office.page.click('[data-action="sign-in"]');
    await signIn(office.page, '.session-control', 'inspector');
    await drawer.locator('[data-case-action="pass"]').click();
    await office.page.waitForSelector('[data-case-drawer][data-case-state="closed"]');
    await wallShows(caseId, 'pass');
    await wall.page.waitForSelector(`[data-counter="open"][data-value="${openBefore}"]`, { timeout: LIVE_MS });

    mark('passed');
    await drawer.locator('[data-photo="after"] img').waitFor();
    await drawer.screenshot({ path: `${SCREENSHOT_DIR}/supervision-case-drawer.png` });
    await wall.page.screenshot({ path: `${SCREENSHOT_DIR}/supervision-wall.png` });
    // each step once on the wall, in order, none lost or doubled across the restart
    const steps = await wall.page.locator(`.wall-ticker [data-case="${caseId}"]`).evaluateAll((items) => items.map((i) => i.getAttribute('data-action')).reverse());
    expect(steps).toEqual(['report', 'photo', 'register', 'dispatch', 'photo', 'submit', 'pass']);
    for (const p of [wall, office, phone]) expect(p.foreignRequests).toEqual([]);
    desk = office;
    await Promise.all([wall.page.close(), phone.page.close()]);
    mark('done');
  }, 100_000);

  it('督办 from a gap street and a grid scorecard: a prefilled form, the case filed with its figures, a second press offered the open case', async () => {
    // the desk of the first test, signed in as an inspector (who may report), its analysis done; run alone, a
    // dispatcher's desk of its own
    desk ??= await openApp(browser(), server.url, `#city=demo&tab=gaps&${LIGHT_MAP}`, undefined, (page) =>
      page.request.post(`${server.url}api/login`, { data: { username: server.account('dispatcher').username, password: E2E_PASSWORD } }),
    );
    const { page } = desk;
    const grid = gridsFile.features.find((g) => g.properties.code === server.seed.handlerGrid)!;
    const [gridLon, gridLat] = pointOnFeature(grid).geometry.coordinates;
    // a gap street of the command line's list whose case cannot fold into the grid's (same category, ≤ 50 m)
    const street = cli.gaps.streets.slice(0, 50).find((s) => metresApart(boxCentre(s.bbox), [gridLon, gridLat]) > 200)!;
    await page.evaluate((hash) => (location.hash = hash), `#city=demo&tab=gaps&grid=${grid.properties.code}&${LIGHT_MAP}`);
    const form = page.locator('[data-form="case"]');

    // the gap street: category, place, name and the atlas figures prefilled
    await page.click(`[data-raise-case="street:${street.id}"]`);
    await form.and(page.locator('[data-source="atlas_gap_street"]')).waitFor();
    expect(await form.locator('[data-input="category"]').inputValue()).toBe('toilet_gap');
    if (street.name) expect(await form.locator('[data-input="title"]').inputValue()).toContain(street.name);
    const [lon, lat] = boxCentre(street.bbox);
    expect(await form.textContent()).toContain(`${lon.toFixed(5)}, ${lat.toFixed(5)}`);
    const figures = await shownFigures(form);
    expect(figures.streetId).toBe(street.id);
    expect(figures.gapM).toBe(String(Math.round(street.gapM)));
    expect(figures.lengthM).toBe(String(Math.round(street.lengthM)));
    const filed = await send(page, 201);
    const streetCase = await caseOnServer(page, filed.id);
    expect(streetCase).toMatchObject({ source: 'atlas_gap_street', categoryId: 'toilet_gap', state: 'reported', gridCode: gridAt(lon, lat) });
    expect(streetCase.lon).toBeCloseTo(lon, 9);
    expect(streetCase.lat).toBeCloseTo(lat, 9);
    expect(streetCase.analysis).toMatchObject({ distanceM: Math.round(street.worstDistanceM), thresholdM: DEFAULT_PARAMS.toiletDistanceM, figures: { streetId: street.id, gapM: Math.round(street.gapM) } });
    // the case's title (the street's name in it) is shown as text
    expect(await page.locator(`[data-case-drawer="${filed.id}"] h2`).textContent()).toContain(streetCase.title);

    // the same street again: the server answers 409 with the open case, the form offers it, and choosing it
    // opens that case instead of filing a second
    await page.click('[data-tab="gaps"]');
    await page.click(`[data-raise-case="street:${street.id}"]`);
    const refused = await send(page, 409);
    expect(refused.details.duplicates.map((d) => d.id)).toEqual([filed.id]);
    await form.locator(`[data-duplicates="1"] [data-duplicate="${filed.id}"]`).click();
    await page.locator(`[data-case-drawer="${filed.id}"]`).waitFor();
    expect(await form.count()).toBe(0);
    const all = (await (await page.request.get(`${server.url}api/cases?cityId=demo&limit=5000`)).json()) as { cases: ApiCase[] };
    expect(all.cases.filter((c) => (c.analysis as { figures?: { streetId?: string } } | null)?.figures?.streetId === street.id)).toHaveLength(1);

    // the grid's scorecard: its code and figures go with the case, and PostGIS places it in that grid
    await page.click(`[data-raise-case="grid:${grid.properties.code}"]`);
    await form.and(page.locator('[data-source="atlas_grid"]')).waitFor();
    const gridFigures = await shownFigures(form);
    expect(gridFigures.gridCode).toBe(grid.properties.code);
    const gridFiled = await send(page, 201);
    const gridCase = await caseOnServer(page, gridFiled.id);
    const toiletGap = Number(gridFigures.gapStreetM) > 0 || Number(gridFigures.unservedCompounds) === 0;
    expect(gridCase).toMatchObject({ source: 'atlas_grid', categoryId: toiletGap ? 'toilet_gap' : 'parking_missing', gridCode: grid.properties.code, analysis: { figures: { gridCode: grid.properties.code, gapStreetM: Number(gridFigures.gapStreetM) } } });
    expect(gridCase.lon).toBeCloseTo(gridLon, 9);
    expect(gridCase.lat).toBeCloseTo(gridLat, 9);
    expect(desk.foreignRequests).toEqual([]);
  }, 60_000);

  it('a case pin on the map (its own canvas above the map) opens its case; the pointer on it shows no tooltip', async () => {
    desk ??= await openApp(browser(), server.url, `#city=demo&tab=cases&${LIGHT_MAP}`, undefined, (page) =>
      page.request.post(`${server.url}api/login`, { data: { username: server.account('dispatcher').username, password: E2E_PASSWORD } }),
    );
    const { page } = desk;
    const casesNow = async () => ((await (await page.request.get(`${server.url}api/cases?cityId=demo&limit=5000`)).json()) as { cases: ApiCase[] }).cases;
    if (!(await casesNow()).length) {
      // run alone, the server has no case yet: one reported in the handler's grid
      const grid = gridsFile.features.find((g) => g.properties.code === server.seed.handlerGrid)!;
      const [lon, lat] = pointOnFeature(grid).geometry.coordinates;
      const created = await page.request.post(`${server.url}api/cases`, { data: { cityId: 'demo', categoryId: 'toilet_dirty', title: '地图上的案件', lon, lat, source: 'report' } });
      expect(created.status()).toBe(201);
    }
    await page.evaluate((hash) => (location.hash = hash), `#city=demo&tab=cases&${LIGHT_MAP}`);
    await page.waitForSelector('.cases-section[data-cases-status="ready"] [data-case-row]');
    // a listed case with no other within 30 m, so its pin stands alone at street zoom
    const all = await casesNow();
    const listed = (await page.locator('[data-case-row]').evaluateAll((rows) => rows.map((r) => Number(r.getAttribute('data-case-row'))))).map((id) => all.find((c) => c.id === id)!);
    const alone = listed.find((c) => all.every((o) => o.id === c.id || metresApart([c.lon, c.lat], [o.lon, o.lat]) > 30))!;
    // the row flies the map to the case; closed again, the case is a pin on the map
    await page.click(`[data-case-row="${alone.id}"]`);
    await page.locator(`[data-case-drawer="${alone.id}"] .case-facts`).first().waitFor();
    await page.click('[data-action="close-case"]');
    await page.locator('[data-case-drawer]').waitFor({ state: 'detached' });
    await waitForOverlayDrawn(page);
    // a zoom by the + button is the user's move: on software GL the map and the cases drop to the moving resolution
    // while it runs, and both are drawn sharp again once it has ended (the cases stayed blurred until a filter)
    const zoomBefore = new URL(page.url()).hash.match(/view=[^&]*,([\d.]+)/)![1];
    await page.click('.maplibregl-ctrl-zoom-in');
    await page.waitForFunction((z) => !location.hash.includes(`,${z}`), zoomBefore);
    await waitForOverlayDrawn(page);
    const widths = await page.evaluate(() => [document.querySelector<HTMLCanvasElement>('.case-canvas canvas')!.width, document.querySelector<HTMLCanvasElement>('#map canvas.maplibregl-canvas')!.width]);
    expect(widths[0]).toBe(widths[1]);
    const [x, y] = await screenPoint(page, alone.lon, alone.lat);
    await page.mouse.move(x, y);
    await page.mouse.move(x + 1, y);
    // the hover has been judged once the canvas shows the pointer cursor
    await page.waitForFunction(() => document.querySelector<HTMLElement>('#map canvas.maplibregl-canvas')?.style.cursor === 'pointer', undefined, { timeout: 5_000 });
    expect(await page.locator('.tooltip').count()).toBe(0);
    await page.mouse.click(x, y);
    await page.locator(`[data-case-drawer="${alone.id}"]`).waitFor();
    expect(desk.foreignRequests).toEqual([]);
  }, 60_000);
});

/** Where a point is on the page: Web Mercator from the view in the URL (the map turns neither way in this app). */
async function screenPoint(page: Page, lon: number, lat: number): Promise<[number, number]> {
  const [cLon, cLat, zoom] = new URL(page.url()).hash.match(/view=([^&]+)/)![1].split(',').map(Number);
  const box = (await page.locator('#map').boundingBox())!;
  const world = 512 * 2 ** zoom;
  const mx = (l: number) => (l + 180) / 360;
  const my = (p: number) => 0.5 - Math.log(Math.tan(Math.PI / 4 + (p * Math.PI) / 360)) / (2 * Math.PI);
  return [box.x + box.width / 2 + (mx(lon) - mx(cLon)) * world, box.y + box.height / 2 + (my(lat) - my(cLat)) * world];
}

const cli = cliReport('demo', DEFAULT_PARAMS);
const gridsFile = readBundle('demo').layers.grids as { features: GridFeature[] };
const boxCentre = (box: readonly number[]): [number, number] => [(box[0] + box[2]) / 2, (box[1] + box[3]) / 2];
/** metres between two points, equirectangular: enough to keep two cases clear of the 50 m duplicate radius */
const metresApart = (a: [number, number], b: [number, number]) => Math.hypot((a[0] - b[0]) * Math.cos((a[1] * Math.PI) / 180), a[1] - b[1]) * 111_320;
/** the grid a point lies in or on the edge of (the first by code), found in Node (turf) independently of the server's PostGIS */
const gridAt = (lon: number, lat: number) => gridsFile.features.filter((g) => booleanPointInPolygon([lon, lat], g)).map((g) => g.properties.code).sort()[0] ?? null;

/** the atlas figures the case form shows, name → text */
async function shownFigures(form: Locator): Promise<Record<string, string>> {
  return form.locator('[data-case-analysis] dl').evaluate((dl) => {
    const out: Record<string, string> = {};
    dl.querySelectorAll('dt').forEach((dt) => (out[dt.textContent ?? ''] = dt.nextElementSibling?.textContent ?? ''));
    return out;
  });
}

/** submits the case form and returns the server's answer, which must have the status given */
async function send(page: Page, status: 201 | 409): Promise<{ id: number; details: { duplicates: { id: number }[] } }> {
  const answer = page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/api/cases');
  await page.click('[data-form="case"] [data-action="send-case"]');
  const response = await answer;
  expect(response.status()).toBe(status);
  const body = (await response.json()) as { case?: { id: number }; details?: { duplicates: { id: number }[] } };
  if (status === 201) await page.locator(`[data-case-drawer="${body.case!.id}"]`).waitFor();
  return { id: body.case?.id ?? 0, details: body.details ?? { duplicates: [] } };
}

async function caseOnServer(page: Page, id: number): Promise<ApiCase> {
  return ((await (await page.request.get(`${server.url}api/cases/${id}`)).json()) as { case: ApiCase }).case;
}
