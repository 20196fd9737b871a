// When the lockstep runner asks an engine for a full heap check and when for an incremental one
// (properties/lockstep/lockstep.ts, FULL_HEAP_CHECK_INTERVAL): full every 16th statement, at the program's
// last statement and once after the teardown; and what that schedule means for a problem only a full check
// sees — it is reported at the next full check, worded by the full answer.
import { describe, expect, it } from 'vitest';
import type { CreateEngine } from '../../contract/engine.js';
import { createEngine as createImplEngine } from '../../impl/engine.js';
import { parseProgram } from '../../language/parse.js';
import { FULL_HEAP_CHECK_INTERVAL, runLockstep } from '../../properties/lockstep/lockstep.js';

/** 40 statements, and the teardown's after them. */
const PROGRAM = parseProgram(Array.from({ length: 40 }, (_, i) => `x${i % 5} = [${i % 5 === 0 ? '' : `x${(i % 5) - 1}`}]`).join('\n') + '\n').program;

/**
 * pymem's implementation, its heap check recording what it was asked; from step `brokenAfter` on, a full
 * check reports a problem an incremental one does not see (a structure no write mark covers).
 */
function scheduleRecorder(asked: boolean[], brokenAfter = Infinity): CreateEngine {
  return (program, hooks) => {
    const inner = createImplEngine(program, hooks);
    let step = 0;
    return {
      execute: (s, o) => {
        step++;
        return inner.execute(s, o);
      },
      untrackedTuples: () => inner.untrackedTuples!(),
      leftovers: () => inner.leftovers!(),
      checkHeap: (options) => {
        const full = options?.full !== false;
        asked.push(full);
        return full && step >= brokenAfter ? ['allocator: pool 0x7f0000000000 has count 3 but 2 live blocks'] : [];
      },
    };
  };
}

describe('the heap check schedule of the lockstep', () => {
  it('is full every 16th statement, at the last one and once after the teardown; incremental otherwise', () => {
    const asked: boolean[] = [];
    const result = runLockstep(PROGRAM, scheduleRecorder(asked));
    expect(result.divergence).toBeNull();
    const statements = PROGRAM.statements.length;
    const teardownSteps = result.steps - statements;
    expect(teardownSteps).toBeGreaterThan(0);
    // One answer per statement, the teardown's included, and one more after the teardown.
    expect(asked).toHaveLength(result.steps + 1);
    const expected = Array.from({ length: result.steps }, (_, k) => (k + 1) % FULL_HEAP_CHECK_INTERVAL === 0 || k + 1 === statements);
    expect(asked).toEqual([...expected, true]);
  });

  it('reports a problem only a full check sees at the next full check, worded by it', () => {
    const d = runLockstep(PROGRAM, scheduleRecorder([], 3)).divergence;
    expect(d).toMatchObject({ invariant: 'pool-state-consistent', step: FULL_HEAP_CHECK_INTERVAL });
    expect(d!.message).toContain('has count 3 but 2 live blocks');
  });

  it('after the last statement, only the check after the teardown is left to find it', () => {
    const d = runLockstep(PROGRAM, scheduleRecorder([], PROGRAM.statements.length + 1)).divergence;
    expect(d).toMatchObject({ invariant: 'pool-state-consistent', line: 0 });
    expect(d!.step).toBeGreaterThan(PROGRAM.statements.length);
    expect(d!.message).toMatch(/^teardown: allocator: pool/);
  });
});
