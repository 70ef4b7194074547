/**
 * npm run db:migrate                 apply migrations and reference data (var/db, or DATABASE_URL)
 * npm run db:load-grids -- <city>    load a city bundle's unit grids and their org units
 * npm run cards:tick                 escalate every lapsed supervision card once
 * npm run user -- add <username> --role <role> [--unit <unit id>] [--name 显示名]   (password read from stdin or USER_PASSWORD)
 * npm run user -- key <username> [--name label]   prints a new Open311 api_key for the user
 */
import { parseArgs } from 'node:util';
import { readBundle } from '../../scripts/read_bundle';
import { ROLES, type Role } from '../../src/domain/case_flow';
import { hashPassword } from '../auth/passwords';
import { escalateDueCards } from '../cases/card_escalation';
import { loadGrids } from '../db/load_grids';
import { prepareDatabase } from '../db/prepare';
import { createApiKey } from '../open311';

async function readPassword(): Promise<string> {
  if (process.env.USER_PASSWORD) return process.env.USER_PASSWORD;
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8').trim();
}

async function main(): Promise<void> {
  const [command, ...rest] = process.argv.slice(2);
  const db = await prepareDatabase();
  try {
    if (command === 'migrate') {
      console.log(`数据库已就绪 / database ready (${db.engine})`);
    } else if (command === 'load-grids') {
      const city = rest[0];
      if (!city) throw new Error('usage: npm run db:load-grids -- <city id | bundle folder>');
      const { manifest, layers } = readBundle(city);
      const loaded = await loadGrids(db, manifest, layers);
      console.log(`${manifest.id}: ${loaded.grids} 个网格、${loaded.units} 个单位已载入 / grids and units loaded`);
    } else if (command === 'cards-tick') {
      const { escalated } = await escalateDueCards(db);
      console.log(`升级督办卡 ${escalated} 张 / ${escalated} cards escalated`);
    } else if (command === 'user') {
      const { positionals, values } = parseArgs({ args: rest, allowPositionals: true, options: { role: { type: 'string' }, unit: { type: 'string' }, name: { type: 'string' } } });
      const [verb, username] = positionals;
      if (verb === 'key' && username) {
        const [user] = (await db.query<{ id: number }>('SELECT id FROM users WHERE username = $1', [username])).rows;
        if (!user) throw new Error(`没有用户 ${username} / there is no user ${username}`);
        console.log(await createApiKey(db, user.id, values.name ?? ''));
        return;
      }
      if (verb !== 'add' || !username || !values.role) throw new Error('usage: npm run user -- add <username> --role <role> [--unit <unit id>] [--name 显示名]  (password from stdin or USER_PASSWORD)');
      if (!(ROLES as readonly string[]).includes(values.role)) throw new Error(`--role must be one of ${ROLES.join(', ')}`);
      const passwordHash = await hashPassword(await readPassword());
      await db.query('INSERT INTO users (username, display_name, password_hash, role, unit_id) VALUES ($1, $2, $3, $4, $5)', [username, values.name ?? username, passwordHash, values.role as Role, values.unit ?? null]);
      console.log(`用户 ${username}（${values.role}）已创建 / user created`);
    } else {
      throw new Error('usage: db.ts migrate | load-grids <city> | cards-tick | user add …');
    }
  } finally {
    await db.close();
  }
}

main().catch((error: Error & { detail?: string }) => {
  process.stderr.write(`错误 / error: ${error.message}${error.detail ? ` (${error.detail})` : ''}\n`);
  process.exit(1);
});
