/**
 * The campaign's weeks on the browser side: ISO weeks of the Beijing calendar (UTC+8), like the server's weekly
 * ranking (server/cases/weekly_ranking.ts isoWeekOf, which the tests compare against).
 */
const BEIJING_OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;

/** e.g. "2026-W48" for an instant in ms */
export function campaignWeek(ms: number): string {
  const local = new Date(ms + BEIJING_OFFSET_MS);
  const dayOfWeek = local.getUTCDay() || 7;
  const thursday = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate()) + (4 - dayOfWeek) * DAY_MS;
  const year = new Date(thursday).getUTCFullYear();
  const week = Math.floor((thursday - Date.UTC(year, 0, 1)) / DAY_MS / 7) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** the week before, for a filter's "last week" */
export const previousWeek = (ms: number): string => campaignWeek(ms - 7 * DAY_MS);
