import { defineConfig } from 'vitest/config';

/**
 * Suites that take many seconds each: packing and installing the package, runs through the real
 * bin in child processes, the 1,000-input fuzz and the fast-path/reference comparison over every
 * fixture. `npm test` runs the rest (the `fast` project); `npm run test:slow` runs these; CI runs both.
 */
const SLOW = ['test/package.test.ts', 'test/bin.test.ts', 'test/fuzz.test.ts', 'test/fast-path.test.ts'];

export default defineConfig({
  test: {
    reporters: ['default', './test/helpers/summary-reporter.ts'],
    testTimeout: 30_000,
    // Two cores here: keep the pool small so CLI subprocess tests do not starve each other.
    pool: 'forks',
    maxWorkers: 2,
    projects: [
      { extends: true, test: { name: 'fast', include: ['test/**/*.test.ts'], exclude: SLOW } },
      // Packing and installing alone can pass 30 s on a busy machine; the limit only catches a hang.
      { extends: true, test: { name: 'slow', include: SLOW, testTimeout: 120_000 } },
    ],
  },
});
