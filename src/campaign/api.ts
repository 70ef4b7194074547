/**
 * The browser's one way to the campaign server (server/app.ts): same-origin JSON with the session cookie, and
 * every refusal turned into an ApiError carrying the server's sentence in both languages. Shapes come from the
 * server's schemas (type-only imports, erased at build), so browser and server cannot drift apart.
 */
import type { Static } from 'typebox';
import type { Case, Event, Photo, User } from '../../server/schemas';
import type { Lang } from '../i18n/strings';

export type ApiUser = Static<typeof User>;
export type ApiCase = Static<typeof Case>;
export type ApiEvent = Static<typeof Event>;
export type ApiPhoto = Static<typeof Photo>;

export class ApiError extends Error {
  constructor(
    /** HTTP status, or 0 when the server could not be reached */
    readonly status: number,
    readonly zh: string,
    readonly en: string,
    /** what the server added to its refusal, e.g. the open cases a new one may duplicate */
    readonly details?: unknown,
  ) {
    super(`${zh} / ${en}`);
    this.name = 'ApiError';
  }

  text(lang: Lang): string {
    return lang === 'zh' ? this.zh : this.en;
  }
}

export interface ApiRequest {
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** sent as JSON; a FormData is sent as multipart */
  body?: unknown;
  signal?: AbortSignal;
}

/** GET/POST `/api/...`; resolves with the parsed body of a 2xx answer, rejects with an ApiError otherwise. */
export async function api<T>(path: string, request: ApiRequest = {}): Promise<T> {
  const { method = request.body === undefined ? 'GET' : 'POST', body, signal } = request;
  const isForm = typeof FormData !== 'undefined' && body instanceof FormData;
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      credentials: 'same-origin',
      signal,
      headers: body === undefined || isForm ? undefined : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : isForm ? body : JSON.stringify(body),
    });
  } catch (reason) {
    if ((reason as Error).name === 'AbortError') throw reason;
    throw new ApiError(0, '无法连接服务器，请检查网络', 'cannot reach the server: check the network');
  }
  const text = await response.text();
  let parsed: unknown = null;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    // a proxy's HTML error page, or a static host without the server
  }
  if (response.ok && (parsed !== null || !text)) return parsed as T;
  const refusal = parsed as { error?: { zh?: string; en?: string }; details?: unknown } | null;
  const error = refusal?.error;
  if (error?.zh && error.en) throw new ApiError(response.status, error.zh, error.en, refusal?.details);
  throw new ApiError(response.status, `服务器答复异常（HTTP ${response.status}）：${path}`, `unexpected answer from the server (HTTP ${response.status}): ${path}`);
}
