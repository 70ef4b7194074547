import { describe, expect, it } from 'vitest';
import { Prng } from '../analysis/prng';
import { caseMarkAt, HIT_SLACK_PX, type CaseMarksDrawn, type ScreenProjection } from './case_hits';
import { clusterRadiusPx, pinRadiusPx, type CaseClusterMark, type CasePin } from './layers/cases_layer';

/** a Web Mercator view of width × height CSS pixels centred on (lon, lat) at a zoom, turned by a bearing */
function view(centre: [number, number], zoom: number, bearingDeg: number, size = [1000, 700]): ScreenProjection {
  const world = 512 * 2 ** zoom;
  const mx = (lon: number) => (lon + 180) / 360;
  const my = (lat: number) => 0.5 - Math.log(Math.tan(Math.PI / 4 + (lat * Math.PI) / 360)) / (2 * Math.PI);
  const [cx, cy] = [mx(centre[0]), my(centre[1])];
  const [cos, sin] = [Math.cos((bearingDeg * Math.PI) / 180), Math.sin((bearingDeg * Math.PI) / 180)];
  return {
    project(lon, lat) {
      const [dx, dy] = [(mx(lon) - cx) * world, (my(lat) - cy) * world];
      return [size[0] / 2 + dx * cos - dy * sin, size[1] / 2 + dx * sin + dy * cos];
    },
    unproject(x, y) {
      const [rx, ry] = [x - size[0] / 2, y - size[1] / 2];
      const [dx, dy] = [rx * cos + ry * sin, -rx * sin + ry * cos];
      const [wx, wy] = [cx + dx / world, cy + dy / world];
      return [wx * 360 - 180, (Math.atan(Math.sinh(Math.PI * (1 - 2 * wy))) * 180) / Math.PI];
    },
  };
}

/** every mark measured: the nearest pin within its radius, else the nearest cluster */
function bruteForce(drawn: CaseMarksDrawn, x: number, y: number, v: ScreenProjection) {
  const within = <M extends { lon: number; lat: number }>(marks: readonly M[], radius: (m: M) => number) =>
    marks
      .map((m) => ({ m, d: Math.hypot(v.project(m.lon, m.lat)[0] - x, v.project(m.lon, m.lat)[1] - y) }))
      .filter(({ m, d }) => d <= radius(m) + HIT_SLACK_PX)
      .sort((a, b) => a.d - b.d)[0]?.m ?? null;
  const pin = within(drawn.pins, (p) => pinRadiusPx(p.id === drawn.selectedId));
  if (pin) return { kind: 'pin', mark: pin };
  const cluster = within(drawn.clusters, (c) => clusterRadiusPx(c.count));
  return cluster ? { kind: 'cluster', mark: cluster } : null;
}

function randomMarks(seed: number, n: number, centre: [number, number], spreadDeg: number): CaseMarksDrawn {
  const prng = new Prng(seed);
  const rand = () => prng.next();
  const at = () => ({ lon: centre[0] + (rand() - 0.5) * spreadDeg, lat: centre[1] + (rand() - 0.5) * spreadDeg });
  const pins: CasePin[] = Array.from({ length: n }, (_, i) => ({ id: i + 1, ...at(), rgb: [0, 0, 0], shape: 'circle', overdue: false }));
  const clusters: CaseClusterMark[] = Array.from({ length: n >> 2 }, (_, i) => ({ key: String(i), ...at(), count: 2 + Math.floor(rand() * 400), rgb: [0, 0, 0], card: 'white', bbox: [0, 0, 0, 0] }));
  return { pins, clusters, selectedId: 7 };
}

describe('the case mark under the pointer', () => {
  it('equals a measure of every mark, at street and city zoom, turned or not', () => {
    const centre: [number, number] = [118.78, 32.04];
    let hits = 0;
    for (const [zoom, bearing, spread] of [[16, 0, 0.01], [12.5, 0, 0.15], [15, 33, 0.02]] as const) {
      const drawn = randomMarks(zoom * 100 + bearing, 600, centre, spread);
      const v = view(centre, zoom, bearing);
      const prng = new Prng(7);
      const rand = () => prng.next();
      for (let k = 0; k < 800; k++) {
        // half the probes right next to a mark, half anywhere on the screen
        const near = k % 2 === 0 ? drawn.pins[k % drawn.pins.length] : null;
        const [x, y] = near ? v.project(near.lon, near.lat).map((c) => c + (rand() - 0.5) * 30) : [rand() * 1000, rand() * 700];
        const expected = bruteForce(drawn, x, y, v);
        expect(caseMarkAt(drawn, x, y, v)).toEqual(expected);
        if (expected) hits++;
      }
    }
    expect(hits).toBeGreaterThan(500);
  });

  it('a lone case above a cluster at the same spot; the open case reaches further', () => {
    const centre: [number, number] = [118.78, 32.04];
    const v = view(centre, 16, 0);
    const pin: CasePin = { id: 5, lon: centre[0], lat: centre[1], rgb: [0, 0, 0], shape: 'circle', overdue: false };
    const cluster: CaseClusterMark = { key: 'c', lon: centre[0], lat: centre[1], count: 30, rgb: [0, 0, 0], card: 'red', bbox: [0, 0, 0, 0] };
    const [x, y] = v.project(centre[0], centre[1]);
    expect(caseMarkAt({ pins: [pin], clusters: [cluster], selectedId: null }, x, y, v)).toEqual({ kind: 'pin', mark: pin });
    // 15 px away: outside a pin's 11 + 2, inside the open pin's 14 + 2 and the cluster's disc
    expect(caseMarkAt({ pins: [pin], clusters: [cluster], selectedId: null }, x + 15, y, v)).toEqual({ kind: 'cluster', mark: cluster });
    expect(caseMarkAt({ pins: [pin], clusters: [], selectedId: null }, x + 15, y, v)).toBeNull();
    expect(caseMarkAt({ pins: [pin], clusters: [], selectedId: 5 }, x + 15, y, v)).toEqual({ kind: 'pin', mark: pin });
  });
});
