/**
 * Re-classifies the toilet distance fields the page holds whenever the threshold (or the land-use switch)
 * changes, recolours the map's gap overlay and bins the street histogram. No worker call: a slider move costs
 * one pass over typed arrays.
 */
import { useEffect, useMemo, type RefObject } from 'react';
import { classifyCoverage, type CoverageSummary } from '../analysis/coverage';
import { distanceHistogram, type DistanceHistogram } from '../analysis/histogram';
import { LAND_USE_CLASS_LIMITS_M } from '../domain/rules';
import { cellImageData, gapSamples, type Threshold } from '../map/gap_colours';
import type { MapController } from '../map/map_controller';
import type { AnalysisSettings } from '../state/url_hash';
import type { GapAnalysis } from './use_gap_analysis';

export interface ToiletCoverage { summary: CoverageSummary; histogram: DistanceHistogram }

export const HISTOGRAM_BIN_M = 100;
export const HISTOGRAM_MAX_M = 2000;

export function useToiletCoverage(gaps: GapAnalysis, settings: AnalysisSettings, controller: RefObject<MapController | null>): ToiletCoverage | null {
  const { geometry, fields, landUse } = gaps;
  const { toiletDistanceM, toiletByLandUse } = settings;
  // by land use the limit depends on the class of each sample and cell (0 public, 1 residential)
  const limits = useMemo(() => {
    if (!toiletByLandUse) return null;
    if (!landUse) return undefined;
    return { values: LAND_USE_CLASS_LIMITS_M, sampleClass: landUse.samples, cellClass: landUse.cells };
  }, [toiletByLandUse, landUse]);

  const summary = useMemo(() => {
    if (!geometry || !fields || limits === undefined) return null;
    return classifyCoverage(fields.samples, geometry.sampleWeights, fields.cells, geometry.lattice.cellSizeM ** 2, limits ?? toiletDistanceM);
  }, [geometry, fields, limits, toiletDistanceM]);

  const histogram = useMemo(() => (geometry && fields ? distanceHistogram(fields.samples, geometry.sampleWeights, HISTOGRAM_BIN_M, HISTOGRAM_MAX_M) : null), [geometry, fields]);

  useEffect(() => {
    if (!geometry || !fields || limits === undefined) {
      controller.current?.setGapOverlay(null);
      return;
    }
    const sampleLimit: Threshold = limits ? (i) => limits.values[limits.sampleClass[i]] : toiletDistanceM;
    const cellLimit: Threshold = limits ? (i) => limits.values[limits.cellClass[i]] : toiletDistanceM;
    const { cols, rows, bounds } = geometry.lattice;
    controller.current?.setGapOverlay({ ...gapSamples(fields.samples, geometry.samplePositions, sampleLimit), cells: cellImageData(fields.cells, cols, rows, cellLimit), bounds });
  }, [geometry, fields, limits, toiletDistanceM, controller]);

  return summary && histogram ? { summary, histogram } : null;
}
