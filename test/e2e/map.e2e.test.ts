import { describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { CATEGORIES } from '../../src/domain/categories';
import { t } from '../../src/i18n/strings';
import { SHARP_AFTER_MS } from '../../src/map/moving_resolution';
import { THEMES } from '../../src/map/style/theme';
import { changedPixels, countNear, hexToRgb, mapPixels, openApp, chromiumForThisFile, waitForMapIdle, waitForOverlayDrawn } from './app_page';

const baseUrl = inject('baseUrl');
const browser = chromiumForThisFile();

describe('the map shell in Chromium', () => {
  // each city opened once: what it says about its data, then what it draws
  for (const city of [
    { id: 'nanjing', title: 'opens on the first real city, Nanjing, with the OSM attribution and the thin-data notice; draws its streets and facilities and asks no other host', minRoadPixels: 2_000 },
    { id: 'demo', title: 'labels the demo city as synthetic data wherever it is shown; draws its streets and facilities and asks no other host', minRoadPixels: 2_000 },
  ]) {
    it(city.title, async () => {
      // Nanjing through the bare address: the first real city is the default
      const { page, foreignRequests } = await openApp(browser(), baseUrl, city.id === 'nanjing' ? '' : `#city=${city.id}&tab=layers&layers=facilities`);
      await waitForMapIdle(page, city.id);
      if (city.id === 'nanjing') {
        await expect(page.locator('.attribution').textContent()).resolves.toContain('© OpenStreetMap contributors');
        await expect(page.locator('[data-note="osm-thin"]').textContent()).resolves.toContain('10 座公厕');
        await page.evaluate(() => (window.location.hash = '#city=nanjing&tab=layers&layers=facilities'));
        await page.waitForSelector('input[data-layer="facilities"]:checked');
        await waitForOverlayDrawn(page);
      } else {
        await expect(page.locator('[data-note="synthetic"]').textContent()).resolves.toContain('示例数据（合成）');
        await expect(page.locator('.attribution').textContent()).resolves.toContain('示例数据（合成）');
        await expect(page.locator('.city-switcher select option:checked').textContent()).resolves.toContain('合成');
      }
      const withFacilities = await mapPixels(page, `${city.id}-desk.png`);
      // major roads of the basemap, in the light theme's road colour
      expect(countNear(withFacilities, hexToRgb(THEMES.light.roadMajor))).toBeGreaterThan(city.minRoadPixels);

      await page.locator('input[data-layer="facilities"]').uncheck();
      await waitForOverlayDrawn(page);
      const without = await mapPixels(page);
      const changed = changedPixels(withFacilities, without);
      expect(changed.length).toBeGreaterThan(300);
      // what vanished was drawn in the category colours
      const inCategoryColour = changed.filter(({ x, y }) => {
        const i = (y * withFacilities.width + x) * 4;
        const px = [withFacilities.data[i], withFacilities.data[i + 1], withFacilities.data[i + 2]];
        return CATEGORIES.some((c) => c.colour.every((v, k) => Math.abs(v - px[k]) <= 30));
      });
      expect(inCategoryColour.length).toBeGreaterThan(100);

      // hovering where a facility was drawn shows its name as text
      await page.locator('input[data-layer="facilities"]').check();
      await waitForOverlayDrawn(page);
      const box = (await page.locator('#map').boundingBox())!;
      const target = inCategoryColour[Math.floor(inCategoryColour.length / 2)];
      await page.mouse.move(box.x + target.x, box.y + target.y);
      await page.waitForSelector('.tooltip', { timeout: 5_000 });
      const tooltip = page.locator('.tooltip');
      expect((await tooltip.textContent())?.length).toBeGreaterThan(2);
      expect(await tooltip.locator('*').evaluateAll((nodes) => nodes.every((n) => n.tagName === 'DIV'))).toBe(true);

      if (city.id === 'demo') {
        // boundaries (drawn by MapLibre, not deck.gl) still answer hover: a pixel they coloured names a boundary
        await page.mouse.move(box.x + 2, box.y + 2);
        await page.evaluate(() => (window.location.hash = window.location.hash.replace(/layers=[^&]*/, 'layers=boundaries')));
        await page.waitForSelector('input[data-layer="boundaries"]:checked');
        await waitForOverlayDrawn(page);
        const lines = await pixelsOfLayer(page, 'boundaries');
        expect(lines.length).toBeGreaterThan(1_000);
        const onLine = lines[Math.floor(lines.length / 3)];
        await page.mouse.move(box.x + onLine.x, box.y + onLine.y);
        const levelLine = async () => (await page.locator('.tooltip div').allTextContents()).find((line) => ['区', '街道', '社区'].includes(line));
        await expect.poll(levelLine, { timeout: 5_000 }).toBeTruthy();

        // compounds too (MapLibre fills): a pixel inside one names a compound
        await page.mouse.move(box.x + 2, box.y + 2);
        await page.locator('input[data-layer="boundaries"]').uncheck();
        await page.locator('input[data-layer="compounds"]').check();
        await waitForOverlayDrawn(page);
        const fills = await pixelsOfLayer(page, 'compounds');
        expect(fills.length).toBeGreaterThan(1_000);
        const inFill = fills[Math.floor(fills.length / 2)];
        await page.mouse.move(box.x + inFill.x, box.y + inFill.y);
        const kindLine = async () => (await page.locator('.tooltip div').allTextContents()).includes(t('zh', 'compound'));
        await expect.poll(kindLine, { timeout: 5_000 }).toBe(true);
      }

      expect(foreignRequests).toEqual([]);
      await page.close();
    });
  }

  it('on software GL, follows a drag all the way at the moving resolution, and is sharp again once released', async () => {
    const { page } = await openApp(browser(), baseUrl, '#city=demo');
    await waitForMapIdle(page, 'demo');
    const view = async () => (await page.evaluate(() => location.hash)).match(/view=([-\d.]+),([-\d.]+),([\d.]+)/)!.slice(1).map(Number);
    const canvasWidth = () => page.evaluate(() => Number(document.querySelector('#map canvas')!.getAttribute('width')));
    const sharpWidth = await canvasWidth();
    const [lon0, lat0, zoom] = await view();
    const box = (await page.locator('#map').boundingBox())!;
    const [cx, cy] = [box.x + box.width / 2, box.y + box.height / 2];
    await page.mouse.move(cx, cy);
    await page.mouse.down();
    for (let step = 1; step <= 6; step++) await page.mouse.move(cx - 50 * step, cy);
    await page.waitForFunction((sharp) => Number(document.querySelector('#map canvas')!.getAttribute('width')) < sharp, sharpWidth);
    // the user holds the button longer than the quiet time after which a move is drawn sharp: still moving
    await page.waitForTimeout(SHARP_AFTER_MS + 200);
    expect(await canvasWidth()).toBeLessThan(sharpWidth);
    await page.mouse.up();
    await page.waitForFunction((before) => !location.hash.includes(before), `view=${lon0.toFixed(5)}`);
    await page.waitForFunction((sharp) => Number(document.querySelector('#map canvas')!.getAttribute('width')) === sharp && document.querySelector<HTMLElement>('#map')!.dataset.settled === 'true', sharpWidth);
    const [lon1, lat1] = await view();
    // 300 px of pointer travel is 300 px of map (Web Mercator: 512 px a world at zoom 0); a resolution change that
    // stopped the drag had left it at the first 50
    expect(((lon0 - lon1) / 360) * 512 * 2 ** zoom).toBeCloseTo(-300, -1);
    expect(lat1).toBeCloseTo(lat0, 4);
    await page.close();
  });

  it('switches city, language and theme, and keeps them in the URL', async () => {
    const { page, foreignRequests } = await openApp(browser(), baseUrl, '#city=nanjing&tab=layers&layers=facilities');
    await waitForMapIdle(page, 'nanjing');
    await page.locator('.city-switcher select').selectOption('demo');
    await waitForMapIdle(page, 'demo');
    await page.locator('button[data-action="lang"]').click();
    await expect(page.locator('h1').textContent()).resolves.toBe('Chuangcheng Atlas');
    await expect(page.locator('[data-category="toilet"]').textContent()).resolves.toContain('Public toilet');
    const light = await mapPixels(page);
    await page.locator('button[data-action="theme"]').click();
    await page.waitForFunction(() => document.documentElement.dataset.theme === 'dark');
    await waitForOverlayDrawn(page);
    const dark = await mapPixels(page, 'demo-dark-en.png');
    const luminance = (p: { data: Buffer }) => {
      let sum = 0;
      for (let i = 0; i < p.data.length; i += 4) sum += p.data[i] + p.data[i + 1] + p.data[i + 2];
      return sum / (p.data.length / 4) / 3;
    };
    expect(luminance(dark)).toBeLessThan(luminance(light) / 2);
    const hash = new URL(page.url()).hash;
    expect(hash).toContain('city=demo');
    expect(hash).toContain('lang=en');
    expect(hash).toContain('theme=dark');
    expect(foreignRequests).toEqual([]);
    await page.close();
  });
});

/** The map pixels a shown layer colours: the map with it and without it compared; the layer is shown again after. */
async function pixelsOfLayer(page: Page, layer: string): Promise<{ x: number; y: number }[]> {
  const shown = await mapPixels(page);
  await page.locator(`input[data-layer="${layer}"]`).uncheck();
  await waitForOverlayDrawn(page);
  const changed = changedPixels(shown, await mapPixels(page));
  await page.locator(`input[data-layer="${layer}"]`).check();
  await waitForOverlayDrawn(page);
  return changed;
}
