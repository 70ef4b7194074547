import { describe, expect, it } from 'vitest';
import { Prng } from '../analysis/prng';
import { sameMembers } from './same_members';

/** The reference: both sets' members sorted and compared as lists. */
function sortedEqual(a: Set<string>, b: Set<string>): boolean {
  const x = [...a].sort();
  const y = [...b].sort();
  return x.length === y.length && x.every((v, i) => v === y[i]);
}

describe('sameMembers', () => {
  it('agrees with comparing the sorted members, for sets built in different orders', () => {
    const prng = new Prng(7);
    const random = () => prng.next();
    let equal = 0;
    for (let trial = 0; trial < 500; trial++) {
      const ids = Array.from({ length: Math.floor(random() * 8) }, () => `c${Math.floor(random() * 10)}`);
      const a = new Set(ids);
      // the same ids in reverse order, then maybe one swapped, added or removed
      const b = new Set([...ids].reverse());
      const change = Math.floor(random() * 4);
      if (change === 1) b.add(`c${Math.floor(random() * 10)}`);
      if (change === 2 && ids.length) b.delete(ids[0]);
      if (change === 3 && ids.length) {
        b.delete(ids[0]);
        b.add(`c${Math.floor(random() * 10)}`);
      }
      expect(sameMembers(a, b)).toBe(sortedEqual(a, b));
      if (sortedEqual(a, b)) equal++;
    }
    // both answers occur
    expect(equal).toBeGreaterThan(50);
    expect(equal).toBeLessThan(450);
  });
});
