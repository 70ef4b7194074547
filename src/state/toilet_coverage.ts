/**
 * Re-classifies the toilet distance fields the page holds whenever the threshold (or the land-use switch)
 * changes, and bins the street histogram. No worker call: a slider move costs one pass over typed arrays.
 */
import type { StoreApi } from 'zustand/vanilla';
import { classifyCoverage } from '../analysis/coverage';
import { distanceHistogram, type DistanceHistogram } from '../analysis/histogram';
import { LAND_USE_CLASS_LIMITS_M } from '../domain/rules';
import { currentAnalysis } from './analysis_driver';
import type { AppState } from './app_store';
import { follow } from './follow';

export const HISTOGRAM_BIN_M = 100;
export const HISTOGRAM_MAX_M = 2000;

/** Per-class limits while spacing by land use is on (0 public, 1 residential); undefined while the classes load. */
export type ToiletLimits = { values: readonly number[]; sampleClass: Uint8Array; cellClass: Uint8Array } | null | undefined;

export function toiletLimits(s: AppState): ToiletLimits {
  if (!s.hash.analysis.toiletByLandUse) return null;
  const landUse = currentAnalysis(s).landUse;
  return landUse ? { values: LAND_USE_CLASS_LIMITS_M, sampleClass: landUse.samples, cellClass: landUse.cells } : undefined;
}

/** The toilet service distances in force: the report's own list when it has one, else from the settings. */
export function thresholdsInForce(s: AppState): number[] {
  const fromReport = (currentAnalysis(s).report?.toilets as { thresholdsM?: number[] } | undefined)?.thresholdsM;
  if (fromReport?.length) return [...new Set(fromReport)].sort((a, b) => a - b);
  return s.hash.analysis.toiletByLandUse ? [...new Set(LAND_USE_CLASS_LIMITS_M)].sort((a, b) => a - b) : [s.hash.analysis.toiletDistanceM];
}

export function connectToiletCoverage(store: StoreApi<AppState>): () => void {
  // the histogram bins distances, whatever the threshold: a threshold change keeps it (8 ms a change on the 30 km
  // city, in the slider's own input event)
  let binned: { samples: Float32Array; weights: Float64Array; histogram: DistanceHistogram } | null = null;
  const histogramOf = (samples: Float32Array, weights: Float64Array): DistanceHistogram => {
    if (binned?.samples !== samples || binned.weights !== weights) binned = { samples, weights, histogram: distanceHistogram(samples, weights, HISTOGRAM_BIN_M, HISTOGRAM_MAX_M) };
    return binned.histogram;
  };
  return follow(store, (s) => {
    const a = currentAnalysis(s);
    const limits = toiletLimits(s);
    return [a.geometry, a.fields, limits?.sampleClass, limits === undefined, s.hash.analysis.toiletByLandUse, s.hash.analysis.toiletDistanceM];
  }, () => {
    const s = store.getState();
    const { geometry, fields } = currentAnalysis(s);
    const limits = toiletLimits(s);
    const coverage =
      geometry && fields && limits !== undefined
        ? {
            summary: classifyCoverage(fields.samples, geometry.sampleWeights, fields.cells, geometry.lattice.cellSizeM ** 2, limits ?? s.hash.analysis.toiletDistanceM),
            histogram: histogramOf(fields.samples, geometry.sampleWeights),
          }
        : null;
    store.setState((st) => ({ analysis: { ...st.analysis, coverage } }));
  });
}
