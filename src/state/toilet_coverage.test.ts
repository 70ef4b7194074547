import { describe, expect, it } from 'vitest';
import { createStore } from 'zustand/vanilla';
import { classifyCoverage } from '../analysis/coverage';
import { distanceHistogram } from '../analysis/histogram';
import type { CityGeometry, ToiletFields } from '../worker/analysis_api';
import { initialState, type AppState } from './app_store';
import { connectToiletCoverage, HISTOGRAM_BIN_M, HISTOGRAM_MAX_M } from './toilet_coverage';

/** `n` street samples 0–2.5 km from a toilet, each a few metres of street */
function cityFields(n: number, seed: number): { geometry: CityGeometry; fields: ToiletFields } {
  let x = seed;
  const random = () => ((x = (x * 16807) % 2147483647) / 2147483647);
  const samples = Float32Array.from({ length: n }, () => random() * 2500);
  const sampleWeights = Float64Array.from({ length: n }, () => 1 + random() * 9);
  const cells = Float32Array.from({ length: 16 }, () => random() * 2500);
  const geometry: CityGeometry = { cityId: 'demo', version: String(seed), samplePositions: new Float64Array(2 * n), sampleWeights, lattice: { bounds: [0, 0, 1, 1], cols: 4, rows: 4, cellSizeM: 250 } };
  // the settings' defaults: street distances, institutions' toilets counted
  return { geometry, fields: { cityId: 'demo', network: false, includeInstitution: true, samples, cells } };
}

function withDistance(s: AppState, toiletDistanceM: number): AppState {
  return { ...s, hash: { ...s.hash, analysis: { ...s.hash.analysis, toiletDistanceM } } };
}

describe('toilet coverage on the page', () => {
  it('re-classifies at each threshold and keeps the histogram until the distances change', () => {
    const store = createStore<AppState>(() => initialState('#city=demo'));
    const stop = connectToiletCoverage(store);
    const first = cityFields(5000, 7);
    store.setState((s) => ({ analysis: { ...s.analysis, ...first } }));
    const before = store.getState().analysis.coverage!;
    expect(before.histogram).toEqual(distanceHistogram(first.fields.samples, first.geometry.sampleWeights, HISTOGRAM_BIN_M, HISTOGRAM_MAX_M));

    for (const metres of [800, 300, 500]) {
      store.setState((s) => withDistance(s, metres));
      const coverage = store.getState().analysis.coverage!;
      expect(coverage.summary).toEqual(classifyCoverage(first.fields.samples, first.geometry.sampleWeights, first.fields.cells, 250 ** 2, metres));
      // the distances did not change: the same bins, not binned again
      expect(coverage.histogram).toBe(before.histogram);
    }

    // a new answer (a project, the network switch) brings new distances: binned again
    const second = cityFields(5000, 11);
    store.setState((s) => ({ analysis: { ...s.analysis, fields: second.fields } }));
    const after = store.getState().analysis.coverage!;
    expect(after.histogram).not.toBe(before.histogram);
    expect(after.histogram).toEqual(distanceHistogram(second.fields.samples, first.geometry.sampleWeights, HISTOGRAM_BIN_M, HISTOGRAM_MAX_M));
    stop();
  });
});
