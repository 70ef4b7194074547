/**
 * Mock inspection (模拟测评): the assessors' sampling, reproduced. Around every six-surroundings point they pick
 * 1–2 back alleys and 1–2 compounds inside its zone and inspect those. Each point draws from its own seeded
 * generator (seed + category + facility id), so one seed always gives the same draw, and a point's draw does
 * not change when another point is added or removed.
 */
import { SIX_SURROUNDINGS, type CategoryId } from '../domain/categories';
import type { CityModel } from './city_model';
import { streetToilets } from './gap_lists';
import { Prng } from './prng';
import { itemsByPoint, type ZonePairs } from './six_surroundings';

export interface PickRange { min: number; max: number }

export interface InspectionOptions {
  seed: number;
  zoneRadiusM: number;
  alleys: PickRange;
  compounds: PickRange;
}

export const DEFAULT_PICKS: PickRange = { min: 1, max: 2 };

export interface AlleyPick {
  id: string;
  name: string;
  /** metres from the point to the nearest stretch of the alley */
  distanceM: number;
  /** share of the alley's length within the toilet service distance, 0..1 */
  toiletShareWithin: number;
  /** the farthest point of the alley from a counted toilet; Infinity beyond 2 km */
  toiletWorstM: number;
}

export interface CompoundPick {
  id: string;
  name: string;
  /** metres from the point to the compound (0 when the point is inside) */
  distanceM: number;
  /** straight-line metres from the compound's edge to the nearest counted toilet */
  toiletDistanceM: number;
  parkingDistanceM: number;
  parkingServed: boolean;
}

export interface InspectionPoint {
  facilityId: string;
  name: string;
  category: CategoryId;
  lon: number;
  lat: number;
  alleyCandidates: number;
  compoundCandidates: number;
  alleys: AlleyPick[];
  compounds: CompoundPick[];
}

export interface MockInspection {
  seed: number;
  zoneRadiusM: number;
  picks: { alleys: PickRange; compounds: PickRange };
  points: InspectionPoint[];
}

/** What the draw needs to know about the city beyond its model, all from the current analysis setting. */
export interface InspectionInputs {
  zonePairs: (category: CategoryId) => { alleys: ZonePairs; compounds: ZonePairs };
  /** facility indices of the category, in the order zone pairs number their points */
  pointIndices: (category: CategoryId) => number[];
  street: { shareWithin: Float64Array; worstM: Float64Array };
  compound: { toiletM: Float32Array; parkingM: Float32Array; parkingRadiusM: number };
}

/** FNV-1a over the text, mixed with the seed: a stable 32-bit seed per point. */
export function pointSeed(seed: number, key: string): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

/** `count` distinct items drawn without replacement (partial Fisher–Yates), in draw order. */
export function drawDistinct<T>(prng: Prng, items: readonly T[], count: number): T[] {
  const pool = items.slice();
  const n = Math.min(count, pool.length);
  for (let i = 0; i < n; i++) {
    const j = i + Math.floor(prng.next() * (pool.length - i));
    [pool[i], pool[j]] = [pool[j], pool[i]];
  }
  return pool.slice(0, n);
}

export function mockInspection(model: CityModel, inputs: InspectionInputs, options: InspectionOptions): MockInspection {
  const points: InspectionPoint[] = [];
  for (const category of SIX_SURROUNDINGS) {
    const pairs = inputs.zonePairs(category);
    const indices = inputs.pointIndices(category);
    const alleyLists = itemsByPoint(pairs.alleys, options.zoneRadiusM, indices.length);
    const compoundLists = itemsByPoint(pairs.compounds, options.zoneRadiusM, indices.length);
    const alleyDistance = pairDistances(pairs.alleys, options.zoneRadiusM);
    const compoundDistance = pairDistances(pairs.compounds, options.zoneRadiusM);
    indices.forEach((f, p) => {
      const properties = model.facilities.properties[f];
      const prng = new Prng(pointSeed(options.seed, `${category}:${properties.id}`));
      // candidates in item order, so the draw does not depend on how the pairs were found
      const alleys = drawDistinct(prng, alleyLists[p].sort((a, b) => a - b), prng.int(options.alleys.min, options.alleys.max));
      const compounds = drawDistinct(prng, compoundLists[p].sort((a, b) => a - b), prng.int(options.compounds.min, options.compounds.max));
      points.push({
        facilityId: properties.id,
        name: properties.name,
        category,
        lon: model.projection.lon(model.facilities.x[f]),
        lat: model.projection.lat(model.facilities.y[f]),
        alleyCandidates: alleyLists[p].length,
        compoundCandidates: compoundLists[p].length,
        alleys: alleys.map((s) => ({
          id: model.streets[s].id,
          name: model.streets[s].name,
          distanceM: alleyDistance.get(pairKey(p, s)) ?? NaN,
          toiletShareWithin: inputs.street.shareWithin[s],
          toiletWorstM: inputs.street.worstM[s],
        })),
        compounds: compounds.map((c) => ({
          id: model.compounds[c].id,
          name: model.compounds[c].name,
          distanceM: compoundDistance.get(pairKey(p, c)) ?? NaN,
          toiletDistanceM: inputs.compound.toiletM[c],
          parkingDistanceM: inputs.compound.parkingM[c],
          parkingServed: inputs.compound.parkingM[c] <= inputs.compound.parkingRadiusM,
        })),
      });
    });
  }
  return { seed: options.seed, zoneRadiusM: options.zoneRadiusM, picks: { alleys: options.alleys, compounds: options.compounds }, points };
}

function pairKey(point: number, item: number): number {
  return point * 0x100000000 + item;
}

function pairDistances(pairs: ZonePairs, radius: number): Map<number, number> {
  const distances = new Map<number, number>();
  for (let i = 0; i < pairs.item.length; i++) if (pairs.distance[i] <= radius) distances.set(pairKey(pairs.point[i], pairs.item[i]), pairs.distance[i]);
  return distances;
}

/** Per street: the share of its sampled length within the toilet distance and its worst distance. */
export function streetToiletStatus(model: CityModel, sampleDistances: Float32Array, sampleWithin: Uint8Array): { shareWithin: Float64Array; worstM: Float64Array } {
  const { metres, gapMetres, worstM } = streetToilets(model, sampleDistances, sampleWithin);
  return { shareWithin: metres.map((m, s) => (m > 0 ? (m - gapMetres[s]) / m : 0)), worstM };
}
