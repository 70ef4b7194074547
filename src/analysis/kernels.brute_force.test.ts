/**
 * Every pruned search in the engine returns what brute force returns, on seeded random cities with concave,
 * holed and multi-part compounds, long diagonal streets (boxes that defeat box-ordered pruning) and streets that
 * stop short of the street they meet. The references here are deliberately plain: loops over everything.
 */
import { describe, expect, it } from 'vitest';
import { CityAnalysis, DEFAULT_PARAMS } from './city_analysis';
import { selectFacilities, type CityModel } from './city_model';
import { DEFAULT_DISTANCE_CAP_M } from './distance_field';
import { interiorPoint, pointInPolygon, type PlanarPolygon } from './geometry';
import { forEachCellCentre } from './network_field';
import { compoundDistances } from './parking_coverage';
import { alleyPairs, compoundPairs, type ZonePairs } from './six_surroundings';
import { BoundedDijkstra, buildStreetGraph, nearestSegment, networkNodeDistances, snapTarget, SNAP_TOLERANCE_M, type Snap, type StreetGraph } from './street_graph';
import { bboxAround, fixtureLayers, square } from './test/fixture_city';
import { placeInGrids } from './grid_scores';
import area from '@turf/area';
import intersect from '@turf/intersect';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import { randomCity } from './test/random_city';

const INFO = { id: 'random', name: { zh: '随机', en: 'random' }, synthetic: true, dataDate: '2026-01-01' };
const SEEDS = [1, 2, 3, 4, 5];
const HALF = 1500;

function cityOf(seed: number): CityAnalysis {
  return new CityAnalysis(INFO, fixtureLayers(randomCity(seed, HALF)), bboxAround(HALF + 200, HALF + 200));
}

// ── plain references ─────────────────────────────────────────────────────────────────────────────────────────

function segmentDistance(px: number, py: number, ax: number, ay: number, bx: number, by: number): number {
  const dx = bx - ax;
  const dy = by - ay;
  const l2 = dx * dx + dy * dy;
  const t = l2 === 0 ? 0 : Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / l2));
  return Math.hypot(px - ax - t * dx, py - ay - t * dy);
}

/** winding number, not the engine's even-odd ray casting */
function windingInside(px: number, py: number, ring: Float64Array): boolean {
  let winding = 0;
  for (let i = 0; i + 3 < ring.length; i += 2) {
    const [x1, y1, x2, y2] = [ring[i], ring[i + 1], ring[i + 2], ring[i + 3]];
    const cross = (x2 - x1) * (py - y1) - (px - x1) * (y2 - y1);
    if (y1 <= py && y2 > py && cross > 0) winding++;
    else if (y1 > py && y2 <= py && cross < 0) winding--;
  }
  return winding !== 0;
}

function polygonDistance(px: number, py: number, parts: readonly PlanarPolygon[]): number {
  if (parts.some((p) => windingInside(px, py, p[0]) && !p.slice(1).some((hole) => windingInside(px, py, hole)))) return 0;
  let best = Infinity;
  for (const p of parts) for (const ring of p) for (let i = 0; i + 3 < ring.length; i += 2) best = Math.min(best, segmentDistance(px, py, ring[i], ring[i + 1], ring[i + 2], ring[i + 3]));
  return best;
}

function nearestPoint(px: number, py: number, xs: ArrayLike<number>, ys: ArrayLike<number>): number {
  let best = Infinity;
  for (let i = 0; i < xs.length; i++) best = Math.min(best, Math.hypot(xs[i] - px, ys[i] - py));
  return best;
}

/** O(n²) Dijkstra: scan every node for the nearest unsettled one */
function plainDijkstra(graph: StreetGraph, seeds: [number, number][]): Float64Array {
  const dist = new Float64Array(graph.nodeCount).fill(Infinity);
  const settled = new Uint8Array(graph.nodeCount);
  for (const [node, d] of seeds) dist[node] = Math.min(dist[node], d);
  for (;;) {
    let u = -1;
    for (let v = 0; v < graph.nodeCount; v++) if (!settled[v] && dist[v] < Infinity && (u < 0 || dist[v] < dist[u])) u = v;
    if (u < 0) return dist;
    settled[u] = 1;
    for (let e = graph.offsets[u]; e < graph.offsets[u + 1]; e++) dist[graph.targets[e]] = Math.min(dist[graph.targets[e]], dist[u] + graph.weights[e]);
  }
}

/** the two stops around a snap, as the engine seeds them, found by a plain scan */
function snapSeeds(graph: StreetGraph, snap: Snap): [number, number][] {
  const stop = graph.stops[snap.segment];
  let i = 0;
  while (i + 2 < stop.along.length && stop.along[i + 1] < snap.along) i++;
  return [[stop.node[i], snap.access + snap.along - stop.along[i]], [stop.node[i + 1], snap.access + stop.along[i + 1] - snap.along]];
}

function pairsAsMap(pairs: ZonePairs): Map<string, number> {
  return new Map(Array.from(pairs.point, (p, i) => [`${p}:${pairs.item[i]}`, pairs.distance[i]]));
}

const closeEnough = (a: number, b: number) => (a === Infinity && b === Infinity) || Math.abs(a - b) <= 1e-3 + 1e-6 * Math.abs(b);

function mismatches(engine: ArrayLike<number>, reference: ArrayLike<number>): number[] {
  const bad: number[] = [];
  for (let i = 0; i < reference.length; i++) if (!closeEnough(engine[i], reference[i])) bad.push(i);
  return bad;
}

const capped = (d: number) => (d <= DEFAULT_DISTANCE_CAP_M ? d : Infinity);

describe.each(SEEDS)('random city %i: pruned kernels equal brute force', (seed) => {
  const analysis = cityOf(seed);
  const model: CityModel = analysis.model;
  const toilets = analysis.points(analysis.toiletIndices(true));

  it('has the shapes the tests are about', () => {
    expect(model.compounds.filter((c) => c.polygons.length > 1).length).toBeGreaterThan(0);
    expect(model.compounds.filter((c) => c.polygons[0].length > 1).length).toBeGreaterThan(0);
    expect(toilets.count).toBeGreaterThan(10);
    expect(model.samples.x.length).toBeGreaterThan(1000);
  });

  it('lattice and street-sample distance fields', () => {
    const fields = analysis.straightFields(toilets);
    const cells: number[] = [];
    forEachCellCentre(model.lattice, (_, x, y) => cells.push(capped(nearestPoint(x, y, toilets.x, toilets.y))));
    expect(mismatches(fields.cells, cells)).toEqual([]);
    const samples = Array.from(model.samples.x, (x, i) => capped(nearestPoint(x, model.samples.y[i], toilets.x, toilets.y)));
    expect(mismatches(fields.samples, samples)).toEqual([]);
  });

  it('compound distances (0 inside, holes excluded)', () => {
    for (const category of ['parking', 'toilet'] as const) {
      const points = analysis.points(selectFacilities(model, [category]));
      const engine = compoundDistances(model.compounds, points);
      const reference = model.compounds.map((c) => {
        let best = Infinity;
        for (let p = 0; p < points.count; p++) best = Math.min(best, polygonDistance(points.x[p], points.y[p], c.polygons));
        return best;
      });
      expect(mismatches(engine, reference)).toEqual([]);
    }
  });

  it('zone pairs for alleys and compounds', () => {
    const points = analysis.points(selectFacilities(model, ['school', 'market', 'hospital']));
    const radius = 700;
    const alleys = new Map<string, number>();
    const compounds = new Map<string, number>();
    for (let p = 0; p < points.count; p++) {
      const nearestByStreet = new Map<number, number>();
      for (let s = 0; s < model.segments.length.length; s++) {
        const street = model.segments.street[s];
        if (!model.streets[street].alley) continue;
        const d = segmentDistance(points.x[p], points.y[p], model.segments.ax[s], model.segments.ay[s], model.segments.bx[s], model.segments.by[s]);
        nearestByStreet.set(street, Math.min(nearestByStreet.get(street) ?? Infinity, d));
      }
      for (const [street, d] of nearestByStreet) if (d <= radius) alleys.set(`${p}:${street}`, d);
      model.compounds.forEach((c, k) => {
        const d = polygonDistance(points.x[p], points.y[p], c.polygons);
        if (d <= radius) compounds.set(`${p}:${k}`, d);
      });
    }
    for (const [engine, reference] of [[pairsAsMap(alleyPairs(model, points, radius)), alleys], [pairsAsMap(compoundPairs(model, points, radius)), compounds]] as const) {
      expect([...engine.keys()].sort()).toEqual([...reference.keys()].sort());
      expect([...reference].filter(([key, d]) => !closeEnough(engine.get(key)!, d))).toEqual([]);
    }
  });

  it('nearest segment, for every cell centre and facility', () => {
    const { segments } = model;
    const bad: string[] = [];
    const check = (x: number, y: number) => {
      let best = Infinity;
      for (let s = 0; s < segments.length.length; s++) best = Math.min(best, segmentDistance(x, y, segments.ax[s], segments.ay[s], segments.bx[s], segments.by[s]));
      const snap = nearestSegment(segments, x, y);
      const engine = snap ? snap.access : Infinity;
      if (!closeEnough(engine, best <= 1000 ? best : Infinity)) bad.push(`${x.toFixed(1)},${y.toFixed(1)}: ${engine} vs ${best}`);
    };
    forEachCellCentre(model.lattice, (_, x, y) => check(x, y));
    for (let f = 0; f < model.facilities.x.length; f++) check(model.facilities.x[f], model.facilities.y[f]);
    expect(bad).toEqual([]);
  });

  it('dead ends snap to the nearest other segment within the tolerance', () => {
    const { segments } = model;
    const n = segments.length.length;
    const ends = Array.from({ length: n }, (_, s) => [[segments.ax[s], segments.ay[s]], [segments.bx[s], segments.by[s]]] as const).flat();
    const bad: string[] = [];
    ends.forEach(([x, y], k) => {
      const own = k >> 1;
      // the reference: every segment other than those with an end at this very point
      const excluded = (o: number) => o === own || (segments.ax[o] === x && segments.ay[o] === y) || (segments.bx[o] === x && segments.by[o] === y);
      let best = SNAP_TOLERANCE_M;
      for (let o = 0; o < n; o++) if (!excluded(o)) best = Math.min(best, segmentDistance(x, y, segments.ax[o], segments.ay[o], segments.bx[o], segments.by[o]));
      const target = snapTarget(segments, x, y, excluded);
      const engine = target < 0 ? SNAP_TOLERANCE_M : segmentDistance(x, y, segments.ax[target], segments.ay[target], segments.bx[target], segments.by[target]);
      if (!closeEnough(engine, best)) bad.push(`end ${k}: ${engine} vs ${best}`);
    });
    expect(bad).toEqual([]);
  });

  it('multi-source Dijkstra, and the bounded single-source walk, equal an O(n²) Dijkstra', () => {
    const graph = buildStreetGraph(model);
    const snaps = Array.from({ length: toilets.count }, (_, p) => nearestSegment(model.segments, toilets.x[p], toilets.y[p])).filter((s): s is Snap => s !== null);
    expect(snaps.length).toBeGreaterThan(5);
    expect(mismatches(networkNodeDistances(graph, snaps), plainDijkstra(graph, snaps.flatMap((s) => snapSeeds(graph, s))))).toEqual([]);
    const walk = new BoundedDijkstra(graph);
    for (const snap of snaps.slice(0, 5)) {
      const limit = 600;
      walk.run(snap, limit);
      const reference = Array.from(plainDijkstra(graph, snapSeeds(graph, snap)), (d) => (d <= limit ? d : Infinity));
      expect(mismatches(walk.dist, reference)).toEqual([]);
    }
  });

  it('an interior point of every compound lies inside it, never in a hole or a notch', () => {
    const outside = model.compounds.filter((c) => !c.polygons.some((p) => pointInPolygon(c.anchor[0], c.anchor[1], p)) || polygonDistance(c.anchor[0], c.anchor[1], c.polygons) > 0);
    expect(outside.map((c) => c.id)).toEqual([]);
    expect(interiorPoint(model.compounds[0].polygons)).toEqual(model.compounds[0].anchor);
  });

  it('each compound is placed in the grid it shares the most area with (Turf intersect and area as reference)', () => {
    // a tiling of 240 m squares, and the exact shared areas by polygon clipping
    const rings: [number, number][][][] = [];
    for (let x = -HALF - 200; x < HALF + 200; x += 240) for (let y = -HALF - 200; y < HALF + 200; y += 240) rings.push([square(x, y, x + 240, y + 240)]);
    const layers = fixtureLayers({ ...randomCity(seed, HALF), grids: rings.map((r) => ({ rings: r })) });
    const withGrids = new CityAnalysis(INFO, layers, bboxAround(HALF + 200, HALF + 200));
    const placed = placeInGrids(withGrids.model, layers.grids!.features.map((f) => withGrids.model.projection.polygons(f.geometry)));
    let decided = 0;
    layers.compounds.features.forEach((compound, c) => {
      const shares = layers.grids!.features.map((g) => {
        const overlap = intersect({ type: 'FeatureCollection', features: [compound as Feature<Polygon | MultiPolygon>, g] });
        return overlap ? area(overlap) : 0;
      });
      const order = shares.map((_, g) => g).sort((a, b) => shares[b] - shares[a]);
      // a near tie may go either way on a sampled estimate: only clear winners (10 % of the compound apart) count
      if (shares[order[0]] - (shares[order[1]] ?? 0) < 0.1 * area(compound)) return;
      decided++;
      expect({ compound: c, grid: placed.gridOfCompound[c] }).toEqual({ compound: c, grid: order[0] });
    });
    expect(decided).toBeGreaterThan(10);
  });

  it('the samples a new toilet reaches are those that a fresh field puts within their service distance', () => {
    const site = { x: model.samples.x[Math.floor(model.samples.x.length / 3)], y: model.samples.y[Math.floor(model.samples.x.length / 3)] };
    for (const params of [DEFAULT_PARAMS, { ...DEFAULT_PARAMS, toiletByLandUse: true }, { ...DEFAULT_PARAMS, network: true }, { ...DEFAULT_PARAMS, network: true, toiletByLandUse: true }]) {
      const limits = analysis.sampleServiceDistances(params);
      const reached = new Set(analysis.samplesReached(site.x, site.y, params));
      // the reference: the field of the new toilet alone, computed as a whole city field
      const field = params.network
        ? (() => {
            const graph = analysis.streetGraph();
            const snap = nearestSegment(model.segments, site.x, site.y)!;
            const nodeDist = plainDijkstra(graph, snapSeeds(graph, snap));
            return Array.from(model.samples.x, (_, s) => {
              const stop = graph.stops[model.samples.segment[s]];
              let best = Infinity;
              for (let k = 0; k < stop.node.length; k++) best = Math.min(best, nodeDist[stop.node[k]] + Math.abs(model.samples.along[s] - stop.along[k]));
              if (model.samples.segment[s] === snap.segment) best = Math.min(best, snap.access + Math.abs(model.samples.along[s] - snap.along));
              return best;
            });
          })()
        : Array.from(model.samples.x, (x, s) => Math.hypot(x - site.x, model.samples.y[s] - site.y));
      const expected = new Set(field.flatMap((d, s) => (Math.fround(d) <= limits.of(s) ? [s] : [])));
      expect(expected.size).toBeGreaterThan(0);
      expect([...reached].filter((s) => !expected.has(s))).toEqual([]);
      expect([...expected].filter((s) => !reached.has(s))).toEqual([]);
    }
  });
});
