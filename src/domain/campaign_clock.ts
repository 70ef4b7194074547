/**
 * The campaign's clock: days and weeks are Beijing calendar days and ISO weeks (UTC+8, no summer time), whatever
 * the server's or the browser's own time zone. Shared by the browser and the server (no node imports).
 */
export const BEIJING_OFFSET_MS = 8 * 3_600_000;

/** a day (yyyy-mm-dd) on the Beijing calendar */
export const beijingDay = (ms = Date.now()): string => new Date(ms + BEIJING_OFFSET_MS).toISOString().slice(0, 10);

/** true when `day` is a real calendar day written yyyy-mm-dd (2026-02-30 is not: it does not round-trip) */
export function isCalendarDay(day: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return false;
  const ms = Date.parse(`${day}T00:00:00Z`);
  return Number.isFinite(ms) && new Date(ms).toISOString().slice(0, 10) === day;
}
