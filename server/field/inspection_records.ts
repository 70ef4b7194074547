/**
 * An inspector's record of one drawn place: every checklist item of the place's type passed, failed or not
 * applicable, with photos (a failure needs one). Scored when it arrives, with the weights of the data file
 * (src/domain/field_checklists.json); every failure opens a case for the place's grid with a white card
 * (上报 → 立案 → 派遣 to the grid's unit, one event each). Record, results, cases, cards and photos are one
 * transaction; the phone's UUID for the record makes a resend return the first answer.
 */
import { whiteCard } from '../../src/domain/supervision_cards';
import { addResult, checklistFor, emptyTally, ITEM_RESULTS, tallyScore, type ChecklistItem, type DrawPlace, type ItemResult } from '../../src/domain/field_checklists';
import type { SessionUser } from '../auth/sessions';
import { insertEvent } from '../cases/case_service';
import type { Database, Queryable } from '../db/database';
import { HttpError } from '../http_error';
import { insertCasePhoto, inspectImage, storeImage, type ImageFacts } from '../photos';
import { isUniqueViolation } from './citizen_reports';
import { getDraw, type Draw } from './inspection_draws';
import { isIsoTimestamp, UUID, type Form } from './multipart_form';
import { beijingDay } from '../campaign_clock';

export interface RecordInput {
  clientUuid: string;
  drawId: number;
  placeKey: string;
  /** when the inspector recorded it on the phone (ISO 8601) */
  recordedAt: string;
  /** the signed-in user the phone queued it under: a shared phone must not send one inspector's record as another's */
  inspectorId?: number;
  results: { itemId: string; result: ItemResult }[];
}

export interface RecordReceipt { recordId: number; placeKey: string; score: number | null; passed: number; failed: number; notApplicable: number; caseIds: number[] }

/** The record from the form's `record` field (JSON); photos are files whose field name is the item id. */
export function recordInput(form: Form): RecordInput {
  let parsed: unknown;
  try {
    parsed = JSON.parse(form.fields.record ?? '');
  } catch {
    throw new HttpError(400, '检查记录须为 JSON', 'the record must be JSON');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new HttpError(400, '检查记录须为 JSON 对象', 'the record must be a JSON object');
  const raw = parsed as Partial<RecordInput>;
  if (typeof raw.clientUuid !== 'string' || !UUID.test(raw.clientUuid)) throw new HttpError(400, '检查记录缺少有效的 clientUuid', 'the record needs a valid clientUuid');
  if (!Number.isInteger(raw.drawId) || (raw.drawId as number) < 1) throw new HttpError(400, '检查记录缺少抽查批次 drawId', 'the record needs its drawId');
  if (typeof raw.placeKey !== 'string' || raw.placeKey.length > 200) throw new HttpError(400, '检查记录缺少点位 placeKey', 'the record needs its placeKey');
  if (typeof raw.recordedAt !== 'string' || !isIsoTimestamp(raw.recordedAt)) throw new HttpError(400, '检查记录缺少记录时间 recordedAt', 'the record needs recordedAt (ISO 8601)');
  if (!Array.isArray(raw.results) || raw.results.some((r) => typeof r?.itemId !== 'string' || !ITEM_RESULTS.includes(r.result))) throw new HttpError(400, '每个检查项须为 pass、fail 或 na', 'each item result must be pass, fail or na');
  if (raw.inspectorId !== undefined && (!Number.isInteger(raw.inspectorId) || raw.inspectorId < 1)) throw new HttpError(400, '检查记录的检查员编号无效', 'the record\'s inspectorId is not valid');
  return { clientUuid: raw.clientUuid.toLowerCase(), drawId: raw.drawId as number, placeKey: raw.placeKey, recordedAt: raw.recordedAt, results: raw.results, ...(raw.inspectorId !== undefined ? { inspectorId: raw.inspectorId } : {}) };
}

async function receiptOf(db: Queryable, where: string, param: unknown): Promise<RecordReceipt | null> {
  const [record] = (await db.query<{ id: number; placeKey: string }>(`SELECT id, place_key AS "placeKey" FROM inspection_records WHERE ${where} = $1`, [param])).rows;
  if (!record) return null;
  const results = (await db.query<{ weight: number; result: ItemResult; caseId: number | null }>('SELECT weight, result, case_id AS "caseId" FROM inspection_results WHERE record_id = $1 ORDER BY item_id', [record.id])).rows;
  const tally = emptyTally();
  for (const r of results) addResult(tally, r.weight, r.result);
  return { recordId: record.id, placeKey: record.placeKey, score: tallyScore(tally), passed: tally.passed, failed: tally.failed, notApplicable: tally.notApplicable, caseIds: results.flatMap((r) => (r.caseId ? [r.caseId] : [])).sort((a, b) => a - b) };
}

export const recordReceipt = (db: Queryable, clientUuid: string) => receiptOf(db, 'client_uuid', clientUuid);

export async function submitRecord(db: Database, photoDir: string, inspector: SessionUser, input: RecordInput, files: Form['files']): Promise<{ created: boolean; receipt: RecordReceipt }> {
  if (input.inspectorId !== undefined && input.inspectorId !== inspector.id) throw new HttpError(403, '这条检查记录是另一位检查员在本机登录时保存的，不能以当前账号提交', 'this record was saved on this phone while another inspector was signed in; it cannot be sent under the current account');
  // the same inspector's resend of a record already filed (the answer was lost) is answered as the first time,
  // even once its draw has closed
  const [filedBy] = (await db.query<{ inspectorId: number }>('SELECT inspector_id AS "inspectorId" FROM inspection_records WHERE client_uuid = $1', [input.clientUuid])).rows;
  const earlier = filedBy?.inspectorId === inspector.id ? await recordReceipt(db, input.clientUuid) : null;
  if (earlier) return { created: false, receipt: earlier };
  const draw = await getDraw(db, input.drawId);
  if (!draw) throw new HttpError(404, `没有抽查批次 #${input.drawId}`, `there is no draw #${input.drawId}`);
  mayRecordInto(inspector, draw);
  const place = draw.places.find((p) => p.key === input.placeKey);
  if (!place) throw new HttpError(400, `点位“${input.placeKey}”不在抽查批次 #${draw.id} 中`, `the place "${input.placeKey}" is not in draw #${draw.id}`);
  const checklist = checklistFor(place.type);
  const given = new Map(input.results.map((r) => [r.itemId, r.result]));
  const missing = checklist.filter((item) => !given.has(item.id));
  if (missing.length > 0 || given.size !== input.results.length || given.size !== checklist.length) {
    throw new HttpError(400, `检查记录须逐项填写本类点位的 ${checklist.length} 个检查项${missing.length ? `（缺：${missing.map((m) => m.zh).join('、')}）` : ''}`, `the record must give each of the ${checklist.length} items of the place type once${missing.length ? ` (missing: ${missing.map((m) => m.en).join(', ')})` : ''}`);
  }
  const photos = new Map<string, { facts: ImageFacts; bytes: Buffer }[]>();
  for (const file of files) {
    if (!given.has(file.field)) throw new HttpError(400, `照片对应的检查项“${file.field}”不在本记录中`, `a photo names the item "${file.field}", which the record does not have`);
    const facts = await inspectImage(file.bytes, file.filename);
    photos.set(file.field, [...(photos.get(file.field) ?? []), { facts, bytes: file.bytes }]);
  }
  const unphotographed = checklist.filter((item) => given.get(item.id) === 'fail' && !photos.has(item.id));
  if (unphotographed.length > 0) throw new HttpError(400, `不合格项须附照片：${unphotographed.map((m) => m.zh).join('、')}`, `a failed item needs a photo: ${unphotographed.map((m) => m.en).join(', ')}`);
  // only a failure's photos are kept (as the photos of the case it opens, shown to whoever sees the case); a photo
  // of a passed or not-applicable item is checked like the others but not stored: nobody would be shown it
  for (const [itemId, list] of photos) if (given.get(itemId) === 'fail') for (const p of list) await storeImage(photoDir, p.bytes, p.facts.sha);

  const recordId = await writeRecord(db, inspector, input, draw, place, checklist, given, photos).catch(async (error: unknown) => {
    // the same record sent twice at once: the second waits for the first's commit, then finds its unique id taken
    const earlierNow = isUniqueViolation(error) ? await recordReceipt(db, input.clientUuid) : null;
    if (earlierNow) return earlierNow.recordId;
    if (isUniqueViolation(error)) throw new HttpError(409, `“${place.name}”在本批次已有检查记录`, `"${place.name}" has been recorded in this draw already`);
    throw error;
  });
  return { created: true, receipt: (await receiptOf(db, 'id', recordId))! };
}

/** one day of grace: a record queued offline in the evening may arrive the next morning */
const DAY_MS = 86_400_000;

/**
 * An inspector records into the draw of its own area (without a unit: the whole city's draw); supervisors and
 * admins into any area's. Only today's or yesterday's draw (Beijing calendar) takes records.
 */
export function mayRecordInto(user: SessionUser, draw: Draw, now = Date.now()): void {
  if (user.role === 'inspector' && draw.areaUnitId !== (user.unitId ?? '')) throw new HttpError(403, `抽查批次 #${draw.id} 不属于您的片区，不能提交检查记录`, `draw #${draw.id} is not your area's: you cannot record into it`);
  if (draw.day !== beijingDay(now) && draw.day !== beijingDay(now - DAY_MS)) throw new HttpError(409, `抽查批次 #${draw.id}（${draw.day}）已过期，只接收当天和前一天批次的检查记录`, `draw #${draw.id} (${draw.day}) is closed: only today's and yesterday's draws take records`);
}

async function writeRecord(db: Database, inspector: SessionUser, input: RecordInput, draw: Draw, place: DrawPlace, checklist: ChecklistItem[], given: Map<string, ItemResult>, photos: Map<string, { facts: ImageFacts; bytes: Buffer }[]>): Promise<number> {
  return db.transaction(async (tx) => {
    const [taken] = (await tx.query<{ id: number }>('SELECT id FROM inspection_records WHERE client_uuid = $1 OR (draw_id = $2 AND place_key = $3)', [input.clientUuid, draw.id, place.key])).rows;
    if (taken) {
      const same = (await tx.query('SELECT 1 FROM inspection_records WHERE id = $1 AND client_uuid = $2', [taken.id, input.clientUuid])).rows.length > 0;
      if (same) return taken.id;
      throw new HttpError(409, `“${place.name}”在本批次已有检查记录`, `"${place.name}" has been recorded in this draw already`);
    }
    const [{ id }] = (await tx.query<{ id: number }>('INSERT INTO inspection_records (client_uuid, draw_id, place_key, inspector_id, recorded_at) VALUES ($1, $2, $3, $4, $5) RETURNING id', [input.clientUuid, draw.id, place.key, inspector.id, input.recordedAt])).rows;
    for (const item of checklist) {
      const result = given.get(item.id)!;
      const itemPhotos = photos.get(item.id) ?? [];
      const caseId = result === 'fail' ? await openFailureCase(tx, inspector, draw.cityId, place, item) : null;
      for (const p of itemPhotos) if (caseId) await insertCasePhoto(tx, { caseId, kind: 'before', facts: p.facts, bytes: p.bytes.length, uploaderId: inspector.id });
      await tx.query('INSERT INTO inspection_results (record_id, item_id, score_group, weight, result, photos, case_id) VALUES ($1, $2, $3, $4, $5, $6, $7)', [id, item.id, item.group, item.weight, result, caseId ? itemPhotos.map((p) => p.facts.sha) : [], caseId]);
    }
    return id;
  });
}

/** 上报 → 立案 (white card) → 派遣 to the grid's unit, as three events of one new case. */
async function openFailureCase(tx: Queryable, inspector: SessionUser, cityId: string, place: DrawPlace, item: ChecklistItem): Promise<number> {
  const [{ id }] = (
    await tx.query<{ id: number }>(
      `INSERT INTO cases (city_id, category_id, state, title, description, geom, grid_code, grid_unit_id, reporter_id, source, analysis)
       VALUES ($1, $2, 'reported', $3, $4, ST_SetSRID(ST_MakePoint($5, $6), 4326), $7, $8, $9, 'inspection', $10) RETURNING id`,
      [cityId, item.caseCategory, `${item.zh}：${place.name}`.slice(0, 200), `模拟测评不合格：${item.zh}（${place.pointName}周边）`, place.lon, place.lat, place.gridCode, place.gridUnitId, inspector.id, JSON.stringify({ inspection: { placeKey: place.key, itemId: item.id, weight: item.weight } })],
    )
  ).rows;
  await insertEvent(tx, { caseId: id, actorId: inspector.id, action: 'report', from: null, to: 'reported', data: { source: 'inspection' } });
  const [policy] = (await tx.query<{ whiteHours: number; yellowHours: number; redHours: number }>('SELECT white_hours AS "whiteHours", yellow_hours AS "yellowHours", red_hours AS "redHours" FROM categories WHERE id = $1', [item.caseCategory])).rows;
  if (!policy) throw new HttpError(422, `检查项“${item.zh}”对应的问题类别 ${item.caseCategory} 不存在`, `the item "${item.en}" names the category ${item.caseCategory}, which does not exist`);
  const card = whiteCard(policy, Date.now());
  await tx.query('INSERT INTO cards (case_id, colour, issued_at, deadline) VALUES ($1, $2, to_timestamp($3 / 1000.0), to_timestamp($4 / 1000.0))', [id, card.colour, card.issuedAt, card.deadline]);
  await tx.query("UPDATE cases SET state = 'registered', version = version + 1, updated_at = now() WHERE id = $1", [id]);
  await insertEvent(tx, { caseId: id, actorId: inspector.id, action: 'register', from: 'reported', to: 'registered', data: { card: { colour: card.colour, deadline: new Date(card.deadline).toISOString() } } });
  if (place.gridUnitId) {
    await tx.query("UPDATE cases SET state = 'dispatched', unit_id = $2, version = version + 1, updated_at = now() WHERE id = $1", [id, place.gridUnitId]);
    await insertEvent(tx, { caseId: id, actorId: inspector.id, action: 'dispatch', from: 'registered', to: 'dispatched', data: { unitId: place.gridUnitId } });
  }
  return id;
}
