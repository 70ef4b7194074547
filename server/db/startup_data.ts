/**
 * What a fresh server needs before anyone signs in: the grids of every built city (so a case anywhere in them
 * finds its unit), and — only on an empty users table — the demo accounts, one per role, with random passwords
 * printed once and labelled 示例. There is no default password.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readBundle } from '../../scripts/read_bundle';
import { ROLE_NAMES, ROLES, type Role } from '../../src/domain/case_flow';
import type { CityIndexEntry } from '../../src/domain/city_bundle';
import { hashPassword } from '../auth/passwords';
import type { Database } from './database';
import { loadGrids } from './load_grids';
import { beijingDay } from '../campaign_clock';
import { takeSnapshot } from '../history/snapshots';

/** Loads the grids of each city in data/cities.json that has none in the database yet. */
export async function ensureCityGrids(db: Database, projectRoot: string, log: (line: string) => void): Promise<void> {
  const index = join(projectRoot, 'data', 'cities.json');
  if (!existsSync(index)) return;
  for (const city of JSON.parse(readFileSync(index, 'utf8')) as CityIndexEntry[]) {
    const [{ n }] = (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM grids WHERE city_id = $1', [city.id])).rows;
    if (n > 0) continue;
    const { manifest, layers } = readBundle(join(projectRoot, 'data', city.id));
    if (!layers.grids) continue;
    const loaded = await loadGrids(db, manifest, layers);
    log(`${city.id}: 已载入 ${loaded.grids} 个网格 / ${loaded.grids} grids loaded`);
  }
}

/** On an empty users table only: one account per role for the demo city, passwords printed once. */
export async function seedDemoAccounts(db: Database, demoCityId: string | null, log: (line: string) => void): Promise<void> {
  const [{ n }] = (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM users')).rows;
  if (n > 0 || !demoCityId) return;
  const [unit] = (await db.query<{ id: string }>("SELECT unit_id AS id FROM grids WHERE city_id = $1 AND unit_id IS NOT NULL ORDER BY code LIMIT 1", [demoCityId])).rows;
  const roles: readonly Role[] = ROLES;
  log('示例账号（仅用于示例城市，密码只显示这一次）/ demo accounts (demo city only; passwords are shown this once):');
  for (const role of roles) {
    const password = randomBytes(9).toString('base64url');
    await db.query('INSERT INTO users (username, display_name, password_hash, role, unit_id) VALUES ($1, $2, $3, $4, $5)', [`demo-${role}`, `示例${ROLE_NAMES[role].zh}`, await hashPassword(password), role, role === 'handler' ? (unit?.id ?? null) : null]);
    log(`  示例 demo-${role.padEnd(10)} ${password}   ${ROLE_NAMES[role].zh} / ${ROLE_NAMES[role].en}${role === 'handler' && unit ? ` (${unit.id})` : ''}`);
  }
}

/** Takes yesterday's KPI snapshot (Beijing calendar) of every built city that has none yet. */
export async function snapshotYesterday(db: Database, projectRoot: string, log: (line: string) => void): Promise<void> {
  const index = join(projectRoot, 'data', 'cities.json');
  if (!existsSync(index)) return;
  const day = beijingDay(Date.now() - 86_400_000);
  for (const city of JSON.parse(readFileSync(index, 'utf8')) as CityIndexEntry[]) {
    const [{ n }] = (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM kpi_snapshots WHERE city_id = $1 AND day = $2::date', [city.id, day])).rows;
    if (n > 0) continue;
    const { manifest, layers } = readBundle(join(projectRoot, 'data', city.id));
    const { rows } = await takeSnapshot(db, manifest, layers, day);
    log(`${city.id} ${day}: 快照 ${rows} 行 / snapshot of ${rows} rows`);
  }
}
