import { readFileSync, statSync } from 'node:fs';
import { readBundle } from '../../scripts/read_bundle';
import { describe, expect, inject, it } from 'vitest';
import { cliReport } from './cli_report';
import { DEFAULT_PARAMS } from '../../src/analysis/city_analysis';
import { chromiumForThisFile, mapPixels, openApp, SCREENSHOT_DIR, waitForMapIdle, waitForOverlayDrawn } from './app_page';

const baseUrl = inject('baseUrl');
const browser = chromiumForThisFile();

describe('the district head’s view of one grid', () => {
  const report = cliReport('demo', DEFAULT_PARAMS);
  // a grid with streets, facilities and a gap, so every row of the scorecard has something to show
  const grid = report.grids.filter((g) => g.toilets.streetMetres > 300 && g.score < 100 && Object.keys(g.facilities).length > 0)[0];

  it('opens a #grid= link zoomed to that grid, with the scorecard of `npm run analyze -- demo --json`; fits a 390 px phone and prints as one A4 page', async () => {
    const { page, foreignRequests } = await openApp(browser(), baseUrl, `#city=demo&grid=${grid.code}&layers=toiletGaps,facilities`);
    await waitForMapIdle(page, 'demo');
    await page.waitForSelector(`.scorecard[data-grid="${grid.code}"] [data-kpi="gridScore"]`, { timeout: 60_000 });
    expect(Number(await page.locator('[data-kpi="gridScore"]').getAttribute('data-value'))).toBe(grid.score);
    const row = async (id: string) => Number(await page.locator(`[data-score-row="${id}"]`).getAttribute('data-value'));
    expect(await row('toiletStreet')).toBeCloseTo(grid.toilets.streetShareWithin, 9);
    expect(await row('toiletArea')).toBeCloseTo(grid.toilets.areaShareWithin, 9);
    expect(await row('gapStreet')).toBeCloseTo(grid.toilets.gapStreetMetres, 6);
    expect(await row('unservedCompounds')).toBe(grid.parking.unserved);
    expect(await row('zoneAlleys')).toBe(grid.zones.alleys);
    await expect(page.locator('.scorecard').textContent()).resolves.toContain(grid.name);

    // zoomed in on the grid: the view's centre lies inside the grid's box, at street level
    const grids = readBundle('demo').layers.grids! as unknown as { features: { properties: { code: string }; geometry: { coordinates: number[][][] } }[] };
    const ring = grids.features.find((f) => f.properties.code === grid.code)!.geometry.coordinates[0];
    await expect.poll(() => new URL(page.url()).hash).toContain('view=');
    const [lon, lat, zoom] = new URLSearchParams(new URL(page.url()).hash.slice(1)).get('view')!.split(',').map(Number);
    expect(lon).toBeGreaterThanOrEqual(Math.min(...ring.map((p) => p[0])));
    expect(lon).toBeLessThanOrEqual(Math.max(...ring.map((p) => p[0])));
    expect(lat).toBeGreaterThanOrEqual(Math.min(...ring.map((p) => p[1])));
    expect(lat).toBeLessThanOrEqual(Math.max(...ring.map((p) => p[1])));
    expect(zoom).toBeGreaterThan(15);
    await mapPixels(page, 'grid-desk.png');

    // the same link on a 390 px phone (the district head's), then printed: one A4 page with map and scorecard
    await page.setViewportSize({ width: 390, height: 844 });
    await waitForOverlayDrawn(page);
    await page.waitForSelector('[data-kpi="gridScore"]', { timeout: 60_000 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/grid-phone.png`, fullPage: true });

    await page.setViewportSize({ width: 794, height: 1123 });
    await page.emulateMedia({ media: 'print' });
    await waitForOverlayDrawn(page);
    const pdfPath = `${SCREENSHOT_DIR}/grid-report.pdf`;
    await page.pdf({ path: pdfPath, format: 'A4', printBackground: true });
    const pdf = readFileSync(pdfPath, 'latin1');
    expect(pdf.match(/\/Type\s*\/Page\b/g)?.length).toBe(1);
    expect(statSync(pdfPath).size).toBeGreaterThan(20_000);
    expect(foreignRequests).toEqual([]);
    await page.close();
  });
});
