/*
 * Unit tests of pymalloc's policies, one scenario each, with the addresses worked out by hand from
 * obmalloc.c and from experiments on CPython 3.11.7 (PyObject_Malloc/Free through ctypes: LIFO reuse,
 * pool strides, emptied-pool reuse, arena release, allocated-block counts).
 */
import { describe, expect, it } from 'vitest';
import { Pymalloc } from '../../../impl/pymalloc/pymalloc.js';
import { ARENA_REGION_BASE as BASE, RAW_REGION_BASE as RAW } from '../../../impl/pymalloc/addressSpace.js';
import { checkPymalloc, usableArenasOrder } from '../../../impl/debug/checkPymalloc.js';

const P = 16384;
const SMALL = { poolSize: 1024, arenaSize: 4096 };

function mallocN(pm: Pymalloc, size: number, n: number): number[] {
  return Array.from({ length: n }, () => pm.malloc(size));
}

function expectConsistent(pm: Pymalloc, live?: number[]): void {
  expect(checkPymalloc(pm, live)).toEqual([]);
}

describe('blocks inside a pool', () => {
  it('is LIFO: malloc/free/malloc gives the same block; freeing a then b gives b then a', () => {
    const pm = new Pymalloc();
    const p = pm.malloc(456);
    pm.free(p);
    expect(pm.malloc(456)).toBe(p);
    const a = pm.malloc(456);
    const b = pm.malloc(456);
    pm.free(a);
    pm.free(b);
    expect(pm.malloc(456)).toBe(b);
    expect(pm.malloc(456)).toBe(a);
    expectConsistent(pm);
  });

  it('carves never-used blocks in ascending order: stride 464, 608 at pool boundaries (CPython geometry)', () => {
    const pm = new Pymalloc();
    const xs = mallocN(pm, 456, 200);
    expect(xs[0]).toBe(BASE + 48);
    for (let i = 1; i < xs.length; i++) {
      expect(xs[i] - xs[i - 1]).toBe(i % 35 === 0 ? 608 : 464);
    }
    const atOffset48 = xs.flatMap((x, i) => ((x - BASE) % P === 48 ? [i] : []));
    expect(atOffset48).toEqual([0, 35, 70, 105, 140, 175]);
    expect(xs.slice(0, 4).map((x) => x - BASE)).toEqual([48, 512, 976, 1440]);
    expect(xs[34] - BASE).toBe(15824);
    expectConsistent(pm, xs);
  });

  it('scales the stride with the pool: 2 blocks of 464 per 1 KiB pool', () => {
    const pm = new Pymalloc(SMALL);
    const xs = mallocN(pm, 456, 5);
    expect(xs.map((x) => x - BASE)).toEqual([48, 512, 1024 + 48, 1024 + 512, 2048 + 48]);
  });

  it('puts a full pool that frees a block at the FRONT of usedpools', () => {
    const pm = new Pymalloc();
    const full = mallocN(pm, 456, 35); // pool 0 full
    const next = pm.malloc(456); // pool 1, used, with never-used blocks left
    expect(next).toBe(BASE + P + 48);
    pm.free(full[10]);
    expect(pm.malloc(456)).toBe(full[10]);
    // pool 0 is full again and left the list: back to pool 1
    expect(pm.malloc(456)).toBe(BASE + P + 48 + 464);
    expectConsistent(pm);
  });
});

describe('emptied pools', () => {
  function emptiedPool(): { pm: Pymalloc; xs: number[] } {
    const pm = new Pymalloc();
    const xs = mallocN(pm, 456, 35); // class 28 now has no used pool (its only pool is full)
    for (const x of xs) pm.free(x); // the last block freed is at offset 15824
    expectConsistent(pm);
    return { pm, xs };
  }

  it('re-initialises the pool for another class: malloc(488) and malloc(200) get offset 48', () => {
    for (const size of [488, 200]) {
      const { pm } = emptiedPool();
      expect(pm.malloc(size)).toBe(BASE + 48);
      expect(pm.malloc(size)).toBe(BASE + 48 + (size === 488 ? 496 : 208));
      expectConsistent(pm);
    }
  });

  it('keeps the free list for the same class: malloc(456) gets the block freed last', () => {
    const { pm, xs } = emptiedPool();
    expect(pm.malloc(456)).toBe(BASE + 15824);
    expect(pm.malloc(456)).toBe(xs[33]);
    expectConsistent(pm);
  });

  it('pops the arena freepools LIFO before carving a never-used pool', () => {
    const pm = new Pymalloc();
    const a = mallocN(pm, 16, 1); // pool 0 (class 0)
    const b = mallocN(pm, 32, 1); // pool 1 (class 1)
    const c = mallocN(pm, 48, 1); // pool 2 (class 2)
    pm.free(a[0]);
    pm.free(c[0]); // freepools: pool 2, pool 0
    expect(pm.malloc(64)).toBe(BASE + 2 * P + 48);
    expect(pm.malloc(80)).toBe(BASE + 48);
    expect(pm.malloc(96)).toBe(BASE + 3 * P + 48); // freepools empty: carve pool 3
    expect(b[0]).toBe(BASE + P + 48);
    expectConsistent(pm);
  });
});

describe('arenas', () => {
  it('keeps the last usable arena when it empties, releases an empty one that is not last, reuses its address', () => {
    const pm = new Pymalloc(SMALL); // 256-byte blocks: 3 per pool, 12 per arena
    const xs = mallocN(pm, 256, 24);
    expect(xs[12]).toBe(BASE + 4096 + 48);
    expect(pm.stats().arenasCurrent).toBe(2);
    for (const x of xs.slice(0, 12)) pm.free(x); // arena 0 empties; it is the only usable arena
    expect(pm.stats()).toMatchObject({ arenasCurrent: 2, arenasReclaimed: 0, usableArenas: [BASE] });
    for (const x of xs.slice(12)) pm.free(x); // arena 1 empties with arena 0 after it: released
    expect(pm.stats()).toMatchObject({ arenasCurrent: 1, arenasReclaimed: 1, arenasHighwater: 2, usableArenas: [BASE] });
    expectConsistent(pm, []);
    const ys = mallocN(pm, 256, 13);
    // arena 0's pools come back LIFO (pool 3 first), each with its old free list (last freed first)
    expect(ys.slice(0, 12)).toEqual(xs.slice(0, 12).reverse());
    // then a new arena, mapped at the lowest free slot: the released arena's address
    expect(ys[12]).toBe(BASE + 4096 + 48);
    expect(pm.stats()).toMatchObject({ arenasAllocatedTotal: 3, arenasCurrent: 2 });
    expectConsistent(pm, ys);
  });

  it('reproduces arena.py: 7000 × 512 B, free, again, free reversed', () => {
    const pm = new Pymalloc();
    let xs = mallocN(pm, 512, 7000); // 226 pools of 31 blocks → 4 arenas of 64 pools
    expect(pm.stats()).toMatchObject({ arenasAllocatedTotal: 4, arenasCurrent: 4, arenasHighwater: 4 });
    for (const x of xs) pm.free(x);
    expect(pm.stats()).toMatchObject({ arenasReclaimed: 3, arenasCurrent: 1, unusedPools: 64 });
    expectConsistent(pm, []);
    xs = mallocN(pm, 512, 7000);
    expect(pm.stats()).toMatchObject({ arenasAllocatedTotal: 7, arenasCurrent: 4 });
    for (const x of xs.reverse()) pm.free(x);
    expect(pm.stats()).toMatchObject({ arenasReclaimed: 6, arenasCurrent: 1 });
    expectConsistent(pm, []);
  });

  it('keeps usable_arenas sorted with the tie rule (left end of the new group) and takes pools from the head', () => {
    const pm = new Pymalloc(SMALL); // 512-byte blocks: one per 1 KiB pool, so one malloc = one pool
    const b = mallocN(pm, 512, 12); // arenas at slots 0, 1, 2, all full
    expect(usableArenasOrder(pm)).toEqual([]);
    pm.free(b[8]);
    pm.free(b[4]);
    pm.free(b[0]); // Case 2 three times: each goes to the head
    expect(usableArenasOrder(pm)).toEqual([
      { slot: 0, nfreepools: 1 },
      { slot: 1, nfreepools: 1 },
      { slot: 2, nfreepools: 1 },
    ]);
    pm.free(b[9]); // slot 2 was the rightmost with 1: Case 4, stays
    expect(usableArenasOrder(pm).map((x) => x.slot)).toEqual([0, 1, 2]);
    pm.free(b[1]); // slot 0 was not: Case 3, moves just after slot 1, left of slot 2
    expect(usableArenasOrder(pm)).toEqual([
      { slot: 1, nfreepools: 1 },
      { slot: 0, nfreepools: 2 },
      { slot: 2, nfreepools: 2 },
    ]);
    expectConsistent(pm);
    expect(pm.malloc(512)).toBe(b[4]); // from the head (slot 1), which becomes full and leaves
    expect(usableArenasOrder(pm).map((x) => x.slot)).toEqual([0, 2]);
    expect(pm.malloc(16)).toBe(b[1]); // slot 0's freepools head, re-initialised: offset 48
    expect(usableArenasOrder(pm)).toEqual([
      { slot: 0, nfreepools: 1 },
      { slot: 2, nfreepools: 2 },
    ]);
    expectConsistent(pm);
  });
});

describe('one-block pools (1 KiB pools, classes 30 and 31)', () => {
  it('are full at once and go from full straight to empty', () => {
    const pm = new Pymalloc(SMALL);
    const xs = mallocN(pm, 512, 3);
    expect(xs).toEqual([BASE + 48, BASE + 1024 + 48, BASE + 2048 + 48]);
    expect(pm.stats().sizeClasses).toEqual([{ sizeClass: 31, blockSize: 512, pools: 3, usedPools: 0, fullPools: 3, blocksInUse: 3, availableBlocks: 0 }]);
    pm.free(xs[1]);
    expect(pm.stats()).toMatchObject({ poolsInUse: 2, emptyPools: 1 });
    expectConsistent(pm, [xs[0], xs[2]]);
    expect(pm.malloc(512)).toBe(xs[1]); // reused for the same class: its free list
    pm.free(xs[1]);
    expect(pm.malloc(496)).toBe(xs[1]); // reused for class 30: re-initialised, offset 48
    expectConsistent(pm, [xs[0], xs[1], xs[2]]);
  });
});

describe('realloc', () => {
  it('keeps the block when n ≤ S and 4n > 3S, moves it otherwise (obm.py)', () => {
    const pm = new Pymalloc();
    const p = pm.malloc(456);
    expect(pm.realloc(p, 400)).toBe(p); // 1600 > 1392
    expect(pm.realloc(p, 464)).toBe(p);
    const q = pm.realloc(p, 300); // 1200 ≤ 1392: moves to class 18
    expect(q).not.toBe(p);
    expect(pm.blockSize(q)).toBe(304);
    expect(pm.realloc(q, 300)).toBe(q);
    expect(pm.realloc(q, 229)).toBe(q); // 916 > 912
    const r = pm.realloc(q, 600); // larger than 512: a raw block
    expect(r).toBeGreaterThanOrEqual(RAW);
    expect(r).toBeLessThan(BASE);
    expect(pm.realloc(r, 16)).toBe(r); // a raw block stays raw
    expect(pm.realloc(r, 608)).toBe(r); // capacity 608
    const s = pm.realloc(r, 609);
    expect(s).toBe(r + 608); // a new bump block
    expect(pm.stats()).toMatchObject({ rawBlocks: 1, blocksInUse: 0, rawBytes: 624 });
    expectConsistent(pm, [s]);
  });

  it('moves to a raw block for n = 0 and is malloc for NULL', () => {
    const pm = new Pymalloc();
    const p = pm.malloc(100);
    const z = pm.realloc(p, 0);
    expect(z).toBe(RAW);
    expect(pm.blockSize(z)).toBe(16);
    expect(pm.realloc(z, 0)).toBe(z);
    expect(pm.realloc(0, 100)).toBe(p); // NULL: malloc; p's block was freed
    expect(pm.allocatedBlocks()).toBe(2);
  });

  it('mallocs the new block BEFORE freeing the old one', () => {
    const pm = new Pymalloc();
    const p = pm.malloc(464); // the only block of pool 0
    // malloc(100) first: pool 0 is still in use, so a new pool is carved; then pool 0 empties.
    expect(pm.realloc(p, 100)).toBe(BASE + P + 48);
    expect(pm.stats()).toMatchObject({ poolsInUse: 1, emptyPools: 1 });
    expectConsistent(pm);
  });

  it('moves a block that grows past its class', () => {
    const pm = new Pymalloc();
    const p = pm.malloc(16);
    const q = pm.realloc(p, 17);
    expect(pm.blockSize(q)).toBe(32);
    expect(pm.realloc(pm.malloc(16), 16)).toBe(p); // p's block was freed after the move
  });
});

describe('raw fallback and counters', () => {
  it('sends 0 and > 512 bytes to the raw bump allocator', () => {
    const pm = new Pymalloc();
    expect(pm.malloc(0)).toBe(RAW);
    expect(pm.malloc(513)).toBe(RAW + 16);
    expect(pm.malloc(1000)).toBe(RAW + 16 + 528);
    expect(pm.malloc(1)).toBe(BASE + 48);
    expect(pm.malloc(512)).toBe(BASE + P + 48);
    expect(pm.blockSize(RAW + 16)).toBe(528);
    pm.free(RAW);
    expect(pm.malloc(0)).toBe(RAW + 16 + 528 + 1008); // raw addresses are never reused
  });

  it('counts every block in sys.getallocatedblocks() (blocks.py)', () => {
    const pm = new Pymalloc();
    for (const s of [0, 1, 16, 512, 513, 100000]) {
      const before = pm.allocatedBlocks();
      const xs = mallocN(pm, s, 30);
      expect(pm.allocatedBlocks() - before).toBe(30);
      expectConsistent(pm);
      for (const x of xs.slice(0, 10)) pm.free(x);
      expect(pm.allocatedBlocks() - before).toBe(20);
    }
    const st = pm.stats();
    expect(st.totalBytes).toBe(st.arenasCurrent * st.arenaSize);
    expect(st.allocatedBlocks).toBe(120);
  });

  it('reports blockSize 0 and isLive false for addresses that are no live block', () => {
    const pm = new Pymalloc();
    const p = pm.malloc(100);
    expect(pm.blockSize(p)).toBe(112);
    expect(pm.isLive(p)).toBe(true);
    expect(pm.blockSize(p + 16)).toBe(0);
    pm.free(pm.malloc(100));
    expect(pm.isLive(p + 112)).toBe(false);
    expect(pm.blockSize(12345)).toBe(0);
    expect(pm.blockSize(BASE + (1 << 20) + 48)).toBe(0);
  });
});

describe('bad calls and geometry', () => {
  it('throws on frees of addresses that are no live block', () => {
    const pm = new Pymalloc();
    const p = pm.malloc(100);
    pm.free(0); // NULL: nothing
    pm.free(p);
    expect(() => pm.free(p)).toThrow(/not a live block/); // its pool is empty now
    expect(() => pm.free(RAW + 32)).toThrow(/not a live block/);
    expect(() => pm.free(BASE + 5 * (1 << 20))).toThrow(/not a live block/);
    expect(() => pm.realloc(RAW, 5)).toThrow(/not a live block/);
    expect(() => pm.malloc(-1)).toThrow(RangeError);
    expectConsistent(pm, []);
  });

  it('accepts the geometries of docs/language.md#geometry and rejects the others', () => {
    expect(() => new Pymalloc({ poolSize: 1024, arenaSize: 2048 })).not.toThrow();
    expect(() => new Pymalloc({ poolSize: 16384, arenaSize: 1 << 20 })).not.toThrow();
    expect(() => new Pymalloc({ poolSize: 1000, arenaSize: 4000 })).toThrow(RangeError);
    expect(() => new Pymalloc({ poolSize: 512, arenaSize: 4096 })).toThrow(RangeError);
    expect(() => new Pymalloc({ poolSize: 1024, arenaSize: 1024 })).toThrow(RangeError);
  });
});
