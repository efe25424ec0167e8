import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    reporters: ['default', './test/helpers/summary-reporter.ts'],
    testTimeout: 30_000,
    // Two cores here: keep the pool small so CLI subprocess tests do not starve each other.
    pool: 'forks',
    maxWorkers: 2,
  },
});
