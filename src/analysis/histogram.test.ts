import { describe, expect, it } from 'vitest';
import { distanceHistogram } from './histogram';

describe('distance histogram', () => {
  it('puts each sample’s metres in its upper-inclusive bin and everything past the end beyond', () => {
    const distances = Float32Array.from([0, 100, 100.5, 499, 500, 1999, 2000, 2000.5, Infinity]);
    const weights = Float64Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    const h = distanceHistogram(distances, weights, 100, 2000);
    expect(h.metres.length).toBe(20);
    expect(h.metres[0]).toBe(3);
    expect(h.metres[1]).toBe(3);
    expect(h.metres[4]).toBe(9);
    expect(h.metres[19]).toBe(13);
    expect(h.beyondMetres).toBe(17);
    expect(h.metres.reduce((a, b) => a + b, 0) + h.beyondMetres).toBe(45);
  });
});
