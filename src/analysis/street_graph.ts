/**
 * The walking network: street segments as a graph, with multi-source Dijkstra from facilities.
 *
 * Real and generated streets often end on another street's segment rather than at one of its vertices
 * (a T-junction mapped loosely). Dead ends within SNAP_TOLERANCE_M of another segment are joined to it, so
 * the graph is connected where people can walk. Each segment keeps its split points:
 *
 *   a ────●──────────●──── b      stops[segment] = [(0, a), (t1, n1), (t2, n2), (len, b)]
 *        n1          n2           a sample at `along` lies between two stops and takes the shorter way
 */
import type { CityModel, Segments } from './city_model';
import { pointSegmentDistance, segmentDistanceSquared } from './geometry';

/** metres: a dead end this close to another segment is joined to it */
export const SNAP_TOLERANCE_M = 3;
/** metres: a cell or facility farther than this from any street has no network distance */
export const MAX_ACCESS_M = 1000;

export interface StreetGraph {
  nodeCount: number;
  /** CSR adjacency */
  offsets: Uint32Array;
  targets: Uint32Array;
  weights: Float64Array;
  /** per segment: split points along it, sorted, as parallel arrays */
  stops: { along: Float64Array; node: Uint32Array }[];
}

/** Where a point meets the network: the nearest segment, how far along it, and the straight access leg. */
export interface Snap { segment: number; along: number; access: number }

export function nearestSegment(segments: Segments, x: number, y: number, maxDistance = MAX_ACCESS_M): Snap | null {
  const index = segments.index;
  if (!index) return null;
  // The segment with the nearest box gives an upper bound on the answer; only segments whose boxes lie within
  // that bound can beat it, so one box search then finds the exact nearest (lowest id on a tie).
  const [first] = index.neighbors(x, y, 1, maxDistance);
  if (first === undefined) return null;
  let bestSegment = first;
  let bestSquared = segmentDistanceSquared(x, y, segments.ax[first], segments.ay[first], segments.bx[first], segments.by[first]);
  const reach = Math.min(Math.sqrt(bestSquared), maxDistance);
  index.search(x - reach, y - reach, x + reach, y + reach, (s) => {
    const d = segmentDistanceSquared(x, y, segments.ax[s], segments.ay[s], segments.bx[s], segments.by[s]);
    if (d < bestSquared || (d === bestSquared && s < bestSegment)) {
      bestSquared = d;
      bestSegment = s;
    }
    return false;
  });
  if (bestSquared > maxDistance * maxDistance) return null;
  const { distance, t } = pointSegmentDistance(x, y, segments.ax[bestSegment], segments.ay[bestSegment], segments.bx[bestSegment], segments.by[bestSegment]);
  return { segment: bestSegment, along: t * segments.length[bestSegment], access: distance };
}

/**
 * The segment a dead end at (x, y) is joined to: the nearest within the tolerance that does not already end at
 * the same node (lowest id on a tie), or -1.
 */
export function snapTarget(segments: Segments, x: number, y: number, excluded: (segment: number) => boolean): number {
  let best = -1;
  let bestSquared = SNAP_TOLERANCE_M * SNAP_TOLERANCE_M;
  const r = SNAP_TOLERANCE_M;
  segments.index?.search(x - r, y - r, x + r, y + r, (s) => {
    if (excluded(s)) return false;
    const d = segmentDistanceSquared(x, y, segments.ax[s], segments.ay[s], segments.bx[s], segments.by[s]);
    if (d < bestSquared || (d === bestSquared && (best < 0 || s < best))) {
      bestSquared = d;
      best = s;
    }
    return false;
  });
  return best;
}

export function buildStreetGraph(model: CityModel): StreetGraph {
  const { segments } = model;
  const n = segments.length.length;
  const nodeOf = new Map<number, number>();
  // decimetre grid key: coordinates within ±100 km stay exact integers
  const node = (x: number, y: number): number => {
    const key = (Math.round(x * 10) + 2 ** 20) * 2 ** 22 + (Math.round(y * 10) + 2 ** 20);
    let id = nodeOf.get(key);
    if (id === undefined) {
      id = nodeOf.size;
      nodeOf.set(key, id);
    }
    return id;
  };
  const startNode = new Uint32Array(n);
  const endNode = new Uint32Array(n);
  const degree: number[] = [];
  for (let s = 0; s < n; s++) {
    startNode[s] = node(segments.ax[s], segments.ay[s]);
    endNode[s] = node(segments.bx[s], segments.by[s]);
    degree[startNode[s]] = (degree[startNode[s]] ?? 0) + 1;
    degree[endNode[s]] = (degree[endNode[s]] ?? 0) + 1;
  }
  const splits: { along: number; node: number }[][] = Array.from({ length: n }, () => []);
  const connectors: [number, number, number][] = [];
  let nodeCount = nodeOf.size;
  for (let s = 0; s < n; s++) {
    for (const [end, x, y] of [[startNode[s], segments.ax[s], segments.ay[s]], [endNode[s], segments.bx[s], segments.by[s]]] as const) {
      if (degree[end] !== 1) continue;
      const other = snapTarget(segments, x, y, (o) => o === s || startNode[o] === end || endNode[o] === end);
      if (other < 0) continue;
      const { distance, t } = pointSegmentDistance(x, y, segments.ax[other], segments.ay[other], segments.bx[other], segments.by[other]);
      const along = t * segments.length[other];
      const target = along < 0.05 ? startNode[other] : segments.length[other] - along < 0.05 ? endNode[other] : nodeCount++;
      if (target >= nodeOf.size) splits[other].push({ along, node: target });
      connectors.push([end, target, distance]);
    }
  }
  const stops = splits.map((list, s) => {
    const sorted = [{ along: 0, node: startNode[s] }, ...list.sort((a, b) => a.along - b.along), { along: segments.length[s], node: endNode[s] }];
    return { along: Float64Array.from(sorted, (p) => p.along), node: Uint32Array.from(sorted, (p) => p.node) };
  });
  const edges: [number, number, number][] = [...connectors];
  for (const stop of stops) for (let i = 0; i + 1 < stop.node.length; i++) edges.push([stop.node[i], stop.node[i + 1], stop.along[i + 1] - stop.along[i]]);
  return { nodeCount, ...toCsr(nodeCount, edges), stops };
}

function toCsr(nodeCount: number, edges: [number, number, number][]): Pick<StreetGraph, 'offsets' | 'targets' | 'weights'> {
  const offsets = new Uint32Array(nodeCount + 1);
  for (const [u, v] of edges) {
    offsets[u + 1]++;
    offsets[v + 1]++;
  }
  for (let i = 0; i < nodeCount; i++) offsets[i + 1] += offsets[i];
  const fill = offsets.slice(0, nodeCount);
  const targets = new Uint32Array(edges.length * 2);
  const weights = new Float64Array(edges.length * 2);
  for (const [u, v, w] of edges) {
    targets[fill[u]] = v;
    weights[fill[u]++] = w;
    targets[fill[v]] = u;
    weights[fill[v]++] = w;
  }
  return { offsets, targets, weights };
}

/** The stops just before and after a position along a segment. */
function bracket(stop: StreetGraph['stops'][number], along: number): number {
  let i = 0;
  while (i + 2 < stop.along.length && stop.along[i + 1] < along) i++;
  return i;
}

/**
 * Multi-source Dijkstra: distance along streets from the nearest source to every node. Each source enters at
 * its snap point with its access leg and seeds the two stops around it.
 */
export function networkNodeDistances(graph: StreetGraph, sources: readonly Snap[]): Float64Array {
  const dist = new Float64Array(graph.nodeCount).fill(Infinity);
  const heap = new MinHeap(graph.nodeCount);
  settle(graph, heap, dist, sources, (node, d) => {
    if (d < dist[node]) {
      dist[node] = d;
      heap.push(node, d);
    }
  });
  return dist;
}

/**
 * Dijkstra's loop, shared by the city-wide and the bounded search: each source offers the two stops around it
 * with its access leg, then every settled node offers its neighbours. `offer` keeps a distance when it improves
 * (and may refuse it, as the bounded search does past its limit).
 */
function settle(graph: StreetGraph, heap: MinHeap, dist: Float64Array, sources: readonly Snap[], offer: (node: number, d: number) => void): void {
  for (const src of sources) {
    const stop = graph.stops[src.segment];
    const i = bracket(stop, src.along);
    offer(stop.node[i], src.access + (src.along - stop.along[i]));
    offer(stop.node[i + 1], src.access + (stop.along[i + 1] - src.along));
  }
  while (heap.size > 0) {
    const [u, du] = heap.pop();
    if (du > dist[u]) continue;
    for (let e = graph.offsets[u]; e < graph.offsets[u + 1]; e++) offer(graph.targets[e], du + graph.weights[e]);
  }
}

/**
 * Single-source Dijkstra that stops past `limit` metres, on arrays kept between runs: thousands of candidate
 * sites each explore a few hundred nodes, and a city-sized array per run would cost more than the search.
 * After `run`, `dist` holds exact distances for every node within the limit and Infinity beyond.
 */
export class BoundedDijkstra {
  readonly dist: Float64Array;
  private readonly touched: number[] = [];
  private readonly heap = new MinHeap(1024);

  constructor(private readonly graph: StreetGraph) {
    this.dist = new Float64Array(graph.nodeCount).fill(Infinity);
  }

  run(source: Snap, limit: number): void {
    const { graph, dist, touched, heap } = this;
    for (const node of touched) dist[node] = Infinity;
    touched.length = 0;
    heap.size = 0;
    settle(graph, heap, dist, [source], (node, d) => {
      if (d > limit || d >= dist[node]) return;
      if (dist[node] === Infinity) touched.push(node);
      dist[node] = d;
      heap.push(node, d);
    });
  }
}

/** Network distance at a position on the network, from node distances (and sources on the same stretch). */
export function distanceAt(graph: StreetGraph, nodeDist: Float64Array, segment: number, along: number, sameSegmentSources?: readonly Snap[]): number {
  const stop = graph.stops[segment];
  const i = bracket(stop, along);
  let d = Math.min(nodeDist[stop.node[i]] + (along - stop.along[i]), nodeDist[stop.node[i + 1]] + (stop.along[i + 1] - along));
  if (sameSegmentSources) {
    for (const src of sameSegmentSources) {
      // only a source between the same two stops reaches the position without passing a stop
      if (bracket(stop, src.along) === i) d = Math.min(d, src.access + Math.abs(along - src.along));
    }
  }
  return d;
}

/** Binary min-heap of (node, priority) pairs on typed arrays; duplicates allowed (lazy deletion). */
class MinHeap {
  private nodes: Uint32Array;
  private priorities: Float64Array;
  size = 0;
  constructor(capacity: number) {
    this.nodes = new Uint32Array(Math.max(16, capacity));
    this.priorities = new Float64Array(Math.max(16, capacity));
  }
  push(node: number, priority: number): void {
    if (this.size === this.nodes.length) {
      const nodes = new Uint32Array(this.size * 2);
      nodes.set(this.nodes);
      this.nodes = nodes;
      const priorities = new Float64Array(this.size * 2);
      priorities.set(this.priorities);
      this.priorities = priorities;
    }
    let i = this.size++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (this.priorities[parent] <= priority) break;
      this.nodes[i] = this.nodes[parent];
      this.priorities[i] = this.priorities[parent];
      i = parent;
    }
    this.nodes[i] = node;
    this.priorities[i] = priority;
  }
  pop(): [number, number] {
    const top: [number, number] = [this.nodes[0], this.priorities[0]];
    const lastNode = this.nodes[--this.size];
    const lastPriority = this.priorities[this.size];
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= this.size) break;
      if (child + 1 < this.size && this.priorities[child + 1] < this.priorities[child]) child++;
      if (this.priorities[child] >= lastPriority) break;
      this.nodes[i] = this.nodes[child];
      this.priorities[i] = this.priorities[child];
      i = child;
    }
    this.nodes[i] = lastNode;
    this.priorities[i] = lastPriority;
    return top;
  }
}
