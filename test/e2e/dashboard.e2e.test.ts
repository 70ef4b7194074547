import { readFileSync } from 'node:fs';
import Papa from 'papaparse';
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { cliReport } from './cli_report';
import { DEFAULT_PARAMS } from '../../src/analysis/city_analysis';
import { OVERLAY_IDS } from '../../src/state/url_hash';
import { WIDE_DESK, analysisDone, changedPixels, chromiumForThisFile, mapPixels, openApp, SCREENSHOT_DIR, waitForMapIdle, waitForOverlayDrawn } from './app_page';

const baseUrl = inject('baseUrl');
const browser = chromiumForThisFile();
const viewOf = (page: Page) => new URLSearchParams(new URL(page.url()).hash.slice(1)).get('view');

/** The drawn items in checklist order: point id, then its alleys and compounds. */
const drawnItems = (page: Page) =>
  page.locator('[data-mock-point]').evaluateAll((points) => points.map((p) => [p.getAttribute('data-mock-point'), ...[...p.querySelectorAll('[data-pick-id]')].map((i) => i.getAttribute('data-pick-id'))].join(' ')));

describe('the planners’ dashboard', () => {
  it('draws something different for every overlay switched on, and takes it away when switched off', async () => {
    const { page, foreignRequests } = await openApp(browser(), baseUrl, '#city=demo&tab=layers&layers=', WIDE_DESK);
    await waitForMapIdle(page, 'demo');
    await page.waitForFunction(() => Number(document.querySelector('[data-layer="parkingGaps"]')?.closest('label')?.querySelector('.count')?.textContent) > 0, undefined, { timeout: 60_000 });
    await waitForOverlayDrawn(page);
    const none = await mapPixels(page);
    // one overlay at a time, each compared with none; a layer left behind when switched off would still be there at
    // the end, where the map must be back to none
    for (const id of OVERLAY_IDS) {
      await page.locator(`input[data-layer="${id}"]`).check();
      await waitForOverlayDrawn(page);
      const on = await mapPixels(page, `overlay-${id}.png`);
      expect(changedPixels(none, on).length, `${id} on`).toBeGreaterThan(1500);
      await page.locator(`input[data-layer="${id}"]`).uncheck();
    }
    await waitForOverlayDrawn(page);
    expect(changedPixels(none, await mapPixels(page)).length, 'all off again').toBeLessThan(200);
    expect(foreignRequests).toEqual([]);
    await page.close();
  });

  it('selects a district from its bar and a grid’s district bar from the map, and exports every gap street as CSV', async () => {
    const { page } = await openApp(browser(), baseUrl, '#city=demo&layers=');
    await waitForMapIdle(page, 'demo');
    await analysisDone(page);
    await page.waitForSelector('[data-chart="districts"] [data-bar="990103"]', { timeout: 60_000 });
    const before = viewOf(page);
    await page.locator('[data-chart="districts"] [data-bar="990103"]').click();
    await expect.poll(() => new URL(page.url()).hash).toContain('district=990103');
    await expect.poll(() => viewOf(page)).not.toBe(before);
    await expect(page.locator('[data-chart="districts"] [data-bar="990103"]').getAttribute('class')).resolves.toContain('selected');

    // the reverse: a grid chosen on the map outlines its district's bar
    await page.evaluate(() => (window.location.hash = '#city=demo&grid=99010100100101&layers='));
    await expect(page.locator('[data-chart="districts"] [data-bar="990101"]').getAttribute('class')).resolves.toContain('selected');

    await page.locator('button[data-tab="gaps"]').click();
    const cli = cliReport('demo', DEFAULT_PARAMS);
    const first = cli.gaps.streets[0];
    await page.locator(`[data-gap-row="street:${first.id}"]`).click();
    await expect(page.locator(`[data-gap-row="street:${first.id}"]`).getAttribute('class')).resolves.toContain('selected');
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('button[data-export="gap-streets"]').click()]);
    const path = `${SCREENSHOT_DIR}/gap-streets.csv`;
    await download.saveAs(path);
    const rows = Papa.parse<string[]>(readFileSync(path, 'utf8').replace(/^\uFEFF/, '').trim()).data;
    expect(rows[0][1]).toBe('道路名称');
    expect(rows.length - 1).toBe(cli.gaps.streetsWithGap);
    expect(rows[1][0]).toBe(first.id);
    await page.close();
  });

  it('mock inspection: one draw number draws the CLI’s items, all inside their zones; a new number draws anew, and the link’s number the same items again', async () => {
    const seed = 4242;
    // the checklist needs no map: the map is looked at once, when a point is opened
    const { page, foreignRequests } = await openApp(browser(), baseUrl, `#city=demo&tab=mock&mock=${seed}&layers=zones,facilities`);
    await page.waitForSelector(`.checklist[data-mock-seed="${seed}"]`, { timeout: 60_000 });
    const first = await drawnItems(page);
    const cli = cliReport('demo', DEFAULT_PARAMS, { mock: { seed, alleys: { min: 1, max: 2 }, compounds: { min: 1, max: 2 } } }).mockInspection!;
    expect(first).toEqual(cli.points.map((p) => [p.facilityId, ...p.alleys.map((a) => a.id), ...p.compounds.map((c) => c.id)].join(' ')));
    const distances = await page.locator('[data-pick-id]').evaluateAll((items) => items.map((i) => Number(i.getAttribute('data-distance'))));
    expect(distances.length).toBeGreaterThan(300);
    expect(distances.every((d) => d >= 0 && d <= DEFAULT_PARAMS.zoneRadiusM)).toBe(true);
    await page.locator('.point-name').first().click();
    await waitForOverlayDrawn(page);
    await mapPixels(page, 'mock-inspection.png');

    await page.locator('button[data-mock="new"]').click();
    await page.waitForFunction((s) => document.querySelector('.checklist')?.getAttribute('data-mock-seed') !== String(s), seed, { timeout: 30_000 });
    expect(await drawnItems(page)).not.toEqual(first);

    // the link's number draws the same items again (the CLI's equality above shows it holds across programs too)
    await page.evaluate((s) => (window.location.hash = `#city=demo&tab=mock&mock=${s}&layers=zones,facilities`), seed);
    await page.waitForSelector(`.checklist[data-mock-seed="${seed}"]`, { timeout: 30_000 });
    expect(await drawnItems(page)).toEqual(first);
    expect(foreignRequests).toEqual([]);
    await page.close();
  });

  it('wall mode at 3840×2160: a native 3840×2160 drawing buffer, big figures, and it moves on to the next district by itself', async () => {
    const { page, foreignRequests } = await openApp(browser(), baseUrl, '#city=demo&wall&cycle=3&layers=boundaries', { width: 3840, height: 2160 });
    // the drawing buffer is sized when the map starts: native 4K without drawing a 4K frame on the CPU
    const canvasSize = () => page.locator('#map canvas').evaluate((c: HTMLCanvasElement) => [c.width, c.height, c.clientWidth, c.clientHeight]);
    await page.waitForSelector('#map canvas');
    expect(await canvasSize()).toEqual([3840, 2160, 3840, 2160]);
    // text sized from the wall's width: a title a room can read
    expect(await page.locator('.wall-header h1').evaluate((e) => parseFloat(getComputedStyle(e).fontSize))).toBeGreaterThan(60);
    // the tour at a smaller wall: SwiftShader draws every frame on the CPU, and a 4K frame costs seconds
    await page.setViewportSize({ width: 800, height: 450 });
    await expect.poll(canvasSize).toEqual([800, 450, 800, 450]);
    await page.waitForSelector('.wall-kpi[data-kpi="zoneAlleys"]', { timeout: 60_000 });
    // a short wall: every figure on screen, none under the footer (they ran off the bottom at 880×540)
    const footerTop = await page.locator('.wall-footer').evaluate((e) => e.getBoundingClientRect().top);
    const cardBottoms = await page.locator('.wall-kpi').evaluateAll((cards) => cards.map((c) => c.getBoundingClientRect().bottom));
    expect(cardBottoms.length).toBeGreaterThan(4);
    for (const bottom of cardBottoms) expect(bottom).toBeLessThanOrEqual(footerTop);
    await waitForMapIdle(page, 'demo');
    const first = await page.locator('.wall-layer').getAttribute('data-wall-district');
    const view = viewOf(page);
    await page.waitForFunction((d) => document.querySelector('.wall-layer')?.getAttribute('data-wall-district') !== d, first, { timeout: 30_000 });
    const next = await page.locator('.wall-layer').getAttribute('data-wall-district');
    expect(next).toMatch(/^(990\d{3}|city)$/);
    await expect.poll(() => viewOf(page), { timeout: 20_000 }).not.toBe(view);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/wall-tour.png` });
    // no mouse needed: the desk panel and map controls are gone
    expect(await page.locator('.side-panel').count()).toBe(0);
    expect(foreignRequests).toEqual([]);
    await page.close();
  });
});
