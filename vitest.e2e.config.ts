import { defineConfig } from 'vitest/config';

/** Browser tests: Debian Chromium via playwright-core against `vite preview` of a fresh build. */
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.test.ts'],
    globalSetup: ['test/e2e/global_setup.ts'],
    environment: 'node',
    testTimeout: 120_000,
    hookTimeout: 300_000,
    // one browser at a time: two cores, and SwiftShader renders on the CPU
    fileParallelism: false,
    env: { TZ: 'Asia/Shanghai' },
  },
});
