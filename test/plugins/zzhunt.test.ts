import { it } from 'vitest';
import { createEngine } from '../../impl/engine.js';
import { loadPlugin } from '../../contract/loadPlugin.js';
import { checkEngine } from '../../properties/suite/checkEngine.js';
import { FORK_KINDS, TRACEMALLOC_KINDS } from '../../properties/generators/programArbitrary.js';
const cases: Array<[string, () => Promise<any>, any, any]> = [
  ['impl', async () => createEngine, 'reachability', undefined],
  ['impl', async () => createEngine, 'refcount', undefined],
  ['impl-fork', async () => createEngine, 'reachability', { kinds: FORK_KINDS }],
  ['impl-tm', async () => createEngine, 'refcount', { kinds: TRACEMALLOC_KINDS }],
  ['markSweep', () => loadPlugin('/work/wt-contracts/examples/plugins/markSweep.mjs'), 'reachability', undefined],
  ['refcountCycles', () => loadPlugin('/work/wt-contracts/examples/plugins/refcountCycles.mjs'), 'refcount', undefined],
];
for (const [name, make, contract, generator] of cases) {
  it(`${name} ${contract}`, async () => {
    for (const seed of [4, 5, 6, 7]) {
      try { const r = checkEngine(await make(), { contract, generator, seed, numRuns: 2500, failureDatabase: false, timeLimitMs: 200_000, title: `${name}-${contract}-${seed}` }); }
      catch (e) { console.log('FAIL', name, contract, seed, (e as Error).message.slice(0, 3000)); }
    }
  }, 900_000);
}
