/**
 * npm run bench:server — the campaign server under load on loopback, against a real PostgreSQL + PostGIS
 * (scripts/with-postgres.sh starts one and sets TEST_DATABASE_URL).
 *
 * BENCH_CLIENTS (default 8) clients each file a case, register, dispatch, handle and close it, again and again
 * for BENCH_SECONDS (default 30): first against one server process, then against two sharing the database
 * (requests alternate between them), printed as throughput and latency with the two-process run as a ratio of
 * the one-process run. Then the fault run: under the same load one process is killed with SIGKILL and started
 * again, while both run the card scheduler every 250 ms over cards made to lapse. Checked after every run:
 * zero 5xx; events in the log = 2xx responses that write one (fault run: at least, since a request cut off by
 * the kill may have committed); every case's history a legal path whose last state and version match the row;
 * no card escalated twice.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { replayStates, type CaseAction } from '../../src/domain/case_flow';
import type { Database } from '../../server/db/database';
import { createScratchDatabase, IN_A, PASSWORD, seed } from '../../server/test/harness';

const ADMIN_URL = process.env.TEST_DATABASE_URL;
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 8);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 30);
const FAULT_SECONDS = Math.min(SECONDS, 12);

interface RunStats { label: string; processes: number; closed: number; ok: number; eventWrites: number; server5xx: number; other4xx: number; connectionErrors: number; latencies: number[]; seconds: number }

async function startServer(url: string, port: number): Promise<ChildProcess> {
  if (await answers(port)) throw new Error(`port ${port} is already served: a killed server is still running`);
  // tsx as a loader in the one node process: the tsx command would run the server in a child of its own, and a
  // SIGKILL to the command would leave that child serving
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], { env: { ...process.env, DATABASE_URL: url, PORT: String(port), LOAD_GRIDS: '0', CARD_TICK_MS: '250' }, stdio: 'ignore' });
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the server on port ${port} exited with code ${child.exitCode}`);
    if (await answers(port)) return child;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  child.kill('SIGKILL');
  throw new Error(`the server on port ${port} did not answer within 60 s`);
}

async function answers(port: number): Promise<boolean> {
  try {
    return (await fetch(`http://127.0.0.1:${port}/api/health`)).ok;
  } catch {
    return false;
  }
}

async function freePort(): Promise<number> {
  const { createServer } = await import('node:net');
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

async function signIn(base: string, username: string): Promise<string> {
  const response = await fetch(`${base}/api/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: PASSWORD }) });
  if (!response.ok) throw new Error(`sign-in of ${username} failed: ${response.status} ${await response.text()}`);
  return /cc_session=[^;]+/.exec(response.headers.get('set-cookie') ?? '')![0];
}

/** Clients cycling cases through the loop until `until`, against the servers in `bases` (alternating). */
async function load(label: string, bases: () => string[], until: number, processes: number): Promise<RunStats> {
  const stats: RunStats = { label, processes, closed: 0, ok: 0, eventWrites: 0, server5xx: 0, other4xx: 0, connectionErrors: 0, latencies: [], seconds: 0 };
  const started = performance.now();
  let turn = 0;
  const client = async (c: number) => {
    const cookies = { dispatcher: await signIn(bases()[0], 'dispatcher'), handler: await signIn(bases()[0], 'handler-a'), inspector: await signIn(bases()[0], 'inspector') };
    let n = 0;
    while (Date.now() < until) {
      n++;
      const call = async (who: keyof typeof cookies, path: string, body: unknown): Promise<{ case: { id: number; version: number } } | null> => {
        const list = bases();
        const base = list[turn++ % list.length];
        const t0 = performance.now();
        try {
          const response = await fetch(`${base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', cookie: cookies[who] }, body: JSON.stringify(body) });
          const json = await response.json();
          stats.latencies.push(performance.now() - t0);
          if (response.status >= 500) stats.server5xx++;
          else if (response.status >= 400) stats.other4xx++;
          else {
            stats.ok++;
            stats.eventWrites++;
            return json;
          }
        } catch {
          stats.connectionErrors++;
        }
        return null;
      };
      // a spot of its own for every case: clients never collide as duplicates
      const lon = IN_A[0] - 0.004 + ((c * 7919 + n * 104729) % 8000) / 1e6;
      const lat = IN_A[1] - 0.004 + ((c * 15485863 + n * 32452843) % 8000) / 1e6;
      let item = (await call('dispatcher', '/api/cases', { cityId: 'testcity', categoryId: 'toilet_dirty', title: `压测 ${c}-${n}`, lon, lat, source: 'inspection', notDuplicate: true }))?.case;
      for (const [who, action] of [['dispatcher', 'register'], ['dispatcher', 'dispatch'], ['handler', 'submit'], ['inspector', 'pass']] as const) {
        if (!item) break;
        item = (await call(who, `/api/cases/${item.id}/actions`, { action, version: item.version, note: '压测' }))?.case;
        if (item && action === 'pass') stats.closed++;
      }
    }
  };
  await Promise.all(Array.from({ length: CLIENTS }, (_, c) => client(c)));
  stats.seconds = (performance.now() - started) / 1000;
  return stats;
}

/** Every case's events replay as a legal path ending in its state and version; no colour escalated twice. */
async function audit(db: Database): Promise<{ cases: number; illegal: string[]; doubleEscalations: number }> {
  const events = (await db.query<{ caseId: number; action: string; to: string }>('SELECT case_id AS "caseId", action, to_state AS "to" FROM events ORDER BY id')).rows;
  const cases = new Map((await db.query<{ id: number; state: string; version: number }>('SELECT id, state, version FROM cases')).rows.map((c) => [c.id, c]));
  const byCase = new Map<number, { action: string; to: string }[]>();
  for (const e of events) byCase.set(e.caseId, [...(byCase.get(e.caseId) ?? []), e]);
  const illegal: string[] = [];
  for (const [id, row] of cases) {
    const steps = (byCase.get(id) ?? []).filter((e) => e.action !== 'escalate' && e.action !== 'photo');
    const states = replayStates(steps.map((e) => e.action as CaseAction));
    if (!Array.isArray(states)) illegal.push(`#${id}: step ${states.at} (${states.action}) is not legal`);
    else if (states.at(-1) !== row.state || steps.length !== row.version) illegal.push(`#${id}: events end in ${states.at(-1)} after ${steps.length} steps, the row says ${row.state} version ${row.version}`);
  }
  const [{ doubles }] = (await db.query<{ doubles: number }>(`SELECT count(*)::int AS doubles FROM (SELECT case_id, data->>'to' FROM events WHERE action = 'escalate' GROUP BY 1, 2 HAVING count(*) > 1) d`)).rows;
  return { cases: cases.size, illegal, doubleEscalations: doubles };
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
};

async function main(): Promise<void> {
  if (!ADMIN_URL) throw new Error('TEST_DATABASE_URL is not set: run as npm run bench:server (scripts/with-postgres.sh starts PostgreSQL)');
  const { url, db, drop } = await createScratchDatabase(ADMIN_URL, 'cc_bench');
  await seed(db);
  const ports = [await freePort(), await freePort()];
  const base = (port: number) => `http://127.0.0.1:${port}`;
  const servers: (ChildProcess | null)[] = [await startServer(url, ports[0]), null];
  const rows: (RunStats & { eventsLogged: number; audit: Awaited<ReturnType<typeof audit>> })[] = [];
  const eventCount = async () => (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM events')).rows[0].n;
  try {
    for (const processes of [1, 2]) {
      if (processes === 2) servers[1] = await startServer(url, ports[1]);
      const before = await eventCount();
      const stats = await load(`${processes} process${processes > 1 ? 'es' : ''}`, () => ports.slice(0, processes).map(base), Date.now() + SECONDS * 1000, processes);
      rows.push({ ...stats, eventsLogged: (await eventCount()) - before, audit: await audit(db) });
    }
    // the fault run: cards lapse all the time, both processes escalate them, and one process is killed mid-load
    const lapse = setInterval(() => void db.query("UPDATE cards SET deadline = now() - interval '1 hour' WHERE active AND colour <> 'red'").catch(() => {}), 300);
    const alive = new Set([0, 1]);
    const before = await eventCount();
    const until = Date.now() + FAULT_SECONDS * 1000;
    const killer = (async () => {
      await new Promise((resolve) => setTimeout(resolve, (FAULT_SECONDS * 1000) / 3));
      // killed first, so requests in flight to it are cut off; then new requests go to the other until it is back
      const killed = servers[1]!;
      const gone = new Promise((resolve) => killed.once('exit', resolve));
      killed.kill('SIGKILL');
      alive.delete(1);
      await gone;
      servers[1] = await startServer(url, ports[1]);
      alive.add(1);
    })();
    const stats = await load('2 processes, one killed (SIGKILL) and restarted', () => [...alive].map((i) => base(ports[i])), until, 2);
    await killer;
    clearInterval(lapse);
    rows.push({ ...stats, eventsLogged: (await eventCount()) - before, audit: await audit(db) });
  } finally {
    for (const s of servers) s?.kill('SIGKILL');
  }

  console.log(`\nnpm run bench:server — ${CLIENTS} clients, ${SECONDS} s a run (fault run ${FAULT_SECONDS} s), PostgreSQL on loopback\n`);
  console.log('| run | cases closed | 2xx | 5xx | other 4xx | cut off | 2xx/s | p50 ms | p99 ms | events logged | history audit |');
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|');
  for (const r of rows) {
    const auditText = r.audit.illegal.length || r.audit.doubleEscalations ? `${r.audit.illegal.length} illegal, ${r.audit.doubleEscalations} escalated twice` : `${r.audit.cases} cases legal, no double escalation`;
    console.log(`| ${r.label} | ${r.closed} | ${r.ok} | ${r.server5xx} | ${r.other4xx} | ${r.connectionErrors} | ${(r.ok / r.seconds).toFixed(0)} | ${percentile(r.latencies, 50).toFixed(1)} | ${percentile(r.latencies, 99).toFixed(1)} | ${r.eventsLogged}${r.eventsLogged === r.eventWrites ? ' = 2xx' : ` (2xx ${r.eventWrites})`} | ${auditText} |`);
  }
  const [one, two] = rows;
  console.log(`\nthroughput, two processes ÷ one: ${(two.ok / two.seconds / (one.ok / one.seconds)).toFixed(2)}×`);
  const failures = [
    ...rows.filter((r) => r.server5xx > 0).map((r) => `${r.label}: ${r.server5xx} responses were 5xx`),
    ...rows.slice(0, 2).filter((r) => r.eventsLogged !== r.eventWrites).map((r) => `${r.label}: ${r.eventsLogged} events for ${r.eventWrites} 2xx responses`),
    ...rows.filter((r) => r.eventsLogged < r.eventWrites).map((r) => `${r.label}: events lost`),
    ...rows.flatMap((r) => r.audit.illegal.slice(0, 5).map((i) => `${r.label}: ${i}`)),
    ...rows.filter((r) => r.audit.doubleEscalations > 0).map((r) => `${r.label}: ${r.audit.doubleEscalations} cards escalated twice`),
  ];
  await drop();
  if (failures.length) {
    console.error(`\nFAILED:\n${failures.join('\n')}`);
    process.exit(1);
  }
}

main().catch((error: Error) => {
  console.error(error);
  process.exit(1);
});
