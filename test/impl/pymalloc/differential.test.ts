/*
 * Differential test (the allocator layer of docs/invariants.md): the implementation's pymalloc and the
 * naive model (model/allocator/) get the same malloc / realloc / free calls and must return exactly the
 * same addresses, report the same stats, and both pass their own invariant checks.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Pymalloc } from '../../../impl/pymalloc/pymalloc.js';
import { checkPymalloc } from '../../../impl/debug/checkPymalloc.js';
import { AllocatorModel, checkAllocatorInvariants } from '../../../model/allocator/index.js';
import { encodeStats } from '../../../contract/allocatorStats.js';
import { longOps, runOps, scenarioArb, type Op } from './ops.js';

const GEOMETRIES = [
  { poolSize: 1024, arenaSize: 2048 },
  { poolSize: 1024, arenaSize: 4096 },
  { poolSize: 4096, arenaSize: 65536 },
  { poolSize: 16384, arenaSize: 1 << 20 },
];

/** Run in lockstep; compare addresses on every call and the stats after every `every` operations. */
function lockstep(geometry: { poolSize: number; arenaSize: number }, ops: Op[], every = 1): void {
  const impl = new Pymalloc(geometry);
  const model = new AllocatorModel(geometry);
  runOps([impl, model], ops, (live, step, op) => {
    if (step % every !== 0 && step !== ops.length - 1) return;
    expect(impl.stats(), `stats after step ${step} ${JSON.stringify(op)}`).toEqual(model.stats());
    // The same report as JSON (key order included) and as numbers in the shared layout: the lockstep
    // runner compares the numbers (statsFigures / encodeStats) in place of the JSON.
    expect(JSON.stringify(impl.stats())).toBe(JSON.stringify(model.stats()));
    expect(impl.statsFigures([])).toEqual(encodeStats(model.stats(), []));
    expect(impl.allocatedBlocks()).toBe(model.allocatedBlocks());
    for (const a of live.slice(-3)) expect(impl.blockSize(a)).toBe(model.blockSize(a));
  });
  expect(checkPymalloc(impl)).toEqual([]);
  expect(checkAllocatorInvariants(model)).toEqual([]);
}

describe('pymalloc = the naive allocator model', () => {
  for (const g of GEOMETRIES) {
    const cpython = g.poolSize === 16384;
    it(`random sequences, pool ${g.poolSize}, arena ${g.arenaSize}`, () => {
      fc.assert(
        fc.property(scenarioArb(cpython ? 80 : 200, cpython ? 1500 : 60), ({ ops }) => lockstep(g, ops, cpython ? 10 : 1)),
        { seed: 31337 + g.poolSize + g.arenaSize, numRuns: cpython ? 30 : 150 },
      );
    });
  }

  it('a long seeded sequence at 1 KiB pools / 2 KiB arenas', () => {
    lockstep(GEOMETRIES[0], longOps(11, 20000, [16, 48, 208, 496, 512]), 25);
  });

  it('a long seeded sequence at CPython geometry across several arenas', () => {
    const ops: Op[] = [];
    for (let round = 0; round < 3; round++) {
      ops.push({ kind: 'burst', size: 512, n: 3000 }, { kind: 'burst', size: 40, n: 4000 });
      ops.push(...longOps(300 + round, 2000, [8, 64, 300, 512]));
      ops.push({ kind: 'drain', n: 5000, newest: round === 1 });
    }
    ops.push({ kind: 'drain', n: 1 << 30, newest: false });
    lockstep(GEOMETRIES[3], ops, 50);
  });
});
