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

/**
 * A distance exactly at the threshold counts as within ("at least one every 500 m" is met at 500 m).
 * `thresholds` is one value for all, or per-item values by class (e.g. land use) with `classOf`.
 */
export function classifyCoverage(
  sampleDistance: Float32Array,
  sampleWeight: Float64Array,
  cellDistance: Float32Array,
  cellAreaM2: number,
  threshold: number | { values: readonly number[]; sampleClass: Uint8Array; cellClass: Uint8Array },
  sampleMask?: Uint8Array,
  cellMask?: Uint8Array,
): CoverageSummary {
  if (typeof threshold === 'number' && !sampleMask && !cellMask) return classifyUniform(sampleDistance, sampleWeight, cellDistance, cellAreaM2, threshold);
  const uniform = typeof threshold === 'number' ? threshold : -1;
  const classes = typeof threshold === 'number' ? null : threshold;
  let streetMetres = 0;
  let within = 0;
  for (let i = 0; i < sampleDistance.length; i++) {
    if (sampleMask && !sampleMask[i]) continue;
    streetMetres += sampleWeight[i];
    if (sampleDistance[i] <= (classes ? classes.values[classes.sampleClass[i]] : uniform)) within += sampleWeight[i];
  }
  let cells = 0;
  let cellsWithin = 0;
  for (let i = 0; i < cellDistance.length; i++) {
    if (cellMask && !cellMask[i]) continue;
    cells++;
    if (cellDistance[i] <= (classes ? classes.values[classes.cellClass[i]] : uniform)) cellsWithin++;
  }
  return summarise(streetMetres, within, cells, cellsWithin, cellAreaM2);
}

/** The slider's case: one threshold, no masks; loops with nothing in them but the comparison. */
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
