import { describe, expect, it } from 'vitest';
import { pointInPolygon, type PlanarPolygon } from './geometry';
import { indexRegions, pointsInRegions, regionAt } from './placement';
import { Prng } from './prng';

const ring = (coords: number[]) => Float64Array.from(coords);
const box = (x0: number, y0: number, x1: number, y1: number) => ring([x0, y0, x1, y0, x1, y1, x0, y1, x0, y0]);

/** the rule regionAt keeps, as a plain loop over every region: the lowest index whose parts hold the point */
function bruteRegionAt(regions: readonly PlanarPolygon[][], x: number, y: number): number {
  for (let r = 0; r < regions.length; r++) if (regions[r].some((part) => pointInPolygon(x, y, part))) return r;
  return -1;
}

/** random regions: stars (concave), boxes with holes, two-part regions, overlaps, tiny and huge ones, one empty */
function randomRegions(seed: number, count: number): PlanarPolygon[][] {
  const rng = new Prng(seed);
  const regions: PlanarPolygon[][] = [];
  for (let r = 0; r < count; r++) {
    const cx = rng.range(0, 10_000);
    const cy = rng.range(0, 6_000);
    const size = rng.chance(0.05) ? rng.range(2_000, 6_000) : rng.chance(0.1) ? rng.range(1, 20) : rng.range(50, 600);
    const kind = rng.int(0, 3);
    if (kind === 0) {
      const points: number[] = [];
      const spikes = rng.int(3, 9);
      for (let k = 0; k < 2 * spikes; k++) {
        const a = (Math.PI * k) / spikes;
        const d = k % 2 ? size * rng.range(0.2, 0.5) : size;
        points.push(cx + d * Math.cos(a), cy + d * Math.sin(a));
      }
      points.push(points[0], points[1]);
      regions.push([[ring(points)]]);
    } else if (kind === 1) {
      regions.push([[box(cx - size, cy - size, cx + size, cy + size), box(cx - size / 2, cy - size / 2, cx + size / 2, cy + size / 2)]]);
    } else if (kind === 2) {
      regions.push([[box(cx - size, cy - size, cx, cy)], [box(cx + size, cy + size, cx + 2 * size, cy + 2 * size)]]);
    } else {
      regions.push([[box(cx - size, cy - size / 3, cx + size, cy + size / 3)]]);
    }
  }
  regions.splice(Math.floor(count / 2), 0, []);
  return regions;
}

describe('regionAt (bucketed region boxes)', () => {
  it('answers what a loop over every region answers, lowest index first where regions overlap', () => {
    for (const [seed, count] of [
      [1, 1],
      [2, 7],
      [3, 60],
      [4, 800],
    ] as const) {
      const regions = randomRegions(seed, count);
      const indexed = indexRegions(regions);
      const rng = new Prng(seed * 31);
      const xs = new Float64Array(4_000);
      const ys = new Float64Array(4_000);
      for (let i = 0; i < xs.length; i++) {
        // a quarter of the points on region vertices and box edges, where rounding into a bucket matters
        if (i % 4 === 0 && regions.length > 0) {
          const parts = regions[rng.int(0, regions.length - 1)];
          const part = parts[0]?.[0];
          const v = part ? 2 * rng.int(0, part.length / 2 - 1) : 0;
          xs[i] = part ? part[v] : 0;
          ys[i] = part ? part[v + 1] : 0;
        } else {
          xs[i] = rng.range(-3_000, 13_000);
          ys[i] = rng.range(-3_000, 9_000);
        }
      }
      const got = pointsInRegions(indexed, xs, ys);
      const mismatches: string[] = [];
      let placed = 0;
      for (let i = 0; i < xs.length; i++) {
        const expected = bruteRegionAt(regions, xs[i], ys[i]);
        if (expected >= 0) placed++;
        if (got[i] !== expected) mismatches.push(`(${xs[i]}, ${ys[i]}): ${got[i]} not ${expected}`);
        if (regionAt(indexed, xs[i], ys[i]) !== got[i]) mismatches.push(`(${xs[i]}, ${ys[i]}): regionAt and pointsInRegions differ`);
      }
      expect(mismatches.slice(0, 5)).toEqual([]);
      // the fixture means something: points land inside regions, and in overlaps
      expect(placed).toBeGreaterThan(count > 1 ? 100 : 0);
    }
  });

  it('places nothing without regions, with only empty ones, or at a coordinate that is not a number', () => {
    expect(regionAt(indexRegions([]), 0, 0)).toBe(-1);
    expect(regionAt(indexRegions([[], []]), 0, 0)).toBe(-1);
    const one = indexRegions([[[box(0, 0, 10, 10)]]]);
    expect(regionAt(one, 5, 5)).toBe(0);
    expect(regionAt(one, Number.NaN, 5)).toBe(-1);
    expect(regionAt(one, 5, Number.POSITIVE_INFINITY)).toBe(-1);
  });
});
