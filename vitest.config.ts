import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'properties/**/*.test.ts'],
    testTimeout: 60_000,
    // Installs Debian's chromium for the page tests when a fresh machine lacks it.
    globalSetup: ['test/setup/installChromium.ts'],
    // `npm run coverage`: how much of the implementation the suite exercises.
    coverage: { provider: 'v8', include: ['impl/**/*.ts'], reporter: ['text', 'text-summary'] },
  },
});
