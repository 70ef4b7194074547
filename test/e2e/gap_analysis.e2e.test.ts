import { describe, expect, inject, it } from 'vitest';
import { cliReport } from './cli_report';
import { DEFAULT_PARAMS } from '../../src/analysis/city_analysis';
import { SIX_SURROUNDINGS } from '../../src/domain/categories';
import { analysisDone, chromiumForThisFile, kpi, mapPixels, openApp, setSlider, waitForMapIdle } from './app_page';

const baseUrl = inject('baseUrl');
const browser = chromiumForThisFile();

describe('gap analysis in the browser', () => {
  it('shows the same figures as `npm run analyze -- demo --json`, and the slider re-classifies to the CLI’s answer', async () => {
    const { page, foreignRequests } = await openApp(browser(), baseUrl, '#city=demo&layers=toiletGaps');
    await waitForMapIdle(page, 'demo');
    await analysisDone(page);
    const cli = cliReport('demo', DEFAULT_PARAMS);
    expect(await kpi(page, 'streetShare')).toBeCloseTo(cli.toilets.streetShareWithin, 9);
    expect(await kpi(page, 'areaShare')).toBeCloseTo(cli.toilets.areaShareWithin, 9);
    expect(await kpi(page, 'parking')).toBeCloseTo(cli.parking.compoundShareServed, 9);
    for (const id of SIX_SURROUNDINGS) {
      await expect(page.locator(`[data-zone="${id}"] [data-zone-alleys]`).getAttribute('data-zone-alleys')).resolves.toBe(String(cli.zones[id].alleys));
    }
    await mapPixels(page, 'demo-gaps.png');

    await setSlider(page, 'toilet', 1000);
    const wider = cliReport('demo', { ...DEFAULT_PARAMS, toiletDistanceM: 1000 });
    await expect.poll(() => kpi(page, 'streetShare')).toBeCloseTo(wider.toilets.streetShareWithin, 9);
    expect(wider.toilets.streetShareWithin).toBeGreaterThan(cli.toilets.streetShareWithin);

    expect(await kpi(page, 'zoneAlleys')).toBe(cli.zoneTotals.alleys);
    await setSlider(page, 'zone', 2000);
    const zones2000 = cliReport('demo', { ...DEFAULT_PARAMS, toiletDistanceM: 1000, zoneRadiusM: 2000 });
    await expect.poll(() => page.locator('[data-zone="school"] [data-zone-alleys]').getAttribute('data-zone-alleys')).toBe(String(zones2000.zones.school.alleys));
    expect(zones2000.zones.school.alleys).toBeGreaterThan(cli.zones.school.alleys);
    // the KPI card counts distinct alleys in any zone: more at 2000 m, and the CLI's number
    await expect.poll(() => kpi(page, 'zoneAlleys')).toBe(zones2000.zoneTotals.alleys);
    expect(zones2000.zoneTotals.alleys).toBeGreaterThan(cli.zoneTotals.alleys);
    expect(new URL(page.url()).hash).toContain('toilet=1000');
    expect(foreignRequests).toEqual([]);
    await page.close();
  });

  it('keeps the main thread free while the worker computes walking-network distances', async () => {
    // overlays hidden: SwiftShader draws each frame on the CPU (50–90 ms here), which would measure the
    // software renderer, not the analysis
    const { page } = await openApp(browser(), baseUrl, '#city=demo&layers=');
    await waitForMapIdle(page, 'demo');
    await analysisDone(page);
    await page.evaluate(() => {
      const w = window as unknown as { longTasks: { start: number; end: number }[] };
      w.longTasks = [];
      new PerformanceObserver((list) => list.getEntries().forEach((e) => w.longTasks.push({ start: e.startTime, end: e.startTime + e.duration }))).observe({ type: 'longtask' });
    });
    await page.locator('input[data-switch="network"]').check();
    // done means the walking-network figure is on the page, not only that the panel is not busy
    const cli = cliReport('demo', { ...DEFAULT_PARAMS, network: true });
    await expect.poll(() => kpi(page, 'streetShare'), { timeout: 60_000 }).toBeCloseTo(cli.toilets.streetShareWithin, 9);
    await analysisDone(page);
    // each task's busy time up to the worker's answer: re-classifying the answer on the page comes after it
    const longTasks = await page.evaluate(() => {
      const answered = performance.getEntriesByName('analysis:fields').at(-1)!.startTime;
      return (window as unknown as { longTasks: { start: number; end: number }[] }).longTasks.map((t) => Math.min(t.end, answered) - t.start);
    });
    // the network pass takes seconds: on the main thread it would be one task that long. A busy two-core machine
    // stretches the page's own small tasks (a render, a collection) past the 50 ms of a "long task", so the
    // bound is what a responsive page needs, not what an idle machine happens to show
    expect(longTasks.filter((ms) => ms > 200)).toEqual([]);
    await page.close();
  });
});
