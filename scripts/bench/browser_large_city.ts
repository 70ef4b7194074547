/**
 * The whole-city case of `npm run bench:browser`: a 30 km demo city (≈ 900 km², 629 k street segments) in
 * Chromium on software GL, with the 14 km city measured the same way in the same run as the baseline.
 *
 *   open the page ─▶ first KPIs on screen ─▶ map idle ─▶ 60 s of panning, zooming and moving sliders
 *
 * "Answers every input" is measured these ways, because no one of them sees everything:
 *   - each input's round trip from here (CDP input dispatch returns once the page has handled it): a pointer move,
 *     a press, each move of a drag and its release, a wheel turn, a key going down and coming up, a slider's change
 *     (a drag is sent as CDP input events of its own: see rawDrag);
 *   - the page's Event Timing entries (input → handlers → next paint) for the events it reports, and for pointer
 *     moves and wheel turns, which it leaves out, input → the frame that shows them;
 *   - a heartbeat in the page (a 16 ms timer): its worst gap is the longest a timer waited. Chrome runs frames and
 *     input before timers, so back-to-back frames make it longer than any one task (the long-task count shows those).
 * Memory is the proportional set size (PSS) of Chromium's renderer processes, which hold the page and its
 * workers, sampled every second. The peak also holds garbage that V8 has not collected yet (each isolate, the page
 * and every worker, collects on its own schedule), so runs of one build differ by hundreds of MB; after the minute
 * every isolate is made to collect (gc(), exposed by --expose-gc) and the PSS read again: what the city holds.
 */
import { readdirSync, readFileSync } from 'node:fs';
import type { Browser, ElementHandle, Page } from 'playwright-core';
import { launchChromium } from '../browser';

export interface LargeCityFigures {
  city: string;
  firstKpisMs: number;
  mapIdleMs: number;
  actions: number;
  worstActionMs: number;
  worstActionLabel: string;
  /** inputs answered later than the 200 ms target, and the 95th percentile of all answers */
  actionsOver200: number;
  p95ActionMs: number;
  /** per kind of input (pointer move, drag move, wheel, key, slider…): how many, how many over 200 ms, the worst */
  byKind: Record<string, { inputs: number; over200: number; worstMs: number }>;
  /** each input over 200 ms, with the time since the last slider change: most follow one within half a second */
  slowInputs: { label: string; ms: number; afterSliderS: number; slider: string }[];
  worstEventMs: number;
  /** inputs whose Event Timing entry (input → handlers → the next frame on screen) is over 200 ms */
  eventsOver200: number;
  /** pointer moves and wheel turns (which Event Timing leaves out): input → the frame that handles it drawn and committed */
  worstMoveFrameMs: number;
  movesOver200: number;
  slowMoves: string[];
  worstHeartbeatGapMs: number;
  /** the same while the city loaded (navigation → idle) */
  loadHeartbeatGapMs: number;
  longTasksOver200: number;
  peakRendererMb: number;
  /** how far the map followed a 300 px drag made before the minute (300 when it follows the pointer all the way) */
  dragFollowedPx: number;
  /** after every isolate collected its garbage at the end of the minute */
  liveRendererMb: number;
  crashed: boolean;
}

const INTERACT_MS = Number(process.env.BENCH_INTERACT_MS ?? 60_000);

/** Sum of PSS over Chromium's renderer processes (the page and its dedicated workers live in them). */
function rendererPssMb(): number {
  let kb = 0;
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      if (!cmd.includes('--type=renderer')) continue;
      const rollup = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
      kb += Number(/^Pss:\s+(\d+)/m.exec(rollup)?.[1] ?? 0);
    } catch {
      // the process ended between listing and reading
    }
  }
  return kb / 1024;
}

/**
 * Renderer PSS once the page and each of its workers ran a full collection; the lowest of a few readings, as the
 * freed pages go back to the system over the next moments.
 */
async function liveRendererMb(page: Page): Promise<number> {
  // 'last-resort': every available collection, and freed memory handed back (what DevTools' collect button does)
  const collect = () => {
    const gc = (globalThis as { gc?: (options: object) => void }).gc;
    if (!gc) throw new Error('gc() is not exposed: Chromium needs --js-flags=--expose-gc');
    gc({ type: 'major', execution: 'sync', flavor: 'last-resort' });
  };
  await page.evaluate(collect);
  for (const worker of page.workers()) await worker.evaluate(collect);
  let lowest = rendererPssMb();
  for (let i = 0; i < 8; i++) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    lowest = Math.min(lowest, rendererPssMb());
  }
  return lowest;
}

async function pageTimeWhen(page: Page, condition: string, timeout: number): Promise<number> {
  const handle = await page.waitForFunction(`(${condition}) ? performance.now() : false`, undefined, { polling: 100, timeout });
  return Number(await handle.jsonValue());
}

async function installProbes(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { probe: { events: [number, number][]; moves: number[]; slowMoves: string[]; longTasks: number[]; worstGap: number; loadGap: number; reset(): void } };
    w.probe = {
      events: [],
      moves: [],
      slowMoves: [],
      longTasks: [],
      worstGap: 0,
      loadGap: 0,
      // the load is measured on its own (first KPIs, idle); the interaction minute starts clean
      reset() {
        this.loadGap = this.worstGap;
        this.events = [];
        this.moves = [];
        this.slowMoves = [];
        this.longTasks = [];
        this.worstGap = 0;
      },
    };
    // the entries of one input (pointermove and mousemove, keydown and keypress…) share its timestamp
    new PerformanceObserver((list) => list.getEntries().forEach((e) => w.probe.events.push([e.startTime, e.duration]))).observe({ type: 'event', durationThreshold: 16 } as PerformanceObserverInit);
    new PerformanceObserver((list) => list.getEntries().forEach((e) => w.probe.longTasks.push(e.duration))).observe({ type: 'longtask' });
    // Event Timing leaves out pointer moves and wheel turns. For them: the input's timestamp → the start of the frame
    // after the one that handles it, which begins once that frame is committed (its canvas read back included).
    // A message posted from the frame would be later: the page's scheduler runs frames before it.
    let waiting: [number, string][] = [];
    let lastSlider = { at: -Infinity, name: '' };
    for (const type of ['pointermove', 'wheel']) {
      addEventListener(type, (e) => {
        if (!waiting.length) {
          // (no named functions in here: tsx would wrap them in a helper the page does not have)
          requestAnimationFrame(() =>
            requestAnimationFrame(() => {
              const now = performance.now();
              for (const [at, kind] of waiting) {
                w.probe.moves.push(now - at);
                if (now - at > 200) w.probe.slowMoves.push(`${kind} ${(now - at).toFixed(0)} ms (${((at - lastSlider.at) / 1000).toFixed(2)} s after slider ${lastSlider.name})`);
              }
              waiting = [];
            }),
          );
        }
        waiting.push([e.timeStamp, type]);
      }, { capture: true, passive: true });
    }
    addEventListener('input', (e) => {
      const slider = (e.target as HTMLElement).dataset?.slider;
      if (slider) lastSlider = { at: e.timeStamp, name: `${slider} → ${(e.target as HTMLInputElement).value}` };
    }, { capture: true });
    let last = performance.now();
    setInterval(() => {
      const now = performance.now();
      w.probe.worstGap = Math.max(w.probe.worstGap, now - last);
      last = now;
    }, 16);
  });
}

const CHECK_DRAG_PX = 300;

/**
 * How many pixels the map moved for one CHECK_DRAG_PX drag. The minute times each input's answer, not whether the
 * map moved: a drag that stopped after its first move (a resize during it once did) answered fast and moved nothing.
 */
async function dragFollowedPx(page: Page): Promise<number> {
  const view = async () => (await page.evaluate(() => location.hash)).match(/view=([-\d.]+),([-\d.]+),([\d.]+)/)?.slice(1).map(Number) ?? [NaN, NaN, NaN];
  const [lon0, , zoom] = await view();
  const box = (await page.locator('#map').boundingBox())!;
  const [cx, cy] = [box.x + box.width / 2, box.y + box.height / 2];
  await page.mouse.move(cx, cy);
  await page.mouse.down();
  for (let step = 1; step <= 6; step++) await page.mouse.move(cx - (CHECK_DRAG_PX * step) / 6, cy);
  // held before release, so that no inertia carries the map past the pointer (MapLibre's looks at the last 160 ms)
  await page.waitForTimeout(400);
  await page.mouse.up();
  // the view is written to the address when the move ends
  await page.waitForFunction((before) => !location.hash.includes(before), `view=${lon0.toFixed(5)}`, { timeout: 30_000 }).catch(() => undefined);
  const [lon1] = await view();
  // Web Mercator: 512 px a world at zoom 0
  return ((lon1 - lon0) / 360) * 512 * 2 ** zoom;
}

/**
 * A drag's press, moves and release, each one input sent to the page as the browser would send the user's.
 * Playwright's mouse.move with a button held also runs its drag-and-drop interception: a script evaluated in every
 * frame before the move and another after it that waits for a timer, each waiting its turn on the page's main
 * thread. Timed through it, one drag move waited for three turns of the main thread, two of them not an input.
 */
async function rawDrag(page: Page): Promise<{ press(x: number, y: number): Promise<void>; move(x: number, y: number): Promise<void>; release(x: number, y: number): Promise<void> }> {
  const cdp = await page.context().newCDPSession(page);
  const send = async (type: 'mousePressed' | 'mouseMoved' | 'mouseReleased', x: number, y: number) => {
    // the same fields Playwright sends for its mouse (button and buttons mask of the left button, clickCount on press/release)
    await cdp.send('Input.dispatchMouseEvent', { type, x, y, button: 'left', buttons: type === 'mouseReleased' ? 0 : 1, clickCount: type === 'mouseMoved' ? 0 : 1 });
  };
  return {
    press: (x, y) => send('mousePressed', x, y),
    move: (x, y) => send('mouseMoved', x, y),
    release: (x, y) => send('mouseReleased', x, y),
  };
}

/** One scripted minute of use: drags, wheel and key zooms, and the three sliders. */
async function interact(page: Page, until: number, timed: (label: string, action: () => Promise<unknown>) => Promise<void>): Promise<void> {
  const box = (await page.locator('#map').boundingBox())!;
  const cx = box.x + box.width / 2;
  const cy = box.y + box.height / 2;
  const drag = await rawDrag(page);
  const sliders: [string, number[]][] = [
    ['toilet', [800, 400, 500]],
    ['zone', [1000, 2000, 500]],
    ['parking', [500, 300]],
  ];
  // found before the minute: a locator would look the slider up again in the page, a round trip of its own that
  // the user's input does not make
  const sliderInputs = new Map<string, ElementHandle<HTMLInputElement>>();
  for (const [slider] of sliders) sliderInputs.set(slider, (await page.$(`input[data-slider="${slider}"]`)) as ElementHandle<HTMLInputElement>);
  let round = 0;
  while (Date.now() < until) {
    const dx = round % 2 ? 180 : -180;
    // a drag is eight inputs, each answered on its own (the user sees each move follow the pointer)
    await timed('pointer move', () => page.mouse.move(cx, cy));
    await timed('drag: press', () => drag.press(cx, cy));
    for (let s = 1; s <= 6; s++) await timed('drag: move', () => drag.move(cx + (dx * s) / 6, cy + (dx * s) / 12));
    await timed('drag: release', () => drag.release(cx + dx, cy + dx / 2));
    await timed(round % 3 === 2 ? 'wheel zoom out' : 'wheel zoom in', () => page.mouse.wheel(0, round % 3 === 2 ? 600 : -300));
    // a key press is two inputs, each answered on its own
    const key = round % 2 ? 'Minus' : 'Equal';
    await timed('key zoom: down', () => page.keyboard.down(key));
    await timed('key zoom: up', () => page.keyboard.up(key));
    const [slider, values] = sliders[round % sliders.length];
    const value = values[Math.floor(round / sliders.length) % values.length];
    await timed(`slider ${slider} → ${value}`, () =>
      sliderInputs.get(slider)!.evaluate((input, v) => {
        if (!input.isConnected) throw new Error(`the slider ${input.dataset.slider} was replaced during the minute`);
        Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!.call(input, String(v));
        input.dispatchEvent(new Event('input', { bubbles: true }));
        input.dispatchEvent(new Event('change', { bubbles: true }));
      }, value),
    );
    round++;
  }
}

export async function measureLargeCity(base: string, city: string): Promise<LargeCityFigures> {
  // gc() in the page and its workers, for the memory held after the minute (liveRendererMb)
  const browser: Browser = await launchChromium(['--js-flags=--expose-gc']);
  let peak = 0;
  const sampler = setInterval(() => (peak = Math.max(peak, rendererPssMb())), 1000);
  let crashed = false;
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    page.on('crash', () => (crashed = true));
    await page.goto(`${base}#city=${city}`);
    await installProbes(page);
    const firstKpisMs = await pageTimeWhen(page, `document.querySelector('.gap-panel[aria-busy="false"] [data-kpi="streetShare"]')`, 300_000);
    const mapIdleMs = await pageTimeWhen(page, `document.querySelector('#map')?.dataset.settled === 'true'`, 300_000);
    await page.locator('#map').click({ position: { x: 10, y: 10 } });
    const followed = await dragFollowedPx(page);
    await page.evaluate(() => (window as unknown as { probe: { reset(): void } }).probe.reset());
    let worstActionMs = 0;
    let worstActionLabel = '';
    let actions = 0;
    const answers: number[] = [];
    const byKind: LargeCityFigures['byKind'] = {};
    const slowInputs: LargeCityFigures['slowInputs'] = [];
    let lastSlider = { at: -Infinity, label: '' };
    await interact(page, Date.now() + INTERACT_MS, async (label, action) => {
      const t0 = performance.now();
      await action();
      const ms = performance.now() - t0;
      actions++;
      answers.push(ms);
      // "slider toilet → 800" and "slider zone → 500" are one kind
      if (ms > 200) slowInputs.push({ label, ms, afterSliderS: (t0 - lastSlider.at) / 1000, slider: lastSlider.label });
      if (label.startsWith('slider')) lastSlider = { at: t0, label };
      const kind = (byKind[label.replace(/ .*→.*$/, '')] ??= { inputs: 0, over200: 0, worstMs: 0 });
      kind.inputs++;
      if (ms > 200) kind.over200++;
      kind.worstMs = Math.max(kind.worstMs, ms);
      if (ms > worstActionMs) [worstActionMs, worstActionLabel] = [ms, label];
    });
    const probe = await page.evaluate(() => {
      const p = (window as unknown as { probe: { events: [number, number][]; moves: number[]; slowMoves: string[]; longTasks: number[]; worstGap: number; loadGap: number } }).probe;
      return { events: p.events, moves: p.moves, slowMoves: p.slowMoves, longTasks: p.longTasks, worstGap: p.worstGap, loadGap: p.loadGap };
    });
    clearInterval(sampler);
    const live = await liveRendererMb(page);
    return {
      city,
      firstKpisMs,
      mapIdleMs,
      actions,
      actionsOver200: answers.filter((ms) => ms > 200).length,
      p95ActionMs: answers.sort((a, b) => a - b)[Math.floor(answers.length * 0.95)] ?? NaN,
      byKind,
      slowInputs,
      worstActionMs,
      worstActionLabel,
      worstEventMs: Math.max(0, ...probe.events.map(([, ms]) => ms)),
      eventsOver200: new Set(probe.events.filter(([, ms]) => ms > 200).map(([at]) => at)).size,
      worstMoveFrameMs: Math.max(0, ...probe.moves),
      movesOver200: probe.moves.filter((ms) => ms > 200).length,
      slowMoves: probe.slowMoves,
      worstHeartbeatGapMs: probe.worstGap,
      loadHeartbeatGapMs: probe.loadGap,
      longTasksOver200: probe.longTasks.filter((d) => d > 200).length,
      peakRendererMb: peak,
      dragFollowedPx: followed,
      liveRendererMb: live,
      crashed,
    };
  } catch (error) {
    if (crashed) return { city, firstKpisMs: NaN, mapIdleMs: NaN, actions: 0, actionsOver200: NaN, p95ActionMs: NaN, byKind: {}, slowInputs: [], worstActionMs: NaN, worstActionLabel: String(error), worstEventMs: NaN, eventsOver200: NaN, worstMoveFrameMs: NaN, movesOver200: NaN, slowMoves: [], worstHeartbeatGapMs: NaN, loadHeartbeatGapMs: NaN, longTasksOver200: NaN, peakRendererMb: peak, dragFollowedPx: NaN, liveRendererMb: NaN, crashed };
    throw error;
  } finally {
    clearInterval(sampler);
    await browser.close();
  }
}

export function printLargeCity(rows: LargeCityFigures[]): void {
  const [baseline] = rows;
  const ratio = (v: number, b: number) => (Number.isFinite(v) && b > 0 ? `${(v / b).toFixed(2)}×` : '—');
  console.log(`\nWhole city (1440×900, default layers), ${INTERACT_MS / 1000} s of panning, zooming and sliders after the map is idle (targets for the 30 km city: KPIs ≤ 15 s, idle ≤ 30 s, every input ≤ 200 ms, page + worker ≤ 1.5 GB)`);
  console.log(`| city | first KPIs ms | map idle ms | longest main-thread gap while loading ms | inputs | inputs over 200 ms | 95th percentile ms | worst input round trip ms | worst event (Event Timing) ms | events over 200 ms | worst move → its frame ms | moves over 200 ms | worst main-thread gap ms | tasks > 200 ms | peak renderer MB | renderer MB after a full GC | crashed |`);
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|');
  for (const r of rows) {
    const vs = r === baseline ? '' : ` (${ratio(r.firstKpisMs, baseline.firstKpisMs)})`;
    console.log(
      `| ${r.city} | ${r.firstKpisMs.toFixed(0)}${vs} | ${r.mapIdleMs.toFixed(0)}${r === baseline ? '' : ` (${ratio(r.mapIdleMs, baseline.mapIdleMs)})`} | ${r.loadHeartbeatGapMs.toFixed(0)} | ${r.actions} | ${r.actionsOver200} | ${r.p95ActionMs.toFixed(0)} | ${r.worstActionMs.toFixed(0)} (${r.worstActionLabel})${r === baseline ? '' : ` (${ratio(r.worstActionMs, baseline.worstActionMs)})`} | ${r.worstEventMs.toFixed(0)} | ${r.eventsOver200} | ${r.worstMoveFrameMs.toFixed(0)} | ${r.movesOver200} | ${r.worstHeartbeatGapMs.toFixed(0)}${r === baseline ? '' : ` (${ratio(r.worstHeartbeatGapMs, baseline.worstHeartbeatGapMs)})`} | ${r.longTasksOver200} | ${r.peakRendererMb.toFixed(0)}${r === baseline ? '' : ` (${ratio(r.peakRendererMb, baseline.peakRendererMb)})`} | ${r.liveRendererMb.toFixed(0)}${r === baseline ? '' : ` (${ratio(r.liveRendererMb, baseline.liveRendererMb)})`} | ${r.crashed ? 'yes' : 'no'} |`,
    );
  }
  console.log('\nThe same inputs by kind: inputs / over 200 ms / worst ms');
  const kinds = [...new Set(rows.flatMap((r) => Object.keys(r.byKind)))];
  console.log(`| city | ${kinds.join(' | ')} |`);
  console.log(`|---|${kinds.map(() => '---:').join('|')}|`);
  for (const r of rows) console.log(`| ${r.city} | ${kinds.map((k) => (r.byKind[k] ? `${r.byKind[k].inputs} / ${r.byKind[k].over200} / ${r.byKind[k].worstMs.toFixed(0)}` : '—')).join(' | ')} |`);
  for (const r of rows) {
    if (r.slowMoves.length) console.log(`${r.city}, moves shown over 200 ms after the input: ${r.slowMoves.join('; ')}`);
    if (r.slowInputs.length) console.log(`${r.city}, inputs over 200 ms: ${r.slowInputs.map((i) => `${i.label} ${i.ms.toFixed(0)} ms (${Number.isFinite(i.afterSliderS) ? `${i.afterSliderS.toFixed(2)} s after ${i.slider}` : 'before any slider'})`).join('; ')}`);
  }
  console.log(`\nDrag check before the minute (the drags are timed, not watched): the map followed ${rows.map((r) => `${r.city} ${r.dragFollowedPx.toFixed(0)} px`).join(', ')} of a ${CHECK_DRAG_PX} px drag`);
}
