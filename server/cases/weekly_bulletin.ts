/**
 * The weekly bulletin (一周通报) of one ISO week on the Beijing clock: the week's figures, the ranking with its
 * red and black flags at each level (weekly_ranking.ts, the one source of flags), every case open at some moment
 * of the week with what it did that week, and the on-time closure of the weeks before.
 *
 * A case belongs to the week when it was created before the week's end, not closed before its start, and not
 * voided — the same rule as the ranking and the case ledger, so the three never disagree.
 */
import type { Queryable } from '../db/database';
import { WEEK_MS } from '../../src/domain/iso_week';
import { closedOnTimeSql, overdueAtSql, WEEK_OVERDUE_AT_SQL } from './case_rules_sql';
import { isoWeekOf, orgUnits, rollUpUnit, weekRange, weeklyRanking, type UnitWeek } from './weekly_ranking';

/** weeks of on-time closure shown before and including the bulletin's own */
export const TREND_WEEKS = 8;

export interface BulletinCase {
  id: number;
  title: string;
  categoryId: string;
  category: string;
  state: string;
  unitId: string | null;
  unitName: string | null;
  /** the unit of the case's grid (a handler of it sees the case) */
  gridUnitId: string | null;
  gridCode: string | null;
  lon: number;
  lat: number;
  createdAt: string;
  closedAt: string | null;
  /** reported during the week */
  isNew: boolean;
  closedInWeek: boolean;
  /** closed during the week before any card lapsed */
  closedOnTime: boolean;
  /** still owed by its unit past the deadline at the week's end, as the record stood then (the ranking's rule, overdueAtSql) */
  overdue: boolean;
  /** the rows of the street and district rankings the case counts in (null before dispatch) */
  streetUnitId: string | null;
  districtUnitId: string | null;
}

export interface BulletinKpis {
  /** cases of the week: open at some moment of it */
  cases: number;
  reported: number;
  closed: number;
  closedOnTime: number;
  /** closed on time ÷ closed; 0 when nothing closed */
  onTimeRate: number;
  overdue: number;
  redCards: number;
  rework: number;
}

export interface UnitBulletinRow extends UnitWeek {
  /** cases dispatched to the unit that were reported this week */
  reported: number;
}

export interface TrendWeek { week: string; closed: number; closedOnTime: number; onTimeRate: number | null }

export interface WeeklyBulletin {
  week: string;
  start: string;
  end: string;
  flags: { red: number; black: number };
  kpis: BulletinKpis;
  units: UnitBulletinRow[];
  streets: UnitWeek[];
  districts: UnitWeek[];
  cases: BulletinCase[];
  trend: TrendWeek[];
}

export async function weeklyBulletin(db: Queryable, week: string): Promise<WeeklyBulletin> {
  const { start, end } = weekRange(week);
  const cases = (
    await db.query<BulletinCase>(
      `WITH span AS (SELECT to_timestamp($1 / 1000.0) AS s, to_timestamp($2 / 1000.0) AS e, ${WEEK_OVERDUE_AT_SQL} AS t)
       SELECT c.id, c.title, c.category_id AS "categoryId", g.name_zh AS category, c.state, c.unit_id AS "unitId", u.name AS "unitName", c.grid_unit_id AS "gridUnitId",
              c.grid_code AS "gridCode", ST_X(c.geom) AS lon, ST_Y(c.geom) AS lat,
              to_char(c.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "createdAt",
              to_char(c.closed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "closedAt",
              c.created_at >= span.s AS "isNew",
              COALESCE(c.closed_at >= span.s AND c.closed_at < span.e, false) AS "closedInWeek",
              COALESCE(c.closed_at >= span.s AND c.closed_at < span.e, false) AND ${closedOnTimeSql('c')} AS "closedOnTime",
              c.unit_id IS NOT NULL AND ${overdueAtSql('c', 'span.t')} AS overdue
         FROM cases c CROSS JOIN span JOIN categories g ON g.id = c.category_id
         LEFT JOIN org_units u ON u.id = c.unit_id
        WHERE c.created_at < span.e AND (c.closed_at IS NULL OR c.closed_at >= span.s) AND c.state <> 'voided'
        ORDER BY c.id`,
      [start, end],
    )
  ).rows;
  const units = await orgUnits(db);
  for (const c of cases) {
    c.streetUnitId = c.unitId && rollUpUnit(units, c.unitId, 'street');
    c.districtUnitId = c.unitId && rollUpUnit(units, c.unitId, 'district');
  }
  const [extra] = (
    await db.query<{ redCards: number; rework: number }>(
      `WITH span AS (SELECT to_timestamp($1 / 1000.0) AS s, to_timestamp($2 / 1000.0) AS e)
       SELECT (SELECT count(*) FROM cards k JOIN cases c ON c.id = k.case_id WHERE c.state <> 'voided' AND k.colour = 'red' AND k.issued_at >= span.s AND k.issued_at < span.e)::int AS "redCards",
              (SELECT count(*) FROM events ev JOIN cases c ON c.id = ev.case_id WHERE c.state <> 'voided' AND ev.action = 'fail' AND ev.at >= span.s AND ev.at < span.e)::int AS rework
         FROM span`,
      [start, end],
    )
  ).rows;
  const closed = cases.filter((c) => c.closedInWeek).length;
  const closedOnTime = cases.filter((c) => c.closedOnTime).length;
  const kpis: BulletinKpis = {
    cases: cases.length,
    reported: cases.filter((c) => c.isNew).length,
    closed,
    closedOnTime,
    onTimeRate: closed > 0 ? closedOnTime / closed : 0,
    overdue: cases.filter((c) => c.overdue).length,
    ...extra,
  };
  const [unit, street, district] = await Promise.all((['unit', 'street', 'district'] as const).map((level) => weeklyRanking(db, week, level)));
  const reportedByUnit = new Map<string, number>();
  for (const c of cases) if (c.isNew && c.unitId) reportedByUnit.set(c.unitId, (reportedByUnit.get(c.unitId) ?? 0) + 1);
  return {
    week,
    start: unit.start,
    end: unit.end,
    flags: unit.flags,
    kpis,
    units: unit.rows.map((r) => ({ ...r, reported: reportedByUnit.get(r.unitId) ?? 0 })),
    streets: street.rows,
    districts: district.rows,
    cases,
    trend: await onTimeTrend(db, end),
  };
}

/** Closures and on-time closures of the TREND_WEEKS weeks ending at `end` (ms), oldest first. */
export async function onTimeTrend(db: Queryable, end: number): Promise<TrendWeek[]> {
  const first = end - TREND_WEEKS * WEEK_MS;
  const rows = (
    await db.query<{ i: number; closed: number; closedOnTime: number }>(
      `SELECT floor((extract(epoch FROM c.closed_at) * 1000 - $1) / $3)::int AS i, count(*)::int AS closed,
              count(*) FILTER (WHERE ${closedOnTimeSql('c')})::int AS "closedOnTime"
         FROM cases c WHERE c.closed_at >= to_timestamp($1 / 1000.0) AND c.closed_at < to_timestamp($2 / 1000.0) AND c.state <> 'voided'
        GROUP BY 1`,
      [first, end, WEEK_MS],
    )
  ).rows;
  return Array.from({ length: TREND_WEEKS }, (_, i) => {
    const row = rows.find((r) => r.i === i);
    const closed = row?.closed ?? 0;
    const closedOnTime = row?.closedOnTime ?? 0;
    // the middle of the week names it, whatever the clock's offset
    return { week: isoWeekOf(first + i * WEEK_MS + WEEK_MS / 2), closed, closedOnTime, onTimeRate: closed > 0 ? closedOnTime / closed : null };
  });
}
