/**
 * The campaign's clock: days and weeks are Beijing calendar days and ISO weeks (UTC+8, no summer time), whatever
 * the server's own time zone.
 */
export const BEIJING_OFFSET_MS = 8 * 3_600_000;

/** a day (yyyy-mm-dd) on the Beijing calendar */
export const beijingDay = (ms = Date.now()): string => new Date(ms + BEIJING_OFFSET_MS).toISOString().slice(0, 10);
