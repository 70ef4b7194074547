import { describe, expect, it } from 'vitest';
import { classifyCoverage, classifyCoverageByRegion, type ClassThresholds } from './coverage';
import { Prng } from './prng';

/** the items of one region, in order: classifyCoverage of these is what the region's figures must be */
const pick = <T extends Float32Array | Float64Array | Uint8Array>(values: T, region: Int32Array, r: number): T => values.filter((_, i) => region[i] === r) as T;

describe('classifyCoverageByRegion', () => {
  it('gives each region what classifyCoverage gives for that region’s samples and cells alone, to the last bit', () => {
    const prng = new Prng(9);
    for (const [samples, cells, regions] of [
      [0, 0, 1],
      [50, 20, 1],
      [20_000, 6_000, 7],
    ]) {
      const distance = Float32Array.from({ length: samples }, () => (prng.next() < 0.02 ? Infinity : prng.next() * 1_500));
      const weight = Float64Array.from({ length: samples }, () => prng.next() * 20);
      const cellDistance = Float32Array.from({ length: cells }, () => prng.next() * 1_500);
      const sampleRegion = Int32Array.from({ length: samples }, () => Math.floor(prng.next() * (regions + 1)) - 1);
      const cellRegion = Int32Array.from({ length: cells }, () => Math.floor(prng.next() * (regions + 1)) - 1);
      const classes: ClassThresholds = { values: [300, 500], sampleClass: Uint8Array.from({ length: samples }, () => (prng.next() < 0.4 ? 1 : 0)), cellClass: Uint8Array.from({ length: cells }, () => (prng.next() < 0.4 ? 1 : 0)) };
      for (const threshold of [500, 0, classes]) {
        const got = classifyCoverageByRegion(distance, weight, cellDistance, 2_500, threshold, sampleRegion, cellRegion, regions);
        const expected = Array.from({ length: regions }, (_, r) =>
          classifyCoverage(
            pick(distance, sampleRegion, r),
            pick(weight, sampleRegion, r),
            pick(cellDistance, cellRegion, r),
            2_500,
            typeof threshold === 'number' ? threshold : { values: threshold.values, sampleClass: pick(threshold.sampleClass, sampleRegion, r), cellClass: pick(threshold.cellClass, cellRegion, r) },
          ),
        );
        expect(got).toEqual(expected);
      }
    }
  });
});
