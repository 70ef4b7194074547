/**
 * The bulletin's and the trends' calls to the campaign server, typed by the server's own modules (type-only
 * imports, erased at build) so the two sides cannot drift apart.
 */
import type { BulletinCase, TrendWeek, UnitBulletinRow, WeeklyBulletin } from '../../server/cases/weekly_bulletin';
import type { UnitWeek } from '../../server/cases/weekly_ranking';
import type { CampaignCalendar } from '../../server/history/snapshot_compare';
import type { SnapshotLevel } from '../../server/history/snapshots';
import { api } from '../campaign/api';
import type { ComparedRow, SnapshotFigures } from '../history/snapshot_change';

export type { BulletinCase, CampaignCalendar, SnapshotLevel, TrendWeek, UnitBulletinRow, UnitWeek, WeeklyBulletin };

export const fetchBulletin = (week: string, signal?: AbortSignal) => api<WeeklyBulletin>(`/api/bulletin?week=${encodeURIComponent(week)}`, { signal });

/** the week's case ledger, downloaded by the browser itself (same origin, session cookie) */
export const ledgerUrl = (week: string, format: 'xlsx' | 'csv' = 'xlsx') => `/api/ledger?week=${encodeURIComponent(week)}&format=${format}`;

export const fetchCalendar = (cityId: string, signal?: AbortSignal) => api<CampaignCalendar>(`/api/campaign?cityId=${encodeURIComponent(cityId)}`, { signal });

export interface SeriesPoint { day: string; figures: SnapshotFigures; milestone: string | null }

export const fetchSeries = (cityId: string, level: SnapshotLevel, key: string, from: string, to: string, signal?: AbortSignal) =>
  api<{ series: SeriesPoint[] }>(`/api/snapshots?${new URLSearchParams({ cityId, level, key, from, to })}`, { signal }).then((r) => r.series);

export const fetchComparison = (cityId: string, from: string, to: string, signal?: AbortSignal) =>
  api<{ rows: ComparedRow[] }>(`/api/snapshots/compare?${new URLSearchParams({ cityId, level: 'grid', from, to })}`, { signal }).then((r) => r.rows);

/** The snapshot level of an area code: district 6 digits, subdistrict 9, grid 14. */
export function levelOfCode(code: string): SnapshotLevel {
  return code.length === 6 ? 'district' : code.length === 9 ? 'street' : 'grid';
}
