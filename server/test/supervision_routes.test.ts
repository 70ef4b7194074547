/** The supervision views' extra route: the newest event id, where the live feed starts after the case list. */
import type { FastifyInstance } from 'fastify';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../app';
import { CITY, IN_A, openTestDatabase, PASSWORD, seed, type TestDatabase } from './harness';

let test: TestDatabase;
let app: FastifyInstance;
let cookie = '';

beforeAll(async () => {
  test = await openTestDatabase();
  await seed(test.db);
  app = await buildServer({ db: test.db, photoDir: mkdtempSync(join(tmpdir(), 'cc-photos-')) });
  const login = await app.inject({ method: 'POST', url: '/api/login', payload: { username: 'viewer', password: PASSWORD } });
  cookie = `cc_session=${login.cookies.find((c) => c.name === 'cc_session')!.value}`;
}, 120_000);

afterAll(async () => {
  await app?.close();
  await test?.drop();
});

describe('GET /api/events/last', () => {
  it('asks for sign-in with a sentence in both languages', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/events/last' });
    expect(response.statusCode).toBe(401);
    expect(response.json().error).toEqual({ zh: expect.any(String), en: expect.any(String) });
  });

  it('is 0 before any event, then the id of the newest event in the log', async () => {
    const empty = await app.inject({ method: 'GET', url: '/api/events/last', headers: { cookie } });
    expect(empty.json()).toEqual({ lastEventId: 0 });
    const dispatcher = await app.inject({ method: 'POST', url: '/api/login', payload: { username: 'dispatcher', password: PASSWORD } });
    const asDispatcher = `cc_session=${dispatcher.cookies.find((c) => c.name === 'cc_session')!.value}`;
    const created = await app.inject({ method: 'POST', url: '/api/cases', headers: { cookie: asDispatcher }, payload: { cityId: CITY, categoryId: 'toilet_dirty', title: '测试', lon: IN_A[0], lat: IN_A[1], source: 'report' } });
    expect(created.statusCode, created.body).toBe(201);
    const item = created.json().case;
    await app.inject({ method: 'POST', url: `/api/cases/${item.id}/actions`, headers: { cookie: asDispatcher }, payload: { action: 'register', version: item.version } });
    const detail = (await app.inject({ method: 'GET', url: `/api/cases/${item.id}`, headers: { cookie } })).json();
    const newest = Math.max(...detail.events.map((e: { id: number }) => e.id));
    expect(detail.events).toHaveLength(2);
    const last = await app.inject({ method: 'GET', url: '/api/events/last', headers: { cookie } });
    expect(last.json()).toEqual({ lastEventId: newest });
  });
});

describe('GET /api/events', () => {
  it('opens at once on a quiet log: the first bytes come before any event (else the client waits for the keep-alive)', async () => {
    const served = await buildServer({ db: test.db, photoDir: mkdtempSync(join(tmpdir(), 'cc-photos-')) });
    const address = await served.listen({ host: '127.0.0.1', port: 0 });
    const last = (await (await fetch(`${address}/api/events/last`, { headers: { cookie } })).json()).lastEventId;
    const abort = new AbortController();
    const started = Date.now();
    const response = await fetch(`${address}/api/events?after=${last}`, { headers: { cookie }, signal: abort.signal });
    const first = await response.body!.getReader().read();
    expect(new TextDecoder().decode(first.value)).toMatch(/^:/);
    expect(Date.now() - started).toBeLessThan(5000);
    abort.abort();
    await served.close();
  });
});

describe('closing the server', () => {
  it('ends open event streams instead of waiting for them forever (an operator restart must not hang)', async () => {
    const served = await buildServer({ db: test.db, photoDir: mkdtempSync(join(tmpdir(), 'cc-photos-')) });
    const address = await served.listen({ host: '127.0.0.1', port: 0 });
    const response = await fetch(`${address}/api/events`, { headers: { cookie } });
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    const reader = response.body!.getReader();
    const ended = (async () => {
      while (!(await reader.read()).done) {
        // drain until the server ends the stream
      }
      return 'ended';
    })();
    const closing = served.close().then(() => 'closed');
    const timeout = new Promise((resolve) => setTimeout(() => resolve('still open after 5 s'), 5000));
    expect(await Promise.race([Promise.all([closing, ended]).then((r) => r.join(' ')), timeout])).toBe('closed ended');
  });
});
