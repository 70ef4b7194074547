/** Colours for a grid metric: red for bad, green for good (d3's RdYlGn), one RGBA per grid. */
import { interpolateRdYlGn } from 'd3-scale-chromatic';
import type { GridTable } from '../analysis/rankings';
import type { ChoroplethMetric } from '../state/url_hash';

const STEPS = 256;
/** the ramp sampled once: parsing d3's colour strings per grid cost ~20 ms for 20,000 grids */
let ramp: Uint8Array | null = null;
function rampTable(): Uint8Array {
  if (ramp) return ramp;
  ramp = new Uint8Array(STEPS * 3);
  for (let i = 0; i < STEPS; i++) {
    const [r, g, b] = (interpolateRdYlGn(i / (STEPS - 1)).match(/\d+/g) ?? ['0', '0', '0']).map(Number);
    ramp.set([r, g, b], 3 * i);
  }
  return ramp;
}

/** `goodness` maps a value to 0 (worst) … 1 (best). */
export function choroplethColours(values: ArrayLike<number>, goodness: (v: number) => number, alpha = 110): Uint8Array {
  const table = rampTable();
  const colours = new Uint8Array(values.length * 4);
  for (let i = 0; i < values.length; i++) {
    const step = Math.round(Math.max(0, Math.min(1, goodness(values[i]))) * (STEPS - 1));
    colours[4 * i] = table[3 * step];
    colours[4 * i + 1] = table[3 * step + 1];
    colours[4 * i + 2] = table[3 * step + 2];
    colours[4 * i + 3] = alpha;
  }
  return colours;
}

/** The grid layer's fill for one of the ranking metrics. */
export function gridMetricColours(table: GridTable, metric: ChoroplethMetric): Uint8Array {
  switch (metric) {
    case 'score':
      return choroplethColours(table.score, (v) => v / 100);
    case 'streetShare':
      return choroplethColours(table.gapStreetMetres.map((gap, g) => (table.streetMetres[g] > 0 ? 1 - gap / table.streetMetres[g] : 1)), (v) => v);
    case 'gapStreet': {
      const maxGap = Math.max(1, ...table.gapStreetMetres);
      return choroplethColours(table.gapStreetMetres, (v) => 1 - v / maxGap);
    }
    case 'unserved':
      return choroplethColours(table.unserved, (v) => (v === 0 ? 1 : 0.15));
  }
}
