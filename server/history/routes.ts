/**
 * /api/ledgers (and /api/ledgers/as-of), /api/snapshots, /api/milestones: the campaign over time. A planner saves an import as a ledger
 * revision; anyone signed in reads the daily figures of the city, a district, a street or a grid.
 */
import { Type, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { CATEGORY_IDS } from '../../src/domain/categories';
import { ROLES, type Role } from '../../src/domain/case_flow';
import type { CityLayers, CityManifest } from '../../src/domain/city_bundle';
import type { FacilityFeature } from '../../src/domain/city_bundle';
import type { SessionUser } from '../auth/sessions';
import type { Database } from '../db/database';
import { HttpError } from '../http_error';
import { Day, literals } from '../schemas';
import { listRevisions, revisionsAsOf, saveRevision } from './ledger_revisions';
import { beijingDay, checkDay } from '../campaign_clock';
import { freezeMilestone, SNAPSHOT_LEVELS, snapshotSeries, takeSnapshot } from './snapshots';


export interface HistoryOptions {
  db: Database;
  requireRole: (request: FastifyRequest, roles: readonly Role[]) => SessionUser;
  /** a built city's bundle, for snapshots taken on request; null when the city is unknown */
  bundleOf: (cityId: string) => { manifest: CityManifest; layers: CityLayers } | null;
}

function checkFeatures(features: unknown[]): FacilityFeature[] {
  features.forEach((f, i) => {
    const feature = f as FacilityFeature;
    const [lon, lat] = feature?.geometry?.coordinates ?? [];
    if (feature?.type !== 'Feature' || feature.geometry?.type !== 'Point' || !Number.isFinite(lon) || !Number.isFinite(lat) || Math.abs(lon) > 180 || Math.abs(lat) > 90) {
      throw new HttpError(400, `第 ${i + 1} 个设施不是有效的 WGS-84 点要素`, `facility ${i + 1} is not a valid WGS-84 point feature`);
    }
    if (!(CATEGORY_IDS as readonly string[]).includes(feature.properties?.category)) throw new HttpError(400, `第 ${i + 1} 个设施的类别“${String(feature.properties?.category)}”未知`, `facility ${i + 1} has an unknown category "${String(feature.properties?.category)}"`);
  });
  return features as FacilityFeature[];
}

export async function registerHistory(parent: FastifyInstance, options: HistoryOptions): Promise<void> {
  const { db, requireRole } = options;
  const app = parent.withTypeProvider<TypeBoxTypeProvider>();
  const everyone = ROLES;

  app.post('/api/ledgers', {
    schema: {
      body: Type.Object({
        cityId: Type.String({ minLength: 1, maxLength: 80 }),
        effectiveDate: Type.Optional(Day),
        layer: Type.Object({
          fileName: Type.String({ minLength: 1, maxLength: 200 }),
          crs: Type.String({ maxLength: 20 }),
          mode: literals(['merge', 'replace'] as const),
          rowsRead: Type.Integer({ minimum: 0 }),
          accepted: Type.Array(Type.Unknown(), { maxItems: 100_000 }),
          rejected: Type.Array(Type.Object({ row: Type.Integer(), reason: Type.String(), detail: Type.String() }), { maxItems: 100_000 }),
        }),
      }),
    },
  }, async (request, reply) => {
    const user = requireRole(request, ['admin', 'supervisor', 'planner']);
    const { cityId, layer } = request.body;
    if (layer.accepted.length + layer.rejected.length !== layer.rowsRead) throw new HttpError(400, `接受 ${layer.accepted.length} 行 + 拒绝 ${layer.rejected.length} 行 ≠ 读取的 ${layer.rowsRead} 行：每一行都须有交代`, `${layer.accepted.length} accepted + ${layer.rejected.length} rejected ≠ ${layer.rowsRead} rows read: every row must be accounted for`);
    const id = await saveRevision(db, user.id, cityId, { ...layer, crs: layer.crs as never, accepted: checkFeatures(layer.accepted), rejected: layer.rejected as never }, checkDay(request.body.effectiveDate ?? beijingDay()));
    return reply.status(201).send({ id });
  });

  app.get('/api/ledgers', { schema: { querystring: Type.Object({ cityId: Type.String({ minLength: 1, maxLength: 80 }) }) } }, async (request) => {
    requireRole(request, everyone);
    return { revisions: await listRevisions(db, request.query.cityId) };
  });

  // the history view (#asof=): the revisions to put on the bundle for a day, the same ones its snapshot used
  app.get('/api/ledgers/as-of', { schema: { querystring: Type.Object({ cityId: Type.String({ minLength: 1, maxLength: 80 }), day: Day }) } }, async (request) => {
    requireRole(request, everyone);
    const day = checkDay(request.query.day);
    return { cityId: request.query.cityId, day, revisions: await revisionsAsOf(db, request.query.cityId, day) };
  });

  app.get('/api/snapshots', {
    schema: { querystring: Type.Object({ cityId: Type.String({ minLength: 1, maxLength: 80 }), level: literals(SNAPSHOT_LEVELS), key: Type.Optional(Type.String({ maxLength: 80 })), from: Day, to: Day }) },
  }, async (request) => {
    requireRole(request, everyone);
    const q = request.query;
    return { series: await snapshotSeries(db, q.cityId, q.level, q.key ?? q.cityId, checkDay(q.from), checkDay(q.to)) };
  });

  app.post('/api/snapshots', { schema: { body: Type.Object({ cityId: Type.String({ minLength: 1, maxLength: 80 }), day: Type.Optional(Day) }) } }, async (request, reply) => {
    requireRole(request, ['admin', 'supervisor']);
    const bundle = options.bundleOf(request.body.cityId);
    if (!bundle) throw new HttpError(404, `没有城市“${request.body.cityId}”的数据`, `there is no built city "${request.body.cityId}"`);
    return reply.status(201).send(await takeSnapshot(db, bundle.manifest, bundle.layers, checkDay(request.body.day ?? beijingDay())));
  });

  app.post('/api/milestones', { schema: { body: Type.Object({ cityId: Type.String({ minLength: 1, maxLength: 80 }), day: Day, label: Type.String({ minLength: 1, maxLength: 40 }) }) } }, async (request, reply) => {
    const user = requireRole(request, ['admin', 'supervisor']);
    await freezeMilestone(db, request.body.cityId, checkDay(request.body.day), request.body.label, user.id);
    return reply.status(201).send({ ok: true });
  });
}
