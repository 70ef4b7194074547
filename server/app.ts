/**
 * The campaign server: typed JSON routes under /api (OpenAPI at /api/docs), the case event stream, and — when
 * given a folder — the built atlas with its data/ and tiles/ (HTTP Range). No state that matters lives in the
 * process: sessions, rate limits and events are in the database, so several processes can share one.
 *
 *   browser ── /api/login ─► session cookie (HttpOnly, SameSite=Strict)
 *           ── /api/cases … /actions ─► case_service (one transaction: row + event + NOTIFY)
 *           ── /api/events (SSE, Last-Event-ID) ◄─ LISTEN case_events ◄─ any process's commits
 */
import cookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import { Type, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { CASE_ACTIONS, CASE_STATES, type Role } from '../src/domain/case_flow';
import { SESSION_COOKIE, SESSION_HOURS, signIn, signOut, userOfToken, type SessionUser } from './auth/sessions';
import { escalateDueCards } from './cases/card_escalation';
import { isoWeekOf, weeklyRanking } from './cases/weekly_ranking';
import { applyAction, CASE_SOURCES, caseEvents, eventsAfter, getCase, listCases, reportCase, visibleTo, EVENTS_CHANNEL } from './cases/case_service';
import type { Database } from './db/database';
import { HttpError } from './http_error';
import { AtlasAnalysis, Case, ErrorBody, Event, literals, Photo, refusals, User } from './schemas';
import { registerOpen311 } from './open311';
import { registerHistory } from './history/routes';
import { registerBulletin } from './cases/bulletin_routes';
import { readBundle } from '../scripts/read_bundle';
import type { CityLayers, CityManifest } from '../src/domain/city_bundle';
import { casePhotos, registerPhotos } from './photos';
import { registerField } from './field/routes';
import { registerSupervisionRoutes } from './cases/supervision_routes';

export interface ServerOptions {
  db: Database;
  /** serve the built app (dist/) and the city data (data/, tiles/) from this project folder */
  staticRoot?: string;
  /** where photos are kept, default var/photos */
  photoDir?: string;
  /** cookies marked Secure (behind HTTPS) */
  secureCookies?: boolean;
  logger?: boolean;
  /**
   * behind a reverse proxy: how many proxy hops to trust in X-Forwarded-For (counted from the right), or the
   * proxies' addresses/CIDRs — so per-address limits see citizens. Never `true`: that takes the left-most entry,
   * which the client writes itself.
   */
  trustProxy?: false | number | string[];
}

declare module 'fastify' {
  interface FastifyRequest {
    user: SessionUser | null;
  }
}

const Id = Type.Object({ id: Type.Integer({ minimum: 1 }) });

/**
 * TRUST_PROXY: empty or 0 — no proxy; a number — that many proxy hops in front (1: one nginx); otherwise a
 * comma-separated list of the proxies' addresses or CIDRs. Anything else ("true", "yes") is refused at start.
 */
export function parseTrustProxy(value: string | undefined): false | number | string[] {
  const text = (value ?? '').trim();
  if (!text || text === '0') return false;
  if (/^[0-9]{1,2}$/.test(text)) return Number(text);
  const list = text.split(',').map((a) => a.trim()).filter(Boolean);
  if (list.length === 0 || list.some((a) => !/^[0-9A-Fa-f.:]+(\/[0-9]{1,3})?$/.test(a))) throw new Error(`TRUST_PROXY must be a hop count or a comma-separated list of proxy addresses/CIDRs, not "${text}"`);
  return list;
}

/** Fastify's own meaning of a hop count (trust the n nearest hops), spelt as the function its types accept */
const trustFunction = (trust: false | number | string[]): false | string[] | ((address: string, hop: number) => boolean) => (typeof trust === 'number' ? (_address: string, hop: number) => hop < trust : trust);

export async function buildServer(options: ServerOptions): Promise<FastifyInstance> {
  const { db } = options;
  const app = Fastify({ logger: options.logger ?? false, bodyLimit: 1_000_000, trustProxy: trustFunction(options.trustProxy ?? false) }).withTypeProvider<TypeBoxTypeProvider>();
  await app.register(cookie);
  await app.register(swagger, {
    openapi: { info: { title: '创城一张图 · Chuangcheng Atlas campaign API', version: '1' } },
  });
  app.decorateRequest('user', null);

  app.addHook('onRequest', async (request) => {
    if (request.url.startsWith('/api/')) request.user = await userOfToken(db, request.cookies[SESSION_COOKIE]);
  });

  // every refusal is a 4xx with a sentence; a request the schema rejects says which field and why
  app.setErrorHandler((error: Error & { validation?: unknown; statusCode?: number; code?: string }, _request, reply) => {
    if (error instanceof HttpError) return reply.status(error.status).send({ error: { zh: error.zh, en: error.en }, ...(error.details ? { details: error.details } : {}) });
    if (error.validation) return reply.status(400).send({ error: { zh: `请求内容不符合要求：${error.message}`, en: `the request is not valid: ${error.message}` } });
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) return reply.status(error.statusCode).send({ error: { zh: `请求有误：${error.message}`, en: error.message } });
    app.log.error(error);
    return reply.status(500).send({ error: { zh: '服务器内部错误', en: 'internal server error' } });
  });

  const requireUser = (request: FastifyRequest): SessionUser => {
    if (!request.user) throw new HttpError(401, '请先登录', 'sign in first');
    return request.user;
  };
  const requireRole = (request: FastifyRequest, roles: readonly Role[]): SessionUser => {
    const user = requireUser(request);
    if (!roles.includes(user.role)) throw new HttpError(403, '您的角色无权执行此操作', 'your role may not do this');
    return user;
  };

  app.get('/api/health', async () => ({ ok: true, engine: db.engine }));

  app.post('/api/login', { schema: { body: Type.Object({ username: Type.String({ minLength: 1, maxLength: 80 }), password: Type.String({ minLength: 1, maxLength: 200 }) }), response: { 200: Type.Object({ user: User }), 401: ErrorBody, 429: ErrorBody } } }, async (request, reply) => {
    const { token, user } = await signIn(db, request.body.username, request.body.password);
    reply.setCookie(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'strict', secure: options.secureCookies ?? false, path: '/', maxAge: SESSION_HOURS * 3600 });
    return { user };
  });

  app.post('/api/logout', async (request, reply) => {
    await signOut(db, request.cookies[SESSION_COOKIE]);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return { ok: true };
  });

  app.get('/api/me', { schema: { response: { 200: Type.Object({ user: User }), 401: ErrorBody } } }, async (request) => ({ user: requireUser(request) }));

  app.get('/api/categories', async (request) => {
    requireUser(request);
    return { categories: (await db.query('SELECT id, kind, code, name_zh AS "nameZh", name_en AS "nameEn", default_unit_id AS "defaultUnitId", white_hours AS "whiteHours", yellow_hours AS "yellowHours", red_hours AS "redHours" FROM categories ORDER BY code')).rows };
  });

  app.get('/api/units', async (request) => {
    requireUser(request);
    return { units: (await db.query('SELECT id, name, kind, parent_id AS "parentId", code FROM org_units ORDER BY kind, id')).rows };
  });

  app.get('/api/cases', {
    schema: {
      querystring: Type.Object({
        state: Type.Optional(Type.Union(CASE_STATES.map((s) => Type.Literal(s)))),
        categoryId: Type.Optional(Type.String({ maxLength: 80 })),
        unitId: Type.Optional(Type.String({ maxLength: 80 })),
        gridCode: Type.Optional(Type.String({ pattern: '^[0-9]{14}$' })),
        cityId: Type.Optional(Type.String({ maxLength: 80 })),
        limit: Type.Integer({ minimum: 1, maximum: 5000, default: 500 }),
      }),
      response: { 200: Type.Object({ cases: Type.Array(Case) }), ...refusals },
    },
  }, async (request) => ({ cases: await listCases(db, requireUser(request), request.query) }));

  app.post('/api/cases', {
    schema: {
      body: Type.Object({
        cityId: Type.String({ minLength: 1, maxLength: 80 }),
        categoryId: Type.String({ minLength: 1, maxLength: 80 }),
        title: Type.String({ minLength: 1, maxLength: 200 }),
        description: Type.Optional(Type.String({ maxLength: 4000 })),
        lon: Type.Number({ minimum: -180, maximum: 180 }),
        lat: Type.Number({ minimum: -90, maximum: 90 }),
        source: literals(CASE_SOURCES),
        analysis: Type.Optional(AtlasAnalysis),
        notDuplicate: Type.Optional(Type.Boolean()),
        clientUuid: Type.Optional(Type.String({ format: 'uuid' })),
      }),
      response: { 200: Type.Object({ case: Case }), 201: Type.Object({ case: Case }), ...refusals },
    },
  }, async (request, reply) => {
    const user = requireUser(request);
    // a case raised from the atlas carries the figures that raised it, so the unit sees why
    if (request.body.source.startsWith('atlas_') && !request.body.analysis) throw new HttpError(400, '从地图发起的督办须附上分析依据（规则、数据日期）', 'a case raised from the atlas needs its analysis (rule and data date)');
    const { created, case: item } = await reportCase(db, user, request.body);
    return reply.status(created ? 201 : 200).send({ case: item });
  });

  app.get('/api/cases/:id', { schema: { params: Id, response: { 200: Type.Object({ case: Case, events: Type.Array(Event), photos: Type.Array(Photo) }), ...refusals } } }, async (request) => {
    const user = requireUser(request);
    const item = await getCase(db, request.params.id);
    if (!item || !visibleTo(user, item)) throw new HttpError(404, `没有案件 #${request.params.id}`, `there is no case #${request.params.id}`);
    return { case: item, events: await caseEvents(db, item.id), photos: await casePhotos(db, item.id) };
  });

  app.post('/api/cases/:id/actions', {
    schema: {
      params: Id,
      body: Type.Object({
        action: Type.Union(CASE_ACTIONS.filter((a) => a !== 'report').map((a) => Type.Literal(a))),
        version: Type.Integer({ minimum: 1 }),
        note: Type.Optional(Type.String({ maxLength: 4000 })),
        unitId: Type.Optional(Type.String({ maxLength: 80 })),
        deadline: Type.Optional(Type.String({ maxLength: 40 })),
        voidReason: Type.Optional(Type.String({ maxLength: 20 })),
        duplicateOf: Type.Optional(Type.Integer({ minimum: 1 })),
      }),
      response: { 200: Type.Object({ case: Case }), ...refusals },
    },
  }, async (request) => ({ case: await applyAction(db, requireUser(request), request.params.id, request.body) }));

  app.get('/api/rankings', {
    schema: { querystring: Type.Object({ week: Type.Optional(Type.String({ pattern: '^\\d{4}-W\\d{2}$' })), level: Type.Union([Type.Literal('unit'), Type.Literal('street'), Type.Literal('district')], { default: 'unit' }) }) },
  }, async (request) => {
    requireUser(request);
    return weeklyRanking(db, request.query.week ?? isoWeekOf(Date.now()), request.query.level);
  });

  app.post('/api/cards/tick', async (request) => {
    requireRole(request, ['admin', 'supervisor']);
    return escalateDueCards(db);
  });

  // open event streams never finish on their own: a closing server ends them, or close() would wait forever
  const streams = new Set<FastifyReply['raw']>();
  app.addHook('preClose', async () => {
    for (const stream of streams) stream.end();
  });
  app.get('/api/events', async (request, reply) => streamEvents(db, request, reply, requireUser(request), streams));

  app.get('/api/docs', async () => app.swagger());

  await registerOpen311(app, db);
  await registerBulletin(app, db, requireRole);
  const bundleOf = bundleReader(options.staticRoot);
  const photoDir = options.photoDir ?? join(import.meta.dirname, '..', 'var', 'photos');
  await registerHistory(app, { db, requireRole, bundleOf });
  await registerPhotos(app, db, photoDir, requireUser);
  await registerField(app, { db, photoDir, bundleOf, requireUser, requireRole });
  await registerSupervisionRoutes(app, db, requireUser);

  if (options.staticRoot) {
    const root = options.staticRoot;
    for (const [prefix, dir] of [['/data/', 'data'], ['/tiles/', 'tiles']] as const) {
      await app.register(fastifyStatic, { root: join(root, dir), prefix, decorateReply: false, acceptRanges: true, cacheControl: false });
    }
    if (existsSync(join(root, 'dist'))) await app.register(fastifyStatic, { root: join(root, 'dist'), prefix: '/', decorateReply: false });
  }
  return app;
}

/** Built city bundles of the project folder, read once per process (they change only with a rebuild). */
function bundleReader(root: string | undefined): (cityId: string) => { manifest: CityManifest; layers: CityLayers } | null {
  const cache = new Map<string, { manifest: CityManifest; layers: CityLayers } | null>();
  return (cityId) => {
    if (!root || !/^[A-Za-z0-9_-]{1,80}$/.test(cityId)) return null;
    if (!cache.has(cityId)) {
      const folder = join(root, 'data', cityId);
      cache.set(cityId, existsSync(join(folder, 'city.json')) ? readBundle(folder) : null);
    }
    return cache.get(cityId)!;
  };
}

/**
 * Server-Sent Events: replay every event after Last-Event-ID (or ?after=) from the log, then stream new ones as
 * NOTIFY brings them. The event id is the log's id, so a client that reconnects misses nothing.
 */
async function streamEvents(db: Database, request: FastifyRequest, reply: FastifyReply, user: SessionUser, streams: Set<FastifyReply['raw']>): Promise<void> {
  const header = request.headers['last-event-id'];
  const query = request.query as { after?: string };
  let last = Number(Array.isArray(header) ? header[0] : (header ?? query.after ?? 0));
  if (!Number.isInteger(last) || last < 0) throw new HttpError(400, 'Last-Event-ID 须为非负整数', 'Last-Event-ID must be a whole number ≥ 0');
  reply.hijack();
  const out = reply.raw;
  streams.add(out);
  out.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', connection: 'keep-alive' });
  // headers go out with the first bytes: without this a quiet log leaves the client "connecting" until the keep-alive
  out.write(': open\n\n');
  let sending = Promise.resolve();
  let closed = false;
  const flush = () => {
    sending = sending.then(async (): Promise<void> => {
      while (!closed) {
        const batch = await eventsAfter(db, last);
        for (const event of batch) {
          last = event.id;
          const item = event.caseId === null ? null : await getCase(db, event.caseId);
          if (closed || (item && !visibleTo(user, item))) continue;
          out.write(`id: ${event.id}\nevent: case\ndata: ${JSON.stringify({ ...event, case: item })}\n\n`);
        }
        if (batch.length < 500) return;
      }
    }).catch(() => void out.end());
  };
  let stop: (() => Promise<void>) | null = null;
  // the database may be closing too (server shutdown): an unlisten that finds it closed has nothing left to do
  const unlisten = () => void stop?.().catch(() => {});
  const keepAlive = setInterval(() => closed || out.write(': keep-alive\n\n'), 15_000);
  request.raw.on('close', () => {
    closed = true;
    streams.delete(out);
    clearInterval(keepAlive);
    unlisten();
  });
  stop = await db.listen(EVENTS_CHANNEL, flush);
  // a client gone while LISTEN was being set up
  if (closed) unlisten();
  else flush();
}
