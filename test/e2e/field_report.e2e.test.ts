/**
 * Citizens' reports (随手拍) on a phone: one placed by the photo's EXIF GPS, one by a tap on the map, one within
 * 50 m of the first (same category) → two 上报 cases, the third folded into the first; once the dispatcher
 * registers the case, the tracking page shows 已立案 and the points earned.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { SCREENSHOT_DIR, chromiumForThisFile } from './app_page';
import { startCampaignServer, type CampaignServer } from './campaign_server';
import { apiAs, openFieldApp, photo } from './field_page';

const browser = chromiumForThisFile();

interface Receipt { code: string; folded: boolean }

/** fills the form, submits, waits for the upload, and returns the tracking code shown */
async function fileReport(page: Page, how: { photo: Awaited<ReturnType<typeof photo>>; category: string; text: string; tap?: boolean; screenshot?: string }): Promise<Receipt> {
  await page.waitForSelector('form.field-form input[name=photo]', { state: 'attached' });
  await page.setInputFiles('input[name=photo]', how.photo);
  if (how.tap) {
    const map = page.locator('.field-map[data-map-state="idle"]');
    await map.waitFor({ timeout: 30_000 });
    const box = (await map.boundingBox())!;
    await page.mouse.click(box.x + box.width / 2 + 60, box.y + box.height / 2 - 20);
    await page.waitForSelector('[data-located-by="tap"]');
  } else {
    await page.waitForSelector('[data-located-by="exif"]');
  }
  await page.selectOption('select[name=category]', how.category);
  await page.fill('textarea[name=description]', how.text);
  if (how.screenshot) await page.screenshot({ path: `${SCREENSHOT_DIR}/${how.screenshot}` });
  await page.click('button.field-primary');
  await page.waitForSelector('[data-report-state="sent"]', { timeout: 30_000 });
  const text = (await page.textContent('.field-ok'))!;
  const folded = (await page.locator('[data-report-state="sent"] p', { hasText: '50 米' }).count()) > 0;
  await page.click('[data-report-state="sent"] button');
  return { code: /SP-[0-9A-Z]{4}-[0-9A-Z]{4}/.exec(text)![0], folded };
}

describe('citizens’ photo reports', () => {
  let server: CampaignServer;
  beforeAll(async () => {
    server = await startCampaignServer();
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('files reports placed by EXIF and by a tap, folds a duplicate within 50 m, and tracks the case to 已立案 with points', async () => {
    const { center } = (await (await fetch(`${server.url}data/demo/city.json`)).json()) as { center: [number, number] };
    const [lon, lat] = center;
    const { page, context, foreignRequests } = await openFieldApp(browser(), server, 'field.html?city=demo#/report');

    const first = await fileReport(page, { photo: await photo({ lon, lat }), category: 'alley_sanitation', text: '巷口垃圾堆放', screenshot: 'field-report.png' });
    const tapped = await fileReport(page, { photo: await photo(), category: 'parking_disorder', text: '人行道上乱停车', tap: true });
    // 20 m east of the first: the same problem, reported again
    const again = await fileReport(page, { photo: await photo({ lon: lon + 20 / (111_320 * Math.cos((lat * Math.PI) / 180)), lat }), category: 'alley_sanitation', text: '还是那堆垃圾' });
    expect([first.folded, tapped.folded, again.folded]).toEqual([false, false, true]);

    const api = await apiAs(server, 'dispatcher');
    const track = (code: string) => api<{ report: { caseId: number; state: string; points: number } }>(`api/field/reports/${code}`);
    const [a, b, c] = await Promise.all([first, tapped, again].map((r) => track(r.code)));
    expect(c.report.caseId).toBe(a.report.caseId);
    expect(b.report.caseId).not.toBe(a.report.caseId);
    const { cases } = await api<{ cases: { id: number; source: string; state: string; categoryId: string }[] }>('api/cases?cityId=demo');
    expect(cases.filter((x) => x.source === 'report').map((x) => [x.id, x.categoryId, x.state]).sort()).toEqual([[a.report.caseId, 'alley_sanitation', 'reported'], [b.report.caseId, 'parking_disorder', 'reported']].sort());
    const detail = await api<{ case: { version: number }; photos: { lon: number | null; lat: number | null }[] }>(`api/cases/${a.report.caseId}`);
    // the first photo's EXIF GPS reached the server; the duplicate's photo joined the case
    expect(detail.photos).toHaveLength(2);
    expect(detail.photos[0].lon).toBeCloseTo(lon, 4);
    expect(detail.photos[0].lat).toBeCloseTo(lat, 4);

    await page.goto(`${server.url}field.html?city=demo#/track/${first.code}`);
    await page.waitForSelector('.field-track[data-state="reported"]');
    await api(`api/cases/${a.report.caseId}/actions`, { action: 'register', version: detail.case.version });
    await page.reload();
    await page.waitForSelector('.field-track[data-state="registered"]');
    expect(await page.textContent('.field-state')).toContain('已立案');
    expect(await page.textContent('.field-points')).toContain('10');
    await page.screenshot({ path: `${SCREENSHOT_DIR}/field-track.png` });
    expect((await track(again.code)).report).toMatchObject({ state: 'registered', points: 0 });

    await page.goto(`${server.url}field.html?city=demo#/mine`);
    await page.waitForSelector('.field-points:has-text("10")');
    expect(await page.locator('.field-list li a').count()).toBe(3);
    expect(foreignRequests).toEqual([]);
    await context.close();
  });
});
