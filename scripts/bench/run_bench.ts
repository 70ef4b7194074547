/**
 * npm run bench [-- --json]
 *
 * Our engine against the naive Turf way, in one process, on the same inputs: warm-up, then the median of
 * several runs; results go into a sink so nothing is optimised away. Prints input sizes, both medians, their
 * ratio and how far the answers differ.
 */
import { parseArgs } from 'node:util';
import { CityAnalysis } from '../../src/analysis/city_analysis';
import { classifyCoverage } from '../../src/analysis/coverage';
import { latticeDistanceField } from '../../src/analysis/distance_field';
import { selectFacilities } from '../../src/analysis/city_model';
import { alleyPairs, compoundPairs, distinctWithin } from '../../src/analysis/six_surroundings';
import { SIX_SURROUNDINGS } from '../../src/domain/categories';
import { RULES } from '../../src/domain/rules';
import { benchCases, type BenchCase } from './bench_cases';
import { naiveAlleyMembership, naiveCompoundMembership, naiveGapAreaShare } from './naive_turf';

const OURS_RUNS = 7;
const BASELINE_RUNS = 3;
const TOILET_M = RULES.toiletSpacingM.value;
const ZONE_M = RULES.zoneRadiusM.value;
const MAX_ZONE_M = RULES.zoneRadiusRangeM.value[1];

let sink = 0;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** Warm-up once, then time `runs` calls; returns the median in ms and the last answer. */
function time<T>(fn: () => T, runs: number): { ms: number; answer: T } {
  let answer = fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    answer = fn();
    times.push(performance.now() - t0);
  }
  sink += times.length;
  return { ms: median(times), answer };
}

interface Row { case: string; task: string; inputs: string; oursMs: number; baselineMs: number; ratio: number; oursAnswer: number; baselineAnswer: number; difference: string }

function coverageRow(c: BenchCase, analysis: CityAnalysis): Row {
  const { model } = analysis;
  const toilets = analysis.toiletIndices(true);
  const points = analysis.points(toilets);
  const positions = toilets.map((i) => [model.projection.lon(model.facilities.x[i]), model.projection.lat(model.facilities.y[i])]);
  const ours = time(() => {
    const { cells, samples } = analysis.straightFields(points);
    const summary = classifyCoverage(samples, model.samples.weight, cells, model.lattice.cellSize ** 2, TOILET_M);
    sink += summary.streetShareWithin;
    return 1 - summary.areaShareWithin;
  }, OURS_RUNS);
  const baseline = time(() => naiveGapAreaShare(positions, c.bbox, TOILET_M), BASELINE_RUNS);
  return {
    case: c.id,
    task: `toilet gap area (${TOILET_M} m)`,
    inputs: `${toilets.length} toilets, ${model.lattice.count} cells, ${model.samples.x.length} street samples`,
    oursMs: ours.ms,
    baselineMs: baseline.ms,
    ratio: baseline.ms / ours.ms,
    oursAnswer: ours.answer,
    baselineAnswer: baseline.answer,
    difference: `${(Math.abs(ours.answer - baseline.answer) * 100).toFixed(2)} pp of area`,
  };
}

function membershipRow(c: BenchCase, analysis: CityAnalysis): Row {
  const { model } = analysis;
  // the six-surroundings category with the most points, up to 120, keeps the naive run within minutes
  const category = [...SIX_SURROUNDINGS].map((id) => ({ id, n: selectFacilities(model, [id]).length })).filter((x) => x.n > 0 && x.n <= 120).sort((a, b) => b.n - a.n)[0].id;
  const indices = selectFacilities(model, [category]);
  const points = analysis.points(indices);
  const lonLat = (x: number, y: number) => [model.projection.lon(x), model.projection.lat(y)];
  const positions = indices.map((i) => lonLat(model.facilities.x[i], model.facilities.y[i]));
  const alleySamples: number[][][] = model.streets.map(() => []);
  for (let i = 0; i < model.samples.x.length; i++) if (model.streets[model.samples.street[i]].alley) alleySamples[model.samples.street[i]].push(lonLat(model.samples.x[i], model.samples.y[i]));
  const alleys = alleySamples.filter((s) => s.length > 0);
  const compounds = c.layers.compounds.features;
  const ours = time(() => {
    const a = distinctWithin(alleyPairs(model, points, MAX_ZONE_M), ZONE_M).size;
    const b = distinctWithin(compoundPairs(model, points, MAX_ZONE_M), ZONE_M).size;
    return a + b;
  }, OURS_RUNS);
  const baseline = time(() => naiveAlleyMembership(positions, alleys, ZONE_M) + naiveCompoundMembership(positions, compounds, ZONE_M), BASELINE_RUNS);
  return {
    case: c.id,
    task: `${category} zones (${ZONE_M} m): alleys + compounds`,
    inputs: `${indices.length} points, ${alleys.length} alleys, ${compounds.length} compounds`,
    oursMs: ours.ms,
    baselineMs: baseline.ms,
    ratio: baseline.ms / ours.ms,
    oursAnswer: ours.answer,
    baselineAnswer: baseline.answer,
    difference: `${((Math.abs(ours.answer - baseline.answer) / Math.max(1, baseline.answer)) * 100).toFixed(2)} %`,
  };
}

/** Re-classifying stored distances for a new threshold against recomputing them, on ≥ 100,000 cells. */
function reclassifyRow(c: BenchCase): Row {
  const analysis = new CityAnalysis({ id: c.id, name: { zh: c.id, en: c.id }, synthetic: true, dataDate: '' }, c.layers, c.bbox, { cellSizeM: 40 });
  const { lattice } = analysis.model;
  const points = analysis.points(analysis.toiletIndices(true));
  const field = latticeDistanceField(lattice, points);
  const noSamples = new Float32Array(0);
  let threshold = 300;
  const reclassify = time(() => {
    threshold = threshold === 300 ? 700 : 300;
    return classifyCoverage(noSamples, new Float64Array(0), field, lattice.cellSize ** 2, threshold).cellsWithin;
  }, 21);
  const recompute = time(() => classifyCoverage(noSamples, new Float64Array(0), latticeDistanceField(lattice, points), lattice.cellSize ** 2, threshold).cellsWithin, OURS_RUNS);
  return {
    case: c.id,
    task: 'new threshold: re-classify vs recompute',
    inputs: `${lattice.count} lattice cells, ${points.count} toilets`,
    oursMs: reclassify.ms,
    baselineMs: recompute.ms,
    ratio: recompute.ms / reclassify.ms,
    oursAnswer: reclassify.answer,
    baselineAnswer: recompute.answer,
    difference: reclassify.answer === recompute.answer ? 'identical' : `${Math.abs(reclassify.answer - recompute.answer)} cells`,
  };
}

function main(): void {
  const { values } = parseArgs({ options: { json: { type: 'boolean', default: false } } });
  const rows: Row[] = [];
  const log = (line: string) => process.stderr.write(`${line}\n`);
  for (const c of benchCases()) {
    const t0 = performance.now();
    const analysis = new CityAnalysis({ id: c.id, name: { zh: c.id, en: c.id }, synthetic: true, dataDate: '' }, c.layers, c.bbox);
    log(`${c.label}: model (projection, segments, samples, indexes) built in ${(performance.now() - t0).toFixed(0)} ms`);
    rows.push(coverageRow(c, analysis));
    log(`  coverage done (${rows.at(-1)!.ratio.toFixed(0)}×)`);
    rows.push(membershipRow(c, analysis));
    log(`  membership done (${rows.at(-1)!.ratio.toFixed(0)}×)`);
    if (c.id === 'demo14') rows.push(reclassifyRow(c));
  }
  if (values.json) {
    console.log(JSON.stringify({ rows, sink }, null, 2));
    return;
  }
  console.log('| case | task | inputs | ours (median ms) | baseline (median ms) | ratio | answers differ by |');
  console.log('|---|---|---|---:|---:|---:|---|');
  for (const r of rows) console.log(`| ${r.case} | ${r.task} | ${r.inputs} | ${r.oursMs.toFixed(2)} | ${r.baselineMs.toFixed(1)} | ${r.ratio.toFixed(0)}× | ${r.difference} |`);
  console.log(`(baseline of the last row is recomputing the distances; sink ${sink.toFixed(0)})`);
}

main();
