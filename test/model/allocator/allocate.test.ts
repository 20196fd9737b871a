/*
 * The allocation and free paths inside pools (docs/cpython-3.11.md#allocation-path, #free-path steps
 * 1–3), addresses worked out
 * by hand. B = arena slot 0 = 0x7f0000000000, R = raw region start = 0x100000000000.
 * CPY: pool i of arena 0 at B + i*16384; SMALL: pool i at B + i*1024, arena s at B + s*4096.
 */
import { describe, expect, it } from 'vitest';
import { B, CPY, R, SMALL, checkedModel, mallocMany } from './helpers.js';

describe('size classes at the boundaries route to the right pool or to raw', () => {
  it('CPython geometry', () => {
    const m = checkedModel(CPY);
    expect(m.malloc(16)).toBe(B + 48); // class 0, pool 0 carved, first block at offset 48
    expect(m.malloc(1)).toBe(B + 48 + 16); // class 0 again, next never-used block
    expect(m.malloc(17)).toBe(B + 16384 + 48); // class 1 has no pool: pool 1 carved
    expect(m.malloc(32)).toBe(B + 16384 + 48 + 32);
    expect(m.malloc(512)).toBe(B + 2 * 16384 + 48); // class 31: pool 2
    expect(m.malloc(497)).toBe(B + 2 * 16384 + 48 + 512);
    expect(m.malloc(513)).toBe(R); // raw, capacity roundUp16(513) = 528
    expect(m.malloc(0)).toBe(R + 528); // raw malloc(1), capacity 16
    expect(m.malloc(100000)).toBe(R + 528 + 16); // capacity 100000 (already a multiple of 16)
    expect([B + 48, B + 64, B + 16432, B + 16464, B + 32816, B + 33328].map((a) => m.blockSize(a)))
      .toEqual([16, 16, 32, 32, 512, 512]);
    expect([R, R + 528, R + 544].map((a) => m.blockSize(a))).toEqual([528, 16, 100000]);
    const s = m.stats();
    expect(s.rawBlocks).toBe(3);
    expect(s.blocksInUse).toBe(6);
    expect(s.allocatedBlocks).toBe(9);
  });

  it('small geometry: one-block pools of class 31 and a second arena', () => {
    const m = checkedModel(SMALL);
    expect(m.malloc(16)).toBe(B + 48); // arena 0 pool 0
    expect(m.malloc(17)).toBe(B + 1024 + 48); // pool 1
    expect(m.malloc(512)).toBe(B + 2048 + 48); // pool 2: (1024-48)//512 = 1 block, full at once
    expect(m.malloc(512)).toBe(B + 3072 + 48); // pool 3; arena 0 has no free pool left
    expect(m.malloc(512)).toBe(B + 4096 + 48); // new arena, slot 1, its pool 0
    expect(m.malloc(513)).toBe(R);
    expect(m.malloc(0)).toBe(R + 528);
  });
});

describe('LIFO reuse of freed blocks', () => {
  it('malloc/free/malloc returns the same block; free a then b gives b then a (CPY)', () => {
    const m = checkedModel(CPY);
    const a = m.malloc(456); // B + 48
    const b = m.malloc(456); // B + 48 + 464
    expect([a, b]).toEqual([B + 48, B + 512]);
    m.free(a);
    expect(m.malloc(456)).toBe(a);
    m.free(a);
    m.free(b);
    expect(m.malloc(456)).toBe(b); // head of the free list: freed last
    expect(m.malloc(456)).toBe(a);
    expect(m.malloc(456)).toBe(B + 48 + 2 * 464); // free list empty: next never-used block
  });

  it('any size of the class gets the freed block (SMALL)', () => {
    const m = checkedModel(SMALL);
    const [x, y, z] = mallocMany(m, 3, 16); // B+48, B+64, B+80
    m.free(y);
    m.free(x);
    expect(m.malloc(1)).toBe(x);
    expect(m.malloc(16)).toBe(y);
    expect(m.malloc(9)).toBe(z + 16); // B + 96
  });
});

describe('stride and pool boundary', () => {
  it('464-byte blocks: 35 per 16 KiB pool, then the next pool at offset 48 (diff 608)', () => {
    const m = checkedModel(CPY);
    const addrs = mallocMany(m, 36, 456);
    for (let k = 0; k < 35; k++) expect(addrs[k]).toBe(B + 48 + k * 464);
    expect(addrs[34]).toBe(B + 15824); // 48 + 34*464, the last block of pool 0
    expect(addrs[35]).toBe(B + 16384 + 48); // pool 1, offset 48
    expect(addrs[35] - addrs[34]).toBe(608); // 16384 + 48 - 15824
  });

  it('464-byte blocks at 1 KiB pools: 2 per pool (diff 464, then 560)', () => {
    const m = checkedModel(SMALL);
    expect(mallocMany(m, 5, 456)).toEqual([
      B + 48, B + 48 + 464, // pool 0: 976 // 464 = 2 blocks
      B + 1024 + 48, B + 1024 + 512, // pool 1: 1024 + 48 - 512 = 560 from the previous block
      B + 2048 + 48,
    ]);
  });
});

describe('a full pool that gets a block back goes to the FRONT of usedpools', () => {
  it('SMALL, 320-byte blocks (3 per pool)', () => {
    const m = checkedModel(SMALL);
    expect(mallocMany(m, 4, 320)).toEqual([B + 48, B + 368, B + 688, B + 1072]); // pool 0 full; pool 1 used
    m.free(B + 368); // pool 0 was full → front, although pool 1 still has never-used blocks
    expect(m.malloc(320)).toBe(B + 368);
    expect(m.malloc(320)).toBe(B + 1072 + 320); // pool 0 full again: pool 1's next block
  });

  it('CPY, 464-byte blocks, as in the CPython experiment of 200 malloc(456)', () => {
    const m = checkedModel(CPY);
    mallocMany(m, 36, 456); // pool 0 full (35), pool 1 holds one
    m.free(B + 48 + 10 * 464); // block 10 of the full pool 0
    expect(m.malloc(456)).toBe(B + 48 + 10 * 464);
  });
});

describe('an emptied pool taken for a new pool', () => {
  function emptiedClass0Pool() {
    const m = checkedModel(SMALL);
    expect(mallocMany(m, 3, 16)).toEqual([B + 48, B + 64, B + 80]);
    m.free(B + 64);
    m.free(B + 48);
    m.free(B + 80); // count 0: pool 0 empty, on arena 0's freepools; arena 0 empty but last → kept
    expect(m.stats().arenasCurrent).toBe(1);
    expect(m.stats().poolsInUse).toBe(0);
    return m;
  }

  it('same class: keeps its free list, returns the block freed last, then the rest LIFO', () => {
    const m = emptiedClass0Pool();
    expect(m.malloc(16)).toBe(B + 80); // freed last
    expect(m.malloc(16)).toBe(B + 48);
    expect(m.malloc(16)).toBe(B + 64);
    expect(m.malloc(16)).toBe(B + 96); // never-used range kept too
  });

  it('other class: re-initialised, offset 48 then 48 + size', () => {
    const m = emptiedClass0Pool();
    expect(m.malloc(32)).toBe(B + 48);
    expect(m.malloc(32)).toBe(B + 80);
  });

  it.each([
    [456, B + 15824], // class 28 as before: the last block freed (offset 48 + 34*464)
    [488, B + 48], // class 30: re-initialised
    [200, B + 48], // class 12: re-initialised
  ])('CPY, as in CPython: emptied class-28 pool reused for malloc(%i) → %i', (size, expected) => {
    const m = checkedModel(CPY);
    const blocks = mallocMany(m, 35, 456); // pool 0 exactly full
    for (const b of blocks) m.free(b); // ascending: B + 15824 is freed last
    expect(m.malloc(size)).toBe(expected);
  });

  it('a one-block pool (512 B at 1 KiB pools) is full at once and empty when its block is freed', () => {
    const m = checkedModel(SMALL);
    expect(m.malloc(512)).toBe(B + 48); // pool 0 full, never on usedpools
    expect(m.malloc(512)).toBe(B + 1024 + 48); // so class 31 needs pool 1
    m.free(B + 48); // count 0 → empty (not used): arena 0 freepools = [pool 0]
    expect(m.stats().emptyPools).toBe(1);
    expect(m.malloc(512)).toBe(B + 48); // freepools head, same class: its free list's head
    expect(m.malloc(496)).toBe(B + 2048 + 48); // class 30, also one block per pool: pool 2
  });
});

describe('carving order of pools', () => {
  it('never-used pools in ascending order, emptied pools LIFO (descending here)', () => {
    const m = checkedModel(SMALL);
    expect([16, 32, 48, 64].map((n) => m.malloc(n))).toEqual([
      B + 48, B + 1024 + 48, B + 2048 + 48, B + 3072 + 48, // one class per pool, pools 0..3
    ]);
    expect(m.malloc(80)).toBe(B + 4096 + 48); // arena 0 full → new arena (slot 1)
    m.free(B + 1024 + 48); // pool 1 empty; arena 0 had 0 free pools → head of usable_arenas
    m.free(B + 2048 + 48); // pool 2 empty; arena 0 freepools: pool 2 (head), pool 1
    expect(m.stats().usableArenas).toEqual([B, B + 4096]); // 2 free pools vs 3
    expect(m.malloc(96)).toBe(B + 2048 + 48); // head arena, LIFO: pool 2
    expect(m.malloc(112)).toBe(B + 1024 + 48); // then pool 1
    expect(m.malloc(128)).toBe(B + 4096 + 1024 + 48); // arena 0 full again: arena 1 carves pool 1
  });
});
