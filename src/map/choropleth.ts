/** Colours for a grid metric: red for bad, green for good (d3's RdYlGn), one RGBA per grid. */
import { interpolateRdYlGn } from 'd3-scale-chromatic';

/** `goodness` maps a value to 0 (worst) … 1 (best). */
export function choroplethColours(values: ArrayLike<number>, goodness: (v: number) => number, alpha = 110): Uint8Array {
  const colours = new Uint8Array(values.length * 4);
  for (let i = 0; i < values.length; i++) {
    const [r, g, b] = (interpolateRdYlGn(Math.max(0, Math.min(1, goodness(values[i])))).match(/\d+/g) ?? ['0', '0', '0']).map(Number);
    colours.set([r, g, b, alpha], 4 * i);
  }
  return colours;
}
