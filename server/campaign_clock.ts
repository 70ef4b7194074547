/**
 * The campaign's clock on the server: src/domain/campaign_clock.ts (shared with the browser) and the one check of
 * a day parameter.
 */
import { isCalendarDay } from '../src/domain/campaign_clock';
import { HttpError } from './http_error';

export { BEIJING_OFFSET_MS, beijingDay, isCalendarDay } from '../src/domain/campaign_clock';

/** A day parameter (yyyy-mm-dd, a real calendar day) or a 400 with a sentence: every route's day goes through here. */
export function checkDay(day: string): string {
  if (!isCalendarDay(day)) throw new HttpError(400, `日期须是写作 yyyy-mm-dd 的真实日期（收到“${day}”）`, `a day is a real calendar day written yyyy-mm-dd (got "${day}")`);
  return day;
}
