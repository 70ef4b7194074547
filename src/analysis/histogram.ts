/** Street length by distance to the nearest toilet, in fixed bins: the planner's histogram. */
export interface DistanceHistogram {
  binWidthM: number;
  /** metres of street per bin: bin i holds distances in (i·w, (i+1)·w], bin 0 includes 0 */
  metres: Float64Array;
  /** metres of street beyond the last bin (including beyond reach) */
  beyondMetres: number;
}

export function distanceHistogram(distances: Float32Array, weights: Float64Array, binWidthM: number, maxM: number): DistanceHistogram {
  const bins = Math.ceil(maxM / binWidthM);
  const metres = new Float64Array(bins);
  let beyondMetres = 0;
  for (let i = 0; i < distances.length; i++) {
    const d = distances[i];
    if (!(d <= maxM)) {
      beyondMetres += weights[i];
      continue;
    }
    // upper-inclusive bins, like the rule: a sample at exactly 500 m lies in the bin ending at 500 m
    metres[Math.max(0, Math.ceil(d / binWidthM) - 1)] += weights[i];
  }
  return { binWidthM, metres, beyondMetres };
}
