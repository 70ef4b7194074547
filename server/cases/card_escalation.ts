/**
 * The card scheduler's one step: every running card whose deadline has passed while the fix is still owed is
 * replaced by the next colour (src/domain/supervision_cards.ts). Each card is switched off by a compare-and-set
 * (`UPDATE … WHERE active`) in the same transaction as its successor and its event, so two server processes, a
 * retry after a crash, or `npm run cards:tick` beside the scheduler escalate each card exactly once.
 */
import type { CaseState } from '../../src/domain/case_flow';
import { escalation, type Card, type CardColour } from '../../src/domain/supervision_cards';
import type { Database } from '../db/database';
import { EVENTS_CHANNEL } from './case_service';
import { OWED_STATES_SQL } from './case_rules_sql';

interface DueCard { id: number; caseId: number; colour: CardColour; issuedAt: number; deadline: number; state: CaseState; whiteHours: number; yellowHours: number; redHours: number }

export async function escalateDueCards(db: Database, now = Date.now()): Promise<{ escalated: number }> {
  const due = (
    await db.query<DueCard>(
      `SELECT k.id, k.case_id AS "caseId", k.colour, (extract(epoch FROM k.issued_at) * 1000)::float8 AS "issuedAt",
              (extract(epoch FROM k.deadline) * 1000)::float8 AS deadline, c.state,
              g.white_hours AS "whiteHours", g.yellow_hours AS "yellowHours", g.red_hours AS "redHours"
         FROM cards k JOIN cases c ON c.id = k.case_id JOIN categories g ON g.id = c.category_id
        WHERE k.active AND k.colour <> 'red' AND k.deadline <= to_timestamp($1 / 1000.0) AND c.state IN (${OWED_STATES_SQL})
        ORDER BY k.deadline, k.id`,
      [now],
    )
  ).rows;
  let escalated = 0;
  for (const card of due) {
    const current: Card = { colour: card.colour, issuedAt: card.issuedAt, deadline: card.deadline };
    const next = escalation(current, card.state, card, now);
    if (!next) continue;
    const done = await db.transaction(async (tx) => {
      const switched = (await tx.query('UPDATE cards SET active = false WHERE id = $1 AND active RETURNING id', [card.id])).rows;
      if (switched.length === 0) return false; // another process got there first
      await tx.query('INSERT INTO cards (case_id, colour, issued_at, deadline) VALUES ($1, $2, to_timestamp($3 / 1000.0), to_timestamp($4 / 1000.0))', [card.caseId, next.colour, next.issuedAt, next.deadline]);
      const [{ id }] = (
        await tx.query<{ id: number }>('INSERT INTO events (case_id, actor_id, action, from_state, to_state, data) VALUES ($1, NULL, $2, $3, $3, $4) RETURNING id', [card.caseId, 'escalate', card.state, JSON.stringify({ from: card.colour, to: next.colour, deadline: new Date(next.deadline).toISOString() })])
      ).rows;
      await tx.query('SELECT pg_notify($1, $2)', [EVENTS_CHANNEL, String(id)]);
      return true;
    });
    if (done) escalated++;
  }
  return { escalated };
}
