/**
 * The case rules as SQL, each written once for the ranking, the bulletin, the snapshots and the escalation:
 * which states still owe the fix, what closing on time means, and what counts as overdue at a moment.
 *
 * `c` is the alias of a row of cases; `t` an SQL expression of a timestamptz.
 */
import { OWED_STATES } from '../../src/domain/supervision_cards';

/** the owed states as an SQL list, from src/domain/supervision_cards.ts: `state IN (${OWED_STATES_SQL})` */
export const OWED_STATES_SQL = OWED_STATES.map((s) => `'${s}'`).join(', ');

/** Closed on time: no card beyond the white one was issued before the case closed (closed before the first card lapsed). */
export const closedOnTimeSql = (c: string): string =>
  `NOT EXISTS (SELECT 1 FROM cards k WHERE k.case_id = ${c}.id AND k.colour <> 'white' AND k.issued_at < ${c}.closed_at)`;

/**
 * Overdue at the instant `t`, from the record as it stood then — a later closure does not change a past week:
 * the case existed and was open at `t` (created before, not closed before, not voided), its state at `t` as the
 * event log records it (when it does) still owed the fix, and the card in force at `t` (the latest issued
 * before `t`) had its deadline before `t`.
 */
export const overdueAtSql = (c: string, t: string): string =>
  `(${c}.state <> 'voided' AND ${c}.created_at < ${t} AND (${c}.closed_at IS NULL OR ${c}.closed_at >= ${t})
    AND COALESCE((SELECT ev.to_state IN (${OWED_STATES_SQL}) FROM events ev WHERE ev.case_id = ${c}.id AND ev.to_state IS NOT NULL AND ev.at < ${t} ORDER BY ev.at DESC, ev.id DESC LIMIT 1), true)
    AND COALESCE((SELECT k.deadline < ${t} FROM cards k WHERE k.case_id = ${c}.id AND k.issued_at < ${t} ORDER BY k.issued_at DESC, k.id DESC LIMIT 1), false))`;

/** The moment a week's overdue count is taken ($2: the week's end, ms): its end, or now while the week runs — a deadline not yet reached is not overdue. */
export const WEEK_OVERDUE_AT_SQL = 'LEAST(to_timestamp($2 / 1000.0), now())';
