import { defineConfig } from 'vitest/config';

// Tests spawn real node processes, sshd and sudo; keep them isolated and bounded in time.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    teardownTimeout: 20_000,
    globalSetup: ['test/support/global-setup.ts'],
    reporters: ['default'],
  },
});
