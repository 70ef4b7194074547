import { configDefaults, defineConfig } from 'vitest/config';

/**
 * The campaign server's suites (server/test) run on a real PostgreSQL (npm run test:server:pg sets
 * TEST_DATABASE_URL; `PGLITE_SERVER_TESTS=1 npx vitest run server` runs them on PGlite). The browser tests run the whole
 * server on the embedded PGlite, so every SQL path meets both engines without paying PGlite's start-up for each
 * suite in the unit run.
 */
const REAL_POSTGRES_ONLY = ['server/test/**'];

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'scripts/**/*.test.ts', 'server/**/*.test.ts', 'test/**/*.test.ts'],
    exclude: [...configDefaults.exclude, 'test/e2e/**', ...(process.env.TEST_DATABASE_URL || process.env.PGLITE_SERVER_TESTS ? [] : REAL_POSTGRES_ONLY)],
    environment: 'node',
    testTimeout: 60_000,
    // both cores: vitest's default leaves one free, which makes this suite run one file at a time
    maxWorkers: 2,
    env: { TZ: 'Asia/Shanghai' },
  },
});
