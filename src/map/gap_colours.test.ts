import { describe, expect, it } from 'vitest';
import { gapSamples } from './gap_colours';

describe('gap samples', () => {
  it('keeps only samples beyond their threshold, in order, with their positions', () => {
    const distances = Float32Array.from([100, 600, 500, Infinity, 900]);
    const positions = Float64Array.from([0, 0, 1, 1, 2, 2, 3, 3, 4, 4]);
    const uniform = gapSamples(distances, positions, 500);
    expect(Array.from(uniform.positions)).toEqual([1, 1, 3, 3, 4, 4]);
    expect(uniform.colours.length).toBe(12);
    expect(uniform.colours[3]).toBe(230);
    // per-item limits (land use): the 600 m sample is residential (800 m) and drops out
    const byClass = gapSamples(distances, positions, (i) => (i === 1 ? 800 : 500));
    expect(Array.from(byClass.positions)).toEqual([3, 3, 4, 4]);
  });
});
