/**
 * What a new user tripped over (issue 11), one test each: imported facilities drawn, `#district=` links and the
 * ranking's map, a scorecard that names what to fix, the wall on a district, layout and language, suggestions.
 */
import { readFileSync } from 'node:fs';
import gcoord from 'gcoord';
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { cliReport } from './cli_report';
import { readBundle } from '../../scripts/read_bundle';
import { DEFAULT_PARAMS } from '../../src/analysis/city_analysis';
import { CATEGORY_IDS, categoryById } from '../../src/domain/categories';
import { changedPixels, chromiumForThisFile, mapPixels, openApp, SCREENSHOT_DIR, waitForMapIdle, waitForOverlayDrawn } from './app_page';

const baseUrl = inject('baseUrl');
const browser = chromiumForThisFile();
const demo = readBundle('demo');
const report = cliReport('demo', DEFAULT_PARAMS);
const CJK = /[\u3400-\u9fff\uff08\uff09\uff0c]/;

const hashParam = (page: Page, key: string) => new URLSearchParams(new URL(page.url()).hash.slice(1)).get(key);
const viewCentre = (page: Page) => hashParam(page, 'view')?.split(',').map(Number) ?? [];

/** `count` toilets at the middle of demo streets, in GCJ-02 as an Amap-picked ledger would have them, plus `extra` rows. */
function toiletCsv(count: number, extra: string[] = []): string {
  const streets = demo.layers.streets.features;
  const rows = ['名称,类别,经度,纬度'];
  for (let i = 0; i < count; i++) {
    const f = streets[(i * 97 + 11) % streets.length];
    const line = f.geometry.type === 'LineString' ? f.geometry.coordinates : f.geometry.coordinates[0];
    const [lon, lat] = gcoord.transform(line[Math.floor(line.length / 2)] as [number, number], gcoord.WGS84, gcoord.GCJ02);
    rows.push(`新增公厕${i},公厕,${lon.toFixed(6)},${lat.toFixed(6)}`);
  }
  return [...rows, ...extra].join('\n');
}

/** The box of a district's (or any code prefix's) grids, degrees. */
function gridsBox(prefix: string): [number, number, number, number] {
  const grids = readBundle('demo').layers.grids!;
  const box: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
  // polygons and multipolygons alike: every position, however deep
  const extend = (c: unknown): void => {
    if (!Array.isArray(c)) return;
    if (typeof c[0] === 'number') box.splice(0, 4, Math.min(box[0], c[0]), Math.min(box[1], c[1] as number), Math.max(box[2], c[0]), Math.max(box[3], c[1] as number));
    else c.forEach(extend);
  };
  for (const g of grids.features) if (g.properties.code.startsWith(prefix)) extend(g.geometry.coordinates);
  return box;
}
const inBox = ([lon, lat]: number[], [w, s, e, n]: number[]) => lon >= w && lon <= e && lat >= s && lat <= n;

async function importCsv(page: Page, name: string, csv: string): Promise<void> {
  await page.locator('input[data-input="ledger"]').setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
  await page.waitForSelector(`[data-preview="${name}"]`, { timeout: 30_000 });
}

describe('what a new user tripped over', () => {
  it('1 · draws imported toilets on the map and counts them in the layer panel', async () => {
    const others = CATEGORY_IDS.filter((c) => c !== 'toilet').join(',');
    const { page, foreignRequests } = await openApp(browser(), baseUrl, `#city=demo&tab=layers&layers=facilities&hide=${others}`);
    await waitForMapIdle(page, 'demo');
    const toilets = demo.manifest.counts.toilet;
    await expect.poll(() => page.locator('[data-category="toilet"] .count').textContent()).toBe(String(toilets));
    const before = await mapPixels(page);

    await page.locator('button[data-tab="plan"]').click();
    await importCsv(page, '新增公厕.csv', toiletCsv(15));
    await page.locator('button[data-action="import"]').click();
    await expect(page.locator('[data-import-result]').getAttribute('data-accepted')).resolves.toBe('15');
    await page.screenshot({ path: `${SCREENSHOT_DIR}/planner-after-import.png` });

    await page.locator('button[data-tab="layers"]').click();
    await expect.poll(() => page.locator('[data-category="toilet"] .count').textContent(), { timeout: 30_000 }).toBe(String(toilets + 15));
    await waitForOverlayDrawn(page);
    const after = await mapPixels(page, 'import-toilets-drawn.png');
    // new markers in the toilet colour where there were none
    const colour = categoryById('toilet').colour;
    const changed = changedPixels(before, after).filter(({ x, y }) => {
      const i = (y * after.width + x) * 4;
      return colour.every((v, k) => Math.abs(v - after.data[i + k]) <= 30);
    });
    expect(changed.length).toBeGreaterThan(60);
    expect(foreignRequests).toEqual([]);
    await page.close();
  });

  it('2 · a #district= link on a phone opens that district: its scorecard, the map on it', async () => {
    const { page, foreignRequests } = await openApp(browser(), baseUrl, '#city=demo&district=990101&layers=toiletGaps,facilities,boundaries', { width: 390, height: 844 });
    await waitForMapIdle(page, 'demo');
    await page.waitForSelector('.scorecard[data-area="990101"] [data-kpi="gridScore"]', { timeout: 60_000 });
    await expect.poll(() => inBox(viewCentre(page), gridsBox('990101'))).toBe(true);
    // the phone layout: the map above the panel, full width, and nothing wider than the screen
    const map = (await page.locator('#map').boundingBox())!;
    expect(map.width).toBeGreaterThanOrEqual(380);
    expect(map.height).toBeGreaterThan(300);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/district-link-phone.png`, fullPage: true });
    expect(foreignRequests).toEqual([]);
    await page.close();
  });

  it('2 · a district clicked in the ranking moves the map and enters the link; crumbs name only what the list is under; a colouring shows the grids', async () => {
    const { page, foreignRequests } = await openApp(browser(), baseUrl, '#city=demo&tab=ranking&layers=facilities');
    await waitForMapIdle(page, 'demo');
    await page.waitForSelector('[data-list="black"] [data-rank-key]', { timeout: 60_000 });
    const district = (await page.locator('[data-list="black"] [data-rank-key]').first().getAttribute('data-rank-key'))!;
    await page.locator('[data-list="black"] [data-rank-key]').first().click();
    await expect.poll(() => hashParam(page, 'district')).toBe(district);
    await expect.poll(() => inBox(viewCentre(page), gridsBox(district))).toBe(true);
    await page.waitForSelector(`.scorecard[data-area="${district}"]`);

    // every grid of the district at once: the crumbs stop at the district
    await page.locator('button[data-level="grid"]').click();
    await expect.poll(() => hashParam(page, 'level')).toBe('grid');
    const keys = await page.locator('[data-list="black"] [data-rank-key]').evaluateAll((els) => els.map((e) => e.getAttribute('data-rank-key')!));
    expect(keys.every((k) => k.length === 14 && k.startsWith(district))).toBe(true);
    expect(await page.locator('[data-crumb]').count()).toBe(2);

    // the grid layer is off by default: choosing a colouring switches it on
    await waitForOverlayDrawn(page);
    const before = await mapPixels(page);
    await page.locator('select[data-metric="choropleth"]').selectOption('unserved');
    await expect.poll(() => hashParam(page, 'layers') ?? '').toContain('grids');
    await waitForOverlayDrawn(page);
    expect(changedPixels(before, await mapPixels(page)).length).toBeGreaterThan(5000);
    expect(foreignRequests).toEqual([]);
    await page.close();
  });

  it('4 · a grid scorecard names the streets and compounds to fix, with distances, and says parking in words', async () => {
    const grid = report.grids.find((g) => g.toilets.gapStreetMetres > 50 && g.parking.unserved > 0) ?? report.grids.find((g) => g.toilets.gapStreetMetres > 50)!;
    const { page, foreignRequests } = await openApp(browser(), baseUrl, `#city=demo&grid=${grid.code}&layers=toiletGaps,facilities`);
    await page.waitForSelector(`[data-fix-grid="${grid.code}"] [data-fix-street]`, { timeout: 90_000 });
    const streets = await page.locator('[data-fix-street]').evaluateAll((els) => els.map((e) => ({ gap: Number(e.getAttribute('data-gap')), worst: Number(e.getAttribute('data-worst')), text: e.textContent ?? '' })));
    expect(streets.every((s) => s.gap > 0 && s.worst > DEFAULT_PARAMS.toiletDistanceM && /\d+ m/.test(s.text))).toBe(true);
    const parking = (await page.locator('[data-score-row="unservedCompounds"]').textContent()) ?? '';
    const words = grid.parking.unserved === 0 ? `${grid.parking.compounds} 个小区，全部有停车` : `${grid.parking.compounds} 个小区中 ${grid.parking.unserved} 个无停车`;
    expect(parking).toContain(words);
    expect(await page.locator('[data-fix-compound]').count()).toBeGreaterThanOrEqual(grid.parking.unserved);
    await waitForMapIdle(page, 'demo');
    await page.screenshot({ path: `${SCREENSHOT_DIR}/grid-what-to-fix.png` });
    expect(foreignRequests).toEqual([]);
    await page.close();
  });

  it('5 · the wall on a district shows that district’s figures, with the district clear of the panels', async () => {
    const { page, foreignRequests } = await openApp(browser(), baseUrl, '#city=demo&wall&cycle=3600&layers=', { width: 1600, height: 900 });
    await waitForMapIdle(page, 'demo');
    await page.waitForSelector('.wall-kpi[data-kpi="streetShare"]', { timeout: 60_000 });
    await page.keyboard.press('ArrowRight');
    await page.waitForFunction(() => document.querySelector('.wall-layer')?.getAttribute('data-wall-district') !== 'city');
    const district = (await page.locator('.wall-layer').getAttribute('data-wall-district'))!;
    // the CLI's grids of that district, summed: the figures the district bars and the rankings show too
    const grids = report.grids.filter((g) => g.code.startsWith(district));
    const streetMetres = grids.reduce((sum, g) => sum + g.toilets.streetMetres, 0);
    const gapMetres = grids.reduce((sum, g) => sum + g.toilets.gapStreetMetres, 0);
    expect(grids.length).toBeGreaterThan(10);
    await page.waitForSelector(`[data-wall-kpis="${district}"]`, { timeout: 30_000 });
    expect(Number(await page.locator('.wall-kpi[data-kpi="streetShare"]').getAttribute('data-value'))).toBeCloseTo(1 - gapMetres / streetMetres, 4);
    expect(Number(await page.locator('.wall-kpi[data-kpi="gapStreet"]').getAttribute('data-value'))).toBeCloseTo(gapMetres, -1);
    // and the bar beside the figures says the same
    const shown = Number(await page.locator('.wall-kpi[data-kpi="streetShare"]').getAttribute('data-value'));
    expect(Number(await page.locator(`.wall-layer [data-bar="${district}"]`).first().getAttribute('data-value'))).toBeCloseTo(shown, 9);
    await waitForOverlayDrawn(page);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/wall-district.png` });

    // the district's outline, drawn with the panels hidden, lies where no panel is
    const panels = await page.locator('.wall-kpis, .wall-charts, .wall-header, .wall-footer').evaluateAll((els) => els.map((e) => e.getBoundingClientRect().toJSON() as DOMRect));
    await page.addStyleTag({ content: '.wall-layer { visibility: hidden; }' });
    const outline = await mapPixels(page);
    const xs: number[] = [];
    const ys: number[] = [];
    for (let i = 0; i < outline.data.length; i += 4) {
      if (Math.abs(outline.data[i]) <= 30 && Math.abs(outline.data[i + 1] - 229) <= 30 && Math.abs(outline.data[i + 2] - 255) <= 30) {
        xs.push((i / 4) % outline.width);
        ys.push(Math.floor(i / 4 / outline.width));
      }
    }
    expect(xs.length).toBeGreaterThan(200);
    const box = { left: Math.min(...xs), right: Math.max(...xs), top: Math.min(...ys), bottom: Math.max(...ys) };
    for (const p of panels) expect(box.left > p.right || box.right < p.left || box.top > p.bottom || box.bottom < p.top, `outline ${JSON.stringify(box)} under panel ${JSON.stringify(p)}`).toBe(true);
    expect(foreignRequests).toEqual([]);
    await page.close();
  });

  it('6 · the planner fits its panel and speaks the chosen language: own file button, CRS names, rejected rows', async () => {
    const { page, foreignRequests } = await openApp(browser(), baseUrl, '#city=demo&tab=plan&lang=en&layers=');
    await page.waitForSelector('button[data-pick="ledger"]', { timeout: 60_000 });
    expect(await page.locator('button[data-pick="ledger"]').textContent()).toBe('Choose file…');
    expect(await page.locator('input[type="file"]').evaluateAll((inputs) => inputs.every((i) => (i as HTMLElement).offsetParent === null))).toBe(true);
    const far = '一个名字很长的公厕用来检查被拒绝行的说明不会被裁掉,公厕,121.4700001,31.2300001';
    await importCsv(page, 'ledger.csv', toiletCsv(3, [far, '缺坐标,公厕,,']));
    const panel = (await page.locator('.side-panel').boundingBox())!;
    const fits = async (selector: string) => (await page.locator(selector).evaluateAll((els) => els.map((e) => e.getBoundingClientRect().right))).every((right) => right <= panel.x + panel.width + 0.5);
    expect(await fits('.field-grid select')).toBe(true);
    expect(await page.locator('.side-panel').evaluate((e) => e.scrollWidth <= e.clientWidth)).toBe(true);
    const crsNames = await page.locator('select[data-select="crs"] option').allTextContents();
    expect(crsNames.filter((n) => CJK.test(n))).toEqual([]);
    await page.locator('button[data-action="import"]').click();
    await page.waitForSelector('[data-rejected-row]');
    expect(await fits('.import-result td')).toBe(true);
    expect(await page.locator('.side-panel').evaluate((e) => e.scrollWidth <= e.clientWidth)).toBe(true);
    const ledgerLine = ((await page.locator('[data-ledger="ledger.csv"] span').textContent()) ?? '').replace('ledger.csv', '');
    expect(ledgerLine).not.toMatch(CJK);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/planner-en.png` });

    // and in Chinese the picker says so in Chinese
    await page.locator('button[data-action="lang"]').click();
    expect(await page.locator('button[data-pick="ledger"]').textContent()).toBe('选择文件…');
    expect(foreignRequests).toEqual([]);
    await page.close();
  });

  it('6 · derived area names are marked in the reader’s language', async () => {
    const { page, foreignRequests } = await openApp(browser(), baseUrl, '#city=nanjing&grid=32010490190101&lang=en&layers=');
    await page.waitForSelector('.scorecard[data-grid="32010490190101"] .scorecard-line', { timeout: 60_000 });
    const text = (await page.locator('.scorecard').first().textContent()) ?? '';
    expect(text).toContain('(derived)');
    expect(text).not.toContain('派生');
    expect(foreignRequests).toEqual([]);
    await page.close();
  });

  it('7 · says when the gap is used up before the sites asked for, and exports suggested sites as GeoJSON', async () => {
    const { page, foreignRequests } = await openApp(browser(), baseUrl, '#city=demo&tab=plan&toilet=1500&layers=');
    await page.waitForSelector('[data-kpi="gapStreet"]', { timeout: 90_000 });
    await page.locator('button[data-action="suggest"]').click();
    await page.waitForSelector('[data-suggestion]', { timeout: 60_000 });
    const found = await page.locator('[data-suggestion]').count();
    expect(found).toBeLessThan(5);
    await expect(page.locator('[data-suggest-short]').getAttribute('data-suggest-short')).resolves.toBe(String(found));
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('button[data-export="suggestions-geojson"]').click()]);
    const path = `${SCREENSHOT_DIR}/suggested-toilets.geojson`;
    await download.saveAs(path);
    const geojson = JSON.parse(readFileSync(path, 'utf8')) as { features: { geometry: { type: string } }[] };
    expect(geojson.features.length).toBe(found);
    expect(geojson.features.every((f) => f.geometry.type === 'Point')).toBe(true);
    expect(foreignRequests).toEqual([]);
    await page.close();
  });
});
