import { defineConfig } from 'vitest/config';

// Two projects: `unit` is pure code (no database), `integration` needs a database.
// Integration files share one migrated database per worker (isolate: false keeps the
// module-level handle alive across files), because booting PGlite costs ~3 s.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['src/**/*.test.ts'],
          exclude: ['src/**/*.int.test.ts'],
        },
      },
      {
        test: {
          name: 'integration',
          include: ['src/**/*.int.test.ts', 'test/**/*.int.test.ts'],
          isolate: false,
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
