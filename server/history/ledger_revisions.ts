/**
 * Shared facility ledgers (台账) with history. A planner's import (parsed and checked in the browser or the CLI by
 * src/ledger, every row accepted or listed as rejected) is saved as a revision effective from a date; the city's
 * facilities on any date are the bundle's plus the revisions effective by then, applied in order.
 */
import type { CityLayers } from '../../src/domain/city_bundle';
import { layersAsOfDay, type AsOfRevision } from '../../src/history/as_of';
import type { LedgerLayer } from '../../src/ledger/project';
import type { Queryable } from '../db/database';

export interface Revision { id: number; cityId: string; fileName: string; crs: string; mode: 'merge' | 'replace'; rowsRead: number; accepted: number; rejected: number; effectiveDate: string; author: string | null; createdAt: string }

export async function saveRevision(db: Queryable, authorId: number | null, cityId: string, layer: Pick<LedgerLayer, 'fileName' | 'crs' | 'mode' | 'rowsRead' | 'accepted' | 'rejected'>, effectiveDate: string): Promise<number> {
  const [{ id }] = (
    await db.query<{ id: number }>(
      `INSERT INTO ledger_revisions (city_id, file_name, crs, mode, rows_read, accepted, rejected, features, rejected_rows, effective_date, author_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::date, $11) RETURNING id`,
      [cityId, layer.fileName, layer.crs, layer.mode, layer.rowsRead, layer.accepted.length, layer.rejected.length, JSON.stringify(layer.accepted), JSON.stringify(layer.rejected), effectiveDate, authorId],
    )
  ).rows;
  return id;
}

export async function listRevisions(db: Queryable, cityId: string): Promise<Revision[]> {
  return (
    await db.query<Revision>(
      `SELECT r.id, r.city_id AS "cityId", r.file_name AS "fileName", r.crs, r.mode, r.rows_read AS "rowsRead", r.accepted, r.rejected,
              to_char(r.effective_date, 'YYYY-MM-DD') AS "effectiveDate", u.display_name AS author,
              to_char(r.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "createdAt"
         FROM ledger_revisions r LEFT JOIN users u ON u.id = r.author_id WHERE r.city_id = $1 ORDER BY r.effective_date, r.id`,
      [cityId],
    )
  ).rows;
}

/** The revisions effective on or before `day` (yyyy-mm-dd), in the order they apply: what the history view and the snapshot add to the bundle. */
export async function revisionsAsOf(db: Queryable, cityId: string, day: string): Promise<AsOfRevision[]> {
  return (
    await db.query<AsOfRevision>(
      `SELECT id, file_name AS "fileName", crs, mode, features AS accepted, to_char(effective_date, 'YYYY-MM-DD') AS "effectiveDate"
         FROM ledger_revisions WHERE city_id = $1 AND effective_date <= $2::date ORDER BY effective_date, id`,
      [cityId, day],
    )
  ).rows;
}

/** The bundle's layers with every revision effective on or before `day`, assembled as the browser's history view does. */
export async function layersAsOf(db: Queryable, cityId: string, day: string, bundle: CityLayers): Promise<CityLayers> {
  return layersAsOfDay(bundle, await revisionsAsOf(db, cityId, day), day);
}
