import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts', 'test/integration/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // importing the real `electron` package tries to download its binary; tests use this stand-in
    alias: { electron: new URL('./test/support/electron-mock.ts', import.meta.url).pathname },
  },
});
