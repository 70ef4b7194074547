import { configDefaults, defineConfig } from 'vitest/config';

/**
 * The feature suites of the campaign server run on a real PostgreSQL (npm run test:server:pg sets
 * TEST_DATABASE_URL); the core suite (campaign_server.test.ts) runs on both engines, and the browser tests run the
 * whole server on the embedded PGlite — so every SQL path meets both engines without paying PGlite's start-up
 * for each suite twice.
 */
const REAL_POSTGRES_ONLY = ['server/test/field.test.ts', 'server/test/bulletin.test.ts', 'server/test/supervision_routes.test.ts'];

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'scripts/**/*.test.ts', 'server/**/*.test.ts', 'test/**/*.test.ts'],
    exclude: [...configDefaults.exclude, 'test/e2e/**', ...(process.env.TEST_DATABASE_URL ? [] : REAL_POSTGRES_ONLY)],
    environment: 'node',
    testTimeout: 60_000,
    // both cores: vitest's default leaves one free, which makes this suite run one file at a time
    maxWorkers: 2,
    env: { TZ: 'Asia/Shanghai' },
  },
});
