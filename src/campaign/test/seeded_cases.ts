/** Seeded random cases over a box, for tests and the benchmark: every state, card and category, weeks apart. */
import { Prng } from '../../analysis/prng';
import { CASE_STATES } from '../../domain/case_flow';
import type { ApiCase } from '../api';

const CATEGORIES = ['toilet_gap', 'toilet_dirty', 'parking_missing', 'parking_disorder', 'alley_sanitation', 'surroundings_market'];
const UNITS = ['community:1', 'community:2', 'community:3', 'dept:sanitation', null];
const DAY_MS = 86_400_000;

export function seededCases(n: number, bbox: readonly number[], seed: number, now: number): ApiCase[] {
  const prng = new Prng(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(prng.next() * list.length)];
  const cases: ApiCase[] = [];
  for (let i = 1; i <= n; i++) {
    const state = pick(CASE_STATES);
    const created = now - Math.floor(prng.next() * 60 * DAY_MS);
    const colour = state === 'reported' || state === 'voided' ? null : pick(['white', 'white', 'yellow', 'red']);
    const grid = `99010100${String(100 + Math.floor(prng.next() * 30)).padStart(3, '0')}${String(Math.floor(prng.next() * 900) + 100)}`;
    cases.push({
      id: i,
      cityId: 'demo',
      categoryId: pick(CATEGORIES),
      state,
      version: 1 + Math.floor(prng.next() * 5),
      title: `案件 ${i} ${pick(['公厕', '停车', '背街小巷', '农贸市场'])}`,
      description: pick(['地面积水', '车辆乱停', '垃圾堆放', '']),
      lon: bbox[0] + prng.next() * (bbox[2] - bbox[0]),
      lat: bbox[1] + prng.next() * (bbox[3] - bbox[1]),
      gridCode: grid.slice(0, 14),
      gridUnitId: pick(UNITS),
      unitId: state === 'dispatched' || state === 'checking' ? pick(UNITS) : null,
      reporterId: 1,
      source: 'report',
      analysis: null,
      reworkCount: 0,
      voidReason: null,
      duplicateOf: null,
      createdAt: new Date(created).toISOString(),
      updatedAt: new Date(created).toISOString(),
      closedAt: null,
      card: colour ? { colour, deadline: new Date(created + Math.floor(prng.next() * 20 * DAY_MS)).toISOString() } : null,
    });
  }
  return cases;
}
