/**
 * /api/bulletin (the weekly bulletin's figures), /api/ledger (the week's case ledger as XLSX or CSV),
 * /api/snapshots/compare and /api/campaign (before/after and the trend charts' calendar).
 */
import { Type, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ROLES, type Role } from '../../src/domain/case_flow';
import { tableCsv } from '../../src/io/csv_export';
import { tablesXlsx } from '../../src/io/xlsx_export';
import type { SessionUser } from '../auth/sessions';
import type { Database } from '../db/database';
import { campaignCalendar, compareSnapshots } from '../history/snapshot_compare';
import { SNAPSHOT_LEVELS } from '../history/snapshots';
import { checkDay } from '../campaign_clock';
import { Day, literals } from '../schemas';
import { weekLedger } from './case_ledger';
import { visibleTo } from './case_service';
import { weeklyBulletin } from './weekly_bulletin';
import { isoWeekOf } from './weekly_ranking';

const Week = Type.String({ pattern: '^\\d{4}-W\\d{2}$' });
const CityId = Type.String({ minLength: 1, maxLength: 80 });
/** the ledger lists every unit's cases: the office's roles and readers, not a unit's handler */
const LEDGER_ROLES: readonly Role[] = ROLES.filter((r) => r !== 'handler');

export async function registerBulletin(parent: FastifyInstance, db: Database, requireRole: (request: FastifyRequest, roles: readonly Role[]) => SessionUser): Promise<void> {
  const app = parent.withTypeProvider<TypeBoxTypeProvider>();

  app.get('/api/bulletin', { schema: { querystring: Type.Object({ week: Type.Optional(Week) }) } }, async (request) => {
    const user = requireRole(request, ROLES);
    const bulletin = await weeklyBulletin(db, request.query.week ?? isoWeekOf(Date.now()));
    // the figures are the city's; a unit's handler sees the cases behind them only for its own unit
    return { ...bulletin, cases: bulletin.cases.filter((c) => visibleTo(user, c)) };
  });

  app.get('/api/ledger', { schema: { querystring: Type.Object({ week: Type.Optional(Week), format: Type.Optional(literals(['xlsx', 'csv'] as const)) }) } }, async (request, reply) => {
    requireRole(request, LEDGER_ROLES);
    const week = request.query.week ?? isoWeekOf(Date.now());
    const table = await weekLedger(db, week);
    const xlsx = (request.query.format ?? 'xlsx') === 'xlsx';
    const body = xlsx ? Buffer.from(await tablesXlsx([table])) : tableCsv(table);
    return reply
      .header('content-type', xlsx ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' : 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="cases-${week}.${xlsx ? 'xlsx' : 'csv'}"; filename*=UTF-8''${encodeURIComponent(`案件台账-${week}.${xlsx ? 'xlsx' : 'csv'}`)}`)
      .send(body);
  });

  app.get('/api/snapshots/compare', { schema: { querystring: Type.Object({ cityId: CityId, level: literals(SNAPSHOT_LEVELS), from: Day, to: Day }) } }, async (request) => {
    requireRole(request, ROLES);
    const q = request.query;
    return { from: q.from, to: q.to, level: q.level, rows: await compareSnapshots(db, q.cityId, q.level, checkDay(q.from), checkDay(q.to)) };
  });

  app.get('/api/campaign', { schema: { querystring: Type.Object({ cityId: CityId }) } }, async (request) => {
    requireRole(request, ROLES);
    return campaignCalendar(db, request.query.cityId);
  });
}
