import { describe, expect, it } from 'vitest';
import type { Change } from '../history/snapshot_change';
import { changeColours } from './change_choropleth';

const change = (key: string, gain: number): Change => ({ key, name: key, before: 0, after: gain, delta: gain, gain });

describe('before/after colours', () => {
  it('draws gains greener than losses, no change faint, and grids without figures not at all', () => {
    const colours = changeColours(['a', 'b', 'c', 'd'], [change('a', 2), change('b', -1), change('c', 0)]);
    const rgba = (i: number) => Array.from(colours.slice(4 * i, 4 * i + 4));
    const [gained, lost, same, unknown] = [0, 1, 2, 3].map(rgba);
    expect(gained[1] - gained[0]).toBeGreaterThan(0);
    expect(lost[0] - lost[1]).toBeGreaterThan(0);
    expect(same[3]).toBeLessThan(gained[3]);
    expect(unknown[3]).toBe(0);
  });
});
