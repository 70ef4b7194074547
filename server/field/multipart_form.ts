/**
 * A small multipart form read whole into memory: text fields and a few image files, each at most
 * MAX_PHOTO_BYTES. The field apps send one submission per request (the record and its photos together), so a
 * queued submission is sent again as a whole and never half-arrives.
 */
import type { FastifyRequest } from 'fastify';
import { HttpError } from '../http_error';
import { MAX_PHOTO_BYTES, photoTooLarge } from '../photos';

export interface FormFile { field: string; filename: string; bytes: Buffer }
export interface Form { fields: Record<string, string>; files: FormFile[] }

export async function readForm(request: FastifyRequest, maxFiles: number): Promise<Form> {
  if (!request.isMultipart()) throw new HttpError(415, '请以 multipart/form-data 提交', 'send the submission as multipart/form-data');
  const fields: Record<string, string> = {};
  const files: FormFile[] = [];
  try {
    for await (const part of request.parts({ limits: { fileSize: MAX_PHOTO_BYTES, files: maxFiles, fields: 20, fieldSize: 64 * 1024 } })) {
      if (part.type === 'file') files.push({ field: part.fieldname, filename: part.filename, bytes: await part.toBuffer() });
      else fields[part.fieldname] = String(part.value);
    }
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE') throw photoTooLarge();
    if (code === 'FST_FILES_LIMIT') throw new HttpError(413, `一次最多提交 ${maxFiles} 张照片`, `at most ${maxFiles} photos per submission`);
    if (code === 'FST_PARTS_LIMIT' || code === 'FST_FIELDS_LIMIT' || code === 'FST_PROTO_VIOLATION' || code === 'FST_INVALID_MULTIPART_CONTENT_TYPE') throw new HttpError(400, '提交内容格式有误', 'the form is malformed');
    throw error;
  }
  return { fields, files };
}

/** the phones' submission ids */
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A required text field, trimmed, at most `max` characters. */
export function textField(form: Form, name: string, max: number, { optional = false } = {}): string {
  const value = (form.fields[name] ?? '').trim();
  if (!value && !optional) throw new HttpError(400, `缺少字段“${name}”`, `the field "${name}" is missing`);
  if (value.length > max) throw new HttpError(400, `字段“${name}”不能超过 ${max} 个字符`, `the field "${name}" may have at most ${max} characters`);
  return value;
}

export function uuidField(form: Form, name: string): string {
  const value = textField(form, name, 36);
  if (!UUID.test(value)) throw new HttpError(400, `字段“${name}”须为 UUID`, `the field "${name}" must be a UUID`);
  return value.toLowerCase();
}

export function numberField(form: Form, name: string, min: number, max: number): number {
  const value = Number(textField(form, name, 40));
  if (!Number.isFinite(value) || value < min || value > max) throw new HttpError(400, `字段“${name}”须为 ${min} 到 ${max} 之间的数`, `the field "${name}" must be a number from ${min} to ${max}`);
  return value;
}

const ISO_TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-](\d{2}):(\d{2}))$/;

/**
 * An ISO 8601 date-time with its zone that names a real moment: the calendar fields round-trip (no 30 February,
 * no hour 25), so PostgreSQL accepts whatever passes here. JavaScript's Date.parse takes "1" and "2026-02-30".
 */
export function isIsoTimestamp(value: string): boolean {
  const m = ISO_TIMESTAMP.exec(value);
  if (!m) return false;
  const [year, month, day, hour, minute, second] = [m[1], m[2], m[3], m[4], m[5], m[6] ?? '0'].map(Number);
  if (m[8] !== undefined && (Number(m[8]) > 15 || Number(m[9]) > 59)) return false;
  const date = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
  return year >= 1 && date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day && date.getUTCHours() === hour && date.getUTCMinutes() === minute && date.getUTCSeconds() === second;
}

