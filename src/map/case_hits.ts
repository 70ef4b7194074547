/**
 * Which case mark is under the pointer, found on the CPU: the marks are points drawn with a radius in pixels, so a
 * hit is a distance test. deck.gl's GPU picking would read pixels back from the case canvas on every pointer move
 * (a wait on software GL for everything queued on it) and compile a picking pipeline per layer at the first hover.
 */
import { mercatorPixel } from '../campaign/case_clusters';
import type { CaseClusterMark, CasePin } from './layers/cases_layer';
import { clusterRadiusPx, pinRadiusPx } from './layers/cases_layer';

export type CaseHit = { kind: 'pin'; mark: CasePin } | { kind: 'cluster'; mark: CaseClusterMark };
export interface CaseMarksDrawn { pins: readonly CasePin[]; clusters: readonly CaseClusterMark[]; selectedId: number | null }

/** Screen position in CSS pixels of a point, and the inverse (the map's). */
export interface ScreenProjection {
  project(lon: number, lat: number): [number, number];
  unproject(x: number, y: number): [number, number];
}

/** slack beyond the drawn radius, as deck.gl's picking radius was */
export const HIT_SLACK_PX = 2;
const LARGEST_RADIUS_PX = Math.max(pinRadiusPx(true), clusterRadiusPx(Number.MAX_SAFE_INTEGER)) + HIT_SLACK_PX;

/** Web Mercator position of each mark at zoom 0 (the clustering's), once per marks array */
const mercatorOf = new WeakMap<readonly { lon: number; lat: number }[], Float64Array>();

function mercator(marks: readonly { lon: number; lat: number }[]): Float64Array {
  let xy = mercatorOf.get(marks);
  if (!xy) {
    xy = new Float64Array(marks.length * 2);
    marks.forEach((m, i) => xy!.set(mercatorPixel(m.lon, m.lat, 0), 2 * i));
    mercatorOf.set(marks, xy);
  }
  return xy;
}

/**
 * The mark at a point of the map: a lone case over a cluster (pins are drawn above), the nearest of each.
 * A loose Mercator box around the pointer picks the candidates (any rotation fits in it); the map's own
 * projection then measures each in pixels.
 */
export function caseMarkAt(drawn: CaseMarksDrawn, x: number, y: number, view: ScreenProjection): CaseHit | null {
  const [px, py] = mercatorPixel(...view.unproject(x, y), 0);
  // Mercator units per screen pixel at the pointer, from the map's projection one pixel away
  const [px1, py1] = mercatorPixel(...view.unproject(x + 1, y + 1), 0);
  const reach = LARGEST_RADIUS_PX * Math.max(Math.abs(px1 - px), Math.abs(py1 - py)) * Math.SQRT2;
  const nearest = <M extends { lon: number; lat: number }>(marks: readonly M[], radius: (m: M) => number): M | null => {
    const xy = mercator(marks);
    let best: M | null = null;
    let bestPx = Infinity;
    for (let i = 0; i < marks.length; i++) {
      if (Math.abs(xy[2 * i] - px) > reach || Math.abs(xy[2 * i + 1] - py) > reach) continue;
      const [mx, my] = view.project(marks[i].lon, marks[i].lat);
      const d = Math.hypot(mx - x, my - y);
      if (d <= radius(marks[i]) + HIT_SLACK_PX && d < bestPx) [best, bestPx] = [marks[i], d];
    }
    return best;
  };
  const pin = nearest(drawn.pins, (p) => pinRadiusPx(p.id === drawn.selectedId));
  if (pin) return { kind: 'pin', mark: pin };
  const cluster = nearest(drawn.clusters, (c) => clusterRadiusPx(c.count));
  return cluster ? { kind: 'cluster', mark: cluster } : null;
}
