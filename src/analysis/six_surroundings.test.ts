import { describe, expect, it } from 'vitest';
import { Prng } from './prng';
import { zoneMembership, type ZonePairs } from './six_surroundings';

function randomPairs(prng: Prng, count: number, items: number): ZonePairs {
  const point = new Uint32Array(count);
  const item = Uint32Array.from({ length: count }, () => Math.floor(prng.next() * items));
  const distance = Float32Array.from({ length: count }, () => prng.next() * 2_000);
  return { point, item, distance };
}

describe('zoneMembership', () => {
  it('counts each category’s distinct items and their union as Sets do', () => {
    const prng = new Prng(5);
    for (const [categories, items, pairsEach] of [
      [1, 10, 40],
      [6, 300, 500],
      [6, 50_000, 20_000],
    ]) {
      const byCategory = Array.from({ length: categories }, () => randomPairs(prng, pairsEach, items));
      for (const radius of [0, 500, 1_250, 2_000]) {
        const got = zoneMembership(byCategory, radius, items);
        const sets = byCategory.map((pairs) => new Set([...pairs.item.keys()].filter((i) => pairs.distance[i] <= radius).map((i) => pairs.item[i])));
        const union = new Set(sets.flatMap((s) => [...s]));
        expect(got.counts).toEqual(sets.map((s) => s.size));
        expect(got.total).toBe(union.size);
        expect([...got.reached.keys()].filter((i) => got.reached[i] !== 0)).toEqual([...union].sort((a, b) => a - b));
      }
    }
  });
});
