/**
 * The atlas "as of" a day: a city's facilities on a Beijing calendar day are the bundle's plus every shared ledger
 * revision effective on or before it, applied in (effective day, revision id) order. The server's snapshot job
 * (server/history/ledger_revisions.ts) and the browser's history view assemble them here, so the figures the page
 * shows for a day are the figures the snapshot stored for it. Pure: no DOM, no fetch, no database.
 */
import { BEIJING_OFFSET_MS, isCalendarDay } from '../domain/campaign_clock';
import type { CityLayers, FacilityFeature } from '../domain/city_bundle';
import type { CrsId } from '../ledger/crs';
import type { RejectedRow } from '../ledger/import_rows';
import { applyProject, type LedgerLayer } from '../ledger/project';

/** One revision as `GET /api/ledgers/as-of` answers it: what it adds (or replaces), not its rejected rows. */
export interface AsOfRevision {
  id: number;
  fileName: string;
  crs: CrsId;
  mode: 'merge' | 'replace';
  /** yyyy-mm-dd, Beijing calendar */
  effectiveDate: string;
  accepted: FacilityFeature[];
}

/**
 * The revisions effective on or before `day` as ledger layers, in the order they apply: a later `replace` drops
 * the categories it carries from the bundle, never another revision's merged rows (applyProject's rule).
 */
export function revisionLedgers(revisions: readonly (AsOfRevision & { rowsRead?: number; rejected?: RejectedRow[] })[], day: string): LedgerLayer[] {
  if (!isCalendarDay(day)) throw new Error(`not a calendar day: ${day}`);
  return revisions
    .filter((r) => r.effectiveDate <= day)
    .sort((a, b) => (a.effectiveDate < b.effectiveDate ? -1 : a.effectiveDate > b.effectiveDate ? 1 : a.id - b.id))
    .map((r) => ({ id: `revision:${r.id}`, fileName: r.fileName, crs: r.crs, importedAt: r.effectiveDate, mode: r.mode, rowsRead: r.rowsRead ?? r.accepted.length, accepted: r.accepted, rejected: r.rejected ?? [] }));
}

/** The bundle's layers with the revisions effective by `day` in place (no proposals: they are nobody's record). */
export function layersAsOfDay(bundle: CityLayers, revisions: readonly AsOfRevision[], day: string): CityLayers {
  return applyProject(bundle, { ledgers: revisionLedgers(revisions, day), proposals: [] });
}

/** The end of a Beijing calendar day, ms since the epoch: the instant a day's figures stand at. */
export function endOfBeijingDay(day: string): number {
  if (!isCalendarDay(day)) throw new Error(`not a calendar day: ${day}`);
  return Date.parse(`${day}T00:00:00Z`) + 86_400_000 - BEIJING_OFFSET_MS;
}

/**
 * The cases open at the end of `day`, the ones the snapshot counts as open that day: filed before it ended, not
 * closed by then, not voided. Their state is today's (the list has no history of states); the view says so.
 */
export function casesOpenAt<C extends { createdAt: string; closedAt: string | null; state: string }>(cases: readonly C[], day: string): C[] {
  const end = endOfBeijingDay(day);
  return cases.filter((c) => c.state !== 'voided' && Date.parse(c.createdAt) < end && (c.closedAt === null || Date.parse(c.closedAt) >= end));
}
