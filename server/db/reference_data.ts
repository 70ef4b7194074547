/**
 * server/data/reference.json: the departments and problem categories upserted into the database (ids are stable),
 * and the campaign's settings (flags per week, the campaign's start), read once per process.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Queryable } from './database';

interface Reference {
  departments: { id: string; name: string; code: string }[];
  categories: { id: string; kind: 'component' | 'event'; code: string; zh: string; en: string; defaultUnit: string; hours: [number, number, number] }[];
  /** how many units get the red and the black flag each week */
  flags: { red: number; black: number };
  campaign: { start: string };
}

export const REFERENCE_FILE = join(import.meta.dirname, '..', 'data', 'reference.json');

let cached: Reference | null = null;

/** The reference data of REFERENCE_FILE, read from disk the first time only. */
export function referenceData(): Reference {
  cached ??= JSON.parse(readFileSync(REFERENCE_FILE, 'utf8')) as Reference;
  return cached;
}

export async function loadReferenceData(db: Queryable, file = REFERENCE_FILE): Promise<{ departments: number; categories: number }> {
  const data = file === REFERENCE_FILE ? referenceData() : (JSON.parse(readFileSync(file, 'utf8')) as Reference);
  for (const d of data.departments) {
    await db.query(`INSERT INTO org_units (id, name, kind, code) VALUES ($1, $2, 'department', $3) ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, code = EXCLUDED.code`, [d.id, d.name, d.code]);
  }
  for (const c of data.categories) {
    await db.query(
      `INSERT INTO categories (id, kind, code, name_zh, name_en, default_unit_id, white_hours, yellow_hours, red_hours) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       ON CONFLICT (id) DO UPDATE SET kind = EXCLUDED.kind, code = EXCLUDED.code, name_zh = EXCLUDED.name_zh, name_en = EXCLUDED.name_en,
         default_unit_id = EXCLUDED.default_unit_id, white_hours = EXCLUDED.white_hours, yellow_hours = EXCLUDED.yellow_hours, red_hours = EXCLUDED.red_hours`,
      [c.id, c.kind, c.code, c.zh, c.en, c.defaultUnit, ...c.hours],
    );
  }
  return { departments: data.departments.length, categories: data.categories.length };
}
