/**
 * npm run bench [-- --json]
 *
 * Our engine against the naive Turf way, in one process, on the same inputs: warm-up, then the median of
 * several runs; results go into a sink so nothing is optimised away. Prints input sizes, both medians, their
 * ratio and how far the answers differ. Street coverage and zone membership are also answered the way a GIS
 * analyst would, in PostGIS (ST_DWithin on GiST-indexed geography): on the embedded PGlite the server uses, and
 * on a real PostgreSQL when DATABASE_URL (or TEST_DATABASE_URL) names one.
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
import { openPglite, openPostgres, type Database } from '../../server/db/database';
import { loadPostgisCase, postgisStreetCoverage, postgisZoneMembership } from './postgis_way';
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

interface PostgisResult { engine: string; ms: number; ratio: number; answer: number; difference: string }

interface Row { case: string; task: string; inputs: string; oursMs: number; baselineMs: number; ratio: number; oursAnswer: number; baselineAnswer: number; difference: string; postgis: PostgisResult[] }

/** like `time`, for a query: warm-up, then the median of runs */
async function timeAsync(fn: () => Promise<number>, runs: number): Promise<{ ms: number; answer: number }> {
  let answer = await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    answer = await fn();
    times.push(performance.now() - t0);
  }
  return { ms: median(times), answer };
}

function streetCoverageRow(c: BenchCase, analysis: CityAnalysis): Row {
  const { model } = analysis;
  const points = analysis.points(analysis.toiletIndices(true));
  const ours = time(() => {
    const { cells, samples } = analysis.straightFields(points);
    return classifyCoverage(samples, model.samples.weight, cells, model.lattice.cellSize ** 2, TOILET_M).streetShareWithin;
  }, OURS_RUNS);
  return { case: c.id, task: `toilet street coverage (${TOILET_M} m)`, inputs: `${points.count} toilets, ${model.samples.x.length} street samples`, oursMs: ours.ms, baselineMs: NaN, ratio: NaN, oursAnswer: ours.answer, baselineAnswer: NaN, difference: '', postgis: [] };
}

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
    postgis: [],
  };
}

function membershipRow(c: BenchCase, analysis: CityAnalysis): Row {
  const { model } = analysis;
  // the six-surroundings category with the most points, up to 120, keeps the naive run within minutes
  const category = zoneCategory(analysis);
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
    postgis: [],
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
    postgis: [],
  };
}

/** the six-surroundings category the membership row uses (the most points, up to 120) */
function zoneCategory(analysis: CityAnalysis) {
  return [...SIX_SURROUNDINGS].map((id) => ({ id, n: selectFacilities(analysis.model, [id]).length })).filter((x) => x.n > 0 && x.n <= 120).sort((a, b) => b.n - a.n)[0].id;
}

/** The coverage and membership rows answered again in PostGIS, on each engine, with ratios to ours. */
async function addPostgis(engines: { name: string; db: Database }[], c: BenchCase, analysis: CityAnalysis, coverage: Row, membership: Row): Promise<void> {
  for (const { name, db } of engines) {
    await loadPostgisCase(db, { model: analysis.model, toilets: analysis.toiletIndices(true), zonePoints: selectFacilities(analysis.model, [zoneCategory(analysis)]), compounds: c.layers.compounds.features });
    for (const [row, query] of [[coverage, () => postgisStreetCoverage(db, TOILET_M)], [membership, () => postgisZoneMembership(db, ZONE_M)]] as const) {
      const result = await timeAsync(query, 3);
      const relative = Math.abs(result.answer - row.oursAnswer) / Math.max(1e-9, Math.abs(result.answer));
      row.postgis.push({ engine: name, ms: result.ms, ratio: result.ms / row.oursMs, answer: result.answer, difference: `${(relative * 100).toFixed(2)} %` });
    }
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { json: { type: 'boolean', default: false }, 'no-postgis': { type: 'boolean', default: false } } });
  const rows: Row[] = [];
  const log = (line: string) => process.stderr.write(`${line}\n`);
  const engines: { name: string; db: Database }[] = [];
  if (!values['no-postgis']) {
    engines.push({ name: 'PGlite + PostGIS', db: await openPglite() });
    const url = process.env.DATABASE_URL ?? process.env.TEST_DATABASE_URL;
    if (url) engines.push({ name: 'PostgreSQL + PostGIS', db: await openPostgres(url) });
  }
  for (const c of benchCases()) {
    const t0 = performance.now();
    const analysis = new CityAnalysis({ id: c.id, name: { zh: c.id, en: c.id }, synthetic: true, dataDate: '' }, c.layers, c.bbox);
    log(`${c.label}: model (projection, segments, samples, indexes) built in ${(performance.now() - t0).toFixed(0)} ms`);
    rows.push(coverageRow(c, analysis));
    log(`  coverage done (${rows.at(-1)!.ratio.toFixed(0)}×)`);
    const street = streetCoverageRow(c, analysis);
    rows.push(street);
    const membership = membershipRow(c, analysis);
    rows.push(membership);
    log(`  membership done (${rows.at(-1)!.ratio.toFixed(0)}×)`);
    if (engines.length) {
      await addPostgis(engines, c, analysis, street, membership);
      log(`  PostGIS done (${engines.map((e) => e.name).join(', ')})`);
    }
    if (c.id === 'demo14') rows.push(reclassifyRow(c));
  }
  for (const e of engines) await e.db.close();
  if (values.json) {
    console.log(JSON.stringify({ rows, sink }, null, 2));
    return;
  }
  const names = engines.map((e) => e.name);
  console.log(`| case | task | inputs | ours (median ms) | naive Turf (median ms) | ratio | answers differ by |${names.map((n) => ` ${n} (ms) | ÷ ours | answers differ by |`).join('')}`);
  console.log(`|---|---|---|---:|---:|---:|---|${names.map(() => '---:|---:|---|').join('')}`);
  for (const r of rows) {
    const turf = Number.isNaN(r.baselineMs) ? '— | — | — |' : `${r.baselineMs.toFixed(1)} | ${r.ratio.toFixed(0)}× | ${r.difference} |`;
    const postgis = names.map((n) => {
      const p = r.postgis.find((x) => x.engine === n);
      return p ? ` ${p.ms.toFixed(1)} | ${p.ratio < 10 ? p.ratio.toFixed(2) : p.ratio.toFixed(0)}× | ${p.difference} |` : ' — | — | — |';
    });
    console.log(`| ${r.case} | ${r.task} | ${r.inputs} | ${r.oursMs.toFixed(2)} | ${turf}${postgis.join('')}`);
  }
  console.log(`(baseline of the last row is recomputing the distances; "÷ ours": how many times longer PostGIS took; sink ${sink.toFixed(0)})`);
}

main().catch((error: Error) => {
  console.error(error);
  process.exit(1);
});
