/*
 * Stryker's `buildCommand`, run once in its sandbox (the repository's copy with the mutants instrumented):
 * link the repository's node_modules into the sandbox, then compile with tsc (mutation/tsconfig.json).
 * Stryker runs the build before it would link node_modules itself, and tsc needs the packages' types
 * (`@types/node`, fast-check) to compile, so the link is made here and Stryker's own is turned off
 * (`symlinkNodeModules: false`). The configuration names the repository in PYMEM_MUTATION_ROOT.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';

const root = process.env.PYMEM_MUTATION_ROOT;
if (!root) throw new Error('buildSandbox: PYMEM_MUTATION_ROOT is not set (run `npm run mutation`)');
if (!existsSync('node_modules')) symlinkSync(join(root, 'node_modules'), 'node_modules', 'junction');
try {
  execFileSync(process.execPath, [join('node_modules', 'typescript', 'bin', 'tsc'), '-p', join('mutation', 'tsconfig.json')], { stdio: 'inherit' });
} catch {
  process.exit(1); // tsc printed why
}
