import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PRELUDE } from '../../language/prelude.js';

// The oracle's driver runs its own copy of the prelude, whose __del__ and on_clear report to the driver.
// Everything else — imports, classes and their slots, revived, malloc/realloc/free, fork — must stay what
// `pymem prelude` prints, or the oracle would check a different program than the user runs.
describe('the oracle driver runs pymem\'s prelude', () => {
  it('has every line of PRELUDE except the private records', () => {
    const driver = readFileSync(join(import.meta.dirname, '..', '..', 'oracle', 'cpython_driver', 'prelude.py'), 'utf8');
    const shared = PRELUDE.split('\n')
      .map((l) => l.replace(/\s+#.*$/, ''))
      .filter((l) => l.trim() !== '' && !l.includes('_pymem_') && !/^import /.test(l));
    const modules = PRELUDE.match(/^import (.+)$/m)![1].split(', ');
    const missing = [...shared.filter((l) => !driver.includes(l)), ...modules.filter((m) => !driver.includes(`import ${m}\n`))];
    expect(missing).toEqual([]);
  });
});
