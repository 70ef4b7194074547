/**
 * /api/field/*: the field apps' routes. Citizens report and track without signing in (limited per device and per
 * address); inspectors fetch the day's draw, send records; inspectors, supervisors, dispatchers and the area's
 * handlers read a draw's score report.
 * Submissions are multipart (the record and its photos together) and carry the phone's UUID, so a queued
 * submission sent twice is filed once and answered the same.
 */
import multipart from '@fastify/multipart';
import { Type, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Role } from '../../src/domain/case_flow';
import type { SessionUser } from '../auth/sessions';
import type { Database } from '../db/database';
import { HttpError } from '../http_error';
import { MAX_PHOTO_BYTES } from '../photos';
import { fileReport, receiptOf, REPORT_CATEGORIES, reportInput, trackReport } from './citizen_reports';
import { getDraw, todaysDraw, type BundleOf, type Draw } from './inspection_draws';
import { recordInput, submitRecord } from './inspection_records';
import { readForm } from './multipart_form';
import { REPORT_LIMITS, takeAttempt } from './rate_limits';
import { scoreReport } from './score_reports';

export interface FieldOptions {
  db: Database;
  photoDir: string;
  bundleOf: BundleOf;
  requireUser: (request: FastifyRequest) => SessionUser;
  requireRole: (request: FastifyRequest, roles: readonly Role[]) => SessionUser;
}

/** who records mock inspections */
const INSPECTING: readonly Role[] = ['inspector', 'supervisor', 'admin'];
/** who reads a draw's score report (a handler: only of the draw's area unit) */
const REPORT_READERS: readonly Role[] = ['inspector', 'supervisor', 'admin', 'dispatcher', 'handler'];

/** An inspector or handler of a unit reads the reports of its own area's draws only. */
function mayReadReport(user: SessionUser, draw: Draw): void {
  const own = user.role === 'handler' ? user.unitId !== null && draw.areaUnitId === user.unitId : user.role !== 'inspector' || !user.unitId || draw.areaUnitId === user.unitId;
  if (!own) throw new HttpError(403, `抽查批次 #${draw.id} 不属于您的片区，不能查看其测评报告`, `draw #${draw.id} is not your area's: you may not read its report`);
}

/** photos one checklist record may carry */
const MAX_RECORD_PHOTOS = 12;

export async function registerField(parent: FastifyInstance, options: FieldOptions): Promise<void> {
  const { db, photoDir } = options;
  await parent.register(async (scope) => {
    const app = scope.withTypeProvider<TypeBoxTypeProvider>();
    await app.register(multipart, { limits: { fileSize: MAX_PHOTO_BYTES } });

    app.get('/api/field/categories', async () => ({
      categories: (await db.query<{ id: string; zh: string; en: string }>('SELECT id, name_zh AS zh, name_en AS en FROM categories WHERE id = ANY($1::text[])', [REPORT_CATEGORIES])).rows.sort((a, b) => REPORT_CATEGORIES.indexOf(a.id as never) - REPORT_CATEGORIES.indexOf(b.id as never)),
    }));

    app.post('/api/field/reports', async (request, reply) => {
      const form = await readForm(request, 1);
      const input = reportInput(form);
      // a queued report sent again (the answer was lost on the way back) is answered as the first time
      const earlier = await receiptOf(db, input.clientUuid);
      if (earlier) return reply.status(200).send({ report: earlier });
      const photo = form.files.find((f) => f.field === 'photo');
      if (!photo) throw new HttpError(400, '请拍摄或选择一张照片', 'take or choose a photo');
      await takeAttempt(db, [
        { key: `device:${input.deviceId}`, limits: REPORT_LIMITS.device },
        { key: `address:${request.ip}`, limits: REPORT_LIMITS.address },
      ]);
      const { created, receipt } = await fileReport(db, photoDir, input, photo, request.ip);
      return reply.status(created ? 201 : 200).send({ report: receipt });
    });

    app.get('/api/field/reports/:code', { schema: { params: Type.Object({ code: Type.String({ pattern: '^SP-[0-9A-Z]{4}-[0-9A-Z]{4}$' }) }) } }, async (request) => ({ report: await trackReport(db, request.params.code) }));

    app.get('/api/field/draw', { schema: { querystring: Type.Object({ cityId: Type.String({ pattern: '^[A-Za-z0-9_-]{1,80}$' }) }) } }, async (request) => {
      const user = options.requireRole(request, INSPECTING);
      const draw = await todaysDraw(db, options.bundleOf, request.query.cityId, user.unitId);
      const recorded = (await db.query<{ placeKey: string }>('SELECT place_key AS "placeKey" FROM inspection_records WHERE draw_id = $1', [draw.id])).rows.map((r) => r.placeKey);
      return { draw, recorded };
    });

    app.post('/api/field/inspections', async (request, reply) => {
      const user = options.requireRole(request, INSPECTING);
      const form = await readForm(request, MAX_RECORD_PHOTOS);
      const { created, receipt } = await submitRecord(db, photoDir, user, recordInput(form), form.files);
      return reply.status(created ? 201 : 200).send({ record: receipt });
    });

    app.get('/api/field/draws/:id/report', { schema: { params: Type.Object({ id: Type.Integer({ minimum: 1 }) }) } }, async (request) => {
      const user = options.requireRole(request, REPORT_READERS);
      const draw = await getDraw(db, request.params.id);
      if (draw) mayReadReport(user, draw);
      return { report: await scoreReport(db, request.params.id) };
    });
  });
}
