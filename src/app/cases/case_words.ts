/** Names of what happens to a case, for timelines and the wall's ticker: the transition table's, plus photos and escalations. */
import { CASE_STATE_NAMES, TRANSITIONS, type CaseState } from '../../domain/case_flow';
import { CARD_NAMES, type CardColour } from '../../domain/supervision_cards';
import { t, type Lang } from '../../i18n/strings';

export function actionName(lang: Lang, action: string): string {
  const transition = TRANSITIONS.find((x) => x.action === action);
  if (transition) return action === 'report' ? transition[lang] : transition[lang].replace(/（.*）|\s*\(.*\)/, '');
  if (action === 'photo') return t(lang, 'eventPhoto');
  if (action === 'escalate' || action === 'card') return t(lang, 'eventEscalate');
  return action;
}

export const stateName = (lang: Lang, state: string): string => CASE_STATE_NAMES[state as CaseState]?.[lang] ?? state;
export const cardName = (lang: Lang, colour: string): string => CARD_NAMES[colour as CardColour]?.[lang] ?? t(lang, 'caseNoCard');

/**
 * One formatter per language and form: `toLocaleString` with options builds a new Intl.DateTimeFormat on every
 * call (a fraction of a millisecond each), which a list of rows pays on every filter click.
 */
const timeFormats = new Map<string, Intl.DateTimeFormat>();

/** a time in the user's language, Beijing time (the campaign's clock) */
export function timeText(lang: Lang, iso: string, withDate = true): string {
  const key = `${lang}:${withDate}`;
  let format = timeFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(lang === 'zh' ? 'zh-CN' : 'en-GB', { timeZone: 'Asia/Shanghai', hour12: false, hour: '2-digit', minute: '2-digit', ...(withDate ? { month: '2-digit', day: '2-digit' } : {}) });
    timeFormats.set(key, format);
  }
  return format.format(new Date(iso));
}

/** "2 d 3 h left" or "overdue 5 h", from a deadline */
export function deadlineText(lang: Lang, deadline: string, now: number): string {
  const ms = Date.parse(deadline) - now;
  const hours = Math.floor(Math.abs(ms) / 3_600_000);
  const span = hours >= 24 ? t(lang, 'spanDaysHours', { d: Math.floor(hours / 24), h: hours % 24 }) : t(lang, 'spanHours', { h: hours });
  return t(lang, ms >= 0 ? 'deadlineLeft' : 'deadlineOverdue', { span });
}
