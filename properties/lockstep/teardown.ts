/*
 * The lockstep run's teardown: after the program's last statement every name is deleted, `revived` and
 * `gc.garbage` are cleared, SAVEALL is turned off, the permanent generation unfrozen and full
 * collections run until the model's heap is empty; then the engine must hold no object and no block but
 * the raw blocks the program leaked (`heap-empty-at-teardown`). The statements are the runner's, not the
 * program's, so a leak shows as the heap the teardown could not empty.
 */
import type { Statement } from '../../language/ast.js';
import type { EngineUnderTest } from '../../contract/engine.js';
import type { ModelEngine } from '../../model/run.js';
import type { Divergence } from './divergence.js';

/**
 * One teardown round: delete every name, leave SAVEALL and the permanent generation, clear `revived` and
 * `gc.garbage`, collect fully. Rounds repeat (without the `del`) while the model's heap is not empty.
 */
export function teardownStatements(names: string[]): Statement[] {
  const first: Statement[] = names.length > 0 ? [{ kind: 'del', names }] : [];
  return [
    ...first,
    { kind: 'setDebug', saveAll: false },
    { kind: 'unfreeze' },
    { kind: 'clearRevived' },
    { kind: 'clearGarbage' },
    { kind: 'collect', generation: 2, explicitGeneration: false },
  ];
}

/** After the teardown's statements: what either side still holds, as a divergence; null when both are empty. */
export function checkEmptyHeap(impl: EngineUnderTest, model: ModelEngine, step: number): Divergence | null {
  const left = [...model.machine.heap.objects.keys()];
  const { objects, blocks } = impl.leftovers?.() ?? { objects: 0, blocks: 0 };
  if (left.length === 0 && objects === 0 && blocks === 0) return null;
  return {
    invariant: 'heap-empty-at-teardown', step: 0, line: 0, objects: left,
    message: `after teardown (step ${step}) the model holds ${left.length} objects, the implementation ${objects} objects and ${blocks} blocks`,
  };
}
