/**
 * Inspectors' app with the network cut: sign in and fetch today's draw online, then offline record the checklists
 * of 3 places with photos, reload (the service worker serves the app, IndexedDB still holds the records), restore
 * the network → each record is synced exactly once, scored by the data file's weights (recomputed here from the
 * JSON by hand), and every failure is a dispatched case with a white card.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCREENSHOT_DIR, chromiumForThisFile } from './app_page';
import { E2E_PASSWORD } from './campaign_accounts';
import { startCampaignServer, type CampaignServer } from './campaign_server';
import { apiAs, openFieldApp, photo } from './field_page';

const checklists = JSON.parse(readFileSync('src/domain/field_checklists.json', 'utf8')) as { items: Record<string, { weight: number }> };
const browser = chromiumForThisFile();

describe('the inspectors’ field app offline', () => {
  let server: CampaignServer;
  beforeAll(async () => {
    server = await startCampaignServer();
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('records 3 places offline, survives a reload, and syncs once when the network returns: scored, failures turned into cases', async () => {
    const { context, page, foreignRequests } = await openFieldApp(browser(), server, 'field.html#/inspect');
    await page.fill('input[name=username]', server.account('inspector').username);
    await page.fill('input[name=password]', E2E_PASSWORD);
    await page.click('button[type=submit]');
    await page.waitForSelector('[data-draw-id] [data-place-key]', { timeout: 60_000 });
    await page.waitForSelector('.field[data-sw="ready"], html[data-service-worker-error]');
    expect(await page.getAttribute('html', 'data-service-worker-error')).toBeNull();
    const drawId = Number(await page.getAttribute('[data-draw-id]', 'data-draw-id'));
    const keys = (await page.$$eval('[data-place-key]', (items) => items.map((i) => i.getAttribute('data-place-key')!))).slice(0, 3);
    expect(keys).toHaveLength(3);

    await context.setOffline(true);
    await page.waitForSelector('.field[data-online="false"]');
    // per place: the first item fails (with a photo), the second is not applicable, the rest pass; one pass has a photo
    const recorded: { key: string; items: string[] }[] = [];
    for (const key of keys) {
      await page.click(`[data-place-key="${key}"] a`);
      await page.waitForSelector(`form[data-place-key="${key}"] [data-item]`);
      const items = await page.$$eval('[data-item]', (rows) => rows.map((r) => r.getAttribute('data-item')!));
      for (const [i, item] of items.entries()) {
        const row = page.locator(`[data-item="${item}"]`);
        await row.locator(`button[data-choice="${i === 0 ? 'fail' : i === 1 ? 'na' : 'pass'}"]`).click();
        if (i === 0 || i === 2) await row.locator('input[type=file]').setInputFiles(await photo());
      }
      if (recorded.length === 0) await page.screenshot({ path: `${SCREENSHOT_DIR}/field-checklist.png` });
      await page.click('button.field-primary');
      await page.waitForSelector(`[data-place-key="${key}"][data-status="queued"]`);
      recorded.push({ key, items });
    }
    await page.waitForSelector('.field[data-pending="3"]');

    await page.reload();
    await page.waitForSelector('.field[data-outbox="loaded"][data-pending="3"][data-online="false"]');
    await page.waitForSelector(`[data-place-key="${keys[2]}"][data-status="queued"]`);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/field-inspect-offline.png` });

    await context.setOffline(false);
    await page.waitForSelector('.field[data-pending="0"][data-online="true"]', { timeout: 30_000 });
    for (const key of keys) await page.waitForSelector(`[data-place-key="${key}"][data-status="done"]`);

    const api = await apiAs(server, 'dispatcher');
    const { report } = await api<{ report: { places: { recorded: number }; total: { score: number; passed: number; failed: number; notApplicable: number }; casesOpened: number } }>(`api/field/draws/${drawId}/report`);
    // by hand from the JSON: per place, item 0 failed, item 1 not applicable, the rest passed
    let passedWeight = 0;
    let applicableWeight = 0;
    for (const { items } of recorded) {
      items.forEach((item, i) => {
        if (i !== 1) applicableWeight += checklists.items[item].weight;
        if (i >= 2) passedWeight += checklists.items[item].weight;
      });
    }
    expect(report.places.recorded).toBe(3);
    expect(report.total).toMatchObject({ failed: 3, notApplicable: 3, passed: recorded.reduce((n, r) => n + r.items.length - 2, 0), score: Math.round((1000 * passedWeight) / applicableWeight) / 10 });
    expect(report.casesOpened).toBe(3);
    const { cases } = await api<{ cases: { source: string; state: string; card: { colour: string } | null; unitId: string | null; gridUnitId: string | null }[] }>('api/cases?cityId=demo');
    const opened = cases.filter((c) => c.source === 'inspection');
    // exactly once: three failures, three cases, whatever the retries
    expect(opened).toHaveLength(3);
    for (const c of opened) {
      expect(c.card?.colour).toBe('white');
      expect(c.state).toBe(c.gridUnitId ? 'dispatched' : 'registered');
      expect(c.unitId).toBe(c.gridUnitId);
    }

    await page.click('a[href="#/scores"]');
    await page.waitForSelector(`[data-total-score="${report.total.score}"]`);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/field-scores.png` });
    expect(foreignRequests).toEqual([]);
    await context.close();
  });
});
