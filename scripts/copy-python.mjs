// Part of `npm run build`: tsc compiles the TypeScript into dist/; the Python that runs beside it (the
// CPython oracle's driver, the benchmarks' CPython side) is copied next to the modules that start it,
// so that dist/ alone — what the package ships — holds everything pymem runs.
import { cpSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const copies = [
  ['oracle/driver.py', 'dist/oracle/driver.py'],
  ['oracle/cpython_driver', 'dist/oracle/cpython_driver'],
  ['bench/cpython.py', 'dist/bench/cpython.py'],
];
for (const [from, to] of copies) {
  cpSync(join(root, from), join(root, to), { recursive: true, filter: (f) => !f.includes('__pycache__') });
}
const driver = readdirSync(join(root, 'dist/oracle/cpython_driver')).length;
if (driver === 0) throw new Error('copy-python: the oracle driver is empty');
