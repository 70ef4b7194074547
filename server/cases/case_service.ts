/**
 * The case loop on the database. Every change is one transaction: the row (with an optimistic version check),
 * the event that records it, and a NOTIFY that fans the event out to every server process after commit. Who may
 * do what comes from the transition table in src/domain/case_flow.ts, shared with the browser.
 */
import { checkTransition, isRefusal, OPEN_STATES, VOID_REASONS, type CaseAction, type CaseState } from '../../src/domain/case_flow';
import { whiteCard } from '../../src/domain/supervision_cards';
import type { SessionUser } from '../auth/sessions';
import type { Database, Queryable } from '../db/database';
import { HttpError } from '../http_error';

export const EVENTS_CHANNEL = 'case_events';
/** metres: an open case of the same category this close is offered as a duplicate */
export const DUPLICATE_RADIUS_M = 50;

export interface CaseRow {
  id: number;
  cityId: string;
  categoryId: string;
  state: CaseState;
  version: number;
  title: string;
  description: string;
  lon: number;
  lat: number;
  gridCode: string | null;
  gridUnitId: string | null;
  unitId: string | null;
  reporterId: number | null;
  source: string;
  analysis: unknown;
  reworkCount: number;
  voidReason: string | null;
  duplicateOf: number | null;
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
  card: { colour: string; deadline: string } | null;
}

const CASE_SELECT = `
  SELECT c.id, c.city_id AS "cityId", c.category_id AS "categoryId", c.state, c.version, c.title, c.description,
         ST_X(c.geom) AS lon, ST_Y(c.geom) AS lat, c.grid_code AS "gridCode", c.grid_unit_id AS "gridUnitId",
         c.unit_id AS "unitId", c.reporter_id AS "reporterId", c.source, c.analysis, c.rework_count AS "reworkCount",
         c.void_reason AS "voidReason", c.duplicate_of AS "duplicateOf",
         to_char(c.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "createdAt",
         to_char(c.updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "updatedAt",
         to_char(c.closed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "closedAt",
         (SELECT json_build_object('colour', k.colour, 'deadline', to_char(k.deadline AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))
            FROM cards k WHERE k.case_id = c.id AND k.active) AS card
    FROM cases c`;

/** where a case came from: the atlas (with its figures), a report, an inspection, an Open311 client */
export const CASE_SOURCES = ['atlas_gap_street', 'atlas_compound', 'atlas_mock_item', 'atlas_grid', 'report', 'inspection', 'open311'] as const;
export type CaseSource = (typeof CASE_SOURCES)[number];

export interface NewCase {
  cityId: string;
  categoryId: string;
  title: string;
  description?: string;
  lon: number;
  lat: number;
  source: CaseSource;
  analysis?: unknown;
  /** the reporter saw the offered duplicates and files anyway */
  notDuplicate?: boolean;
  /** an offline client's id for the submission: the same uuid twice files one case */
  clientUuid?: string;
}

export interface ActionInput {
  action: CaseAction;
  /** the version the actor saw; a stale one is refused (409) */
  version: number;
  note?: string;
  unitId?: string;
  deadline?: string;
  voidReason?: string;
  duplicateOf?: number;
}

export async function insertEvent(tx: Queryable, e: { caseId: number; actorId: number | null; action: string; from: CaseState | null; to: CaseState | null; note?: string; data?: unknown }): Promise<number> {
  const [{ id }] = (await tx.query<{ id: number }>('INSERT INTO events (case_id, actor_id, action, from_state, to_state, note, data) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id', [e.caseId, e.actorId, e.action, e.from, e.to, e.note ?? '', e.data === undefined ? null : JSON.stringify(e.data)])).rows;
  await tx.query('SELECT pg_notify($1, $2)', [EVENTS_CHANNEL, String(id)]);
  return id;
}

export async function getCase(db: Queryable, id: number): Promise<CaseRow | null> {
  const [row] = (await db.query<CaseRow>(`${CASE_SELECT} WHERE c.id = $1`, [id])).rows;
  return row ?? null;
}

/** A handler sees its own unit's cases (dispatched to it, or in its grids); every other role sees all. */
export function visibleTo(user: SessionUser, c: Pick<CaseRow, 'unitId' | 'gridUnitId'>): boolean {
  return user.role !== 'handler' || (user.unitId !== null && (c.unitId === user.unitId || c.gridUnitId === user.unitId));
}

export async function listCases(db: Queryable, user: SessionUser, filter: { state?: CaseState; categoryId?: string; unitId?: string; gridCode?: string; cityId?: string; limit: number }): Promise<CaseRow[]> {
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (sql: string, value: unknown) => {
    params.push(value);
    where.push(sql.replace('?', `$${params.length}`));
  };
  if (filter.state) add('c.state = ?', filter.state);
  if (filter.categoryId) add('c.category_id = ?', filter.categoryId);
  if (filter.unitId) add('c.unit_id = ?', filter.unitId);
  if (filter.gridCode) add('c.grid_code = ?', filter.gridCode);
  if (filter.cityId) add('c.city_id = ?', filter.cityId);
  if (user.role === 'handler') {
    params.push(user.unitId);
    where.push(`(c.unit_id = $${params.length} OR c.grid_unit_id = $${params.length})`);
  }
  params.push(filter.limit);
  return (await db.query<CaseRow>(`${CASE_SELECT} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY c.id DESC LIMIT $${params.length}`, params)).rows;
}

/** Open cases of the category within DUPLICATE_RADIUS_M of the point, nearest first. */
export async function nearbyOpenCases(db: Queryable, input: Pick<NewCase, 'cityId' | 'categoryId' | 'lon' | 'lat'>): Promise<{ id: number; title: string; state: CaseState; distanceM: number }[]> {
  return (
    await db.query<{ id: number; title: string; state: CaseState; distanceM: number }>(
      `SELECT id, title, state, ST_Distance(geom::geography, ST_SetSRID(ST_MakePoint($3, $4), 4326)::geography) AS "distanceM"
         FROM cases
        WHERE city_id = $1 AND category_id = $2 AND state = ANY($6::text[])
          AND ST_DWithin(geom::geography, ST_SetSRID(ST_MakePoint($3, $4), 4326)::geography, $5)
        ORDER BY 4, id`,
      [input.cityId, input.categoryId, input.lon, input.lat, DUPLICATE_RADIUS_M, OPEN_STATES],
    )
  ).rows;
}

/** 上报: the grid and its unit come from the point (PostGIS); a nearby open case of the category is offered first. */
export async function reportCase(db: Database, actor: SessionUser, input: NewCase): Promise<{ created: boolean; case: CaseRow }> {
  const refusal = checkTransition('report', { state: null, unitId: null }, actor);
  if (isRefusal(refusal)) throw new HttpError(refusal.status, refusal.zh, refusal.en);
  return db.transaction(async (tx) => {
    if (input.clientUuid) {
      const [existing] = (await tx.query<{ id: number }>('SELECT id FROM cases WHERE client_uuid = $1', [input.clientUuid])).rows;
      if (existing) return { created: false, case: (await getCase(tx, existing.id))! };
    }
    const [category] = (await tx.query<{ id: string }>('SELECT id FROM categories WHERE id = $1', [input.categoryId])).rows;
    if (!category) throw new HttpError(422, `没有问题类别“${input.categoryId}”`, `there is no problem category "${input.categoryId}"`);
    // ST_Covers, not ST_Contains: grids are bounded by streets, so a case raised on a street (a gap street's
    // 督办) lies on the edge between grids — it goes to the first of them by code, not to none
    const [grid] = (await tx.query<{ code: string; unitId: string | null }>('SELECT code, unit_id AS "unitId" FROM grids WHERE city_id = $1 AND ST_Covers(geom, ST_SetSRID(ST_MakePoint($2, $3), 4326)) ORDER BY code LIMIT 1', [input.cityId, input.lon, input.lat])).rows;
    if (!grid) throw new HttpError(422, `位置 ${input.lon}, ${input.lat} 不在城市“${input.cityId}”的任何网格内`, `the point ${input.lon}, ${input.lat} lies in no grid of city "${input.cityId}"`);
    if (!input.notDuplicate) {
      const nearby = await nearbyOpenCases(tx, input);
      if (nearby.length > 0) {
        throw new HttpError(409, `${DUPLICATE_RADIUS_M} 米内已有同类未结案件 #${nearby[0].id}：请确认不是重复再提交`, `an open case of the same category lies within ${DUPLICATE_RADIUS_M} m (#${nearby[0].id}): confirm it is not a duplicate to file anyway`, { duplicates: nearby });
      }
    }
    const [{ id }] = (
      await tx.query<{ id: number }>(
        `INSERT INTO cases (city_id, category_id, state, title, description, geom, grid_code, grid_unit_id, reporter_id, source, analysis, client_uuid)
         VALUES ($1, $2, 'reported', $3, $4, ST_SetSRID(ST_MakePoint($5, $6), 4326), $7, $8, $9, $10, $11, $12) RETURNING id`,
        [input.cityId, input.categoryId, input.title, input.description ?? '', input.lon, input.lat, grid.code, grid.unitId, actor.id, input.source, input.analysis === undefined ? null : JSON.stringify(input.analysis), input.clientUuid ?? null],
      )
    ).rows;
    await insertEvent(tx, { caseId: id, actorId: actor.id, action: 'report', from: null, to: 'reported', data: { source: input.source } });
    return { created: true, case: (await getCase(tx, id))! };
  });
}

/** One step of the loop, checked against the table, the actor's unit and the version the actor saw. */
export async function applyAction(db: Database, actor: SessionUser, caseId: number, input: ActionInput): Promise<CaseRow> {
  return db.transaction(async (tx) => {
    const [row] = (await tx.query<{ state: CaseState; version: number; unitId: string | null; gridUnitId: string | null; categoryId: string }>('SELECT state, version, unit_id AS "unitId", grid_unit_id AS "gridUnitId", category_id AS "categoryId" FROM cases WHERE id = $1 FOR UPDATE', [caseId])).rows;
    if (!row || !visibleTo(actor, row)) throw new HttpError(404, `没有案件 #${caseId}`, `there is no case #${caseId}`);
    const transition = checkTransition(input.action, row, actor);
    if (isRefusal(transition)) throw new HttpError(transition.status, transition.zh, transition.en);
    if (input.version !== row.version) throw new HttpError(409, `案件 #${caseId} 已被他人更新（版本 ${row.version}，您看到的是 ${input.version}），请刷新后再操作`, `case #${caseId} changed since you loaded it (version ${row.version}, you saw ${input.version}): reload and try again`);
    const note = (input.note ?? '').trim();
    if (transition.needs.includes('note') && !note) throw new HttpError(400, `“${transition.zh}”需要填写说明`, `"${transition.en}" needs a note`);
    if (note.length > 2000) throw new HttpError(400, '说明不能超过 2000 字', 'a note may have at most 2,000 characters');

    const set: string[] = [];
    const params: unknown[] = [caseId];
    const assign = (column: string, value: unknown) => {
      params.push(value);
      set.push(`${column} = $${params.length}`);
    };
    const data: Record<string, unknown> = {};
    switch (input.action) {
      case 'register': {
        const [policy] = (await tx.query<{ whiteHours: number; yellowHours: number; redHours: number }>('SELECT white_hours AS "whiteHours", yellow_hours AS "yellowHours", red_hours AS "redHours" FROM categories WHERE id = $1', [row.categoryId])).rows;
        const card = whiteCard(policy, Date.now());
        await tx.query('INSERT INTO cards (case_id, colour, issued_at, deadline) VALUES ($1, $2, to_timestamp($3 / 1000.0), to_timestamp($4 / 1000.0))', [caseId, card.colour, card.issuedAt, card.deadline]);
        data.card = { colour: card.colour, deadline: new Date(card.deadline).toISOString() };
        break;
      }
      case 'void': {
        if (!(VOID_REASONS as readonly string[]).includes(input.voidReason ?? '')) throw new HttpError(400, `作废理由须为 ${VOID_REASONS.join('、')} 之一`, `a void reason must be one of ${VOID_REASONS.join(', ')}`);
        assign('void_reason', input.voidReason);
        if (input.duplicateOf !== undefined) {
          const [original] = (await tx.query('SELECT id FROM cases WHERE id = $1 AND id <> $2', [input.duplicateOf, caseId])).rows;
          if (!original) throw new HttpError(400, `重复的原案件 #${input.duplicateOf} 不存在`, `the original case #${input.duplicateOf} does not exist`);
          assign('duplicate_of', input.duplicateOf);
        }
        break;
      }
      case 'dispatch': {
        const unitId = input.unitId ?? row.gridUnitId;
        const [unit] = (await tx.query('SELECT id FROM org_units WHERE id = $1', [unitId])).rows;
        if (!unit) throw new HttpError(400, `派遣单位“${unitId ?? ''}”不存在`, `there is no unit "${unitId ?? ''}" to dispatch to`);
        assign('unit_id', unitId);
        data.unitId = unitId;
        break;
      }
      case 'return':
        assign('unit_id', null);
        data.unitId = row.unitId;
        break;
      case 'pass':
        set.push('closed_at = now()');
        await tx.query('UPDATE cards SET active = false WHERE case_id = $1 AND active', [caseId]);
        break;
      case 'fail':
        set.push('rework_count = rework_count + 1');
        break;
      case 'extend': {
        const deadline = Date.parse(input.deadline ?? '');
        if (!Number.isFinite(deadline) || deadline <= Date.now()) throw new HttpError(400, '延期的新期限须是将来的时间（ISO 8601）', 'an extension needs a new deadline in the future (ISO 8601)');
        const [card] = (await tx.query<{ id: number; deadline: string }>(`SELECT id, to_char(deadline AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS deadline FROM cards WHERE case_id = $1 AND active`, [caseId])).rows;
        if (!card) throw new HttpError(409, `案件 #${caseId} 没有在办的督办卡`, `case #${caseId} has no running card to extend`);
        if (deadline <= Date.parse(card.deadline)) throw new HttpError(400, '新期限须晚于原期限', 'the new deadline must be later than the current one');
        await tx.query('UPDATE cards SET deadline = to_timestamp($2 / 1000.0) WHERE id = $1', [card.id, deadline]);
        data.deadline = { from: card.deadline, to: new Date(deadline).toISOString() };
        break;
      }
      default:
        break;
    }
    set.push(`state = '${transition.to}'`, 'version = version + 1', 'updated_at = now()');
    await tx.query(`UPDATE cases SET ${set.join(', ')} WHERE id = $1`, params);
    await insertEvent(tx, { caseId, actorId: actor.id, action: input.action, from: row.state, to: transition.to, note, data: Object.keys(data).length ? data : undefined });
    return (await getCase(tx, caseId))!;
  });
}

export interface EventRow { id: number; caseId: number | null; actorId: number | null; actor: string | null; action: string; from: CaseState | null; to: CaseState | null; note: string; data: unknown; at: string }

const EVENT_SELECT = `
  SELECT e.id, e.case_id AS "caseId", e.actor_id AS "actorId", u.display_name AS actor, e.action, e.from_state AS "from",
         e.to_state AS "to", e.note, e.data, to_char(e.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS at
    FROM events e LEFT JOIN users u ON u.id = e.actor_id`;

export async function caseEvents(db: Queryable, caseId: number): Promise<EventRow[]> {
  return (await db.query<EventRow>(`${EVENT_SELECT} WHERE e.case_id = $1 ORDER BY e.id`, [caseId])).rows;
}

/** Events after `afterId`, oldest first: the SSE replay from Last-Event-ID. */
export async function eventsAfter(db: Queryable, afterId: number, limit = 500): Promise<EventRow[]> {
  return (await db.query<EventRow>(`${EVENT_SELECT} WHERE e.id > $1 ORDER BY e.id LIMIT $2`, [afterId, limit])).rows;
}
