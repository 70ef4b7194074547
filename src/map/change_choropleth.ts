/** Colours for a before/after change per grid: green gained, red lost, faint for no change, clear where unknown. */
import type { Change } from '../history/snapshot_change';
import { choroplethColours } from './choropleth';

/** One RGBA per grid code, in the order of `codes` (the map's grid layer order). */
export function changeColours(codes: readonly string[], list: readonly Change[]): Uint8Array {
  const gain = new Map(list.map((c) => [c.key, c.gain]));
  const scale = Math.max(1e-12, ...list.map((c) => Math.abs(c.gain)));
  const values = codes.map((code) => gain.get(code) ?? 0);
  const colours = choroplethColours(values, (v) => 0.5 + v / (2 * scale), 150);
  codes.forEach((code, i) => {
    // unchanged grids stay faint so the changed ones stand out; grids missing on either day are not drawn
    if (!gain.has(code)) colours[4 * i + 3] = 0;
    else if (gain.get(code) === 0) colours[4 * i + 3] = 35;
  });
  return colours;
}
