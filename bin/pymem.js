#!/usr/bin/env node
// The pymem command. The TypeScript sources are compiled to dist/ by `npm ci` (the prepare script).
import { main } from '../dist/cli/main.js';

// A reader that stops early (`pymem run … | head`) is not an error.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
}

process.exitCode = await main(process.argv.slice(2));
