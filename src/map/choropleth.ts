/** Colours for a grid metric: red for bad, green for good (d3's RdYlGn), one RGBA per grid. */
import { interpolateRdYlGn } from 'd3-scale-chromatic';
import type { GridTable } from '../analysis/rankings';
import type { ChoroplethMetric } from '../state/url_hash';

/** `goodness` maps a value to 0 (worst) … 1 (best). */
export function choroplethColours(values: ArrayLike<number>, goodness: (v: number) => number, alpha = 110): Uint8Array {
  const colours = new Uint8Array(values.length * 4);
  for (let i = 0; i < values.length; i++) {
    const [r, g, b] = (interpolateRdYlGn(Math.max(0, Math.min(1, goodness(values[i])))).match(/\d+/g) ?? ['0', '0', '0']).map(Number);
    colours.set([r, g, b, alpha], 4 * i);
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
