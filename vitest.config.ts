import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Every test pins the clock itself; Moscow is the plan's zone, never the machine's.
    env: { TZ: 'UTC' },
    testTimeout: 30_000,
    hookTimeout: 60_000,
    reporters: ['default', './test/reporters/no-skipped.ts'],
  },
});
