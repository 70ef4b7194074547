/** Today's draw as the inspectors' pages use it: fetched and kept for offline, and where each place stands. */
import type { DrawPlace } from '../domain/field_checklists';
import type { Receipt, Submission } from './outbox';
import { fetchKept, kept, type Fetched } from './saved';

export interface Draw { id: number; cityId: string; day: string; areaUnitId: string; seed: number; places: DrawPlace[] }
export interface DrawAnswer { draw: Draw; recorded: string[] }

const key = (cityId: string) => `draw:${cityId}`;

export const fetchDraw = (cityId: string): Promise<Fetched<DrawAnswer>> => fetchKept<DrawAnswer>(key(cityId), `/api/field/draw?cityId=${encodeURIComponent(cityId)}`);
export const keptDraw = (cityId: string): Promise<DrawAnswer | undefined> => kept<DrawAnswer>(key(cityId));

export type PlaceStatus = 'done' | 'queued' | 'refused' | 'todo';

export function placeStatus(answer: DrawAnswer, place: DrawPlace, pending: Submission[], sent: Receipt[]): PlaceStatus {
  const mine = (r: { kind: string; drawId?: number; placeKey?: string }) => r.kind === 'inspection' && r.drawId === answer.draw.id && r.placeKey === place.key;
  if (answer.recorded.includes(place.key) || sent.some(mine)) return 'done';
  const waiting = pending.find(mine);
  return !waiting ? 'todo' : waiting.refused ? 'refused' : 'queued';
}
