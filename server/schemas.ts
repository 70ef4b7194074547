/**
 * Response shapes of the API, for typed handlers and the OpenAPI document at /api/docs. Request shapes stay
 * beside their routes in app.ts.
 */
import { Type } from '@fastify/type-provider-typebox';
import { CASE_STATES, ROLES } from '../src/domain/case_flow';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);
/** one of a list of strings, typed as that union */
export const literals = <T extends string>(values: readonly T[]) => Type.Unsafe<T>({ type: 'string', enum: [...values] });

/** a day parameter's shape; its calendar is checked by checkDay (server/campaign_clock.ts) in the handler */
export const Day = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' });

export const ErrorBody = Type.Object({ error: Type.Object({ zh: Type.String(), en: Type.String() }), details: Type.Optional(Type.Unknown()) }, { description: 'a refusal: one sentence in Chinese and English' });

export const User = Type.Object({ id: Type.Integer(), username: Type.String(), displayName: Type.String(), role: literals(ROLES), unitId: Nullable(Type.String()) });

export const Case = Type.Object({
  id: Type.Integer(),
  cityId: Type.String(),
  categoryId: Type.String(),
  state: literals(CASE_STATES),
  version: Type.Integer({ description: 'send it back with the next action: a stale version is refused (409)' }),
  title: Type.String(),
  description: Type.String(),
  lon: Type.Number(),
  lat: Type.Number(),
  gridCode: Nullable(Type.String()),
  gridUnitId: Nullable(Type.String()),
  unitId: Nullable(Type.String()),
  reporterId: Nullable(Type.Integer()),
  source: Type.String(),
  analysis: Type.Unknown(),
  reworkCount: Type.Integer(),
  voidReason: Nullable(Type.String()),
  duplicateOf: Nullable(Type.Integer()),
  createdAt: Type.String(),
  updatedAt: Type.String(),
  closedAt: Nullable(Type.String()),
  card: Nullable(Type.Object({ colour: Type.String(), deadline: Type.String() })),
});

export const Event = Type.Object({
  id: Type.Integer(),
  caseId: Nullable(Type.Integer()),
  actorId: Nullable(Type.Integer()),
  actor: Nullable(Type.String()),
  action: Type.String(),
  from: Nullable(Type.String()),
  to: Nullable(Type.String()),
  note: Type.String(),
  data: Type.Unknown(),
  at: Type.String(),
});

export const Photo = Type.Object({
  id: Type.Integer(),
  caseId: Type.Integer(),
  kind: Type.String(),
  sha256: Type.String(),
  format: Type.String(),
  bytes: Type.Integer(),
  width: Type.Integer(),
  height: Type.Integer(),
  takenLocal: Nullable(Type.String()),
  lon: Nullable(Type.Number()),
  lat: Nullable(Type.Number()),
  distanceM: Nullable(Type.Number()),
  farFromCase: Type.Boolean(),
  createdAt: Type.String(),
});

/** what the atlas attaches to a case it raises: the rule, the figure and the data it came from */
export const AtlasAnalysis = Type.Object(
  {
    rule: Type.String({ minLength: 1, maxLength: 200, description: 'e.g. "toilet within 500 m (straight line)"' }),
    dataDate: Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' }),
    distanceM: Type.Optional(Nullable(Type.Number())),
    thresholdM: Type.Optional(Type.Number()),
    figures: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
  },
  { additionalProperties: false },
);

export const refusals = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody, 422: ErrorBody };
