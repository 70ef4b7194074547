/**
 * Adds N seeded supervision cases to a campaign database (the browser benchmark's 5,000): the same seeded cases
 * as `npm run bench:cases` (src/campaign/test/seeded_cases.ts), written straight into the tables in one statement
 * each — filing 5,000 cases through the API would take minutes and measure the server, not the page. The grid
 * and its unit come from PostGIS (ST_Contains), as when a case is filed; a dispatched or checking case is
 * dispatched to its grid's unit; each carded case gets its active card.
 *   tsx scripts/bench/seed_bench_cases.ts <PGlite folder> <city> <n>
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { seededCases } from '../../src/campaign/test/seeded_cases';
import { prepareDatabase } from '../../server/db/prepare';

/** the seeded cases' categories that are not in the reference data fall back to this one */
const FALLBACK_CATEGORY = 'toilet_gap';

async function main(): Promise<void> {
  const [dataDir, cityId, n] = process.argv.slice(2);
  if (!dataDir || !cityId || !Number(n)) throw new Error('usage: seed_bench_cases.ts <PGlite folder> <city> <n>');
  const bbox = (JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'data', cityId, 'city.json'), 'utf8')) as { bbox: number[] }).bbox;
  const cases = seededCases(Number(n), bbox, 20261130, Date.now());
  const db = await prepareDatabase({ dataDir });
  try {
    const known = new Set((await db.query<{ id: string }>('SELECT id FROM categories')).rows.map((r) => r.id));
    const column = <T>(pick: (c: (typeof cases)[number]) => T) => cases.map(pick);
    await db.transaction(async (tx) => {
      const ids = (
        await tx.query<{ id: number }>(
          `INSERT INTO cases (city_id, category_id, state, version, title, description, geom, grid_code, grid_unit_id, unit_id, source, created_at, updated_at)
           SELECT $1, c.category, c.state, c.version, c.title, c.description, ST_SetSRID(ST_MakePoint(c.lon, c.lat), 4326),
                  g.code, g.unit_id, CASE WHEN c.state IN ('dispatched', 'checking') THEN g.unit_id END, 'report', c.created, c.created
             FROM unnest($2::text[], $3::text[], $4::int[], $5::text[], $6::text[], $7::float8[], $8::float8[], $9::timestamptz[])
                  WITH ORDINALITY AS c(category, state, version, title, description, lon, lat, created, n)
             LEFT JOIN LATERAL (SELECT code, unit_id FROM grids WHERE city_id = $1 AND ST_Contains(geom, ST_SetSRID(ST_MakePoint(c.lon, c.lat), 4326)) LIMIT 1) g ON true
            ORDER BY c.n
           RETURNING id`,
          [
            cityId,
            column((c) => (known.has(c.categoryId) ? c.categoryId : FALLBACK_CATEGORY)),
            column((c) => c.state),
            column((c) => c.version),
            column((c) => c.title),
            column((c) => c.description),
            column((c) => c.lon),
            column((c) => c.lat),
            column((c) => c.createdAt),
          ],
        )
      ).rows.map((r) => r.id);
      const carded = cases.flatMap((c, i) => (c.card ? [{ id: ids[i], colour: c.card.colour, issued: c.createdAt, deadline: c.card.deadline }] : []));
      await tx.query(
        'INSERT INTO cards (case_id, colour, issued_at, deadline) SELECT * FROM unnest($1::int[], $2::text[], $3::timestamptz[], $4::timestamptz[])',
        [carded.map((c) => c.id), carded.map((c) => c.colour), carded.map((c) => c.issued), carded.map((c) => c.deadline)],
      );
    });
    const [{ count }] = (await db.query<{ count: number }>('SELECT count(*)::int AS count FROM cases WHERE city_id = $1', [cityId])).rows;
    console.log(JSON.stringify({ cases: count }));
  } finally {
    await db.close();
  }
}

main().catch((error: Error) => {
  process.stderr.write(`seed_bench_cases: ${error.stack ?? error.message}\n`);
  process.exit(1);
});
