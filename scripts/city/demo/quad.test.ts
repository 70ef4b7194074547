import { describe, expect, it } from 'vitest';
import { outlineOfQuads, type Quad } from './quad';

const square = (x: number, y: number): Quad => [[x, y], [x + 1, y], [x + 1, y + 1], [x, y + 1]];
const ringArea = (ring: [number, number][]) => ring.slice(1).reduce((sum, p, i) => sum + (ring[i][0] * p[1] - p[0] * ring[i][1]) / 2, 0);

describe('outlineOfQuads', () => {
  it('outlines a 2×2 block of quads as one counter-clockwise ring of 8 edges', () => {
    const rings = outlineOfQuads([square(0, 0), square(1, 0), square(0, 1), square(1, 1)]);
    expect(rings).toHaveLength(1);
    expect(rings[0]).toHaveLength(9);
    expect(rings[0][0]).toEqual(rings[0][8]);
    expect(ringArea(rings[0] as [number, number][])).toBeCloseTo(4);
  });

  it('gives one ring per separate piece', () => {
    expect(outlineOfQuads([square(0, 0), square(5, 5)])).toHaveLength(2);
  });
});
