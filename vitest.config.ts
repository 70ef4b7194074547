import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'scripts/**/*.test.ts', 'server/**/*.test.ts', 'test/**/*.test.ts'],
    exclude: ['test/e2e/**', 'node_modules/**'],
    environment: 'node',
    testTimeout: 60_000,
    // both cores: vitest's default leaves one free, which makes this suite run one file at a time
    maxWorkers: 2,
    env: { TZ: 'Asia/Shanghai' },
  },
});
