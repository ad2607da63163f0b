import { defineConfig } from 'vitest/config';

const POSTGRES_TESTS = 'test/integration/postgres/**/*.test.ts';

export default defineConfig({
  test: {
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // importing the real `electron` package tries to download its binary; tests use this stand-in
    alias: { electron: new URL('./test/support/electron-mock.ts', import.meta.url).pathname },
    projects: [
      {
        extends: true,
        test: { name: 'default', include: ['test/unit/**/*.test.ts', 'test/integration/**/*.test.ts'], exclude: [POSTGRES_TESTS] },
      },
      {
        // The centre on PostgreSQL against a real server: a throw-away cluster on 127.0.0.1, started
        // only when these tests run (vitest runs a project's global setup only for its own test files).
        extends: true,
        test: { name: 'postgres', include: [POSTGRES_TESTS], globalSetup: ['test/support/postgres-setup.ts'], hookTimeout: 180_000 },
      },
    ],
  },
});
