/**
 * Case photos: one image per multipart upload, at most MAX_PHOTO_BYTES, its type decided by its content (sharp
 * reads it; a file that is no image is refused whatever its name says), stored once by SHA-256 under var/photos
 * with a 320 px thumbnail. EXIF time and GPS are read with exifr; the distance from the case point is recorded
 * and a photo taken more than FAR_FROM_CASE_M away is flagged. Every upload is an event of the case.
 */
import multipart from '@fastify/multipart';
import exifr from 'exifr';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import type { SessionUser } from './auth/sessions';
import { getCase, insertEvent, visibleTo } from './cases/case_service';
import type { Database, Queryable } from './db/database';
import type { CaseState } from '../src/domain/case_flow';
import { HttpError } from './http_error';

export const MAX_PHOTO_BYTES = 10 * 1024 * 1024;
/** metres between the photo's GPS and the case point beyond which the photo is flagged */
export const FAR_FROM_CASE_M = 500;
const FORMATS = new Set(['jpeg', 'png', 'webp', 'heif']);
const KINDS = ['before', 'after', 'evidence'] as const;
const THUMB_PX = 320;

export interface PhotoRow { id: number; caseId: number; kind: string; sha256: string; format: string; bytes: number; width: number; height: number; takenLocal: string | null; lon: number | null; lat: number | null; distanceM: number | null; farFromCase: boolean; createdAt: string }

const PHOTO_SELECT = `SELECT id, case_id AS "caseId", kind, sha256, format, bytes, width, height, taken_local AS "takenLocal", ST_X(gps) AS lon, ST_Y(gps) AS lat,
  distance_m AS "distanceM", far_from_case AS "farFromCase", to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "createdAt" FROM photos`;

const pathOf = (root: string, sha: string, thumb: boolean) => join(root, sha.slice(0, 2), `${sha}${thumb ? '.thumb.jpg' : ''}`);

export async function casePhotos(db: Database, caseId: number): Promise<PhotoRow[]> {
  return (await db.query<PhotoRow>(`${PHOTO_SELECT} WHERE case_id = $1 ORDER BY id`, [caseId])).rows;
}

export interface ImageFacts {
  meta: { format: string; width: number; height: number };
  exif: { DateTimeOriginal?: string; latitude?: number; longitude?: number } | null;
  sha: string;
}

/** The image's type by its content (415 when it is none this server reads), its EXIF time and GPS, its hash. */
export async function inspectImage(bytes: Buffer, filename: string): Promise<ImageFacts> {
  const meta = await sharp(bytes).metadata().catch(() => null);
  if (!meta?.format || !FORMATS.has(meta.format) || !meta.width || !meta.height) throw new HttpError(415, `${filename}：不是可识别的图片（JPEG、PNG、WebP 或 HEIF）`, `${filename}: not an image this server reads (JPEG, PNG, WebP or HEIF)`);
  const exif = await exifr.parse(bytes, { gps: true, reviveValues: false, pick: ['DateTimeOriginal', 'GPSLatitude', 'GPSLongitude', 'GPSLatitudeRef', 'GPSLongitudeRef'] }).catch(() => null) as ImageFacts['exif'];
  return { meta: { format: meta.format, width: meta.width, height: meta.height }, exif, sha: createHash('sha256').update(bytes).digest('hex') };
}

/** Keeps the original and a thumbnail under its hash (once: the same bytes are the same file). */
export async function storeImage(photoDir: string, bytes: Buffer, sha: string): Promise<void> {
  const original = pathOf(photoDir, sha, false);
  if (existsSync(original)) return;
  mkdirSync(join(photoDir, sha.slice(0, 2)), { recursive: true });
  writeFileSync(pathOf(photoDir, sha, true), await sharp(bytes).rotate().resize(THUMB_PX, THUMB_PX, { fit: 'inside' }).jpeg({ quality: 80 }).toBuffer());
  writeFileSync(original, bytes);
}

/** the refusal of a photo over MAX_PHOTO_BYTES, for every upload route */
export const photoTooLarge = () => new HttpError(413, `照片不能超过 ${MAX_PHOTO_BYTES / 1024 / 1024} MB`, `a photo may be at most ${MAX_PHOTO_BYTES / 1024 / 1024} MB`);

/**
 * The one photo row insert of every route (desk upload, citizen report, inspection record): its EXIF GPS, the
 * distance to the case's point, the far-from-case flag, and a 'photo' event of the case. Null when the case has
 * the photo already (nothing written).
 */
export async function insertCasePhoto(tx: Queryable, p: { caseId: number; kind: string; facts: ImageFacts; bytes: number; uploaderId: number | null }): Promise<number | null> {
  const { meta, exif, sha } = p.facts;
  const hasGps = Number.isFinite(exif?.latitude) && Number.isFinite(exif?.longitude);
  const [row] = (
    await tx.query<{ id: number; state: CaseState }>(
      `INSERT INTO photos (case_id, kind, sha256, format, bytes, width, height, taken_local, gps, distance_m, far_from_case, uploaded_by)
       SELECT $1, $2, $3, $4, $5, $6, $7, $8, g.gps, ST_Distance(g.gps::geography, c.geom::geography), COALESCE(ST_Distance(g.gps::geography, c.geom::geography) > $11, false), $12
         FROM cases c, (SELECT CASE WHEN $9::float8 IS NULL THEN NULL ELSE ST_SetSRID(ST_MakePoint($10, $9), 4326) END AS gps) g
        WHERE c.id = $1
       ON CONFLICT (case_id, sha256) DO NOTHING RETURNING id, (SELECT state FROM cases WHERE id = $1) AS state`,
      [p.caseId, p.kind, sha, meta.format, p.bytes, meta.width, meta.height, exif?.DateTimeOriginal ?? null, hasGps ? exif!.latitude : null, hasGps ? exif!.longitude : null, FAR_FROM_CASE_M, p.uploaderId],
    )
  ).rows;
  if (!row) return null;
  await insertEvent(tx, { caseId: p.caseId, actorId: p.uploaderId, action: 'photo', from: row.state, to: row.state, data: { photoId: row.id, kind: p.kind, sha256: sha } });
  return row.id;
}

export async function registerPhotos(app: FastifyInstance, db: Database, photoDir: string, requireUser: (request: FastifyRequest) => SessionUser): Promise<void> {
  await app.register(async (scope) => {
    await scope.register(multipart, { limits: { fileSize: MAX_PHOTO_BYTES, files: 1, fields: 5 } });

    scope.post('/api/cases/:id/photos', async (request, reply) => {
      const user = requireUser(request);
      const caseId = Number((request.params as { id: string }).id);
      const item = Number.isInteger(caseId) ? await getCase(db, caseId) : null;
      if (!item || !visibleTo(user, item)) throw new HttpError(404, `没有案件 #${String((request.params as { id: string }).id)}`, `there is no case #${String((request.params as { id: string }).id)}`);
      if (user.role === 'viewer') throw new HttpError(403, '只读用户不能上传照片', 'a viewer may not upload photos');
      const kind = (request.query as { kind?: string }).kind ?? 'evidence';
      if (!(KINDS as readonly string[]).includes(kind)) throw new HttpError(400, `照片类型须为 ${KINDS.join('、')} 之一`, `a photo kind is one of ${KINDS.join(', ')}`);
      if (!request.isMultipart()) throw new HttpError(415, '请以 multipart/form-data 上传一张照片', 'upload one photo as multipart/form-data');
      const file = await request.file();
      if (!file) throw new HttpError(400, '请求中没有文件', 'the request holds no file');
      const bytes = await file.toBuffer().catch((error: Error & { code?: string }) => {
        if (error.code === 'FST_REQ_FILE_TOO_LARGE') throw photoTooLarge();
        throw error;
      });
      const { meta, exif, sha } = await inspectImage(bytes, file.filename);
      await storeImage(photoDir, bytes, sha);
      const photo = await db.transaction(async (tx) => {
        const id = await insertCasePhoto(tx, { caseId, kind, facts: { meta, exif, sha }, bytes: bytes.length, uploaderId: user.id });
        if (id === null) throw new HttpError(409, '这张照片已上传到该案件', 'this photo is already on the case');
        return (await tx.query<PhotoRow>(`${PHOTO_SELECT} WHERE id = $1`, [id])).rows[0];
      });
      return reply.status(201).send({ photo });
    });

    scope.get('/api/photos/:sha', async (request, reply) => {
      const user = requireUser(request);
      const sha = (request.params as { sha: string }).sha;
      const thumb = (request.query as { thumb?: string }).thumb === '1';
      if (!/^[0-9a-f]{64}$/.test(sha)) throw new HttpError(400, '照片编号无效', 'not a photo id');
      const cases = (await db.query<{ caseId: number; format: string }>('SELECT case_id AS "caseId", format FROM photos WHERE sha256 = $1', [sha])).rows;
      const visible = [];
      for (const c of cases) if (visibleTo(user, (await getCase(db, c.caseId))!)) visible.push(c);
      if (visible.length === 0 || !existsSync(pathOf(photoDir, sha, thumb))) throw new HttpError(404, '没有这张照片', 'there is no such photo');
      return reply.header('content-type', thumb ? 'image/jpeg' : `image/${visible[0].format}`).header('cache-control', 'private, max-age=31536000, immutable').send(readFileSync(pathOf(photoDir, sha, thumb)));
    });
  });
}
