/**
 * Open311 GeoReport v2 over the same cases, so existing 311 clients can file and follow them:
 *   GET  /open311/v2/services.json              problem categories as services
 *   GET  /open311/v2/requests.json              cases (service_request_id, service_code, status, start_date, end_date)
 *   GET  /open311/v2/requests/{id}.json         one case
 *   POST /open311/v2/requests.json              file a case (api_key, service_code, lat, long, description)
 * Errors follow the spec: an array of { code, description }. Case states map to `open` / `closed`.
 */
import formbody from '@fastify/formbody';
import { createHash, randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { CASE_STATE_NAMES, OPEN_STATES } from '../src/domain/case_flow';
import type { SessionUser } from './auth/sessions';
import { getCase, reportCase, type CaseRow } from './cases/case_service';
import type { Database, Queryable } from './db/database';
import { HttpError } from './http_error';


interface Service { code: string; nameZh: string; nameEn: string; kind: string; unit: string | null }

export async function createApiKey(db: Queryable, userId: number, label: string): Promise<string> {
  const key = randomBytes(24).toString('base64url');
  await db.query('INSERT INTO api_keys (key_sha256, user_id, label) VALUES ($1, $2, $3)', [createHash('sha256').update(key).digest('hex'), userId, label]);
  return key;
}

async function userOfKey(db: Queryable, key: string | undefined): Promise<SessionUser | null> {
  if (!key) return null;
  const [row] = (await db.query<SessionUser>('SELECT u.id, u.username, u.display_name AS "displayName", u.role, u.unit_id AS "unitId" FROM api_keys k JOIN users u ON u.id = k.user_id WHERE k.key_sha256 = $1', [createHash('sha256').update(key).digest('hex')])).rows;
  return row ?? null;
}

function asRequest(c: CaseRow, services: Map<string, Service>) {
  const service = services.get(c.categoryId);
  return {
    service_request_id: String(c.id),
    status: OPEN_STATES.includes(c.state) ? 'open' : 'closed',
    status_notes: `${CASE_STATE_NAMES[c.state].zh} / ${CASE_STATE_NAMES[c.state].en}`,
    service_name: service ? `${service.nameZh} / ${service.nameEn}` : c.categoryId,
    service_code: c.categoryId,
    description: c.description || c.title,
    agency_responsible: c.unitId ?? c.gridUnitId ?? '',
    requested_datetime: c.createdAt,
    updated_datetime: c.updatedAt,
    expected_datetime: c.card?.deadline ?? null,
    address: c.gridCode ? `网格 ${c.gridCode}` : '',
    lat: c.lat,
    long: c.lon,
  };
}

const fail = (reply: FastifyReply, error: HttpError) => reply.status(error.status).send([{ code: error.status, description: `${error.zh} / ${error.en}` }]);

export async function registerOpen311(app: FastifyInstance, db: Database): Promise<void> {
  await app.register(async (scope) => {
    await scope.register(formbody);
    scope.setErrorHandler((error: Error & { statusCode?: number }, _request, reply) =>
      fail(reply, error instanceof HttpError ? error : new HttpError(error.statusCode && error.statusCode < 500 ? error.statusCode : 400, `请求有误：${error.message}`, error.message)),
    );
    const services = async () => new Map((await db.query<Service>('SELECT id AS code, name_zh AS "nameZh", name_en AS "nameEn", kind, default_unit_id AS unit FROM categories ORDER BY code')).rows.map((s) => [s.code, s]));

    scope.get('/open311/v2/services.json', async () =>
      [...(await services()).values()].map((s) => ({ service_code: s.code, service_name: `${s.nameZh} / ${s.nameEn}`, description: s.nameEn, metadata: false, type: 'realtime', keywords: s.kind, group: s.kind === 'component' ? '部件 components' : '事件 events' })),
    );

    scope.get('/open311/v2/requests.json', async (request) => {
      const q = request.query as Record<string, string | undefined>;
      const where: string[] = [];
      const params: unknown[] = [];
      const add = (sql: string, value: unknown) => {
        params.push(value);
        where.push(sql.replace('?', `$${params.length}`));
      };
      if (q.service_request_id) add('id = ANY(?::int[])', q.service_request_id.split(',').map(Number).filter(Number.isInteger));
      if (q.service_code) add('category_id = ?', q.service_code);
      if (q.status === 'open') add('state = ANY(?::text[])', OPEN_STATES);
      else if (q.status === 'closed') add('NOT (state = ANY(?::text[]))', OPEN_STATES);
      else if (q.status) throw new HttpError(400, 'status 须为 open 或 closed', 'status must be open or closed');
      for (const [key, op] of [['start_date', '>='], ['end_date', '<']] as const) {
        if (!q[key]) continue;
        if (!Number.isFinite(Date.parse(q[key]!))) throw new HttpError(400, `${key} 须为 ISO 8601 时间`, `${key} must be an ISO 8601 date`);
        add(`created_at ${op} ?::timestamptz`, q[key]);
      }
      const ids = (await db.query<{ id: number }>(`SELECT id FROM cases ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id DESC LIMIT 1000`, params)).rows;
      const all = await services();
      return Promise.all(ids.map(async ({ id }) => asRequest((await getCase(db, id))!, all)));
    });

    scope.get('/open311/v2/requests/:id.json', async (request, reply) => {
      const id = Number((request.params as { id: string }).id);
      const item = Number.isInteger(id) ? await getCase(db, id) : null;
      if (!item) return fail(reply, new HttpError(404, `没有请求 ${String((request.params as { id: string }).id)}`, `there is no request ${String((request.params as { id: string }).id)}`));
      return [asRequest(item, await services())];
    });

    scope.post('/open311/v2/requests.json', async (request, reply) => {
      const body = (request.body ?? {}) as Record<string, string | undefined>;
      const user = await userOfKey(db, body.api_key);
      if (!user) throw new HttpError(401, 'api_key 无效', 'the api_key is missing or not valid');
      const lat = Number(body.lat);
      const lon = Number(body.long);
      if (!body.service_code) throw new HttpError(400, '缺少 service_code', 'service_code is required');
      if (!body.lat || !body.long || !Number.isFinite(lat) || !Number.isFinite(lon) || Math.abs(lat) > 90 || Math.abs(lon) > 180) throw new HttpError(400, 'lat 和 long 须为有效的 WGS-84 坐标', 'lat and long must be valid WGS-84 coordinates');
      // Open311 names no city: the one whose grid holds the point
      const [grid] = (await db.query<{ cityId: string }>('SELECT city_id AS "cityId" FROM grids WHERE ST_Contains(geom, ST_SetSRID(ST_MakePoint($1, $2), 4326)) ORDER BY code LIMIT 1', [lon, lat])).rows;
      if (!grid) throw new HttpError(422, `位置 ${lon}, ${lat} 不在任何城市的网格内`, `the point ${lon}, ${lat} lies in no city's grids`);
      const city = grid.cityId;
      const description = (body.description ?? '').slice(0, 4000);
      const { case: item } = await reportCase(db, user, { cityId: city, categoryId: body.service_code, title: description.slice(0, 60) || body.service_code, description, lon, lat, source: 'open311' });
      return reply.status(201).send([{ service_request_id: String(item.id), service_notice: `${CASE_STATE_NAMES[item.state].zh} / ${CASE_STATE_NAMES[item.state].en}`, account_id: null }]);
    });
  });
}
