/*
 * The object freelists are LIFO stacks (CPython's list, dict and tuple freelists), and the lockstep
 * check holds the implementation to it: a new object served by a freelist gets the memory of the
 * object of its kind freed last. The order among objects one collection frees is left open.
 */
import { createEngine as createImplEngine } from '../../../impl/engine.js';
import { describe, expect, it } from 'vitest';
import { ModelEngine } from '../../../model/run.js';
import { runLockstep } from '../../../properties/lockstep/lockstep.js';
import { plantedBug } from '../../../plantedBugs/catalog.js';
import { loadVariant } from '../../../plantedBugs/loadVariant.js';
import { program } from '../../helpers/programs.js';

/** For each statement, the model's new object id → the freed id whose freelist memory it took. */
function reuses(text: string): Array<Array<[number, number]>> {
  const engine = new ModelEngine();
  return program(text).statements.map((s) => {
    engine.execute(s);
    return [...engine.machine.events.reusedMemory];
  });
}

describe('object freelists', () => {
  it('hand out the memory freed last, per kind and tuple length', () => {
    expect(reuses('a = []\nb = []\ndel a, b\nc = []\nd = []')).toEqual([[], [], [], [[3, 2]], [[4, 1]]]);
    const n = 'n = None\n';
    expect(reuses(`${n}t = (n,)\nu = (n, n)\nd = {}\ndel t, u, d\nv = (n, n)\ne = {}\nw = (n,)`).slice(5)).toEqual([
      [[4, 2]], [[5, 3]], [[6, 1]],
    ]);
  });

  it('leave open the order among what one collection freed, and the real implementation agrees', () => {
    const text = 'a = []\nb = [a]\na.append(b)\ndel a, b\ngc.collect(0)\nc = []\nd = []';
    expect(reuses(text).slice(5)).toEqual([[], []]);
    expect(runLockstep(program(text), createImplEngine).divergence).toBeNull();
  });

  it('catch a FIFO list freelist in the implementation, naming freed-block-reused-lifo', async () => {
    const p = program('a = []\nb = []\ndel a, b\nc = []');
    expect(runLockstep(p, createImplEngine).divergence).toBeNull();
    const d = runLockstep(p, await loadVariant(plantedBug('list-freelist-fifo'))).divergence;
    expect(d).toMatchObject({ invariant: 'freed-block-reused-lifo', step: 4, objects: [3, 2] });
  });
});
