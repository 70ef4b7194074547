/**
 * The way a GIS analyst would answer the bench's two questions in PostGIS: the same street samples, toilets,
 * alleys, compounds and six-surroundings points loaded as geography with GiST indexes, then `ST_DWithin` —
 * on the embedded PGlite + PostGIS the server uses, and on a real PostgreSQL + PostGIS when one is given.
 * Loading and indexing are not timed; the queries are (warm-up, then the median of runs).
 */
import type { CityModel } from '../../src/analysis/city_model';
import type { CompoundFeature } from '../../src/domain/city_bundle';
import type { Database } from '../../server/db/database';

export interface PostgisInputs {
  model: CityModel;
  toilets: number[];
  zonePoints: number[];
  compounds: readonly CompoundFeature[];
}

const lonOf = (m: CityModel, x: number) => m.projection.lon(x);
const latOf = (m: CityModel, y: number) => m.projection.lat(y);

/** Loads one bench case into fresh tables (geography, GiST indexed). */
export async function loadPostgisCase(db: Database, { model, toilets, zonePoints, compounds }: PostgisInputs): Promise<void> {
  await db.exec(`
    CREATE EXTENSION IF NOT EXISTS postgis;
    DROP TABLE IF EXISTS bench_samples, bench_toilets, bench_points, bench_alleys, bench_compounds;
    CREATE TABLE bench_samples (id integer PRIMARY KEY, weight float8 NOT NULL, geog geography(Point, 4326) NOT NULL);
    CREATE TABLE bench_toilets (id integer PRIMARY KEY, geog geography(Point, 4326) NOT NULL);
    CREATE TABLE bench_points (id integer PRIMARY KEY, geog geography(Point, 4326) NOT NULL);
    CREATE TABLE bench_alleys (id integer PRIMARY KEY, geog geography(MultiLineString, 4326) NOT NULL);
    CREATE TABLE bench_compounds (id integer PRIMARY KEY, geog geography(MultiPolygon, 4326) NOT NULL);`);
  const { samples, facilities, segments, streets } = model;
  // arrays of numbers in, one statement per chunk: row-by-row inserts would dominate the bench
  const CHUNK = 50_000;
  for (let from = 0; from < samples.x.length; from += CHUNK) {
    const ids = Array.from({ length: Math.min(CHUNK, samples.x.length - from) }, (_, k) => from + k);
    await db.query('INSERT INTO bench_samples SELECT i, w, ST_SetSRID(ST_MakePoint(x, y), 4326)::geography FROM unnest($1::int[], $2::float8[], $3::float8[], $4::float8[]) AS t(i, w, x, y)', [ids, ids.map((i) => samples.weight[i]), ids.map((i) => lonOf(model, samples.x[i])), ids.map((i) => latOf(model, samples.y[i]))]);
  }
  for (const [table, list] of [['bench_toilets', toilets], ['bench_points', zonePoints]] as const) {
    await db.query(`INSERT INTO ${table} SELECT i, ST_SetSRID(ST_MakePoint(x, y), 4326)::geography FROM unnest($1::int[], $2::float8[], $3::float8[]) AS t(i, x, y)`, [list, list.map((f) => lonOf(model, facilities.x[f])), list.map((f) => latOf(model, facilities.y[f]))]);
  }
  // each alley street as one multi-line of its segments
  const alleyLines = new Map<number, number[][][]>();
  for (let s = 0; s < segments.street.length; s++) {
    const street = segments.street[s];
    if (!streets[street].alley) continue;
    const lines = alleyLines.get(street) ?? [];
    lines.push([[lonOf(model, segments.ax[s]), latOf(model, segments.ay[s])], [lonOf(model, segments.bx[s]), latOf(model, segments.by[s])]]);
    alleyLines.set(street, lines);
  }
  const alleys = [...alleyLines];
  for (let from = 0; from < alleys.length; from += 5000) {
    const chunk = alleys.slice(from, from + 5000);
    await db.query('INSERT INTO bench_alleys SELECT i, ST_GeomFromGeoJSON(g)::geography FROM unnest($1::int[], $2::text[]) AS t(i, g)', [chunk.map(([id]) => id), chunk.map(([, lines]) => JSON.stringify({ type: 'MultiLineString', coordinates: lines }))]);
  }
  for (let from = 0; from < compounds.length; from += 5000) {
    const chunk = compounds.slice(from, from + 5000);
    await db.query('INSERT INTO bench_compounds SELECT i, ST_Multi(ST_GeomFromGeoJSON(g))::geography FROM unnest($1::int[], $2::text[]) AS t(i, g)', [chunk.map((_, k) => from + k), chunk.map((c) => JSON.stringify(c.geometry))]);
  }
  await db.exec(`
    CREATE INDEX ON bench_samples USING gist (geog);
    CREATE INDEX ON bench_toilets USING gist (geog);
    CREATE INDEX ON bench_points USING gist (geog);
    CREATE INDEX ON bench_alleys USING gist (geog);
    CREATE INDEX ON bench_compounds USING gist (geog);
    ANALYZE bench_samples; ANALYZE bench_toilets; ANALYZE bench_points; ANALYZE bench_alleys; ANALYZE bench_compounds;`);
}

/** share of street length (sample weights) within `metres` of a toilet */
export async function postgisStreetCoverage(db: Database, metres: number): Promise<number> {
  const [{ share }] = (
    await db.query<{ share: number }>(
      `SELECT (sum(s.weight) FILTER (WHERE EXISTS (SELECT 1 FROM bench_toilets t WHERE ST_DWithin(t.geog, s.geog, $1, false)))) / sum(s.weight) AS share FROM bench_samples s`,
      [metres],
    )
  ).rows;
  return Number(share);
}

/** distinct alleys + distinct compounds within `metres` of any zone point */
export async function postgisZoneMembership(db: Database, metres: number): Promise<number> {
  const [{ n }] = (
    await db.query<{ n: number }>(
      `SELECT (SELECT count(*) FROM bench_alleys a WHERE EXISTS (SELECT 1 FROM bench_points p WHERE ST_DWithin(p.geog, a.geog, $1, false)))
            + (SELECT count(*) FROM bench_compounds c WHERE EXISTS (SELECT 1 FROM bench_points p WHERE ST_DWithin(p.geog, c.geog, $1, false))) AS n`,
      [metres],
    )
  ).rows;
  return Number(n);
}
