/**
 * What the supervision views need beside the case routes: the newest event id, so a page that loads the case
 * list can open the live feed (/api/events?after=) exactly where the list left off, without replaying the log.
 */
import { Type } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { SessionUser } from '../auth/sessions';
import type { Database } from '../db/database';
import { refusals } from '../schemas';

export async function registerSupervisionRoutes(app: FastifyInstance, db: Database, requireUser: (request: FastifyRequest) => SessionUser): Promise<void> {
  app.get('/api/events/last', { schema: { response: { 200: Type.Object({ lastEventId: Type.Integer() }), ...refusals } } }, async (request) => {
    requireUser(request);
    const [row] = (await db.query<{ id: number | null }>('SELECT max(id)::int AS id FROM events')).rows;
    return { lastEventId: row?.id ?? 0 };
  });
}
