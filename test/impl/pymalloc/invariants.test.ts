/*
 * The debug check (impl/debug/checkPymalloc.ts) passes after every operation of long seeded random
 * sequences, at small and at CPython geometry, and it catches deliberately corrupted states.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Pymalloc } from '../../../impl/pymalloc/pymalloc.js';
import { FIRST_POOL } from '../../../impl/pymalloc/pools.js';
import { ARENA_REGION_BASE as BASE, RAW_REGION_BASE as RAW } from '../../../impl/pymalloc/addressSpace.js';
import { checkPymalloc } from '../../../impl/debug/checkPymalloc.js';
import { longOps, runOps, scenarioArb, type Op } from './ops.js';

const GEOMETRIES = [
  { poolSize: 1024, arenaSize: 2048 },
  { poolSize: 1024, arenaSize: 4096 },
  { poolSize: 2048, arenaSize: 16384 },
  { poolSize: 16384, arenaSize: 1 << 20 },
];

/** Block-level checks the structure walk cannot see: alignment, class, no two live blocks overlapping. */
function checkBlocks(pm: Pymalloc, live: number[], op: Op): void {
  const spans = live.map((a) => [a, pm.blockSize(a)] as const).sort((x, y) => x[0] - y[0]);
  for (let i = 0; i < spans.length; i++) {
    const [a, size] = spans[i];
    if (size === 0 || a % 16 !== 0) throw new Error(`block 0x${a.toString(16)} (size ${size}) after ${JSON.stringify(op)}`);
    if (i > 0 && spans[i - 1][0] + spans[i - 1][1] > a) throw new Error(`blocks overlap at 0x${a.toString(16)}`);
  }
}

function checkEveryStep(pm: Pymalloc, ops: Op[], sizeCheck = true): void {
  runOps([pm], ops, (live, step, op) => {
    const problems = checkPymalloc(pm, live);
    if (problems.length > 0) throw new Error(`step ${step} ${JSON.stringify(op)}:\n${problems.join('\n')}`);
    if (sizeCheck) checkBlocks(pm, live, op);
  });
}

describe('checkPymalloc after every operation', () => {
  for (const g of GEOMETRIES) {
    const cpython = g.poolSize === 16384;
    it(`random sequences, pool ${g.poolSize}, arena ${g.arenaSize}`, () => {
      fc.assert(
        fc.property(scenarioArb(cpython ? 60 : 150, cpython ? 600 : 40), ({ ops }) => {
          checkEveryStep(new Pymalloc(g), ops);
        }),
        { seed: 20240611 + g.poolSize + g.arenaSize, numRuns: cpython ? 40 : 150 },
      );
    });
  }

  it('a long seeded sequence at 1 KiB pools / 4 KiB arenas (6000 operations)', () => {
    const pm = new Pymalloc(GEOMETRIES[1]);
    checkEveryStep(pm, longOps(7, 6000, [16, 100, 250, 480, 500, 512]));
    expect(pm.stats().arenasReclaimed).toBeGreaterThan(0);
  });

  it('a long seeded sequence at CPython geometry, growing past several arenas', () => {
    const pm = new Pymalloc();
    const ops: Op[] = [];
    for (let round = 0; round < 3; round++) {
      ops.push({ kind: 'burst', size: 512, n: 2500 }, { kind: 'burst', size: 24, n: 3000 }, { kind: 'burst', size: 300, n: 2000 });
      ops.push(...longOps(100 + round, 300, [8, 64, 300, 512]));
      ops.push({ kind: 'drain', n: 4000, newest: round % 2 === 0 });
      ops.push(...longOps(200 + round, 300, [16, 200, 456]));
    }
    ops.push({ kind: 'drain', n: 1 << 30, newest: false });
    checkEveryStep(pm, ops, false);
    const st = pm.stats();
    expect(st.arenasHighwater).toBeGreaterThan(2);
    expect(st.arenasCurrent).toBe(1);
    expect(st.allocatedBlocks).toBe(0);
  });
});

describe('the incremental check after every operation answers as the full one', () => {
  for (const g of GEOMETRIES) {
    const cpython = g.poolSize === 16384;
    it(`random sequences, pool ${g.poolSize}, arena ${g.arenaSize}`, () => {
      fc.assert(
        fc.property(scenarioArb(cpython ? 60 : 150, cpython ? 600 : 40), ({ ops }) => {
          // Two allocators fed the same calls: one checked only incrementally, the other only in full.
          const incremental = new Pymalloc(g);
          const full = new Pymalloc(g);
          runOps([incremental, full], ops, (live, step, op) => {
            const answers = [checkPymalloc(incremental, live, { full: false }), checkPymalloc(full, live)];
            if (answers[0].length + answers[1].length > 0) throw new Error(`step ${step} ${JSON.stringify(op)}:\n${answers.map((a) => a.join('\n')).join('\n---\n')}`);
          });
        }),
        { seed: 20261207 + g.poolSize + g.arenaSize, numRuns: cpython ? 20 : 100 },
      );
    });
  }

  it('a corruption of the pool the last free wrote is reported at once; one of a pool nobody wrote waits for the full check', () => {
    const pm = new Pymalloc({ poolSize: 1024, arenaSize: 4096 });
    const live = Array.from({ length: 40 }, (_, i) => pm.malloc(i % 2 === 0 ? 100 : 200));
    expect(checkPymalloc(pm, live)).toEqual([]);
    const freed = live.splice(3, 1)[0]; // a 200-byte block: its pool now has a free list
    pm.free(freed);
    const written = pm.poolOf(freed);
    const other = pm.poolOf(live.filter((a) => pm.blockSize(a) === 112).at(-1)!); // the class's used pool, not full
    expect(pm.marks.pools).toContain(written);
    expect(pm.marks.pools).not.toContain(other);
    // A pool nobody wrote: its free list made cyclic.
    const g = pm.pools.freeblock[other];
    expect(g).not.toBe(0);
    pm.pools.link[(other - FIRST_POOL) * pm.geometry.granulesPerPool + g] = g;
    expect(checkPymalloc(pm, live, { full: false })).toEqual([]);
    expect(checkPymalloc(pm, live).join('\n')).toMatch(/free list has a cycle/);
    pm.pools.link[(other - FIRST_POOL) * pm.geometry.granulesPerPool + g] = 0;
    expect(checkPymalloc(pm, live)).toEqual([]);
    // The pool the free wrote: its count off by one.
    pm.free(live.splice(5, 1)[0]);
    pm.pools.count[written]++;
    expect(checkPymalloc(pm, live, { full: false }).join('\n')).toMatch(/count \d+ \+ \d+ free ≠ \d+ carved blocks/);
  });
});

describe('checkPymalloc catches corrupted states', () => {
  /** Three arenas of 1 KiB pools with used, full and empty pools, and two raw blocks. */
  function busy(): { pm: Pymalloc; live: number[] } {
    const pm = new Pymalloc({ poolSize: 1024, arenaSize: 4096 });
    const live: number[] = [];
    for (let i = 0; i < 150; i++) live.push(pm.malloc(i % 3 === 0 ? 100 : 200));
    for (let i = 0; i < 150; i += 4) pm.free(live[i]);
    const kept = live.filter((_, i) => i % 4 !== 0);
    kept.push(pm.malloc(600), pm.malloc(0));
    expect(checkPymalloc(pm, kept)).toEqual([]);
    return { pm, live: kept };
  }
  const usedPool = (pm: Pymalloc): number => pm.pools.nextpool[(200 - 1) >> 4];

  it('a free list that loops', () => {
    const { pm } = busy();
    const p = usedPool(pm);
    const g = pm.pools.freeblock[p];
    pm.pools.link[(p - FIRST_POOL) * pm.geometry.granulesPerPool + g] = g;
    expect(checkPymalloc(pm).join('\n')).toMatch(/free list has a cycle/);
  });

  it('a free-list entry off a block boundary', () => {
    const { pm } = busy();
    const p = usedPool(pm);
    pm.pools.freeblock[p] = 4; // offset 64: not 48 + k·208
    expect(checkPymalloc(pm).join('\n')).toMatch(/free list holds offset 64/);
  });

  it('a ref count that is not the number of allocated blocks', () => {
    const { pm, live } = busy();
    pm.pools.count[usedPool(pm)]++;
    const out = checkPymalloc(pm, live).join('\n');
    expect(out).toMatch(/count \d+ \+ \d+ free ≠ \d+ carved blocks/);
    expect(out).toMatch(/has count \d+ but \d+ live blocks/);
  });

  it('a live block on a free list (double free)', () => {
    const { pm, live } = busy();
    const a = live.find((x) => pm.blockSize(x) === 208 && pm.pools.freeblock[pm.poolOf(x)] !== 0)!;
    const p = pm.poolOf(a);
    const g = (a - pm.poolAddress(p)) / 16;
    pm.pools.link[(p - FIRST_POOL) * pm.geometry.granulesPerPool + g] = pm.pools.freeblock[p];
    pm.pools.freeblock[p] = g;
    expect(checkPymalloc(pm, live).join('\n')).toMatch(/is on its pool's free list/);
  });

  it('a used pool missing from usedpools', () => {
    const { pm } = busy();
    pm.pools.unlinkUsedpool(usedPool(pm));
    expect(checkPymalloc(pm).join('\n')).toMatch(/usedpools\[12\]: used pool 0x[0-9a-f]+ missing/);
  });

  it('a wrong nfreepools', () => {
    const { pm } = busy();
    pm.arenas.nfreepools[0]++;
    expect(checkPymalloc(pm).join('\n')).toMatch(/nfreepools \d+ ≠/);
  });

  it('usable_arenas out of order, and nfp2lasta pointing at the wrong arena', () => {
    const pm = new Pymalloc({ poolSize: 1024, arenaSize: 4096 });
    const b = Array.from({ length: 12 }, () => pm.malloc(512)); // 3 full arenas of one-block pools
    pm.free(b[0]);
    pm.free(b[4]);
    pm.free(b[5]); // usable_arenas: slot 0 (1 free pool), slot 1 (2)
    expect(checkPymalloc(pm)).toEqual([]);
    const head = pm.arenas.usableArenas;
    const second = pm.arenas.nextarena[head];
    pm.arenas.nfp2lasta[2] = head;
    expect(checkPymalloc(pm).join('\n')).toMatch(/nfp2lasta\[2\] = \d+, expected \d+/);
    pm.arenas.nfp2lasta[2] = second;
    // swap the two arenas: the list is no longer sorted
    pm.arenas.usableArenas = second;
    pm.arenas.prevarena[second] = -1;
    pm.arenas.nextarena[second] = head;
    pm.arenas.prevarena[head] = second;
    pm.arenas.nextarena[head] = -1;
    expect(checkPymalloc(pm).join('\n')).toMatch(/usable_arenas: not sorted \(2 before 1\)/);
  });

  it('a released arena still referenced', () => {
    const pm = new Pymalloc({ poolSize: 1024, arenaSize: 2048 });
    const xs = Array.from({ length: 6 }, () => pm.malloc(512)); // 3 arenas of 2 one-block pools
    pm.free(xs[4]);
    pm.free(xs[2]);
    pm.free(xs[3]); // slot 1 empties with slot 2 after it: released
    expect(pm.stats().arenasCurrent).toBe(2);
    expect(checkPymalloc(pm, [xs[0], xs[1], xs[5]])).toEqual([]);
    const released = pm.arenas.unusedArenaObjects;
    // put the released descriptor back at the head of usable_arenas
    const head = pm.arenas.usableArenas;
    pm.arenas.nextarena[released] = head;
    pm.arenas.prevarena[head] = released;
    pm.arenas.usableArenas = released;
    expect(checkPymalloc(pm).join('\n')).toMatch(/whose arena was released/);
  });

  it('counters out of step', () => {
    const { pm } = busy();
    pm.arenas.narenasCurrentlyAllocated++;
    pm.pools.classBlocks[0]++;
    pm.raw.bytes += 16;
    const out = checkPymalloc(pm).join('\n');
    expect(out).toMatch(/narenas_currently_allocated/);
    expect(out).toMatch(/counters: class 0/);
    expect(out).toMatch(/raw: bytes/);
  });

  it('live blocks that the allocator does not know', () => {
    const { pm, live } = busy();
    const out = checkPymalloc(pm, [...live, RAW + (1 << 20), BASE + 3 * 4096 + 48]).join('\n');
    expect(out).toMatch(/neither in an arena nor a raw block|not an allocated block/);
  });
});
