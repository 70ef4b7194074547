/**
 * The supervision loop across three browsers on the real campaign server: the office (a dispatcher, later an
 * inspector) reports a case with a before-photo, registers and dispatches it; the unit's handler, on a phone,
 * adds the after-photo from the camera input and reports it handled; the inspector passes it. A third browser on
 * the wall (#wall, signed in as a viewer) must show every step within 2 s of the step's answer. The server is
 * restarted before the last step: the wall reconnects with the last event id and still shows it.
 */
import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { E2E_PASSWORD } from './campaign_accounts';
import { startCampaignServer, type CampaignServer } from './campaign_server';
import { chromiumForThisFile, openApp, SCREENSHOT_DIR } from './app_page';

const browser = chromiumForThisFile();
let server: CampaignServer;

beforeAll(async () => {
  server = await startCampaignServer();
});
afterAll(async () => {
  await server?.stop();
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
    mark('done');
  }, 100_000);
});
