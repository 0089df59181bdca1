import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['{electron,shared,renderer,test}/**/*.test.ts'],
    // The lab tests start namespaces and servers; engine tests are independent and run in parallel.
    pool: 'forks',
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
