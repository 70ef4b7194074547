/**
 * Colours for distance fields against a threshold: within → transparent, beyond → orange to red by how far
 * beyond, beyond reach (Infinity) → dark red. Re-run on every slider move, so kept to one pass over arrays.
 */
const RAMP: readonly [number, number, number][] = [
  [253, 174, 97],
  [244, 109, 67],
  [215, 48, 39],
  [165, 0, 38],
];

const BEYOND_REACH: readonly [number, number, number] = [103, 0, 31];

function rampColour(distance: number, threshold: number): readonly [number, number, number] {
  if (!Number.isFinite(distance)) return BEYOND_REACH;
  const excess = Math.min(0.999, (distance - threshold) / threshold);
  return RAMP[Math.floor(excess * RAMP.length)];
}

/** One service distance for all, or per item (spacing by land use). */
export type Threshold = number | ((index: number) => number);

const thresholdAt = (threshold: Threshold, i: number) => (typeof threshold === 'number' ? threshold : threshold(i));

/**
 * The street samples beyond the threshold, compacted: positions (lon/lat interleaved) and RGBA colours.
 * Samples within are left out rather than drawn transparent, so the GPU draws only the gap (a third of the
 * samples at 500 m), which matters on integrated graphics and software rendering.
 */
export function gapSamples(distances: Float32Array, positions: Float64Array, threshold: Threshold, alpha = 230): { positions: Float64Array; colours: Uint8Array } {
  let count = 0;
  for (let i = 0; i < distances.length; i++) if (distances[i] > thresholdAt(threshold, i)) count++;
  const outPositions = new Float64Array(count * 2);
  const colours = new Uint8Array(count * 4);
  let k = 0;
  for (let i = 0; i < distances.length; i++) {
    const limit = thresholdAt(threshold, i);
    if (distances[i] <= limit) continue;
    // element by element, not colours.set([r, g, b, alpha]): an array per gap sample was ~20 MB of garbage per
    // slider move on the 30 km city
    const colour = rampColour(distances[i], limit);
    outPositions[2 * k] = positions[2 * i];
    outPositions[2 * k + 1] = positions[2 * i + 1];
    colours[4 * k] = colour[0];
    colours[4 * k + 1] = colour[1];
    colours[4 * k + 2] = colour[2];
    colours[4 * k + 3] = alpha;
    k++;
  }
  return { positions: outPositions, colours };
}

/** The lattice as an image (north row first), gap cells tinted. */
export function cellImageData(distances: Float32Array, cols: number, rows: number, threshold: Threshold, alpha = 80): ImageData {
  const image = new ImageData(cols, rows);
  for (let r = 0; r < rows; r++) {
    const target = (rows - 1 - r) * cols;
    for (let c = 0; c < cols; c++) {
      const d = distances[r * cols + c];
      const limit = thresholdAt(threshold, r * cols + c);
      if (d <= limit) continue;
      const [red, green, blue] = rampColour(d, limit);
      const o = 4 * (target + c);
      image.data[o] = red;
      image.data[o + 1] = green;
      image.data[o + 2] = blue;
      image.data[o + 3] = alpha;
    }
  }
  return image;
}
