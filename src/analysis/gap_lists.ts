/**
 * The planner's work lists: streets with the most metres beyond the toilet service distance, and residential
 * compounds with no parking within the walk radius. Both come from fields the report already holds.
 */
import type { CityModel } from './city_model';

export interface StreetGap {
  /** street id of the bundle */
  id: string;
  name: string;
  alley: boolean;
  lengthM: number;
  /** metres of this street beyond the service distance */
  gapM: number;
  /** the farthest any point of the street is from a counted toilet; Infinity beyond the 2 km cap */
  worstDistanceM: number;
  /** [west, south, east, north] of the gap stretches, degrees */
  bbox: [number, number, number, number];
}

export interface CompoundGap {
  id: string;
  name: string;
  areaM2: number;
  /** metres from the compound's edge to the nearest parking; Infinity when there is none */
  distanceM: number;
  bbox: [number, number, number, number];
}

/** -1 when x comes first in descending order, 1 when y does, 0 for equals (and for two infinities) */
const descending = (x: number, y: number): number => (x > y ? -1 : x < y ? 1 : 0);

/** Per street, from its samples: metres sampled, metres beyond the threshold, the worst distance, the gap's box. */
export interface StreetToilets { metres: Float64Array; gapMetres: Float64Array; worstM: Float64Array; gapBox: Float64Array }

export function streetToilets(model: CityModel, sampleDistances: Float32Array, sampleWithin: Uint8Array): StreetToilets {
  const { samples, streets } = model;
  const metres = new Float64Array(streets.length);
  const gapMetres = new Float64Array(streets.length);
  const worstM = new Float64Array(streets.length);
  const gapBox = new Float64Array(streets.length * 4);
  for (let s = 0; s < streets.length; s++) {
    gapBox[4 * s] = gapBox[4 * s + 1] = Infinity;
    gapBox[4 * s + 2] = gapBox[4 * s + 3] = -Infinity;
  }
  for (let i = 0; i < samples.x.length; i++) {
    const s = samples.street[i];
    metres[s] += samples.weight[i];
    if (sampleDistances[i] > worstM[s]) worstM[s] = sampleDistances[i];
    if (sampleWithin[i]) continue;
    gapMetres[s] += samples.weight[i];
    const o = 4 * s;
    gapBox[o] = Math.min(gapBox[o], samples.x[i]);
    gapBox[o + 1] = Math.min(gapBox[o + 1], samples.y[i]);
    gapBox[o + 2] = Math.max(gapBox[o + 2], samples.x[i]);
    gapBox[o + 3] = Math.max(gapBox[o + 3], samples.y[i]);
  }
  return { metres, gapMetres, worstM, gapBox };
}

/** Streets with gap metres, most first; ties broken by the worst distance, then id, so the order is stable. */
export function streetGaps(model: CityModel, sampleDistances: Float32Array, sampleWithin: Uint8Array): StreetGap[] {
  return rankedStreetGaps(model, sampleDistances, sampleWithin, Infinity).rows;
}

/**
 * The first `limit` of streetGaps, and how many streets have a gap. Streets are ranked by index and only the rows
 * listed are built: the report lists 100 of the 30 km city's ~30 k gap streets on every slider move.
 */
export function rankedStreetGaps(model: CityModel, sampleDistances: Float32Array, sampleWithin: Uint8Array, limit: number): { rows: StreetGap[]; total: number } {
  const { streets, projection } = model;
  const { gapMetres, worstM, gapBox } = streetToilets(model, sampleDistances, sampleWithin);
  const withGap: number[] = [];
  for (let s = 0; s < streets.length; s++) if (gapMetres[s] > 0) withGap.push(s);
  // comparisons, not differences: a comparator's double result is boxed on every call
  withGap.sort((a, b) => descending(gapMetres[a], gapMetres[b]) || descending(worstM[a], worstM[b]) || streets[a].id.localeCompare(streets[b].id));
  const rows = withGap.slice(0, limit).map((s): StreetGap => {
    const street = streets[s];
    const o = 4 * s;
    return {
      id: street.id,
      name: street.name,
      alley: street.alley,
      lengthM: street.lengthM,
      gapM: gapMetres[s],
      worstDistanceM: worstM[s],
      bbox: [projection.lon(gapBox[o]), projection.lat(gapBox[o + 1]), projection.lon(gapBox[o + 2]), projection.lat(gapBox[o + 3])],
    };
  });
  return { rows, total: withGap.length };
}

/** Compounds beyond the parking radius, farthest first. */
export function unservedCompounds(model: CityModel, parkingDistances: Float32Array, radiusM: number): CompoundGap[] {
  const { compounds, projection } = model;
  const rows: CompoundGap[] = [];
  compounds.forEach((c, i) => {
    if (parkingDistances[i] <= radiusM) return;
    rows.push({
      id: c.id,
      name: c.name,
      areaM2: c.areaM2,
      distanceM: parkingDistances[i],
      bbox: [projection.lon(c.bbox[0]), projection.lat(c.bbox[1]), projection.lon(c.bbox[2]), projection.lat(c.bbox[3])],
    });
  });
  return rows.sort((a, b) => b.distanceM - a.distanceM || b.areaM2 - a.areaM2 || a.id.localeCompare(b.id));
}
