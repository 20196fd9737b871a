/*
 * Where the Python driver is: beside this module, in the source tree (vitest runs the TypeScript) and
 * in dist/ alike (`npm run build` copies the driver there, scripts/build.mjs).
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const DRIVER = 'driver.py';

export function driverPath(moduleUrl: string = import.meta.url): string {
  const path = join(dirname(fileURLToPath(moduleUrl)), DRIVER);
  if (!existsSync(path)) throw new Error(`the CPython driver is missing: ${path} (run \`npm run build\`)`);
  return path;
}
