/*
 * Where the Python driver is. It ships in the source tree, `fuzz/oracle/driver.py`, and tsc does not
 * copy it into dist/: this module runs either from the TypeScript sources (vitest) or compiled as
 * `dist/fuzz/oracle/driverPath.js`, so it looks beside itself first and then in the source tree
 * that dist/ was built from (two levels above dist/fuzz/oracle/ is the package root).
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const DRIVER = 'driver.py';

/** Candidate locations, the first that exists wins: beside this module, then the package's source tree. */
export function driverCandidates(moduleUrl: string = import.meta.url): string[] {
  const here = dirname(fileURLToPath(moduleUrl));
  const packageRoot = resolve(here, '..', '..', '..');
  return [join(here, DRIVER), join(packageRoot, 'fuzz', 'oracle', DRIVER)];
}

export function driverPath(moduleUrl: string = import.meta.url): string {
  const candidates = driverCandidates(moduleUrl);
  const found = candidates.find((p) => existsSync(p));
  if (!found) throw new Error(`the CPython driver is missing: looked for ${candidates.join(' and ')}`);
  return found;
}
