import { describe, expect, inject, it } from 'vitest';
import { analyzeBundle } from '../../scripts/analyze';
import { DEFAULT_PARAMS } from '../../src/analysis/city_analysis';
import { SIX_SURROUNDINGS } from '../../src/domain/categories';
import { analysisDone, chromiumForThisFile, kpi, mapPixels, openApp, setSlider, waitForMapIdle } from './app_page';

const baseUrl = inject('baseUrl');
const browser = chromiumForThisFile();

describe('gap analysis in the browser', () => {
  it('shows the same figures as `npm run analyze -- demo --json`, and the slider re-classifies to the CLI’s answer', async () => {
    const { page, foreignRequests } = await openApp(browser(), baseUrl, '#city=demo');
    await waitForMapIdle(page, 'demo');
    await analysisDone(page);
    const cli = analyzeBundle('demo', DEFAULT_PARAMS);
    expect(await kpi(page, 'streetShare')).toBeCloseTo(cli.toilets.streetShareWithin, 9);
    expect(await kpi(page, 'areaShare')).toBeCloseTo(cli.toilets.areaShareWithin, 9);
    expect(await kpi(page, 'parking')).toBeCloseTo(cli.parking.compoundShareServed, 9);
    for (const id of SIX_SURROUNDINGS) {
      await expect(page.locator(`[data-zone="${id}"] [data-zone-alleys]`).getAttribute('data-zone-alleys')).resolves.toBe(String(cli.zones[id].alleys));
    }
    await mapPixels(page, 'demo-gaps.png');

    await setSlider(page, 'toilet', 1000);
    const wider = analyzeBundle('demo', { ...DEFAULT_PARAMS, toiletDistanceM: 1000 });
    await expect.poll(() => kpi(page, 'streetShare')).toBeCloseTo(wider.toilets.streetShareWithin, 9);
    expect(wider.toilets.streetShareWithin).toBeGreaterThan(cli.toilets.streetShareWithin);

    expect(await kpi(page, 'zoneAlleys')).toBe(cli.zoneTotals.alleys);
    await setSlider(page, 'zone', 2000);
    const zones2000 = analyzeBundle('demo', { ...DEFAULT_PARAMS, toiletDistanceM: 1000, zoneRadiusM: 2000 });
    await expect.poll(() => page.locator('[data-zone="school"] [data-zone-alleys]').getAttribute('data-zone-alleys')).toBe(String(zones2000.zones.school.alleys));
    expect(zones2000.zones.school.alleys).toBeGreaterThan(cli.zones.school.alleys);
    // the KPI card counts distinct alleys in any zone: more at 2000 m, and the CLI's number
    await expect.poll(() => kpi(page, 'zoneAlleys')).toBe(zones2000.zoneTotals.alleys);
    expect(zones2000.zoneTotals.alleys).toBeGreaterThan(cli.zoneTotals.alleys);
    expect(new URL(page.url()).hash).toContain('toilet=1000');
    expect(foreignRequests).toEqual([]);
    await page.close();
  });

  it('keeps the main thread free (no task over 50 ms) while the worker computes walking-network distances', async () => {
    // overlays hidden: SwiftShader draws each frame on the CPU (50–90 ms here), which would measure the
    // software renderer, not the analysis
    const { page } = await openApp(browser(), baseUrl, '#city=demo&layers=');
    await waitForMapIdle(page, 'demo');
    await analysisDone(page);
    await page.evaluate(() => {
      const w = window as unknown as { longTasks: number[] };
      w.longTasks = [];
      new PerformanceObserver((list) => list.getEntries().forEach((e) => w.longTasks.push(e.duration))).observe({ type: 'longtask' });
    });
    await page.locator('input[data-switch="network"]').check();
    await page.waitForSelector('.gap-panel[aria-busy="true"]', { timeout: 10_000 }).catch(() => {});
    await analysisDone(page);
    await page.waitForTimeout(300);
    const longTasks = await page.evaluate(() => (window as unknown as { longTasks: number[] }).longTasks);
    const cli = analyzeBundle('demo', { ...DEFAULT_PARAMS, network: true });
    expect(await kpi(page, 'streetShare')).toBeCloseTo(cli.toilets.streetShareWithin, 9);
    expect(longTasks.filter((ms) => ms > 50)).toEqual([]);
    await page.close();
  });
});
