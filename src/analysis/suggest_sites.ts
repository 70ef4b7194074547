/**
 * Suggested sites: where N new toilets (or parking lots) close the most gap. Greedy maximum coverage over
 * candidate points on the street network, evaluated lazily (CELF): a candidate's gain can only fall as picks
 * cover more, so a stale gain that still tops the queue after re-evaluation is the best pick. Weighted coverage
 * is submodular, so each pick's gain is at most the previous one's.
 *
 * Toilets: the demand is street length beyond the service distance, each metre counting double where it lies
 * in or beside a residential compound (residents walk there daily). Parking: the demand is compounds with no
 * parking within the walk radius, one each. Distances are straight-line.
 */
import type { CityModel } from './city_model';
import { pointPolygonsDistance } from './geometry';

export interface SiteSuggestion {
  lon: number;
  lat: number;
  /** the street the site stands on */
  streetId: string;
  streetName: string;
  /** the greedy objective this pick added: weighted gap metres (toilets) or compounds (parking) */
  gain: number;
  /** toilets: metres of gap street this pick closes (unweighted); parking: compounds it serves */
  closes: number;
}

/** metres from a compound within which a street counts as beside it */
const BESIDE_COMPOUND_M = 50;
/** every n-th gap sample is a candidate site (samples are 20 m apart) */
const CANDIDATE_STRIDE = 3;

/** Lazy greedy over candidates; `gainOf` sums the weight of uncovered demand it reaches. */
function lazyGreedy(candidates: number[], count: number, gainOf: (c: number) => number, take: (c: number) => number): { candidate: number; gain: number; closes: number }[] {
  const gains = candidates.map(gainOf);
  // candidate positions ordered by stale gain, highest first; re-sorted lazily by insertion
  const order = candidates.map((_, i) => i).sort((a, b) => gains[b] - gains[a] || a - b);
  const picks: { candidate: number; gain: number; closes: number }[] = [];
  while (picks.length < count && order.length > 0) {
    const top = order.shift()!;
    // stale gains bound fresh ones: when the best stale gain is nothing, nothing is left to gain
    if (gains[top] <= 0) break;
    const fresh = gainOf(candidates[top]);
    if (fresh <= 0) continue;
    if (order.length === 0 || fresh >= gains[order[0]]) {
      picks.push({ candidate: candidates[top], gain: fresh, closes: take(candidates[top]) });
      continue;
    }
    gains[top] = fresh;
    // put it back where its fresh gain belongs (the list stays sorted by gain)
    let lo = 0;
    let hi = order.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (gains[order[mid]] > fresh || (gains[order[mid]] === fresh && order[mid] < top)) lo = mid + 1;
      else hi = mid;
    }
    order.splice(lo, 0, top);
  }
  return picks;
}

function suggestion(model: CityModel, sample: number, gain: number, closes: number): SiteSuggestion {
  const street = model.streets[model.samples.street[sample]];
  return { lon: model.projection.lon(model.samples.x[sample]), lat: model.projection.lat(model.samples.y[sample]), streetId: street.id, streetName: street.name, gain, closes };
}

/**
 * `gap`: 1 for street samples beyond their service distance under the rules in force (one distance, or by land
 * use; straight-line or along the network). `reach(s)`: the samples a toilet at sample s would bring within their
 * own service distance, by the same rules. So a pick's `closes` is exactly what the gap-metres figure loses when
 * the site is built, and the picks' `closes` add up to the whole drop.
 */
export function suggestToiletSites(model: CityModel, gap: Uint8Array, reach: (sample: number) => readonly number[], count: number): SiteSuggestion[] {
  const { samples } = model;
  const gapSamples: number[] = [];
  for (let i = 0; i < gap.length; i++) if (gap[i]) gapSamples.push(i);
  if (gapSamples.length === 0 || count <= 0) return [];
  const weight = new Float64Array(gap.length);
  for (const s of gapSamples) weight[s] = samples.weight[s] * (besideCompound(model, samples.x[s], samples.y[s]) ? 2 : 1);
  const covered = new Uint8Array(gap.length);
  const candidates = gapSamples.filter((_, k) => k % CANDIDATE_STRIDE === 0);
  const reached = new Map<number, readonly number[]>();
  const gapReached = (s: number) => {
    let list = reached.get(s);
    if (!list) reached.set(s, (list = reach(s).filter((k) => gap[k])));
    return list;
  };
  const sum = (s: number, of: Float64Array) => gapReached(s).reduce((total, k) => (covered[k] ? total : total + of[k]), 0);
  const take = (s: number) => {
    const closes = sum(s, samples.weight);
    for (const k of gapReached(s)) covered[k] = 1;
    return closes;
  };
  return lazyGreedy(candidates, count, (s) => sum(s, weight), take).map((p) => suggestion(model, p.candidate, p.gain, p.closes));
}

export function suggestParkingSites(model: CityModel, parkingDistances: Float32Array, radiusM: number, count: number): SiteSuggestion[] {
  const { samples, compounds } = model;
  const unserved = compounds.map((_, c) => c).filter((c) => parkingDistances[c] > radiusM);
  if (unserved.length === 0 || count <= 0 || !samples.index) return [];
  // candidates: street samples within the radius of an unserved compound's box
  const candidateSet = new Set<number>();
  for (const c of unserved) {
    const [x0, y0, x1, y1] = compounds[c].bbox;
    for (const s of samples.index.range(x0 - radiusM, y0 - radiusM, x1 + radiusM, y1 + radiusM)) if (s % CANDIDATE_STRIDE === 0) candidateSet.add(s);
  }
  const candidates = [...candidateSet].sort((a, b) => a - b);
  const covered = new Set<number>();
  const reaches = (s: number) => unserved.filter((c) => !covered.has(c) && pointPolygonsDistance(samples.x[s], samples.y[s], compounds[c].polygons) <= radiusM);
  const take = (s: number) => {
    const served = reaches(s);
    served.forEach((c) => covered.add(c));
    return served.length;
  };
  return lazyGreedy(candidates, count, (s) => reaches(s).length, take).map((p) => suggestion(model, p.candidate, p.gain, p.closes));
}

function besideCompound(model: CityModel, x: number, y: number): boolean {
  const r = BESIDE_COMPOUND_M;
  return model.compoundIndex?.search(x - r, y - r, x + r, y + r).some((c) => pointPolygonsDistance(x, y, model.compounds[c].polygons) <= r) ?? false;
}
