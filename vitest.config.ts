import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'properties/**/*.test.ts'],
    testTimeout: 60_000,
    coverage: { provider: 'v8', include: ['model/**', 'impl/**', 'properties/**', 'fuzz/**'] },
  },
});
