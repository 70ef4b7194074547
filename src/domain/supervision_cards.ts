/**
 * Supervision cards (白/黄/红三色督办卡): a white card at 立案 with the category's deadline; a lapsed white card
 * becomes yellow (a shorter deadline, escalated to the street or district), a lapsed yellow card red (district
 * leadership; it counts against the unit). Deadlines per category are data (the server's categories table).
 */
import type { CaseState } from './case_flow';

export const CARD_COLOURS = ['white', 'yellow', 'red'] as const;
export type CardColour = (typeof CARD_COLOURS)[number];

export const CARD_NAMES: Record<CardColour, { zh: string; en: string; escalatedTo: { zh: string; en: string } }> = {
  white: { zh: '白色督办卡', en: 'white card', escalatedTo: { zh: '责任单位', en: 'the responsible unit' } },
  yellow: { zh: '黄色督办卡', en: 'yellow card', escalatedTo: { zh: '街道/区分管领导', en: 'the street or district in charge' } },
  red: { zh: '红色督办卡', en: 'red card', escalatedTo: { zh: '区主要领导', en: 'district leadership' } },
};

/** Hours each card gives the unit, per problem category. */
export interface CardPolicy { whiteHours: number; yellowHours: number; redHours: number }

export interface Card { colour: CardColour; issuedAt: number; deadline: number }

const HOUR_MS = 3_600_000;

/** The white card a case gets when it is registered at `at` (ms since the epoch). */
export function whiteCard(policy: CardPolicy, at: number): Card {
  return { colour: 'white', issuedAt: at, deadline: at + policy.whiteHours * HOUR_MS };
}

/** States in which the unit still owes the fix, so a lapsed deadline escalates the card. */
export const OWED_STATES: readonly CaseState[] = ['registered', 'dispatched'];
const OWED = OWED_STATES;

/**
 * The card that replaces `card` at `now`, or null while it still runs (or the unit has reported the fix, or the
 * card is red already: a lapsed red card stays red and counts as overdue). The new card's deadline runs from the
 * old one's lapse, so a late scheduler run does not give the unit extra time.
 */
export function escalation(card: Card, state: CaseState, policy: CardPolicy, now: number): Card | null {
  if (!OWED.includes(state) || now < card.deadline || card.colour === 'red') return null;
  const colour: CardColour = card.colour === 'white' ? 'yellow' : 'red';
  return { colour, issuedAt: card.deadline, deadline: card.deadline + (colour === 'yellow' ? policy.yellowHours : policy.redHours) * HOUR_MS };
}

/** A card is overdue when its deadline has passed while the fix is still owed. */
export const isOverdue = (card: Card, state: CaseState, now: number): boolean => OWED.includes(state) && now >= card.deadline;
