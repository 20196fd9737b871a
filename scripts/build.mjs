// `npm run build`: dist/ from scratch. tsc compiles the TypeScript (with declarations: the package's
// types); then the Python that runs beside it — the CPython oracle's driver, the benchmarks' CPython
// side — is copied next to the modules that start it, so that dist/ alone, what the package ships,
// holds everything pymem runs. dist/ is emptied first so that no module of an earlier layout is shipped.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
rmSync(join(root, 'dist'), { recursive: true, force: true });
try {
  execFileSync(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(root, 'tsconfig.json')], { stdio: 'inherit' });
} catch {
  process.exit(1); // tsc printed why
}
const copies = [
  ['oracle/driver.py', 'dist/oracle/driver.py'],
  ['oracle/cpython_driver', 'dist/oracle/cpython_driver'],
  ['bench/cpython.py', 'dist/bench/cpython.py'],
];
for (const [from, to] of copies) {
  cpSync(join(root, from), join(root, to), { recursive: true, filter: (f) => !f.includes('__pycache__') });
}
if (!existsSync(join(root, 'dist/oracle/cpython_driver/observer.py'))) throw new Error('build: the oracle driver was not copied');
