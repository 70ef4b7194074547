/**
 * Daily KPI snapshots: the atlas's own analysis engine (src/analysis, the same code as the browser's worker and
 * the CLI) run in the server on the facilities as of a day, stored per city, district, street and grid with the
 * case figures of that day. A day is a Beijing calendar day; its figures are as they stood at its end.
 *
 *   bundle + ledger revisions ≤ day ──► CityAnalysis.report ──► city / grid figures ─┐
 *                                        rankLevel (district, street sums of grids) ─┼─► kpi_snapshots (one INSERT)
 *   cases, cards as of the day's end ──► open, overdue, closed, closed on time ──────┘
 */
import { CityAnalysis, DEFAULT_PARAMS } from '../../src/analysis/city_analysis';
import { gridTableFromScores, rankLevel } from '../../src/analysis/rankings';
import type { CityLayers, CityManifest } from '../../src/domain/city_bundle';
import type { Database, Queryable } from '../db/database';
import { BEIJING_OFFSET_MS, checkDay } from '../campaign_clock';
import { HttpError } from '../http_error';
import { layersAsOf } from './ledger_revisions';
import { closedOnTimeSql, overdueAtSql } from '../cases/case_rules_sql';

export const SNAPSHOT_LEVELS = ['city', 'district', 'street', 'grid'] as const;
export type SnapshotLevel = (typeof SNAPSHOT_LEVELS)[number];

export interface CaseFigures { open: number; overdue: number; closed: number; closedOnTime: number }

export interface SnapshotFigures {
  toiletStreetShare: number;
  toiletGapStreetMetres: number;
  toiletAreaShare: number;
  compounds: number;
  compoundsWithoutParking: number;
  zoneAlleys: number;
  zoneCompounds?: number;
  score?: number;
  cases: CaseFigures;
}


/** the end of a Beijing calendar day, ms since the epoch */
export function endOfDay(day: string): number {
  return Date.parse(`${checkDay(day)}T00:00:00Z`) + 86_400_000 - BEIJING_OFFSET_MS;
}


/** Case figures per grid at the end of `day`: open, overdue (overdueAtSql: the latest card by then had lapsed while owed), closed so far, closed so far on time. */
export async function caseFiguresByGrid(db: Queryable, cityId: string, day: string): Promise<Map<string, CaseFigures>> {
  const rows = (
    await db.query<CaseFigures & { gridCode: string }>(
      `WITH e AS (SELECT to_timestamp($2 / 1000.0) AS t),
            c AS (SELECT x.* FROM cases x, e WHERE x.city_id = $1 AND x.grid_code IS NOT NULL AND x.created_at < e.t AND x.state <> 'voided')
       SELECT c.grid_code AS "gridCode",
              count(*) FILTER (WHERE c.closed_at IS NULL OR c.closed_at >= e.t)::int AS open,
              count(*) FILTER (WHERE ${overdueAtSql('c', 'e.t')})::int AS overdue,
              count(*) FILTER (WHERE c.closed_at < e.t)::int AS closed,
              count(*) FILTER (WHERE c.closed_at < e.t AND ${closedOnTimeSql('c')})::int AS "closedOnTime"
         FROM c CROSS JOIN e
        GROUP BY c.grid_code`,
      [cityId, endOfDay(day)],
    )
  ).rows;
  return new Map(rows.map(({ gridCode, ...f }) => [gridCode, f]));
}

const noCases = (): CaseFigures => ({ open: 0, overdue: 0, closed: 0, closedOnTime: 0 });
const addCases = (into: CaseFigures, f: CaseFigures | undefined) => {
  if (f) for (const k of ['open', 'overdue', 'closed', 'closedOnTime'] as const) into[k] += f[k];
};

export interface SnapshotRow { level: SnapshotLevel; key: string; name: string; figures: SnapshotFigures }

type SnapshotManifest = Pick<CityManifest, 'id' | 'name' | 'synthetic' | 'dataDate' | 'bbox'>;

/**
 * The engine a city's snapshots run on, built from the bundle once (the model and its indexes, about a second on
 * the 14 km demo city); each day then puts its own facilities on it. Zone pairs are kept only up to the
 * snapshot's radius (500 m), not the slider's 2 km: the same figures, a fraction of the work.
 */
export function snapshotAnalysis(manifest: SnapshotManifest, bundle: CityLayers): CityAnalysis {
  return new CityAnalysis({ id: manifest.id, name: manifest.name, synthetic: manifest.synthetic, dataDate: manifest.dataDate }, bundle, manifest.bbox, { zonePairsUpToM: DEFAULT_PARAMS.zoneRadiusM });
}

/** The figures of one day at every level, computed fresh (no database writes); `analysis` may be reused across days. */
export async function computeSnapshot(db: Queryable, manifest: SnapshotManifest, bundle: CityLayers, day: string, analysis: CityAnalysis = snapshotAnalysis(manifest, bundle)): Promise<SnapshotRow[]> {
  const layers = await layersAsOf(db, manifest.id, day, bundle);
  analysis.setFacilities(layers.facilities.features);
  const report = analysis.report(DEFAULT_PARAMS);
  const cases = await caseFiguresByGrid(db, manifest.id, day);
  const gridProps = layers.grids?.features.map((f) => f.properties) ?? [];
  const cityCases = noCases();
  for (const f of cases.values()) addCases(cityCases, f);
  const rows: SnapshotRow[] = [
    {
      level: 'city',
      key: manifest.id,
      name: manifest.name.zh,
      figures: {
        toiletStreetShare: report.toilets.streetShareWithin,
        toiletGapStreetMetres: report.toilets.gapStreetMetres,
        toiletAreaShare: report.toilets.areaShareWithin,
        compounds: report.parking.compounds,
        compoundsWithoutParking: report.parking.compounds - report.parking.compoundsServed,
        zoneAlleys: report.zoneTotals.alleys,
        zoneCompounds: report.zoneTotals.compounds,
        cases: cityCases,
      },
    },
  ];
  const table = gridTableFromScores(manifest.id, report.grids);
  for (const level of ['district', 'street'] as const) {
    for (const r of rankLevel(gridProps, table, level, null)) {
      const c = noCases();
      for (const g of r.grids) addCases(c, cases.get(gridProps[g].code));
      rows.push({ level, key: r.key, name: r.name, figures: { toiletStreetShare: r.streetShare, toiletGapStreetMetres: r.gapStreetMetres, toiletAreaShare: r.areaShare, compounds: r.compounds, compoundsWithoutParking: r.unserved, zoneAlleys: r.zoneAlleys, score: r.score, cases: c } });
    }
  }
  for (const g of report.grids) {
    rows.push({ level: 'grid', key: g.code, name: g.name, figures: { toiletStreetShare: g.toilets.streetShareWithin, toiletGapStreetMetres: g.toilets.gapStreetMetres, toiletAreaShare: g.toilets.areaShareWithin, compounds: g.parking.compounds, compoundsWithoutParking: g.parking.unserved, zoneAlleys: g.zones.alleys, zoneCompounds: g.zones.compounds, score: g.score, cases: { ...noCases(), ...cases.get(g.code) } } });
  }
  return rows;
}

/**
 * Computes and stores a day's snapshot, replacing that day's rows (a re-run after a late ledger revision brings
 * the day up to date) unless the day is a milestone, which is frozen. Two processes taking the same day at once
 * serialise on an advisory lock.
 */
export async function takeSnapshot(db: Database, manifest: SnapshotManifest, bundle: CityLayers, day: string, analysis?: CityAnalysis): Promise<{ rows: number }> {
  const rows = await computeSnapshot(db, manifest, bundle, day, analysis);
  await storeSnapshot(db, manifest.id, day, rows);
  return { rows: rows.length };
}

/** Replaces a day's rows with `rows` in one transaction; a milestone's day is refused with 409. */
export async function storeSnapshot(db: Database, cityId: string, day: string, rows: readonly SnapshotRow[]): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`snapshot:${cityId}:${day}`]);
    const [milestone] = (await tx.query<{ label: string }>('SELECT label FROM milestones WHERE city_id = $1 AND day = $2::date', [cityId, day])).rows;
    if (milestone) throw new HttpError(409, `${day} 已定为里程碑“${milestone.label}”，其快照不再改动`, `${day} is frozen as the milestone "${milestone.label}": its snapshot is not retaken`);
    await tx.query('DELETE FROM kpi_snapshots WHERE city_id = $1 AND day = $2::date', [cityId, day]);
    await tx.query(
      `INSERT INTO kpi_snapshots (city_id, day, level, key, name, figures)
       SELECT $1, $2::date, r.level, r.key, r.name, r.figures FROM jsonb_to_recordset($3::jsonb) AS r(level text, key text, name text, figures jsonb)`,
      [cityId, day, JSON.stringify(rows)],
    );
  });
}

export async function snapshotSeries(db: Queryable, cityId: string, level: SnapshotLevel, key: string, from: string, to: string): Promise<{ day: string; figures: SnapshotFigures; milestone: string | null }[]> {
  return (
    await db.query<{ day: string; figures: SnapshotFigures; milestone: string | null }>(
      `SELECT to_char(s.day, 'YYYY-MM-DD') AS day, s.figures, m.label AS milestone
         FROM kpi_snapshots s LEFT JOIN milestones m ON m.city_id = s.city_id AND m.day = s.day
        WHERE s.city_id = $1 AND s.level = $2 AND s.key = $3 AND s.day BETWEEN $4::date AND $5::date ORDER BY s.day`,
      [cityId, level, key, from, to],
    )
  ).rows;
}

/** Freezes a day's snapshot under a label (基线, 省测评, 国测评 …); the day must have one. */
export async function freezeMilestone(db: Queryable, cityId: string, day: string, label: string, userId: number | null): Promise<void> {
  endOfDay(day);
  const [{ n }] = (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM kpi_snapshots WHERE city_id = $1 AND day = $2::date', [cityId, day])).rows;
  if (n === 0) throw new HttpError(409, `${day} 没有快照，无法定为里程碑`, `${day} has no snapshot to freeze`);
  await db.query('INSERT INTO milestones (city_id, day, label, created_by) VALUES ($1, $2::date, $3, $4) ON CONFLICT (city_id, day) DO UPDATE SET label = EXCLUDED.label', [cityId, day, label, userId]);
}
