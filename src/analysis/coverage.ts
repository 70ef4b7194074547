/**
 * Classifying stored distance fields against a threshold. This is all a threshold slider runs: a pass over
 * typed arrays, never a recomputation of the distances.
 */

export interface CoverageSummary {
  /** metres of sampled street */
  streetMetres: number;
  /** metres of sampled street farther than the threshold */
  gapStreetMetres: number;
  /** share of sampled street length within the threshold, 0..1 */
  streetShareWithin: number;
  cells: number;
  cellsWithin: number;
  /** share of lattice cells within the threshold, 0..1 */
  areaShareWithin: number;
  /** square metres of lattice cells farther than the threshold */
  gapAreaM2: number;
}

/** Per-item service distances by class (e.g. land use): item i's limit is values[sampleClass[i]] or values[cellClass[i]]. */
export interface ClassThresholds { values: readonly number[]; sampleClass: Uint8Array; cellClass: Uint8Array }

/**
 * A distance exactly at the threshold counts as within ("at least one every 500 m" is met at 500 m).
 * `threshold` is one value for all, or per-item values by class (e.g. land use).
 */
export function classifyCoverage(sampleDistance: Float32Array, sampleWeight: Float64Array, cellDistance: Float32Array, cellAreaM2: number, threshold: number | ClassThresholds): CoverageSummary {
  if (typeof threshold === 'number') return classifyUniform(sampleDistance, sampleWeight, cellDistance, cellAreaM2, threshold);
  let streetMetres = 0;
  let within = 0;
  for (let i = 0; i < sampleDistance.length; i++) {
    streetMetres += sampleWeight[i];
    if (sampleDistance[i] <= threshold.values[threshold.sampleClass[i]]) within += sampleWeight[i];
  }
  let cellsWithin = 0;
  for (let i = 0; i < cellDistance.length; i++) if (cellDistance[i] <= threshold.values[threshold.cellClass[i]]) cellsWithin++;
  return summarise(streetMetres, within, cellDistance.length, cellsWithin, cellAreaM2);
}

/** The slider's case: one threshold; loops with nothing in them but the comparison. */
function classifyUniform(sampleDistance: Float32Array, sampleWeight: Float64Array, cellDistance: Float32Array, cellAreaM2: number, threshold: number): CoverageSummary {
  let streetMetres = 0;
  let within = 0;
  for (let i = 0; i < sampleDistance.length; i++) {
    const w = sampleWeight[i];
    streetMetres += w;
    if (sampleDistance[i] <= threshold) within += w;
  }
  let cellsWithin = 0;
  for (let i = 0; i < cellDistance.length; i++) if (cellDistance[i] <= threshold) cellsWithin++;
  return summarise(streetMetres, within, cellDistance.length, cellsWithin, cellAreaM2);
}

/**
 * classifyCoverage for every region at once: `sampleRegion[i]` and `cellRegion[i]` name the one region each sample
 * and cell lies in (-1 for none). One pass with the sums per region taken in item order, so each region's figures
 * are those of classifyCoverage on that region's samples and cells alone; a pass per region over the whole city, with a double
 * boxed per sample wherever the loop ran unoptimised, was ~10 MB of garbage per slider move on the 30 km city.
 */
export function classifyCoverageByRegion(sampleDistance: Float32Array, sampleWeight: Float64Array, cellDistance: Float32Array, cellAreaM2: number, threshold: number | ClassThresholds, sampleRegion: Int32Array, cellRegion: Int32Array, regions: number): CoverageSummary[] {
  const uniform = typeof threshold === 'number' ? threshold : -1;
  const classes = typeof threshold === 'number' ? null : threshold;
  const streetMetres = new Float64Array(regions);
  const within = new Float64Array(regions);
  const cells = new Float64Array(regions);
  const cellsWithin = new Float64Array(regions);
  for (let i = 0; i < sampleDistance.length; i++) {
    const r = sampleRegion[i];
    if (r < 0) continue;
    streetMetres[r] += sampleWeight[i];
    if (sampleDistance[i] <= (classes ? classes.values[classes.sampleClass[i]] : uniform)) within[r] += sampleWeight[i];
  }
  for (let i = 0; i < cellDistance.length; i++) {
    const r = cellRegion[i];
    if (r < 0) continue;
    cells[r]++;
    if (cellDistance[i] <= (classes ? classes.values[classes.cellClass[i]] : uniform)) cellsWithin[r]++;
  }
  return Array.from({ length: regions }, (_, r) => summarise(streetMetres[r], within[r], cells[r], cellsWithin[r], cellAreaM2));
}

function summarise(streetMetres: number, within: number, cells: number, cellsWithin: number, cellAreaM2: number): CoverageSummary {
  return {
    streetMetres,
    gapStreetMetres: streetMetres - within,
    streetShareWithin: streetMetres > 0 ? within / streetMetres : 0,
    cells,
    cellsWithin,
    areaShareWithin: cells > 0 ? cellsWithin / cells : 0,
    gapAreaM2: (cells - cellsWithin) * cellAreaM2,
  };
}
