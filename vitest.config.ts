import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'properties/**/*.test.ts'],
    testTimeout: 60_000,
    // Vitest's default is one worker fewer than there are cores: on a 2-core CI machine, one test file at
    // a time, and a file waiting on a child process (a campaign, CPython, npm) left the other core idle.
    maxWorkers: Math.max(2, availableParallelism()),
    // Installs Debian's chromium for the page tests when a fresh machine lacks it.
    globalSetup: ['test/setup/installChromium.ts'],
    // `npm run coverage`: how much of the implementation the suite exercises.
    coverage: { provider: 'v8', include: ['impl/**/*.ts'], reporter: ['text', 'text-summary'] },
  },
});
