import { defineConfig } from 'vitest/config';

/**
 * Test projects. `npm test` (scripts/test.mjs) chooses which run: the server suite always
 * on SQLite, again on PostgreSQL when KEFU_TEST_PG_URL is set, and the browser flows
 * when Chromium is installed. In CI nothing may be skipped.
 */
const serverProject = (name: string, database: 'sqlite' | 'postgres') => ({
  extends: true as const,
  test: {
    name,
    include: ['server/**/*.test.ts'],
    env: { KEFU_TEST_DB: database },
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});

export default defineConfig({
  test: {
    projects: [
      { extends: true, test: { name: 'contracts', include: ['packages/contracts/**/*.test.ts'] } },
      { extends: true, test: { name: 'web', include: ['web/src/**/*.test.ts'] } },
      serverProject('server-sqlite', 'sqlite'),
      serverProject('server-postgres', 'postgres'),
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['e2e/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
