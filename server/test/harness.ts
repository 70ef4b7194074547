/**
 * A fresh campaign database for a test file: embedded PGlite in memory, or — when TEST_DATABASE_URL names a real
 * PostgreSQL (npm run test:server:pg starts one) — a new database created on it and dropped after.
 * Seeded with two grids in two communities and one user of every role.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { Role } from '../../src/domain/case_flow';
import type { GridFeature } from '../../src/domain/city_bundle';
import { hashPassword } from '../auth/passwords';
import { openPglite, openPostgres, type Database } from '../db/database';
import { loadGrids, unitIds } from '../db/load_grids';
import { migrate } from '../db/migrate';
import { loadReferenceData } from '../db/reference_data';

export const CITY = 'testcity';
/** two 1 km squares side by side at 118.78 E, 32.04 N: grid A (west) and grid B (east) */
export const GRID_A = '32010200100101';
export const GRID_B = '32010200100201';
export const UNIT_A = unitIds.community('320102001001');
export const UNIT_B = unitIds.community('320102001002');
export const IN_A: [number, number] = [118.785, 32.045];
export const IN_B: [number, number] = [118.795, 32.045];
export const PASSWORD = 'correct horse battery';

export interface TestDatabase { db: Database; drop: () => Promise<void> }

/** A new, empty database on the PostgreSQL server of `adminUrl`; `drop` closes and removes it. */
export async function createScratchDatabase(adminUrl: string, prefix = 'cc_test'): Promise<TestDatabase & { url: string }> {
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  const run = async (sql: string) => {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await run(`CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const db = await openPostgres(url.href);
  return {
    url: url.href,
    db,
    drop: async () => {
      await db.close();
      await run(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}

export async function openTestDatabase(): Promise<TestDatabase> {
  const admin = process.env.TEST_DATABASE_URL;
  if (admin) return createScratchDatabase(admin);
  const db = await openPglite();
  return { db, drop: () => db.close() };
}

const square = (x0: number, y0: number, x1: number, y1: number) => [[[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]];

function grid(code: string, community: string, communityCode: string, ring: number[][][]): GridFeature {
  return {
    type: 'Feature',
    geometry: { type: 'Polygon', coordinates: ring },
    properties: { code, name: `网格${code.slice(-4)}`, district: '测试区', districtCode: '320102', street: '测试街道', streetCode: '001', community, communityCode, seq: 1, areaM2: 1e6, origin: 'block', derived: { district: false, street: false, community: false }, responsibleUnit: `${community}居委会`, responsiblePerson: '张三', phone: '025-00000000' },
  };
}

export const USERS: { username: string; role: Role; unitId: string | null }[] = [
  { username: 'admin', role: 'admin', unitId: null },
  { username: 'supervisor', role: 'supervisor', unitId: null },
  { username: 'dispatcher', role: 'dispatcher', unitId: null },
  { username: 'handler-a', role: 'handler', unitId: UNIT_A },
  { username: 'handler-b', role: 'handler', unitId: UNIT_B },
  { username: 'inspector', role: 'inspector', unitId: null },
  { username: 'planner', role: 'planner', unitId: null },
  { username: 'viewer', role: 'viewer', unitId: null },
];

export async function seed(db: Database): Promise<void> {
  await migrate(db);
  await loadReferenceData(db);
  await loadGrids(db, { id: CITY, name: { zh: '测试市', en: 'Test city' } }, {
    grids: { type: 'FeatureCollection', features: [grid(GRID_A, '甲社区', '001', square(118.78, 32.04, 118.79, 32.05)), grid(GRID_B, '乙社区', '002', square(118.79, 32.04, 118.80, 32.05))] },
  });
  const hash = await hashPassword(PASSWORD);
  for (const u of USERS) await db.query('INSERT INTO users (username, display_name, password_hash, role, unit_id) VALUES ($1, $2, $3, $4, $5)', [u.username, `测试${u.username}`, hash, u.role, u.unitId]);
}
