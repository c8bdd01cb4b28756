import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['__tests__/**/*.test.ts'],
    testTimeout: 30_000,
    pool: 'forks',
    globalSetup: ['__tests__/support/temp-root.ts'],
  },
});
