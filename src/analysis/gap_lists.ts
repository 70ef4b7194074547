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

/** Streets with gap metres, most first; ties broken by the worst distance, then id, so the order is stable. */
export function streetGaps(model: CityModel, sampleDistances: Float32Array, sampleWithin: Uint8Array): StreetGap[] {
  const { samples, streets, projection } = model;
  const gap = new Float64Array(streets.length);
  const worst = new Float64Array(streets.length);
  const box = new Float64Array(streets.length * 4);
  for (let s = 0; s < streets.length; s++) box.set([Infinity, Infinity, -Infinity, -Infinity], 4 * s);
  for (let i = 0; i < samples.x.length; i++) {
    const s = samples.street[i];
    if (sampleDistances[i] > worst[s]) worst[s] = sampleDistances[i];
    if (sampleWithin[i]) continue;
    gap[s] += samples.weight[i];
    const o = 4 * s;
    box[o] = Math.min(box[o], samples.x[i]);
    box[o + 1] = Math.min(box[o + 1], samples.y[i]);
    box[o + 2] = Math.max(box[o + 2], samples.x[i]);
    box[o + 3] = Math.max(box[o + 3], samples.y[i]);
  }
  const rows: StreetGap[] = [];
  streets.forEach((street, s) => {
    if (gap[s] <= 0) return;
    const o = 4 * s;
    rows.push({
      id: street.id,
      name: street.name,
      alley: street.alley,
      lengthM: street.lengthM,
      gapM: gap[s],
      worstDistanceM: worst[s],
      bbox: [projection.lon(box[o]), projection.lat(box[o + 1]), projection.lon(box[o + 2]), projection.lat(box[o + 3])],
    });
  });
  return rows.sort((a, b) => b.gapM - a.gapM || b.worstDistanceM - a.worstDistanceM || a.id.localeCompare(b.id));
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
