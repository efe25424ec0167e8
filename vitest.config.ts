import { defineConfig } from 'vitest/config';

/**
 * Suites that take many seconds each: packing and installing the package, runs through the real
 * bin in child processes, the fuzz runs, the fast-path/reference comparison over every fixture, the
 * README examples, the browser and the path cases. `npm test` runs the rest (the `fast` project);
 * `npm run test:slow` runs these; CI runs both.
 */
const SLOW = [
  'test/package.test.ts',
  'test/bin.test.ts',
  'test/fuzz.test.ts',
  'test/fast-path.test.ts',
  // Every README example on a fresh copy, the report in a real browser, symlink and signal cases in
  // child processes: a minute, half a minute and twenty seconds here.
  'test/readme-examples.test.ts',
  'test/browser/**/*.test.ts',
  'test/hostile-paths.test.ts',
];

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
