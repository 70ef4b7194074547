/** Opens the app in Chromium, records every request that leaves the app's origin, and reads the map's pixels. */
import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { PNG } from 'pngjs';
import { afterAll, beforeAll } from 'vitest';
import { launchChromium } from '../../scripts/browser';

export const SCREENSHOT_DIR = 'test-results/screenshots';

/** A small desk screen: SwiftShader draws every frame on the CPU, so each pixel spared is time spared. */
export const DESK = { width: 1024, height: 640 };
/** Where pixel counts need room: overlay and choropleth differences. */
export const WIDE_DESK = { width: 1280, height: 800 };

export interface AppPage { page: Page; foreignRequests: string[] }

/** One Chromium for the test file: launched before its tests, closed after. Call at the file's top level. */
export function chromiumForThisFile(): () => Browser {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });
  return () => {
    if (!browser) throw new Error('Chromium is not running yet');
    return browser;
  };
}

/** `prepare` runs before the page loads: routes that fail a file, init scripts that break storage. */
export async function openApp(browser: Browser, baseUrl: string, hash: string, viewport = DESK, prepare?: (page: Page) => Promise<unknown>): Promise<AppPage> {
  const page = await browser.newPage({ viewport });
  await prepare?.(page);
  const origin = new URL(baseUrl).origin;
  const foreignRequests: string[] = [];
  page.on('request', (request) => {
    const url = new URL(request.url());
    // data: and blob: URLs never leave the browser (MapLibre starts its workers from blobs)
    if (url.protocol !== 'data:' && url.protocol !== 'blob:' && url.origin !== origin) foreignRequests.push(request.url());
  });
  await page.goto(`${baseUrl}${hash}`);
  return { page, foreignRequests };
}

export async function waitForMapIdle(page: Page, cityId: string): Promise<void> {
  await page.waitForSelector(`#map[data-map-state="idle"][data-city="${cityId}"]`, { timeout: 90_000 });
  await waitForOverlayDrawn(page);
}

export interface Pixels { width: number; height: number; data: Buffer }

export async function mapPixels(page: Page, saveAs?: string): Promise<Pixels> {
  if (saveAs) mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const png = await page.locator('#map').screenshot(saveAs ? { path: `${SCREENSHOT_DIR}/${saveAs}` } : {});
  return PNG.sync.read(png);
}

/** How many pixels lie within `tolerance` (per channel) of the colour. */
export function countNear(pixels: Pixels, rgb: readonly number[], tolerance = 24): number {
  let n = 0;
  for (let i = 0; i < pixels.data.length; i += 4) {
    if (Math.abs(pixels.data[i] - rgb[0]) <= tolerance && Math.abs(pixels.data[i + 1] - rgb[1]) <= tolerance && Math.abs(pixels.data[i + 2] - rgb[2]) <= tolerance) n++;
  }
  return n;
}

/** Pixel positions that differ between two screenshots of the same size. */
export function changedPixels(a: Pixels, b: Pixels, threshold = 40): { x: number; y: number }[] {
  const changed: { x: number; y: number }[] = [];
  for (let i = 0; i < a.data.length; i += 4) {
    const d = Math.abs(a.data[i] - b.data[i]) + Math.abs(a.data[i + 1] - b.data[i + 1]) + Math.abs(a.data[i + 2] - b.data[i + 2]);
    if (d > threshold) changed.push({ x: (i / 4) % a.width, y: Math.floor(i / 4 / a.width) });
  }
  return changed;
}

export const hexToRgb = (hex: string): number[] => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));

/**
 * Waits until the map has drawn the latest overlay layers (see MapController.renderOverlay) and then gone idle:
 * no tile, texture or camera move left to draw.
 */
export async function waitForOverlayDrawn(page: Page): Promise<void> {
  await page.waitForFunction(() => {
    const map = document.querySelector<HTMLElement>('#map');
    return !!map && map.dataset.overlayVersion !== undefined && map.dataset.overlayDrawn === map.dataset.overlayVersion && map.dataset.settled === 'true';
  }, undefined, { timeout: 60_000 });
}

/** Sets a range input the way a drag ends: value, input and change events. */
export async function setSlider(page: Page, id: string, value: number): Promise<void> {
  await page.locator(`input[data-slider="${id}"]`).evaluate((input: HTMLInputElement, v) => {
    const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
    setter.call(input, String(v));
    input.dispatchEvent(new Event('input', { bubbles: true }));
    input.dispatchEvent(new Event('change', { bubbles: true }));
  }, value);
}

export const kpi = async (page: Page, id: string): Promise<number> => Number(await page.locator(`[data-kpi="${id}"]`).first().getAttribute('data-value'));
export const analysisDone = (page: Page) => page.waitForSelector('.gap-panel[aria-busy="false"] [data-kpi="zoneAlleys"]', { timeout: 60_000 });
