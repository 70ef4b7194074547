/**
 * ISO 8601 weeks ('2026-W48') on the Beijing clock, the campaign's week (一周一通报): one implementation for the
 * server's rankings and bulletin and the browser's week picker.
 */
import { BEIJING_OFFSET_MS } from './campaign_clock';

/** one week, ms */
export const WEEK_MS = 7 * 86_400_000;

/** 'YYYY-Www' → its start and end, ms since the epoch; null when malformed */
export function isoWeekRange(week: string): { start: number; end: number } | null {
  const match = /^(\d{4})-W(\d{2})$/.exec(week);
  const year = Number(match?.[1]);
  const number = Number(match?.[2]);
  if (!match || number < 1 || number > 53) return null;
  // ISO week 1 holds 4 January; weeks start on Monday
  const jan4 = Date.UTC(year, 0, 4);
  const mondayOfWeek1 = jan4 - ((new Date(jan4).getUTCDay() + 6) % 7) * 86_400_000;
  const start = mondayOfWeek1 + (number - 1) * WEEK_MS - BEIJING_OFFSET_MS;
  // week 53 exists only in years that have it: 2025-W53 would be 2026-W01 under another name
  if (isoWeekOf(start) !== week) return null;
  return { start, end: start + WEEK_MS };
}

/** The ISO week a moment falls in, on the Beijing clock. */
export function isoWeekOf(ms: number): string {
  const local = new Date(ms + BEIJING_OFFSET_MS);
  // the Thursday of the same ISO week decides the year
  const thursday = new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate() + 4 - (local.getUTCDay() || 7)));
  const yearStart = Date.UTC(thursday.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((thursday.getTime() - yearStart) / 86_400_000 + 1) / 7);
  return `${thursday.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}

/** The week `n` weeks after (negative: before) a well-formed week. */
export function shiftWeek(week: string, n: number): string {
  const range = isoWeekRange(week);
  if (!range) throw new Error(`not an ISO week: "${week}"`);
  return isoWeekOf(range.start + n * WEEK_MS + WEEK_MS / 2);
}
