import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { cliReport } from './cli_report';
import { DEFAULT_PARAMS } from '../../src/analysis/city_analysis';
import { readBundle } from '../../scripts/read_bundle';
import { chromiumForThisFile, openApp, waitForMapIdle } from './app_page';

const baseUrl = inject('baseUrl');
const browser = chromiumForThisFile();

const rankKeys = (page: Page, list: string) => page.locator(`[data-list="${list}"] [data-rank-key]`).evaluateAll((els) => els.map((e) => e.getAttribute('data-rank-key')!));

describe('red and black lists, drill-down and search', () => {
  const { manifest } = readBundle('demo');
  const report = cliReport('demo', DEFAULT_PARAMS);

  it('opens a #district= link on that district’s streets, and drills down to a grid’s scorecard', async () => {
    const { page, foreignRequests } = await openApp(browser(), baseUrl, '#city=demo&tab=ranking&district=990101&layers=facilities');
    await waitForMapIdle(page, 'demo');
    await page.waitForSelector('[data-rank-key]', { timeout: 60_000 });
    const streets = [...(await rankKeys(page, 'black')), ...(await rankKeys(page, 'red'))];
    expect(streets.length).toBeGreaterThan(1);
    expect(streets.every((k) => k.startsWith('990101') && k.length === 9)).toBe(true);
    // the west district: the view moved west of the city's centre
    await expect.poll(() => Number(new URLSearchParams(new URL(page.url()).hash.slice(1)).get('view')?.split(',')[0])).toBeLessThan(manifest.center[0]);

    // the district's own scorecard sums its grids
    const districtGrids = report.grids.filter((g) => g.code.startsWith('990101'));
    const gap = districtGrids.reduce((sum, g) => sum + g.toilets.gapStreetMetres, 0);
    expect(Number(await page.locator('.scorecard[data-area="990101"] [data-score-row="gapStreet"]').getAttribute('data-value'))).toBeCloseTo(gap, 0);
    // another toilet distance, then back: the worker sends the table's changed columns only, and the sums follow the CLI's
    const shownGap = () => page.locator('.scorecard[data-area="990101"] [data-score-row="gapStreet"]').getAttribute('data-value').then(Number);
    for (const toiletDistanceM of [300, DEFAULT_PARAMS.toiletDistanceM]) {
      const want = cliReport('demo', { ...DEFAULT_PARAMS, toiletDistanceM }).grids.filter((g) => g.code.startsWith('990101')).reduce((sum, g) => sum + g.toilets.gapStreetMetres, 0);
      await page.evaluate(([m, byDefault]) => (location.hash = location.hash.replace(/&toilet=\d+/, '') + (m === byDefault ? '' : `&toilet=${m}`)), [toiletDistanceM, DEFAULT_PARAMS.toiletDistanceM]);
      await expect.poll(shownGap, { timeout: 30_000 }).toBeCloseTo(want, 0);
    }

    // worst street → its worst community → its worst grid
    await page.locator('[data-list="black"] [data-rank-key]').first().click();
    const communities = await rankKeys(page, 'black');
    expect(communities.every((k) => k.startsWith(streets[0]) && k.length === 12)).toBe(true);
    await page.locator('[data-list="black"] [data-rank-key]').first().click();
    const worstGrid = (await rankKeys(page, 'black'))[0];
    expect(worstGrid).toMatch(new RegExp(`^${communities[0]}\\d{2}$`));
    const score = Number(await page.locator(`[data-rank-key="${worstGrid}"]`).getAttribute('data-score'));
    expect(score).toBe(report.grids.find((g) => g.code === worstGrid)!.score);
    await page.locator(`[data-rank-key="${worstGrid}"]`).click();
    await page.waitForSelector(`.scorecard[data-grid="${worstGrid}"] [data-kpi="gridScore"]`, { timeout: 30_000 });
    expect(new URL(page.url()).hash).toContain(`grid=${worstGrid}`);
    expect(foreignRequests).toEqual([]);
    await page.close();
  });

  // colouring the grids by a metric is checked in first_user.e2e.test.ts (2 ·): here only the search, without the map
  it('puts the district with the least street coverage first on the black list, then the longest gap (issue 11 · 3); finds a grid by its code with the CLI’s score', async () => {
    const { page, foreignRequests } = await openApp(browser(), baseUrl, '#city=demo&tab=ranking&layers=');
    await page.waitForSelector('[data-list="black"] [data-rank-key]', { timeout: 90_000 });
    const rows = await page.locator('[data-list="black"] [data-rank-key]').evaluateAll((els) => els.map((e) => ({ share: Number(e.getAttribute('data-street-share')), gap: Number(e.getAttribute('data-gap')) })));
    expect(rows.length).toBeGreaterThan(1);
    for (let i = 1; i < rows.length; i++) {
      const [a, b] = [rows[i - 1], rows[i]];
      expect(a.share < b.share || (a.share === b.share && a.gap >= b.gap), `row ${i}: ${JSON.stringify(a)} before ${JSON.stringify(b)}`).toBe(true);
    }
    expect(foreignRequests).toEqual([]);

    const target = report.grids[Math.floor(report.grids.length / 3)];
    await page.locator('input[data-search="grid"]').fill(target.code);
    await page.locator(`[data-result="${target.code}"]`).click();
    await page.waitForSelector(`.scorecard[data-grid="${target.code}"] [data-kpi="gridScore"]`, { timeout: 30_000 });
    expect(Number(await page.locator('[data-kpi="gridScore"]').getAttribute('data-value'))).toBe(target.score);
    await page.close();
  });
});
