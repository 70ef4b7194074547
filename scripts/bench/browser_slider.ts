/**
 * npm run bench:browser [-- --sliders | --large-city] — slider latency in Chromium on the 14 km demo city
 * (133,766 street segments), then the whole-city case (browser_large_city.ts): the 30 km city opened, idle, and
 * a minute of panning, zooming and sliders, beside the 14 km city measured the same way.
 *
 * Builds the city (once, into the ignored data/demo14/), builds the app, serves it, then measures in the page:
 *   first full analysis: page load → KPIs, report and gap overlay on screen;
 *   each slider release → the changed figure shown and a frame drawn with the new layers.
 * Figures are printed as ratios to the first full analysis of the same run, with the longest main-thread
 * tasks seen while the sliders moved (PerformanceObserver 'longtask').
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { launchChromium } from '../browser';
import { measureLargeCity, printLargeCity } from './browser_large_city';

const PORT = 4179;
const CITY = 'demo14';
/** ≈ 900 km², the built-up area of a whole city (issue 16) */
const LARGE_CITY = 'demo30';
const BASE = `http://127.0.0.1:${PORT}/`;

interface SliderCase { label: string; slider: string; value: number; kpi: string }
const CASES: SliderCase[] = [
  { label: 'toilet distance 500 → 800 m', slider: 'toilet', value: 800, kpi: 'streetShare' },
  { label: 'zone radius 500 → 2000 m', slider: 'zone', value: 2000, kpi: 'zoneAlleys' },
  { label: 'parking radius 300 → 500 m', slider: 'parking', value: 500, kpi: 'unserved' },
  { label: 'toilet distance 800 → 400 m', slider: 'toilet', value: 400, kpi: 'streetShare' },
];

function run(args: string[]): void {
  execFileSync(process.execPath, args, { stdio: 'inherit' });
}

async function waitForServer(): Promise<void> {
  for (let i = 0; i < 150; i++) {
    try {
      if ((await fetch(BASE)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`vite preview did not answer at ${BASE}`);
}

/** Resolves with performance.now() in the page at the first animation frame where the condition holds. */
async function pageTimeWhen(page: Page, condition: string): Promise<number> {
  const handle = await page.waitForFunction(`(${condition}) ? performance.now() : false`, undefined, { polling: 'raf', timeout: 180_000 });
  return Number(await handle.jsonValue());
}

const overlayDrawn = `(() => { const m = document.querySelector('#map'); return m && m.dataset.overlayVersion && m.dataset.overlayDrawn === m.dataset.overlayVersion; })()`;

interface Measured { first: number; slides: { label: string; ms: number }[]; longTasks: number[]; renderMax: number; work: { invoker: string; ms: number }[] }

async function measure(layers: string): Promise<Measured> {
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(`${BASE}#city=${CITY}&layers=${layers}`);
    // first full analysis: everything the overview shows, from navigation start
    const first = await pageTimeWhen(page, `document.querySelector('.gap-panel[aria-busy="false"] [data-kpi="zoneAlleys"]') && document.querySelector('[data-chart="districts"]') && ${overlayDrawn}`);
    await page.evaluate(() => {
      const w = window as unknown as { longTasks: number[]; frameScripts: { invoker: string; ms: number }[] };
      w.longTasks = [];
      w.frameScripts = [];
      new PerformanceObserver((list) => list.getEntries().forEach((e) => w.longTasks.push(e.duration))).observe({ type: 'longtask' });
      // long animation frames say which script ran: rendering (animation-frame callbacks) or the page's work
      new PerformanceObserver((list) =>
        list.getEntries().forEach((e) => {
          for (const s of (e as unknown as { scripts: { invoker: string; invokerType: string; duration: number }[] }).scripts) w.frameScripts.push({ invoker: s.invokerType === 'user-callback' && /FrameRequestCallback/.test(s.invoker) ? 'render' : s.invoker, ms: s.duration });
        }),
      ).observe({ type: 'long-animation-frame', buffered: false });
    });
    await page.waitForTimeout(1000);
    const slides: { label: string; ms: number }[] = [];
    for (const c of CASES) {
      const before = await page.locator(`[data-kpi="${c.kpi}"]`).getAttribute('data-value');
      const version = await page.locator('#map').getAttribute('data-overlay-version');
      const start = await page.locator(`input[data-slider="${c.slider}"]`).evaluate((input: HTMLInputElement, v) => {
        const t0 = performance.now();
        Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!.call(input, String(v));
        input.dispatchEvent(new Event('input', { bubbles: true }));
        input.dispatchEvent(new Event('change', { bubbles: true }));
        return t0;
      }, c.value);
      const end = await pageTimeWhen(
        page,
        // with no overlay shown a hidden layer need not redraw: then the new figure alone marks the end
        `document.querySelector('[data-kpi="${c.kpi}"]')?.getAttribute('data-value') !== ${JSON.stringify(before)} && (${layers === ''} || Number(document.querySelector('#map').dataset.overlayVersion) > ${Number(version)}) && ${overlayDrawn}`,
      );
      slides.push({ label: c.label, ms: end - start });
      await page.waitForTimeout(500);
    }
    const { longTasks, frameScripts } = await page.evaluate(() => {
      const w = window as unknown as { longTasks: number[]; frameScripts: { invoker: string; ms: number }[] };
      return { longTasks: w.longTasks, frameScripts: w.frameScripts };
    });
    const render = frameScripts.filter((s) => s.invoker === 'render').map((s) => s.ms);
    const work = frameScripts.filter((s) => s.invoker !== 'render');
    return { first, slides, longTasks, renderMax: Math.max(0, ...render), work };
  } finally {
    await browser.close();
  }
}

/** Builds a bench city into the ignored data/<id>/ once; the tracked city list is left as it was. */
function ensureCity(id: string, sizeKm: number): void {
  if (existsSync(`data/${id}/city.json`)) return;
  const index = readFileSync('data/cities.json', 'utf8');
  try {
    run(['node_modules/tsx/dist/cli.mjs', 'scripts/build-city.ts', '--demo', '--seed', '1', '--size-km', String(sizeKm), '--id', id]);
  } finally {
    writeFileSync('data/cities.json', index);
  }
}

async function main(): Promise<void> {
  const only = process.argv.includes('--large-city') ? 'large' : process.argv.includes('--sliders') ? 'sliders' : 'both';
  ensureCity(CITY, 14);
  if (only !== 'sliders') ensureCity(LARGE_CITY, 30);
  run(['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'warn']);
  const server = spawn(process.execPath, ['node_modules/vite/bin/vite.js', 'preview', '--host', '127.0.0.1', '--port', String(PORT), '--strictPort'], { stdio: 'ignore' });
  try {
    await waitForServer();
    // with the gap overlays drawn (SwiftShader renders frames on the CPU here), then with none: the
    // main-thread budget is the page's own work, not the software renderer's
    const sets: (readonly [string, string])[] = process.env.BENCH_LAYERS
      ? process.env.BENCH_LAYERS.split(';').map((l) => [l || 'none', l] as const)
      : [
          ['overlays on', 'toiletGaps,parkingGaps,zones'],
          ['overlays off', ''],
        ];
    for (const [name, layers] of only === 'large' ? [] : sets) {
      const { first, slides, longTasks, renderMax, work } = await measure(layers);
      console.log(`\n${CITY}, ${name}: first full analysis ${first.toFixed(0)} ms (page load → figures, charts and overlay drawn)`);
      console.log('| slider release | ms to updated figures and layers | ratio to first analysis |');
      console.log('|---|---:|---:|');
      for (const s of slides) console.log(`| ${s.label} | ${s.ms.toFixed(0)} | ${(s.ms / first).toFixed(3)} (${(first / s.ms).toFixed(0)}× faster) |`);
      // the long-task API reports only tasks over 50 ms
      console.log(`main-thread tasks over 50 ms while the sliders moved: ${longTasks.length}${longTasks.length ? ` (${longTasks.map((ms) => ms.toFixed(0)).join(', ')} ms)` : ''}`);
      console.log(`  of which map frame rendering (animation-frame callbacks): longest ${renderMax.toFixed(0)} ms`);
      const worst = work.sort((a, b) => b.ms - a.ms).slice(0, 4);
      console.log(`  page work in long frames (events, React, re-classification, worker replies): ${worst.length ? worst.map((w) => `${w.invoker} ${w.ms.toFixed(0)} ms`).join('; ') : 'none'}`);
    }
    if (only !== 'sliders') {
      // the whole-city case, with the 14 km city measured the same way as its baseline
      const rows = [];
      for (const city of [CITY, LARGE_CITY]) rows.push(await measureLargeCity(BASE, city));
      printLargeCity(rows);
    }
  } finally {
    server.kill();
  }
}

await main();
