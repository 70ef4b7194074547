/**
 * npm run bench:browser:cases — the 督办 tab with 5,000 cases in Chromium (production build, the real campaign
 * server on a seeded embedded database): is the map responsive and does each filter answer within 100 ms?
 *
 * For each case count (BENCH_CASES, default 5000, and a baseline of 500 in the same run) it signs in, opens
 * #tab=cases with the map, and drives what a dispatcher does: each filter (state, card, overdue, category, unit,
 * week, text typed key by key), zoom steps across the clustering threshold (zoom 15) and back, a case opened from
 * the list and closed. Timed in the page:
 *   answer  — the event's timestamp → the first animation frame after the map drew the new case layers
 *             (React's list commits in the event's own task, so it is on screen by then);
 *   longest — the longest main-thread task seen during the interaction (PerformanceObserver 'longtask': only
 *             tasks over 50 ms are reported at all).
 * A second pass repeats the interactions under the CDP CPU profiler and splits each one's longest busy stretch of
 * the main thread by source file (the bundle's source map): our code (src/), React (+ zustand), deck.gl (+ luma.gl),
 * MapLibre, other libraries, and the browser's own work (layout, paint, GC). The profiler slows JS down a little,
 * so its stretches are an upper bound; the first pass's figures are the ones the budgets are judged on.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, CDPSession, Page } from 'playwright-core';
import { isoWeekOf } from '../../src/domain/iso_week';
import { E2E_PASSWORD } from '../../test/e2e/campaign_accounts';
import { startCampaignServer, type CampaignSeed, type CampaignServer } from '../../test/e2e/campaign_server';
import { launchChromium } from '../browser';
import { frameGrouper, GROUPS, marksOf, ownScriptMs, splitTasks, type TaskSplit, type TraceEvent } from './task_attribution';

const N = Number(process.env.BENCH_CASES ?? 5000);
const BASELINE_N = Number(process.env.BENCH_BASELINE_CASES ?? 500);
/** the map's overlays besides the cases; BENCH_LAYERS= for the app's defaults */
const LAYERS = process.env.BENCH_LAYERS ?? 'boundaries';
const VIEWPORT = { width: 1280, height: 800 };
const FILTER_BUDGET_MS = 100;
const TASK_BUDGET_MS = 50;
/** task bounds (devtools.timeline) and the CPU profiler's samples on the same clock */
const TRACE_CATEGORIES = 'devtools.timeline,disabled-by-default-devtools.timeline,v8.execute,disabled-by-default-v8.cpu_profiler,blink.user_timing';

function run(args: string[], env: Record<string, string> = {}): string {
  return execFileSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 1 << 24, stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, ...env } });
}

type Kind = 'filter' | 'zoom' | 'open';
interface Interaction { label: string; kind: Kind; act: (page: Page) => Promise<unknown> }

const zoomOf = async (page: Page) => Number(new URL(page.url()).hash.match(/view=[^&]*,([\d.]+)/)?.[1] ?? NaN);

function interactions(week: string): Interaction[] {
  const click = (selector: string) => (page: Page) => page.click(selector);
  const filter = (label: string, act: Interaction['act']): Interaction => ({ label, kind: 'filter', act });
  const words = '案件 12';
  // typed key by key into the search box, each key an interaction (the first one focuses the box, no event)
  const typed = [...words].map((ch, i) => filter(`text: type "${words.slice(0, i + 1)}"`, async (page) => {
    if (i === 0) await page.focus('[data-filter="text"]');
    await page.keyboard.type(ch);
  }));
  return [
    filter('state 派遣 on (first click)', click('[data-filter="state:dispatched"]')),
    filter('state 派遣 off', click('[data-filter="state:dispatched"]')),
    filter('card red on', click('[data-filter="card:red"]')),
    filter('card red off', click('[data-filter="card:red"]')),
    filter('overdue on', click('[data-filter="overdue"]')),
    filter('overdue off', click('[data-filter="overdue"]')),
    filter('category 公厕脏乱', (page) => page.selectOption('[data-filter="category"]', 'toilet_dirty')),
    filter('category any', (page) => page.selectOption('[data-filter="category"]', '')),
    filter('unit (first)', (page) => page.selectOption('[data-filter="unit"]', { index: 1 })),
    filter('unit any', (page) => page.selectOption('[data-filter="unit"]', '')),
    filter(`week ${week}`, (page) => page.fill('[data-filter="week"]', week)),
    filter('week cleared', (page) => page.fill('[data-filter="week"]', '')),
    ...typed,
    filter('text cleared', (page) => page.fill('[data-filter="text"]', '')),
  ];
}

/** performance.now() in the page at the first animation frame where the condition holds */
async function frameWhen(page: Page, condition: string, timeout = 30_000): Promise<number> {
  const handle = await page.waitForFunction(`(${condition}) ? performance.now() : false`, undefined, { polling: 'raf', timeout });
  return Number(await handle.jsonValue());
}

const overlayAfter = (version: number) => `(() => { const m = document.querySelector('#map'); return Number(m.dataset.overlayVersion) > ${version} && m.dataset.overlayDrawn === m.dataset.overlayVersion; })()`;
const overlayVersion = async (page: Page) => Number(await page.locator('#map').getAttribute('data-overlay-version'));

interface Timing { label: string; kind: Kind; answerMs: number; longestMs: number; window: [number, number]; /** the name its trace marks carry */ mark: string }
type Recorder = (t: Omit<Timing, 'longestMs'>) => Promise<void>;

/** Runs one interaction and times it: the triggering event's timestamp → the frame with the new case layers. */
async function timed(page: Page, step: Interaction, until: (version: number) => string = overlayAfter): Promise<Omit<Timing, 'longestMs'>> {
  const version = await overlayVersion(page);
  // marks bound the interaction in a trace (bench:begin:<label>, bench:end:<label>)
  await page.evaluate((label) => {
    (window as unknown as { benchEventAt: number }).benchEventAt = NaN;
    performance.mark(`bench:begin:${label}`);
  }, step.label);
  await step.act(page);
  const end = await frameWhen(page, until(version));
  const start = await page.evaluate((label) => {
    performance.mark(`bench:end:${label}`);
    return (window as unknown as { benchEventAt: number }).benchEventAt;
  }, step.label);
  return { label: step.label, kind: step.kind, answerMs: end - start, window: [start, end], mark: step.label };
}

/** zoom steps with the map's + button from where the city opened to zoom 16 and back (clusters end at 15) */
async function zoomSteps(page: Page, record: Recorder): Promise<void> {
  const start = await zoomOf(page);
  // a whole-zoom change re-groups the cases; the + button eases one zoom level, then the view lands in the hash
  for (const [button, done] of [['.maplibregl-ctrl-zoom-in', (z: number) => z >= 16], ['.maplibregl-ctrl-zoom-out', (z: number) => z <= start]] as const) {
    for (let guard = 0; guard < 8 && !done(await zoomOf(page)); guard++) {
      const before = await zoomOf(page);
      const step = await timed(page, { label: `zoom ${before.toFixed(1)} ${button.endsWith('in') ? '→' : '←'}`, kind: 'zoom', act: (p) => p.click(button) }, (version) => `${overlayAfter(version)} && !location.hash.includes(${JSON.stringify(`,${before.toFixed(2)}`)})`);
      await record({ ...step, label: `zoom ${before.toFixed(1)} → ${(await zoomOf(page)).toFixed(1)}` });
    }
  }
}

async function openCase(page: Page, record: Recorder): Promise<void> {
  const id = await page.locator('[data-case-row]').first().getAttribute('data-case-row');
  // the row opens the drawer (its facts come from the server) and flies the map to the case
  await record(await timed(page, { label: `open case #${id} from the list`, kind: 'open', act: (p) => p.click(`[data-case-row="${id}"]`) }, (version) => `${overlayAfter(version)} && !!document.querySelector('[data-case-drawer="${id}"] .case-facts')`));
  await record(await timed(page, { label: 'close the drawer', kind: 'open', act: (p) => p.click('[data-action="close-case"]') }, (version) => `${overlayAfter(version)} && !document.querySelector('[data-case-drawer]')`));
}

async function settle(page: Page): Promise<void> {
  await page.waitForFunction(() => {
    const m = document.querySelector<HTMLElement>('#map');
    return !!m && m.dataset.overlayDrawn === m.dataset.overlayVersion && m.dataset.settled === 'true';
  }, undefined, { timeout: 30_000 });
}

/** each interaction in turn; `record` runs after each one's frame */
async function driveAll(page: Page, week: string, record: Recorder): Promise<void> {
  for (const step of interactions(week)) await record(await timed(page, step));
  await settle(page);
  await zoomSteps(page, record);
  await settle(page);
  await openCase(page, record);
}

// ---- one measured session -------------------------------------------------------------------------------

interface Measured { timings: Timing[]; splits: { label: string; worst: TaskSplit | null; longest: TaskSplit | null }[]; longTasks: number[] }

/** a fresh page on the 督办 tab at the city's opening view, ready, with the long-task observer and event clock */
async function openCasesPage(context: BrowserContext, url: string, n: number): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${url}#city=demo&tab=cases&layers=${LAYERS}`);
  await page.waitForSelector(`.cases-section[data-cases-status="ready"][data-case-count="${n}"]`, { timeout: 120_000 });
  await page.waitForSelector('#map[data-map-state="idle"][data-city="demo"]', { timeout: 120_000 });
  await settle(page);
  await page.evaluate(() => {
    const w = window as unknown as { benchEventAt: number; longTasks: { start: number; ms: number }[] };
    w.longTasks = [];
    new PerformanceObserver((list) => list.getEntries().forEach((e) => w.longTasks.push({ start: e.startTime, ms: e.duration }))).observe({ type: 'longtask' });
    // the timestamp of the first event of an interaction (timed() resets it before acting)
    for (const type of ['click', 'input', 'change', 'keydown']) document.addEventListener(type, (e) => (w.benchEventAt = Number.isNaN(w.benchEventAt) ? e.timeStamp : w.benchEventAt), true);
  });
  return page;
}

async function measure(server: Pick<CampaignServer, 'url' | 'account'>, n: number, dist: string, week: string): Promise<Measured> {
  const browser = await launchChromium();
  try {
    const context = await browser.newContext({ viewport: VIEWPORT });
    const login = await context.request.post(`${server.url}api/login`, { data: { username: server.account('dispatcher').username, password: E2E_PASSWORD } });
    if (!login.ok()) throw new Error(`sign-in failed: ${login.status()}`);

    // pass 1: timings and long tasks, no profiler
    let page = await openCasesPage(context, server.url, n);
    const timings: Timing[] = [];
    await driveAll(page, week, async (t) => void timings.push({ ...t, longestMs: 0 }));
    const longTasks = await page.evaluate(() => (window as unknown as { longTasks: { start: number; ms: number }[] }).longTasks);
    for (const t of timings) t.longestMs = Math.max(0, ...longTasks.filter((l) => l.start + l.ms >= t.window[0] && l.start <= t.window[1]).map((l) => l.ms));
    await page.close();

    // pass 2: the same from the same view in one trace with the CPU profiler's samples (a profiler started per
    // interaction would log every compiled function at each start, a long task of its own), cut at the marks
    page = await openCasesPage(context, server.url, n);
    const cdp: CDPSession = await context.newCDPSession(page);
    const events: TraceEvent[] = [];
    cdp.on('Tracing.dataCollected', (d) => void events.push(...(d.value as unknown as TraceEvent[])));
    await cdp.send('Tracing.start', { categories: TRACE_CATEGORIES, transferMode: 'ReportEvents' });
    const steps: { label: string; mark: string }[] = [];
    await driveAll(page, week, async (t) => void steps.push(t));
    const complete = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
    await cdp.send('Tracing.end');
    await complete;
    const tasks = splitTasks(events, frameGrouper(dist));
    const marks = marksOf(events);
    const splits: Measured['splits'] = steps.map(({ label, mark }) => {
      const [from, to] = [marks.get(`bench:begin:${mark}`) ?? NaN, marks.get(`bench:end:${mark}`) ?? NaN];
      const within = tasks.filter((t) => t.endUs >= from && t.startUs <= to);
      // the task with the most of our own script, and the longest task of the interaction
      return { label, worst: [...within].sort((x, y) => ownScriptMs(y) - ownScriptMs(x))[0] ?? null, longest: within[0] ?? null };
    });
    return { timings, splits, longTasks: longTasks.map((l) => l.ms) };
  } finally {
    await browser.close();
  }
}

const f0 = (ms: number) => ms.toFixed(0).padStart(5);

function report(n: number, m: Measured): void {
  console.log(`\n${n} cases (layers: ${LAYERS || 'defaults'}) — answer: event → frame with the new case layers; longest task: PerformanceObserver('longtask')`);
  console.log('traced pass: the task with the most of our own script (ours + React + deck.gl) and the longest task, split in ms');
  console.log('| interaction | answer | longest task | own-script task: total | ours | React | deck.gl | MapLibre | other JS | GC | browser | longest traced: total | MapLibre | browser |');
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  m.timings.forEach((t, i) => {
    const w = m.splits[i]?.worst;
    const l = m.splits[i]?.longest;
    const cells = w ? [w.totalMs, ...GROUPS.map((g) => w[g])].map(f0).join(' | ') : ' | | | | | | | ';
    console.log(`| ${t.label} | ${f0(t.answerMs)} | ${t.longestMs ? f0(t.longestMs) : '    –'} | ${cells} | ${l ? [l.totalMs, l.maplibre, l.browser].map(f0).join(' | ') : ' | | '} |`);
  });
}

interface Summary { worstFilter: number; worstAnswer: number; worstTask: number; worstOwn: number; worstOwnTask: number }
function summarise(m: Measured): Summary {
  const filters = m.timings.filter((t) => t.kind === 'filter');
  return {
    worstFilter: Math.max(...filters.map((t) => t.answerMs)),
    worstAnswer: Math.max(...m.timings.map((t) => t.answerMs)),
    worstTask: Math.max(0, ...m.longTasks),
    worstOwn: Math.max(0, ...m.splits.map((s) => (s.worst ? ownScriptMs(s.worst) : 0))),
    worstOwnTask: Math.max(0, ...m.splits.map((s) => (s.worst ? s.worst.totalMs : 0))),
  };
}

/**
 * BENCH_SERVER=<url> BENCH_SEED=<seed.json>: measure a running server already holding BENCH_CASES cases (the app
 * it serves built with --sourcemap), no baseline — for quick runs while changing the code.
 */
async function measureRunning(url: string, seedFile: string): Promise<void> {
  const seed = JSON.parse(readFileSync(seedFile, 'utf8')) as CampaignSeed;
  const m = await measure({ url, account: (role) => seed.accounts.find((a) => a.role === role)! }, N, 'dist', isoWeekOf(Date.now()));
  report(N, m);
  const s = summarise(m);
  console.log(`\nworst filter answer ${f0(s.worstFilter)} ms; longest task ${f0(s.worstTask)} ms; own script in one task ${f0(s.worstOwn)} ms (that task ${f0(s.worstOwnTask)} ms)`);
}

async function main(): Promise<void> {
  if (process.env.BENCH_SERVER) return measureRunning(process.env.BENCH_SERVER, process.env.BENCH_SEED ?? '');
  if (!existsSync('data/demo/city.json')) run(['node_modules/tsx/dist/cli.mjs', 'scripts/build-default-cities.ts']);
  // the production build, with source maps so the profile can be split by source file
  run(['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'warn', '--sourcemap'], { NODE_ENV: 'production' });
  const dist = 'dist';
  if (!readdirSync(join(dist, 'assets')).some((f) => f.endsWith('.js.map'))) throw new Error('the build wrote no source maps');
  const work = mkdtempSync(join(tmpdir(), 'cc-bench-cases-'));
  try {
    const template = join(work, 'accounts');
    const seedFile = join(work, 'seed.json');
    writeFileSync(seedFile, run(['node_modules/tsx/dist/cli.mjs', 'test/e2e/seed_campaign.ts', template]));
    const week = isoWeekOf(Date.now());
    const results = new Map<number, Measured>();
    for (const n of [BASELINE_N, N]) {
      const dir = join(work, `cases-${n}`);
      cpSync(template, dir, { recursive: true });
      console.log(`seeded ${run(['node_modules/tsx/dist/cli.mjs', 'scripts/bench/seed_bench_cases.ts', dir, 'demo', String(n)]).trim()}`);
      const server = await startCampaignServer({}, { templateDir: dir, seedFile });
      try {
        results.set(n, await measure(server, n, dist, week));
      } finally {
        await server.stop();
      }
      report(n, results.get(n)!);
    }
    const base = summarise(results.get(BASELINE_N)!);
    const full = summarise(results.get(N)!);
    const ratio = (a: number, b: number) => (b > 0 ? `${(a / b).toFixed(2)}×` : '–');
    console.log(`\nsummary, ${N} cases vs ${BASELINE_N} (baseline, same run):`);
    console.log(`  worst filter answer        ${f0(full.worstFilter)} ms vs ${f0(base.worstFilter)} ms  (${ratio(full.worstFilter, base.worstFilter)}; budget ${FILTER_BUDGET_MS} ms: ${full.worstFilter <= FILTER_BUDGET_MS ? 'met' : 'MISSED'})`);
    console.log(`  worst answer (any)         ${f0(full.worstAnswer)} ms vs ${f0(base.worstAnswer)} ms  (${ratio(full.worstAnswer, base.worstAnswer)}; zoom and open include MapLibre's eased camera)`);
    console.log(`  longest main-thread task   ${f0(full.worstTask)} ms vs ${f0(base.worstTask)} ms  (${ratio(full.worstTask, base.worstTask)}; 0 = none over 50 ms)`);
    console.log(`  own script in one task     ${f0(full.worstOwn)} ms vs ${f0(base.worstOwn)} ms  (${ratio(full.worstOwn, base.worstOwn)}; ours + React + deck.gl, traced; budget ${TASK_BUDGET_MS} ms: ${full.worstOwn <= TASK_BUDGET_MS ? 'met' : 'MISSED'})`);
    console.log(`  that task in all           ${f0(full.worstOwnTask)} ms vs ${f0(base.worstOwnTask)} ms  (the rest: MapLibre's basemap, layout, and waiting on the software-GL frame)`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

await main();
