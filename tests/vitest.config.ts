import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

// Three projects: pure domain and web logic (no database), API tests against a real
// PostgreSQL (embedded throwaway server, or TEST_DATABASE_URL), browser tests in Chromium.
export default defineConfig({
  root,
  test: {
    reporters: ['default'],
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts', 'web/src/**/*.test.{ts,tsx}'],
          environment: 'node',
        },
      },
      {
        extends: true,
        test: {
          name: 'api',
          include: ['tests/api/**/*.test.ts'],
          globalSetup: ['tests/api/global-setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
          fileParallelism: true,
          maxWorkers: 2,
          // a worker runs file after file with the server's modules loaded once (each file
          // still builds its own app on its own database)
          isolate: false,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          // builds web/dist when missing, starts one real server (embedded PostgreSQL, demo data to 2024Q4)
          globalSetup: ['tests/e2e/global-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 300_000,
          // one browser at a time: files share the server and its data; one worker runs
          // them all, each file with its own connection to the one Chromium
          fileParallelism: false,
          maxWorkers: 1,
          isolate: false,
        },
      },
    ],
  },
});
