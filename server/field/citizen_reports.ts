/**
 * 随手拍: a citizen's photo report, without sign-in. The phone sends the photo, the point (GPS, the photo's EXIF
 * or a tap on the map), a category from a short list and a description, with its own UUID for the submission and
 * a device id. The report files a 上报 case for the dispatcher — or, when an open case of the category lies within
 * 50 m, is folded into that case — and gets a tracking code; its page shows what became of it (事事有回应).
 * A report whose case is registered (立案) earns the reporter points.
 */
import { randomBytes } from 'node:crypto';
import { CASE_STATE_NAMES, VOID_REASONS, type CaseState, type VoidReason } from '../../src/domain/case_flow';
import { insertEvent, nearbyOpenCases } from '../cases/case_service';
import type { Database, Queryable } from '../db/database';
import { HttpError } from '../http_error';
import { insertCasePhoto, inspectImage, storeImage, type ImageFacts } from '../photos';
import { numberField, textField, uuidField, type Form } from './multipart_form';

/** the short list a citizen picks from (ids of server/data/reference.json) */
export const REPORT_CATEGORIES = ['alley_sanitation', 'parking_disorder', 'ebike_charging', 'toilet_dirty', 'doorstep_duties', 'surroundings_community'] as const;
/** points a report earns once its case is registered */
export const POINTS_PER_REGISTERED_REPORT = 10;
export const LOCATED_BY = ['gps', 'exif', 'tap'] as const;
const MAX_DESCRIPTION = 500;
/** no 0/O, 1/I/L: read aloud over the phone without mistakes */
const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';

export function newTrackingCode(): string {
  const bytes = randomBytes(8);
  let code = '';
  for (const b of bytes) code += CODE_ALPHABET[b % CODE_ALPHABET.length];
  return `SP-${code.slice(0, 4)}-${code.slice(4)}`;
}

export interface ReportInput {
  cityId: string;
  categoryId: string;
  description: string;
  lon: number;
  lat: number;
  locatedBy: (typeof LOCATED_BY)[number];
  clientUuid: string;
  deviceId: string;
}

export function reportInput(form: Form): ReportInput {
  const locatedBy = textField(form, 'locatedBy', 10);
  if (!(LOCATED_BY as readonly string[]).includes(locatedBy)) throw new HttpError(400, '定位方式须为 gps、exif 或 tap', 'locatedBy must be gps, exif or tap');
  const categoryId = textField(form, 'categoryId', 80);
  if (!(REPORT_CATEGORIES as readonly string[]).includes(categoryId)) throw new HttpError(400, `问题类别“${categoryId}”不在随手拍可选范围内`, `"${categoryId}" is not a category citizens can report`);
  const deviceId = textField(form, 'deviceId', 64);
  if (!/^[A-Za-z0-9_-]{8,64}$/.test(deviceId)) throw new HttpError(400, '设备编号无效', 'the device id is not valid');
  return {
    cityId: textField(form, 'cityId', 80),
    categoryId,
    description: textField(form, 'description', MAX_DESCRIPTION, { optional: true }),
    lon: numberField(form, 'lon', -180, 180),
    lat: numberField(form, 'lat', -90, 90),
    locatedBy: locatedBy as ReportInput['locatedBy'],
    clientUuid: uuidField(form, 'clientUuid'),
    deviceId,
  };
}

export interface ReportReceipt { trackingCode: string; caseId: number; folded: boolean }

export async function receiptOf(db: Queryable, clientUuid: string): Promise<ReportReceipt | null> {
  const [row] = (await db.query<ReportReceipt>('SELECT tracking_code AS "trackingCode", case_id AS "caseId", folded FROM field_reports WHERE client_uuid = $1', [clientUuid])).rows;
  return row ?? null;
}

/** Files the report (one transaction: case or fold, photo row, event, report row). The photo is checked first. */
export async function fileReport(db: Database, photoDir: string, input: ReportInput, photo: { filename: string; bytes: Buffer }, address: string): Promise<{ created: boolean; receipt: ReportReceipt }> {
  const facts = await inspectImage(photo.bytes, photo.filename);
  await storeImage(photoDir, photo.bytes, facts.sha);
  try {
    return await fileInTransaction(db, input, facts, photo.bytes.length, address);
  } catch (error) {
    // two sends of one report at once (two tabs, a retry racing the first): the loser gets the winner's answer
    const earlier = isUniqueViolation(error) ? await receiptOf(db, input.clientUuid) : null;
    if (earlier) return { created: false, receipt: earlier };
    throw error;
  }
}

/** PostgreSQL's unique_violation, from either engine */
export const isUniqueViolation = (error: unknown): boolean => (error as { code?: string })?.code === '23505';

async function fileInTransaction(db: Database, input: ReportInput, facts: ImageFacts, bytes: number, address: string): Promise<{ created: boolean; receipt: ReportReceipt }> {
  return db.transaction(async (tx) => {
    // a resend that raced the first send: the unique client_uuid decides
    const earlier = await receiptOf(tx, input.clientUuid);
    if (earlier) return { created: false, receipt: earlier };
    const [grid] = (await tx.query<{ code: string; unitId: string | null }>('SELECT code, unit_id AS "unitId" FROM grids WHERE city_id = $1 AND ST_Contains(geom, ST_SetSRID(ST_MakePoint($2, $3), 4326)) ORDER BY code LIMIT 1', [input.cityId, input.lon, input.lat])).rows;
    if (!grid) throw new HttpError(422, '该位置不在本市的任何网格内，请在地图上重新选点', 'the point lies in no grid of this city: pick the place on the map again');
    const [open] = await nearbyOpenCases(tx, input);
    let caseId: number;
    if (open) {
      caseId = open.id;
      // the open case hears of the new report; its state does not change
      await insertEvent(tx, { caseId, actorId: null, action: 'citizen_report', from: open.state, to: open.state, note: input.description, data: { folded: true, distanceM: Math.round(open.distanceM) } });
    } else {
      const title = input.description ? input.description.slice(0, 40) : '随手拍';
      [{ id: caseId }] = (
        await tx.query<{ id: number }>(
          `INSERT INTO cases (city_id, category_id, state, title, description, geom, grid_code, grid_unit_id, reporter_id, source, analysis)
           VALUES ($1, $2, 'reported', $3, $4, ST_SetSRID(ST_MakePoint($5, $6), 4326), $7, $8, NULL, 'report', $9) RETURNING id`,
          [input.cityId, input.categoryId, title, input.description, input.lon, input.lat, grid.code, grid.unitId, JSON.stringify({ citizen: true, locatedBy: input.locatedBy })],
        )
      ).rows;
      await insertEvent(tx, { caseId, actorId: null, action: 'report', from: null, to: 'reported', data: { source: 'report', citizen: true } });
    }
    await insertCasePhoto(tx, { caseId, kind: open ? 'evidence' : 'before', facts, bytes, uploaderId: null });
    const trackingCode = newTrackingCode();
    await tx.query(
      `INSERT INTO field_reports (tracking_code, client_uuid, device_id, address, case_id, folded, category_id, description, geom, located_by, photo_sha256)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, ST_SetSRID(ST_MakePoint($9, $10), 4326), $11, $12)`,
      [trackingCode, input.clientUuid, input.deviceId, address, caseId, Boolean(open), input.categoryId, input.description, input.lon, input.lat, input.locatedBy, facts.sha],
    );
    return { created: true, receipt: { trackingCode, caseId, folded: Boolean(open) } };
  });
}

export interface TrackingView {
  trackingCode: string;
  caseId: number;
  folded: boolean;
  categoryId: string;
  category: { zh: string; en: string };
  state: CaseState;
  stateName: { zh: string; en: string };
  reportedAt: string;
  points: number;
  /** what happened to the case since the report: the public steps and times only — no staff names, no notes */
  steps: { action: PublicStep; at: string; voidReason?: VoidReason }[];
}

/** the steps a citizen is shown (上报, 立案, 派遣, 处置完毕待核查, 结案, 作废 with its reason); staff's notes never */
export const PUBLIC_STEPS = ['report', 'register', 'dispatch', 'submit', 'pass', 'void'] as const;
export type PublicStep = (typeof PUBLIC_STEPS)[number];

const ISO = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

export async function trackReport(db: Queryable, code: string): Promise<TrackingView> {
  const [row] = (
    await db.query<Omit<TrackingView, 'stateName' | 'steps' | 'points' | 'category'> & { registered: boolean; nameZh: string; nameEn: string; createdRaw: string }>(
      `SELECT r.tracking_code AS "trackingCode", r.case_id AS "caseId", r.folded, r.category_id AS "categoryId", c.state,
              ${ISO('r.created_at')} AS "reportedAt", r.created_at::text AS "createdRaw", k.name_zh AS "nameZh", k.name_en AS "nameEn",
              EXISTS (SELECT 1 FROM events e WHERE e.case_id = c.id AND e.action = 'register') AS registered
         FROM field_reports r JOIN cases c ON c.id = r.case_id JOIN categories k ON k.id = r.category_id
        WHERE r.tracking_code = $1`,
      [code],
    )
  ).rows;
  if (!row) throw new HttpError(404, `没有查询码为 ${code} 的随手拍`, `there is no report with tracking code ${code}`);
  // the citizen sees the case from their report on: a folded report's case had a life before it
  const steps = (
    await db.query<{ action: PublicStep; at: string; voidReason: string | null }>(
      `SELECT e.action, ${ISO('e.at')} AS at, CASE WHEN e.action = 'void' THEN c.void_reason END AS "voidReason"
         FROM events e JOIN cases c ON c.id = e.case_id
        WHERE e.case_id = $1 AND e.at >= $2::timestamptz - interval '1 second' AND e.action = ANY($3::text[]) ORDER BY e.id`,
      [row.caseId, row.createdRaw, PUBLIC_STEPS],
    )
  ).rows.map(({ action, at, voidReason }) => ((VOID_REASONS as readonly string[]).includes(voidReason ?? '') ? { action, at, voidReason: voidReason as VoidReason } : { action, at }));
  return {
    trackingCode: row.trackingCode,
    caseId: row.caseId,
    folded: row.folded,
    categoryId: row.categoryId,
    category: { zh: row.nameZh, en: row.nameEn },
    state: row.state,
    stateName: CASE_STATE_NAMES[row.state],
    reportedAt: row.reportedAt,
    points: row.registered && !row.folded ? POINTS_PER_REGISTERED_REPORT : 0,
    steps,
  };
}
