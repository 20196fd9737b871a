/*
 * The oracle on generated programs that trace: the property suite's tracemalloc kinds (every default kind
 * plus `tracemalloc.start()`/`stop()`), so that CPython's `statistics('lineno')` for the program's lines
 * and `sys.getsizeof` are compared on random heaps — freelist reuse, dict resizes, list growth,
 * resurrection, raw blocks — not only on the examples.
 */
import { createEngine as createImplEngine } from '../../impl/engine.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { StatementKind } from '../../language/ast.js';
import { loadProgram } from '../../language/load.js';
import { printProgram } from '../../language/print.js';
import { runOracle } from '../../oracle/oracle.js';
import { describeDisagreement } from '../../oracle/format.js';
import { GENERATED_KINDS, programArbitrary } from '../../properties/generators/programArbitrary.js';
import { interpreters } from './pythonSkip.js';

/** 60 agreed when this was written (225 s at load 8); the suite runs 12, two at a time. */
const PROGRAMS = 12;
const KINDS: StatementKind[] = [...GENERATED_KINDS, 'tracemallocStart', 'tracemallocStop'];

for (const { cpython, interpreter, skipReason } of interpreters) describe(`pymem oracle on generated programs that use tracemalloc, CPython ${cpython}`, () => {
  if (!interpreter) {
    it.skip(skipReason, () => {});
    return;
  }
  it(`${PROGRAMS} programs agree with ${interpreter.version}, tracemalloc statistics included`, async () => {
    // Swarm programs in which tracemalloc.start() is enabled, from a fixed seed.
    const programs = fc
      .sample(programArbitrary({ kinds: KINDS, maxLength: 40 }), { seed: 2026, numRuns: 600 })
      .filter((p) => p.statements.some((s) => s.kind === 'tracemallocStart'))
      .slice(0, PROGRAMS);
    expect(programs).toHaveLength(PROGRAMS);
    const failing: string[] = [];
    const check = async (p: (typeof programs)[number]) => {
      const text = printProgram(p);
      const loaded = loadProgram(text, 'generated.py');
      if (!loaded.ok) throw new Error(loaded.messages.join('\n'));
      const result = await runOracle(loaded.program, text, { python: interpreter.executable, cpython, createEngine: createImplEngine });
      if (!result.ok) failing.push(`${result.message}\n${text}`);
      else if (result.disagreements.length > 0) failing.push(`${describeDisagreement(result.disagreements[0])}\n${text}`);
    };
    for (let i = 0; i < programs.length; i += 2) await Promise.all(programs.slice(i, i + 2).map(check));
    expect(failing, failing.join('\n\n')).toEqual([]);
  }, 300_000);
});
