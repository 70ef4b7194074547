/**
 * Which case mark is under the pointer, found on the CPU: the marks are points drawn with a radius in pixels, so a
 * hit is a distance test. deck.gl's GPU picking would read pixels back from the case canvas on every pointer move
 * (a wait on software GL for everything queued on it) and compile a picking pipeline per layer at the first hover.
 */
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

/** Web Mercator x, y in [0, 1] of each mark, once per marks array */
const mercatorOf = new WeakMap<readonly { lon: number; lat: number }[], Float64Array>();
const mercatorX = (lon: number) => (lon + 180) / 360;
const mercatorY = (lat: number) => 0.5 - Math.log(Math.tan(Math.PI / 4 + (lat * Math.PI) / 360)) / (2 * Math.PI);

function mercator(marks: readonly { lon: number; lat: number }[]): Float64Array {
  let xy = mercatorOf.get(marks);
  if (!xy) {
    xy = new Float64Array(marks.length * 2);
    marks.forEach((m, i) => xy!.set([mercatorX(m.lon), mercatorY(m.lat)], 2 * i));
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
  const [lon, lat] = view.unproject(x, y);
  // Mercator units per pixel at the pointer, from the map's projection one pixel away
  const [lon1, lat1] = view.unproject(x + 1, y + 1);
  const unitsPerPx = Math.max(Math.abs(mercatorX(lon1) - mercatorX(lon)), Math.abs(mercatorY(lat1) - mercatorY(lat))) * Math.SQRT2;
  const reach = LARGEST_RADIUS_PX * unitsPerPx;
  const [px, py] = [mercatorX(lon), mercatorY(lat)];
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
