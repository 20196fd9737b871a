/*
 * A replay names only what the finding's contract level compares. An engine held to `refcount` that
 * reports no generations (`gen: null`) and its own gc.get_count() differs from the model in those fields
 * on every step; the check ignores them, so `pymem replay` must too — otherwise its "model vs
 * implementation" table and the replay page's first divergence point at step 1 instead of the step
 * that failed.
 */
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { loadPlugin } from '../../contract/loadPlugin.js';
import { loadProgram } from '../../language/load.js';
import { recordReplay } from '../../fuzz/replay/recordReplay.js';

const PLUGIN = join(import.meta.dirname, '..', '..', 'examples', 'plugins', 'refcountCycles.mjs');

afterEach(() => {
  delete process.env.PYMEM_PLUGIN_DEFECT;
});

it('at refcount, the first difference a replay names is the failing step', async () => {
  const createEngine = await loadPlugin(PLUGIN);
  process.env.PYMEM_PLUGIN_DEFECT = 'late-refcount-death';
  const loaded = loadProgram('x = []\ny = Obj()\ndel x\n', 'late.py');
  if (!loaded.ok) throw new Error(loaded.messages.join('\n'));

  const run = recordReplay(loaded.program, createEngine, 'refcount');
  expect(run.failure?.invariant).toBe('refcount-death-is-prompt');
  expect(run.failure?.step).toBe(3);
  expect(run.steps.slice(0, 2).map((s) => s.differences)).toEqual([[], []]);
  expect(run.steps[2].differences.map((d) => d.field)).toContain('list 1');

  // Undeclared (so observing everything) and held to cpython, the same engine's generations are
  // compared, and differ from the first step.
  const undeclared: typeof createEngine = (program, hooks) => createEngine(program, hooks);
  const strict = recordReplay(loaded.program, undeclared, 'cpython');
  expect(strict.steps[0].differences.map((d) => d.field)).toContain('list 1 gen');
});
