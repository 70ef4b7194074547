/**
 * npm run bench:cases — 5,000 seeded cases on the demo city's box: what one filter click and one zoom step cost
 * our own script on the main thread (filter → clusters → pins), against the budgets (a filter answers within
 * 100 ms; no task over 50 ms) and against the naive ways measured in the same run: a bare one-field scan (the
 * floor any filter pays) and pairwise greedy clustering (what grouping without a grid costs).
 */
import { readFileSync } from 'node:fs';
import type { ApiCase } from '../../src/campaign/api';
import { CELL_PX, clusterPoints, mercatorPixel } from '../../src/campaign/case_clusters';
import { filterCases, NO_FILTER, type CaseFilter } from '../../src/campaign/case_filters';
import { caseMarks } from '../../src/campaign/case_marks';
import { isoWeekOf } from '../../src/domain/iso_week';
import { seededCases } from '../../src/campaign/test/seeded_cases';

const N = 5000;
const NOW = Date.now();
const bbox = (JSON.parse(readFileSync('data/demo/city.json', 'utf8')) as { bbox: number[] }).bbox;
const cases = seededCases(N, bbox, 20261130, NOW);
let sink = 0;

/** median milliseconds of `runs` calls after `warm` unmeasured ones */
function median(run: () => number, runs = 31, warm = 5): number {
  for (let i = 0; i < warm; i++) sink += run();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    sink += run();
    times.push(performance.now() - t);
  }
  return times.sort((a, b) => a - b)[Math.floor(runs / 2)];
}

/** the naive grouping: each point joins the first group whose seed lies within CELL_PX pixels, O(n·groups) */
function greedyClusters(points: readonly ApiCase[], zoom: number): number {
  const seeds: [number, number][] = [];
  for (const p of points) {
    const [x, y] = mercatorPixel(p.lon, p.lat, zoom);
    if (!seeds.some(([sx, sy]) => Math.hypot(sx - x, sy - y) < CELL_PX)) seeds.push([x, y]);
  }
  return seeds.length;
}

const fmt = (ms: number) => `${ms.toFixed(2).padStart(7)} ms`;
console.log(`bench:cases — ${N} seeded cases over the demo city (${bbox.map((v) => v.toFixed(3)).join(', ')}), node ${process.version}\n`);

const floor = median(() => cases.filter((c) => c.state === 'dispatched').length);
console.log(`baseline: one-field scan (state = dispatched)  ${fmt(floor)}\n`);
const filters: [string, Partial<CaseFilter>][] = [
  ['no filter', {}],
  ['two states', { states: ['dispatched', 'checking'] }],
  ['red/yellow cards + overdue', { cards: ['red', 'yellow'], overdueOnly: true }],
  ['category + unit', { categoryId: 'toilet_dirty', unitId: 'community:2' }],
  ['street prefix of the grid code', { gridCode: '99010100105' }],
  ['this week', { week: isoWeekOf(NOW) }],
  ['search words', { text: '公厕 积水' }],
  ['everything at once', { states: ['dispatched', 'registered'], cards: ['white', 'red'], week: isoWeekOf(NOW - 7 * 86_400_000), text: '案件' }],
];
console.log('filter (one click)                 median      × floor   kept');
let worstFilter = 0;
for (const [name, patch] of filters) {
  const filter = { ...NO_FILTER, ...patch };
  const ms = median(() => filterCases(cases, filter, NOW).length);
  worstFilter = Math.max(worstFilter, ms);
  console.log(`${name.padEnd(32)} ${fmt(ms)}   ${(ms / floor).toFixed(1).padStart(6)}   ${filterCases(cases, filter, NOW).length}`);
}

console.log('\nclusters + pins (one zoom step)    grid        naive greedy   × faster   groups');
let worstMarks = 0;
for (const zoom of [10, 11, 12, 13, 14, 15]) {
  const ms = median(() => caseMarks(cases, zoom, NOW).pins.length);
  const naive = median(() => greedyClusters(cases, zoom), 5, 1);
  worstMarks = Math.max(worstMarks, ms);
  console.log(`zoom ${zoom}                            ${fmt(ms)}  ${fmt(naive)}    ${(naive / ms).toFixed(1).padStart(6)}   ${clusterPoints(cases, zoom).length}`);
}

const all = median(() => caseMarks(filterCases(cases, NO_FILTER, NOW), 12, NOW).clusters.length);
console.log(`\nfilter click end to end (no filter → clusters at zoom 12): ${fmt(all)}`);
console.log(`worst filter ${worstFilter.toFixed(2)} ms of a 100 ms budget (${(100 / worstFilter).toFixed(0)}× headroom); worst zoom step ${worstMarks.toFixed(2)} ms of a 50 ms long-task budget (${(50 / worstMarks).toFixed(0)}× headroom)`);
console.log(`(sink ${sink % 10})`);
