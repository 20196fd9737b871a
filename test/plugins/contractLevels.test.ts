/*
 * The contract levels (docs/contract-levels.md) accept CPython: pymem's implementation, which is
 * CPython 3.11's algorithms, passes `reachability` and `refcount` over generated programs and over every
 * CPython-derived example of examples/ — frozen garbage, saved garbage and resurrection included. Each
 * regression below pins a false alarm found while building the levels, named after what it pins.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createEngine as createImplementation } from '../../impl/engine.js';
import { loadProgram } from '../../language/load.js';
import { loadPlugin } from '../../contract/loadPlugin.js';
import type { CreateEngine } from '../../contract/engine.js';
import type { ContractLevel } from '../../contract/declaration.js';
import { describeDivergence } from '../../properties/lockstep/divergence.js';
import { runLockstep } from '../../properties/lockstep/lockstep.js';
import { checkEngine } from '../../properties/suite/checkEngine.js';
import { INVARIANTS, invariantEntry } from '../../properties/invariants/catalogue.js';
import { requiredMinimumsAt } from '../../properties/statistics/requiredMinimums.js';

const REPO = join(import.meta.dirname, '..', '..');
const plugin = (file: string) => loadPlugin(join(REPO, 'examples', 'plugins', file));

function agrees(text: string, createEngine: CreateEngine, contract: ContractLevel): string {
  const loaded = loadProgram(text, 'regression.py');
  if (!loaded.ok) throw new Error(loaded.messages.join('\n'));
  const d = runLockstep(loaded.program, createEngine, { contract }).divergence;
  return d ? describeDivergence(d) : 'agrees';
}

describe("pymem's implementation at the weaker levels", () => {
  for (const contract of ['reachability', 'refcount'] as const) {
    it(`passes --contract ${contract} over 300 generated programs`, () => {
      const result = checkEngine(createImplementation, { contract, numRuns: 300, failureDatabase: false, title: 'implementation' });
      expect(result.programs).toBe(300);
      expect(result.contract).toBe(contract);
    }, 90_000);

    it(`passes --contract ${contract} on every CPython-derived example`, () => {
      const dir = join(REPO, 'examples');
      for (const file of readdirSync(dir).filter((n) => n.endsWith('.py'))) {
        expect(agrees(readFileSync(join(dir, file), 'utf8'), createImplementation, contract), file).toBe('agrees');
      }
    });
  }
});

describe('regressions: false alarms the levels no longer raise', () => {
  it('reachability accepts frozen garbage: CPython leaks it until gc.unfreeze()', () => {
    expect(agrees('x = []\nx.append(x)\ndel x\ngc.freeze()\ngc.collect()\n', createImplementation, 'reachability')).toBe('agrees');
  });

  it('reachability: a weakref a collection took in was cleared silently, and need not call back when its referent dies later', () => {
    const program = 'gc.set_debug(gc.DEBUG_SAVEALL)\nv0 = Obj()\nv1 = weakref.ref(v0, on_clear)\nv2 = [v1]\nv2.append(v2)\ndel v1, v2\ngc.collect()\n';
    expect(agrees(program, createImplementation, 'reachability')).toBe('agrees');
  });

  it('reachability: weakref.ref(x) shares no weakref a collection took in and cleared (saved under DEBUG_SAVEALL): the engine says', async () => {
    const held = 'gc.set_debug(gc.DEBUG_SAVEALL)\nv0 = Obj()\nv1 = weakref.ref(v0)\nv2 = Obj()\nv2.a = v1\nv2.b = v2\ndel v1, v2\ngc.collect()\nv3 = weakref.ref(v0)\n';
    expect(agrees(held, createImplementation, 'reachability')).toBe('agrees');
    const alone = 'gc.set_debug(gc.DEBUG_SAVEALL)\nv0 = Obj()\nv1 = weakref.ref(v0)\ndel v1\ngc.collect()\nv2 = weakref.ref(v0)\n';
    expect(agrees(alone, await plugin('markSweep.mjs'), 'reachability')).toBe('agrees');
    expect(agrees(alone, createImplementation, 'reachability')).toBe('agrees');
  });

  it('reachability: under DEBUG_SAVEALL a collector may save any unreachable object, tracked or not', async () => {
    expect(agrees('v0 = bytes(2)\ngc.set_debug(gc.DEBUG_SAVEALL)\ndel v0\ngc.collect()\n', await plugin('markSweep.mjs'), 'reachability')).toBe('agrees');
  });

  it('refcount: an adopted collect(0) promotes its survivors, so a later collect(0) under SAVEALL saves no old cycle', () => {
    const program = 'v0 = Obj()\nv0.a = v0\ngc.collect(0)\nv0 = []\ngc.set_debug(gc.DEBUG_SAVEALL)\ngc.collect(0)\n';
    expect(agrees(program, createImplementation, 'refcount')).toBe('agrees');
  });

  it('refcount: what a resurrected Lazarus reaches is not garbage when a frozen object keeps it', async () => {
    const program = 'v1 = Lazarus()\ngc.freeze()\nv2 = Lazarus()\nv3 = [v1]\nv2.a = v3\ndel v1, v3, v2\ngc.collect(0)\n';
    expect(agrees(program, await plugin('refcountCycles.mjs'), 'refcount')).toBe('agrees');
    expect(agrees(program, createImplementation, 'refcount')).toBe('agrees');
  });

  it('refcount: an old Lazarus that a resurrected young one reaches is no part of an adopted collect(0)', () => {
    const program = 'v0 = Lazarus()\ngc.collect()\nv1 = Lazarus()\nv2 = []\nv2 = [v0, v2, v2, v1]\nv1.a = v2\ndel v0, v1\ndel v2\ngc.collect(0)\n';
    expect(agrees(program, createImplementation, 'refcount')).toBe('agrees');
  });

  it('refcount: under DEBUG_SAVEALL a collection saves no untracked dict, though garbage holds it', async () => {
    const program = 'v0 = {}\nv1 = []\nv2 = [v1, v0]\ngc.set_debug(gc.DEBUG_SAVEALL)\nv1.append(v2)\ndel v1, v2\ndel v0\ngc.collect()\n';
    expect(agrees(program, await plugin('refcountCycles.mjs'), 'refcount')).toBe('agrees');
    expect(agrees(program, createImplementation, 'refcount')).toBe('agrees');
  });

  it('refcount: gc.freeze() leaves a dict that never held a container unfrozen, as CPython does', async () => {
    const program = "v0 = bytes(2)\nv1 = {'w': v0, 'u': v0}\ngc.freeze()\nv2 = [v1]\nv1['z'] = v2\ngc.set_debug(gc.DEBUG_SAVEALL)\ndel v1, v2\ngc.collect()\n";
    expect(agrees(program, await plugin('refcountCycles.mjs'), 'refcount')).toBe('agrees');
    expect(agrees(program, createImplementation, 'refcount')).toBe('agrees');
  });
});

describe('what each level catches', () => {
  it('refcount: a tracing collector fails with refcount-death-is-prompt', async () => {
    expect(agrees('x = []\ndel x\n', await plugin('markSweep.mjs'), 'refcount')).toMatch(/^refcount-death-is-prompt at step 2/);
  });

  it('reachability: a tracing collector may free a dead object at any later collection', async () => {
    expect(agrees('x = []\ndel x\ny = Fin()\ndel y\ngc.collect()\n', await plugin('markSweep.mjs'), 'reachability')).toBe('agrees');
  });
});

describe('statistics at a level', () => {
  it('a check at a level counts, and requires minimums of, only the invariants of that level and weaker', () => {
    const loaded = loadProgram('x = []\nx.append(x)\ny = Fin()\ndel x, y\ngc.collect()\n', 'p.py');
    if (!loaded.ok) throw new Error(loaded.messages.join('\n'));
    const reachability = INVARIANTS.filter((i) => invariantEntry(i).level === 'reachability');
    expect(Object.keys(runLockstep(loaded.program, createImplementation, { contract: 'reachability' }).exercised).sort()).toEqual([...reachability].sort());
    expect(Object.keys(runLockstep(loaded.program, createImplementation).exercised)).toHaveLength(INVARIANTS.length);
    const keys = requiredMinimumsAt('reachability').map((m) => m.key);
    expect(keys).toContain('invariant:reachable-never-freed');
    expect(keys).not.toContain('invariant:count-rules');
    expect(keys).not.toContain('invariant:refcount-death-is-prompt');
    expect(requiredMinimumsAt('refcount').map((m) => m.key)).toContain('invariant:refcount-death-is-prompt');
  });
});
