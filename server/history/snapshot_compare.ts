/**
 * Two days side by side (before / after) at one level, and the campaign's calendar (plan phases, milestones,
 * the days that have snapshots) for the trend charts. Read-only: the snapshots are written by snapshots.ts.
 */
import { campaignPhases, type CampaignPhase } from '../../src/domain/campaign_plan';
import type { Queryable } from '../db/database';
import { referenceData } from '../db/reference_data';
import { HttpError } from '../http_error';
import type { ComparedRow } from '../../src/history/snapshot_change';
import { endOfDay, type SnapshotLevel } from './snapshots';

export type { ComparedRow };

/** Every key of the level with its figures on `from` and on `to` (null where that day has no row for it). */
export async function compareSnapshots(db: Queryable, cityId: string, level: SnapshotLevel, from: string, to: string): Promise<ComparedRow[]> {
  endOfDay(from);
  endOfDay(to);
  const days = (await db.query<{ day: string }>(`SELECT DISTINCT to_char(day, 'YYYY-MM-DD') AS day FROM kpi_snapshots WHERE city_id = $1 AND day IN ($2::date, $3::date)`, [cityId, from, to])).rows.map((r) => r.day);
  for (const day of [from, to]) if (!days.includes(day)) throw new HttpError(404, `城市“${cityId}”在 ${day} 没有快照：请选择有快照的日期`, `city "${cityId}" has no snapshot on ${day}: pick a day that has one`);
  return (
    await db.query<ComparedRow>(
      `SELECT COALESCE(a.key, b.key) AS key, COALESCE(b.name, a.name) AS name, a.figures AS before, b.figures AS after
         FROM (SELECT key, name, figures FROM kpi_snapshots WHERE city_id = $1 AND level = $2 AND day = $3::date) a
         FULL JOIN (SELECT key, name, figures FROM kpi_snapshots WHERE city_id = $1 AND level = $2 AND day = $4::date) b ON a.key = b.key
        ORDER BY 1`,
      [cityId, level, from, to],
    )
  ).rows;
}

export interface CampaignCalendar { start: string; phases: CampaignPhase[]; milestones: { day: string; label: string }[]; days: string[] }

/** The plan's phases from reference.json's start, the frozen milestones and the days with a snapshot. */
export async function campaignCalendar(db: Queryable, cityId: string): Promise<CampaignCalendar> {
  const { start } = referenceData().campaign;
  const milestones = (await db.query<{ day: string; label: string }>(`SELECT to_char(day, 'YYYY-MM-DD') AS day, label FROM milestones WHERE city_id = $1 ORDER BY day`, [cityId])).rows;
  const days = (await db.query<{ day: string }>(`SELECT DISTINCT to_char(day, 'YYYY-MM-DD') AS day FROM kpi_snapshots WHERE city_id = $1 AND level = 'city' ORDER BY 1`, [cityId])).rows.map((r) => r.day);
  return { start, phases: campaignPhases(start), milestones, days };
}
