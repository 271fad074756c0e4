import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/support/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Two cores: a couple of files at a time, each against the shared worker and services.
    maxWorkers: 2,
    reporters: ['default'],
  },
});
