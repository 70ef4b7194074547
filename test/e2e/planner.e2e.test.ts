import { readFileSync } from 'node:fs';
import gcoord from 'gcoord';
import type { Page } from 'playwright-core';
import { PNG } from 'pngjs';
import { describe, expect, inject, it } from 'vitest';
import { readBundle } from '../../scripts/read_bundle';
import { chromiumForThisFile, kpi, mapPixels, openApp, SCREENSHOT_DIR, waitForMapIdle, waitForOverlayDrawn } from './app_page';

const baseUrl = inject('baseUrl');
const browser = chromiumForThisFile();

/** 40 toilets on demo streets, written down in GCJ-02 as an Amap-picked ledger would be, and two bad rows. */
function ledgerCsv(): string {
  const streets = readBundle('demo').layers.streets.features;
  const rows = ['名称,类别,经度,纬度'];
  for (let i = 0; i < 40; i++) {
    const f = streets[(i * 53) % streets.length];
    const line = f.geometry.type === 'LineString' ? f.geometry.coordinates : f.geometry.coordinates[0];
    const [lon, lat] = gcoord.transform(line[Math.floor(line.length / 2)] as [number, number], gcoord.WGS84, gcoord.GCJ02);
    rows.push(`台账公厕${i},公厕,${lon.toFixed(6)},${lat.toFixed(6)}`);
  }
  rows.push('缺坐标,公厕,,33.2', '远处,公厕,121.47,31.23');
  return rows.join('\n');
}

/** The middle of the densest patch of street drawn in the gap ramp's deep red: a place with no toilet near. */
function gapSpot(pixels: { width: number; height: number; data: Buffer }): { x: number; y: number } {
  const isGap = (i: number) => Math.abs(pixels.data[i] - 165) < 30 && pixels.data[i + 1] < 40 && Math.abs(pixels.data[i + 2] - 38) < 30;
  let best = { x: 0, y: 0, n: -1 };
  for (let y = 40; y < pixels.height - 40; y += 8) {
    for (let x = 40; x < pixels.width - 40; x += 8) {
      let n = 0;
      for (let dy = -12; dy <= 12; dy += 3) for (let dx = -12; dx <= 12; dx += 3) if (isGap(((y + dy) * pixels.width + x + dx) * 4)) n++;
      if (n > best.n) best = { x, y, n };
    }
  }
  return best;
}

const listed = (page: Page, selector: string) => page.locator(selector).count();

describe('planner tools in the browser', () => {
  it('takes a dropped GCJ-02 ledger, a toilet placed on the map raises coverage, both survive a reload, the map exports as PNG, and a project file restores cleared storage', async () => {
    const { page, foreignRequests } = await openApp(browser(), baseUrl, '#city=demo&tab=plan&layers=toiletGaps');
    await waitForMapIdle(page, 'demo');
    await page.waitForSelector('[data-kpi="streetShare"]', { timeout: 60_000 });
    const base = await kpi(page, 'streetShare');

    // drop a CSV on the map, as a planner drags a file in
    const dataTransfer = await page.evaluateHandle((csv) => {
      const dt = new DataTransfer();
      dt.items.add(new File([csv], '公厕台账.csv', { type: 'text/csv' }));
      return dt;
    }, ledgerCsv());
    await page.dispatchEvent('#map', 'drop', { dataTransfer });
    await page.waitForSelector('[data-preview="公厕台账.csv"]', { timeout: 30_000 });
    await page.locator('button[data-action="import"]').click();
    const result = page.locator('[data-import-result]');
    await expect(result.getAttribute('data-crs')).resolves.toBe('gcj02');
    await expect(result.getAttribute('data-accepted')).resolves.toBe('40');
    await expect(page.locator('[data-rejected-row]').evaluateAll((rows) => rows.map((r) => `${r.getAttribute('data-rejected-row')}:${r.getAttribute('data-reason')}`))).resolves.toEqual(['42:no_coordinates', '43:outside_city']);
    await expect.poll(() => kpi(page, 'streetShare'), { timeout: 30_000 }).toBeGreaterThan(base);
    const withLedger = await kpi(page, 'streetShare');

    // place a proposed toilet where the map shows a gap
    await waitForOverlayDrawn(page);
    const spot = gapSpot(await mapPixels(page));
    const box = (await page.locator('#map').boundingBox())!;
    await page.locator('button[data-place="toilet"]').click();
    await page.mouse.click(box.x + spot.x, box.y + spot.y);
    await page.waitForSelector('[data-proposal]', { timeout: 10_000 });
    await expect.poll(() => kpi(page, 'streetShare'), { timeout: 30_000 }).toBeGreaterThan(withLedger);
    const withProposal = await kpi(page, 'streetShare');
    await expect.poll(() => page.locator('[data-proposal] [data-effect]').getAttribute('data-effect'), { timeout: 30_000 }).not.toBe(null);
    expect(Number(await page.locator('[data-proposal] [data-effect]').getAttribute('data-effect'))).toBeGreaterThan(0);

    // a reload keeps the ledger, the proposal and the figure
    await page.reload();
    await waitForMapIdle(page, 'demo');
    await page.waitForSelector('[data-proposal]', { timeout: 60_000 });
    expect(await listed(page, '[data-ledger="公厕台账.csv"]')).toBe(1);
    expect(await listed(page, '[data-proposal]')).toBe(1);
    await expect.poll(() => kpi(page, 'streetShare'), { timeout: 60_000 }).toBeCloseTo(withProposal, 9);

    // the map as a PNG: the map frame plus a title band above and a footer band below
    await waitForOverlayDrawn(page);
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('button[data-export="png"]').click()]);
    const path = `${SCREENSHOT_DIR}/export-map.png`;
    await download.saveAs(path);
    const png = PNG.sync.read(readFileSync(path));
    const canvas = await page.locator('#map canvas').evaluate((c: HTMLCanvasElement) => [c.width, c.height]);
    expect(png.width).toBe(canvas[0]);
    expect(png.height).toBeGreaterThan(canvas[1]);

    // project file out → storage cleared → project file in: the same figures again
    const [projectDownload] = await Promise.all([page.waitForEvent('download'), page.locator('button[data-action="project-export"]').click()]);
    const projectPath = `${SCREENSHOT_DIR}/demo-project.json`;
    await projectDownload.saveAs(projectPath);
    await page.locator('button[data-action="project-clear"]').click();
    await expect.poll(() => kpi(page, 'streetShare'), { timeout: 30_000 }).toBeCloseTo(base, 9);
    expect(await listed(page, '[data-proposal]')).toBe(0);
    await page.locator('input[data-input="project"]').setInputFiles(projectPath);
    await expect.poll(() => kpi(page, 'streetShare'), { timeout: 30_000 }).toBeCloseTo(withProposal, 9);
    expect(await listed(page, '[data-ledger="公厕台账.csv"]')).toBe(1);
    expect(foreignRequests).toEqual([]);
    await page.close();
  });
});
