/** Builds the default cities and the app, serves them with `vite preview`, and hands the URL to the tests. */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import type { TestProject } from 'vitest/node';

const PORT = 4178;
const BASE_URL = `http://127.0.0.1:${PORT}/`;
let server: ChildProcess | null = null;

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
  }
}

export default async function setup(project: TestProject): Promise<() => void> {
  const run = (args: string[]) => execFileSync(process.execPath, args, { stdio: 'inherit' });
  run(['node_modules/tsx/dist/cli.mjs', 'scripts/build-default-cities.ts']);
  run(['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'warn']);
  server = spawn(process.execPath, ['node_modules/vite/bin/vite.js', 'preview', '--host', '127.0.0.1', '--port', String(PORT), '--strictPort'], { stdio: 'ignore' });
  await waitForServer(BASE_URL, 30_000);
  project.provide('baseUrl', BASE_URL);
  return () => {
    server?.kill();
  };
}

async function waitForServer(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`vite preview did not answer at ${url} within ${timeoutMs} ms`);
}
