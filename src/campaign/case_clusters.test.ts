import { describe, expect, it } from 'vitest';
import { Prng } from '../analysis/prng';
import { CELL_PX, CLUSTER_MAX_ZOOM, clusterPoints, type PointOnMap } from './case_clusters';
import { caseMarks, worstCard } from './case_marks';
import { seededCases } from './test/seeded_cases';

const BBOX = [115.2, 33.2, 115.29, 33.27];
const prng = new Prng(11);
const points: PointOnMap[] = Array.from({ length: 2000 }, (_, i) => ({ id: i + 1, lon: BBOX[0] + prng.next() * (BBOX[2] - BBOX[0]), lat: BBOX[1] + prng.next() * (BBOX[3] - BBOX[1]) }));

/** Web Mercator pixels at a zoom, from the spherical formula y = R·ln(tan(π/4 + φ/2)) — independent of the module's */
function pixel(lon: number, lat: number, zoom: number): [number, number] {
  const size = 512 * 2 ** zoom;
  const y = Math.log(Math.tan(Math.PI / 4 + (lat * Math.PI) / 360));
  return [((lon + 180) / 360) * size, (0.5 - y / (2 * Math.PI)) * size];
}

describe('clusters of cases', () => {
  it.each([8, 10, 12, 13, 14])('at zoom %i hold every case exactly once, members within one cell of each other', (zoom) => {
    const clusters = clusterPoints(points, zoom);
    const seen = clusters.flatMap((c) => c.members.map((m) => m.id)).sort((a, b) => a - b);
    expect(seen).toEqual(points.map((p) => p.id));
    for (const c of clusters) {
      const px = c.members.map((m) => pixel(m.lon, m.lat, zoom));
      let widest = 0;
      for (const a of px) for (const b of px) widest = Math.max(widest, Math.hypot(a[0] - b[0], a[1] - b[1]));
      expect(widest).toBeLessThan(CELL_PX * Math.SQRT2 + 1e-6);
      const [w, s, e, n] = c.bbox;
      expect(c.members.every((m) => m.lon >= w && m.lon <= e && m.lat >= s && m.lat <= n)).toBe(true);
      expect(c.lon).toBeCloseTo(c.members.reduce((sum, m) => sum + m.lon, 0) / c.members.length, 10);
    }
  });

  it('never gain groups when zooming out (a cell holds the four cells below it), and split fully at the last zoom', () => {
    const counts = [9, 10, 11, 12, 13, 14].map((z) => clusterPoints(points, z).length);
    for (let i = 1; i < counts.length; i++) expect(counts[i]).toBeGreaterThanOrEqual(counts[i - 1]);
    expect(counts[0]).toBeLessThan(points.length / 10);
    expect(clusterPoints(points, CLUSTER_MAX_ZOOM).every((c) => c.members.length === 1)).toBe(true);
  });
});

describe('what the map draws', () => {
  const cases = seededCases(800, BBOX, 5, Date.parse('2026-11-30T00:00:00Z'));

  it('colours a cluster by its worst card and draws a lone case as a pin shaped by its state', () => {
    expect(worstCard([cases.find((c) => c.card?.colour === 'yellow')!, cases.find((c) => c.card === null)!])).toBe('yellow');
    expect(worstCard([cases.find((c) => c.card === null)!])).toBe('none');
    const { pins, clusters } = caseMarks(cases, 11, Date.now());
    expect(pins.length + clusters.reduce((n, c) => n + c.count, 0)).toBe(cases.length);
    expect(clusters.length).toBeGreaterThan(0);
    const all = caseMarks(cases, CLUSTER_MAX_ZOOM, Date.now());
    expect(all.clusters).toHaveLength(0);
    const dispatched = cases.find((c) => c.state === 'dispatched')!;
    expect(all.pins.find((p) => p.id === dispatched.id)!.shape).toBe('triangle');
  });
});
