/** Builds the default cities and the app once, serves them with `vite preview`, and hands the URL to every test file. */
import { execFile, execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { TestProject } from 'vitest/node';
import { DEFAULT_PARAMS } from '../../src/analysis/city_analysis';
import { cliReport } from './cli_report';

const PORT = 4178;
const BASE_URL = `http://127.0.0.1:${PORT}/`;
let server: ChildProcess | null = null;

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    /** the seeded campaign database that campaign_server.ts copies for each test file, and its accounts */
    campaign: { templateDir: string; seedFile: string };
  }
}

export default async function setup(project: TestProject): Promise<() => void> {
  // vitest sets NODE_ENV=test, which would give the browser React's development build (several times slower)
  const run = (args: string[]) => execFileSync(process.execPath, args, { stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } });
  // the CLI answers the tests compare with are computed afresh each run (test/e2e/cli_report.ts)
  rmSync('test-results/cli-reports', { recursive: true, force: true });
  run(['node_modules/tsx/dist/cli.mjs', 'scripts/build-default-cities.ts']);
  // the app build and the campaign database's seeding (PGlite, in a child) share the two cores
  const campaignDir = mkdtempSync(join(tmpdir(), 'cc-e2e-campaign-'));
  const seeding = promisify(execFile)(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'test/e2e/seed_campaign.ts', join(campaignDir, 'db')], { maxBuffer: 1 << 24 });
  run(['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'warn']);
  const seedFile = join(campaignDir, 'seed.json');
  writeFileSync(seedFile, (await seeding).stdout);
  project.provide('campaign', { templateDir: join(campaignDir, 'db'), seedFile });
  // the answer most tests compare with, computed before Chromium competes for the cores
  cliReport('demo', DEFAULT_PARAMS);
  server = spawn(process.execPath, ['node_modules/vite/bin/vite.js', 'preview', '--host', '127.0.0.1', '--port', String(PORT), '--strictPort'], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
  await serverListening(server, BASE_URL, 30_000);
  project.provide('baseUrl', BASE_URL);
  return () => {
    server?.kill();
    rmSync(campaignDir, { recursive: true, force: true });
  };
}

/** Resolves when vite preview prints its URL (it listens by then); rejects if it exits or stays silent. */
function serverListening(child: ChildProcess, url: string, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`vite preview did not print ${url} within ${timeoutMs} ms:\n${output}`)), timeoutMs);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes(url)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`vite preview exited with ${code}:\n${output}`));
    });
  });
}
