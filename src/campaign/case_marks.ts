/**
 * From cases to what the map draws: the clusters at a zoom (case_clusters.ts) turned into pins (one case) and
 * cluster discs (several, coloured by their worst card). Pure, so the benchmark and the tests run it in Node.
 */
import type { ApiCase } from './api';
import { clusterPoints } from './case_clusters';
import { cardOf, caseOverdue } from './case_filters';
import { CARD_KEYS, CARD_RGB, STATE_SHAPE, type CardKey, type PinShape } from './case_look';

export interface CasePinMark { id: number; lon: number; lat: number; rgb: readonly number[]; shape: PinShape; overdue: boolean }
export interface CaseClusterMark { key: string; lon: number; lat: number; count: number; rgb: readonly number[]; card: CardKey; bbox: [number, number, number, number] }

/** the most serious card among cases: red over yellow over white over none */
export function worstCard(cases: readonly ApiCase[]): CardKey {
  let worst = 0;
  for (const c of cases) worst = Math.max(worst, CARD_KEYS.indexOf(cardOf(c)));
  return CARD_KEYS[worst];
}

export function caseMarks(cases: readonly ApiCase[], zoom: number, now: number): { pins: CasePinMark[]; clusters: CaseClusterMark[] } {
  const pins: CasePinMark[] = [];
  const clusters: CaseClusterMark[] = [];
  for (const group of clusterPoints(cases, zoom)) {
    if (group.members.length === 1) {
      const c = group.members[0];
      pins.push({ id: c.id, lon: c.lon, lat: c.lat, rgb: CARD_RGB[cardOf(c)], shape: STATE_SHAPE[c.state], overdue: caseOverdue(c, now) });
    } else {
      const card = worstCard(group.members);
      clusters.push({ key: group.key, lon: group.lon, lat: group.lat, count: group.members.length, rgb: CARD_RGB[card], card, bbox: group.bbox });
    }
  }
  return { pins, clusters };
}
