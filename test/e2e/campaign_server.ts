/**
 * The campaign server for browser tests that need one: `npm run server`'s own entry (server/main.ts) on a copy of
 * the seeded database global_setup prepared, serving the built app, data/ and tiles/ on a free loopback port.
 * Each test file gets its own copy, so files cannot see each other's cases; `restart` stops and starts the same
 * process on the same port and database, the way an operator would.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, inject } from 'vitest';
import type { E2eAccount } from './campaign_accounts';

export interface CampaignSeed { accounts: E2eAccount[]; handlerGrid: string }

export interface CampaignServer {
  url: string;
  seed: CampaignSeed;
  account: (role: E2eAccount['role']) => E2eAccount;
  restart: () => Promise<void>;
  stop: () => Promise<void>;
}

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });

/**
 * Starts a server on a fresh copy of the seeded database. `env` adds settings (e.g. CARD_TICK_MS); `from` is the
 * database to copy, by default the one global_setup seeded (a benchmark outside vitest passes its own).
 */
export async function startCampaignServer(env: Record<string, string> = {}, from: { templateDir: string; seedFile: string } = inject('campaign')): Promise<CampaignServer> {
  const { templateDir, seedFile } = from;
  const seed = JSON.parse(readFileSync(seedFile, 'utf8')) as CampaignSeed;
  const work = mkdtempSync(join(tmpdir(), 'cc-e2e-server-'));
  cpSync(templateDir, join(work, 'db'), { recursive: true });
  const port = await freePort();
  const url = `http://127.0.0.1:${port}/`;
  let child: ChildProcess | null = null;
  const start = async () => {
    child = spawn(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'server/main.ts'], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DB_DIR: join(work, 'db'), PHOTO_DIR: join(work, 'photos'), LOAD_GRIDS: '0', DATABASE_URL: '', ...env },
    });
    await listening(child, url, 60_000);
  };
  const stop = async () => {
    const running = child;
    child = null;
    if (!running || running.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      running.once('exit', () => resolve());
      running.kill('SIGTERM');
    });
  };
  await start();
  return {
    url,
    seed,
    account: (role) => seed.accounts.find((a) => a.role === role)!,
    restart: async () => {
      await stop();
      await start();
    },
    stop: async () => {
      await stop();
      rmSync(work, { recursive: true, force: true });
    },
  };
}

/**
 * The test file's server, started as the file loads, so its start (PGlite opening with PostGIS: seconds on two
 * cores) runs alongside Chromium's launch instead of after it; stopped after the file's tests. Await it in a hook.
 */
export function campaignServerForThisFile(env: Record<string, string> = {}): Promise<CampaignServer> {
  const starting = startCampaignServer(env);
  // a failed start is reported where the file awaits it, not as an unhandled rejection
  starting.catch(() => {});
  afterAll(async () => {
    await (await starting.catch(() => null))?.stop();
  });
  return starting;
}

/** Resolves when the server prints its address (it listens by then); rejects if it exits first. */
function listening(child: ChildProcess, url: string, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`the campaign server did not start within ${timeoutMs} ms:\n${output}`)), timeoutMs);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes(url)) {
        clearTimeout(timer);
        child.off('exit', onExit);
        resolve();
      }
    };
    const onExit = (code: number | null) => {
      clearTimeout(timer);
      reject(new Error(`the campaign server exited with ${code}:\n${output}`));
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', onExit);
  });
}
