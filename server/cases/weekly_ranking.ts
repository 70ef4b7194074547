/**
 * The weekly ranking of responsible units (一周一梳理，一周一通报): per unit, the cases dispatched to it that were
 * open at some point of the week, how many it closed, how many of those on time (closed before the first card
 * lapsed: never escalated), how many it still owes past the deadline at the week's end, red cards issued and
 * reworks. Units rank by on-time closures, then overdue, red cards and rework; the best N get the mobile red
 * flag (流动红旗), the worst N the black flag (黑旗), N from server/data/reference.json (read once) — each flag only when
 * earned (earnsRedFlag, earnsBlackFlag). Streets and districts
 * sum their communities.
 */
import type { Queryable } from '../db/database';
import { referenceData } from '../db/reference_data';
import { isoWeekOf, isoWeekRange } from '../../src/domain/iso_week';
import { HttpError } from '../http_error';
import { closedOnTimeSql, overdueAtSql, WEEK_OVERDUE_AT_SQL } from './case_rules_sql';


export interface UnitWeek {
  unitId: string;
  name: string;
  kind: string;
  cases: number;
  closed: number;
  closedOnTime: number;
  onTimeRate: number;
  overdue: number;
  redCards: number;
  rework: number;
  rank: number;
  flag: 'red' | 'black' | null;
}

/** 'YYYY-Www' (ISO 8601 week) → its start and end, ms since the epoch; a malformed week is refused with a sentence */
export function weekRange(week: string): { start: number; end: number } {
  const range = isoWeekRange(week);
  if (!range) throw new HttpError(400, `周须写作 2026-W47 这样的 ISO 周`, `a week is written as an ISO week such as 2026-W47 (got "${week}")`);
  return range;
}

export { isoWeekOf };

export interface OrgUnit { id: string; name: string; kind: string; parentId: string | null }

export async function orgUnits(db: Queryable): Promise<Map<string, OrgUnit>> {
  return new Map((await db.query<OrgUnit>('SELECT id, name, kind, parent_id AS "parentId" FROM org_units')).rows.map((u) => [u.id, u]));
}

/** The unit a unit's cases count for at a level: communities roll up to their street or district; departments stay themselves. */
export function rollUpUnit(units: ReadonlyMap<string, OrgUnit>, id: string, level: 'unit' | 'street' | 'district'): string {
  let unit = units.get(id);
  while (unit && level !== 'unit' && unit.kind !== level && unit.parentId) unit = units.get(unit.parentId);
  return unit && (level === 'unit' || unit.kind === level) ? unit.id : id;
}

export async function weeklyRanking(db: Queryable, week: string, level: 'unit' | 'street' | 'district' = 'unit'): Promise<{ week: string; start: string; end: string; flags: { red: number; black: number }; rows: UnitWeek[] }> {
  const { start, end } = weekRange(week);
  const { flags } = referenceData();
  const rows = (
    await db.query<{ unitId: string; cases: number; closed: number; closedOnTime: number; overdue: number; redCards: number; rework: number }>(
      `WITH span AS (SELECT to_timestamp($1 / 1000.0) AS s, to_timestamp($2 / 1000.0) AS e, ${WEEK_OVERDUE_AT_SQL} AS t),
            owned AS (
              SELECT c.* FROM cases c, span
               WHERE c.unit_id IS NOT NULL AND c.created_at < span.e AND (c.closed_at IS NULL OR c.closed_at >= span.s) AND c.state <> 'voided')
       SELECT o.unit_id AS "unitId",
              count(*)::int AS cases,
              count(*) FILTER (WHERE o.closed_at >= span.s AND o.closed_at < span.e)::int AS closed,
              count(*) FILTER (WHERE o.closed_at >= span.s AND o.closed_at < span.e AND ${closedOnTimeSql('o')})::int AS "closedOnTime",
              count(*) FILTER (WHERE ${overdueAtSql('o', 'span.t')})::int AS overdue,
              (SELECT count(*) FROM cards k JOIN owned x ON x.id = k.case_id WHERE x.unit_id = o.unit_id AND k.colour = 'red' AND k.issued_at >= span.s AND k.issued_at < span.e)::int AS "redCards",
              (SELECT count(*) FROM events ev JOIN owned x ON x.id = ev.case_id WHERE x.unit_id = o.unit_id AND ev.action = 'fail' AND ev.at >= span.s AND ev.at < span.e)::int AS rework
         FROM owned o, span
        GROUP BY o.unit_id, span.s, span.e`,
      [start, end],
    )
  ).rows;
  const units = await orgUnits(db);
  const rollUp = (id: string) => rollUpUnit(units, id, level);
  const sums = new Map<string, Omit<UnitWeek, 'name' | 'kind' | 'onTimeRate' | 'rank' | 'flag'>>();
  for (const r of rows) {
    const key = rollUp(r.unitId);
    const s = sums.get(key) ?? { unitId: key, cases: 0, closed: 0, closedOnTime: 0, overdue: 0, redCards: 0, rework: 0 };
    for (const k of ['cases', 'closed', 'closedOnTime', 'overdue', 'redCards', 'rework'] as const) s[k] += r[k];
    sums.set(key, s);
  }
  const ranked = [...sums.values()]
    .map((s) => ({ ...s, name: units.get(s.unitId)?.name ?? s.unitId, kind: units.get(s.unitId)?.kind ?? '', onTimeRate: s.cases > 0 ? s.closedOnTime / s.cases : 0 }))
    .sort((a, b) => b.onTimeRate - a.onTimeRate || a.overdue - b.overdue || a.redCards - b.redCards || a.rework - b.rework || a.unitId.localeCompare(b.unitId));
  const n = ranked.length;
  // with few units each flag goes to at most half of them: a red flag is in the top half, a black one in the bottom
  const redCount = Math.min(flags.red, Math.ceil(n / 2));
  const blackCount = Math.min(flags.black, Math.floor(n / 2));
  const red = new Set(ranked.slice(0, redCount).filter(earnsRedFlag));
  const black = new Set(ranked.slice(n - blackCount).filter(earnsBlackFlag));
  return {
    week,
    start: new Date(start).toISOString(),
    end: new Date(end).toISOString(),
    flags,
    rows: ranked.map((r, i) => ({ ...r, rank: i + 1, flag: red.has(r) ? 'red' : black.has(r) ? 'black' : null })),
  };
}

type Figures = Pick<UnitWeek, 'closedOnTime' | 'overdue' | 'redCards' | 'rework'>;

/** A red flag is earned, not left over: something closed on time and nothing overdue or red-carded that week. */
export const earnsRedFlag = (r: Figures): boolean => r.closedOnTime > 0 && r.overdue === 0 && r.redCards === 0;

/** A black flag names a failure: a case overdue, a red card or a rework — never a unit merely ranked last. */
export const earnsBlackFlag = (r: Figures): boolean => r.overdue > 0 || r.redCards > 0 || r.rework > 0;
