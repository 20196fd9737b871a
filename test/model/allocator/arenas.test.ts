/*
 * Arenas: creation, the release rule and the order of usable_arenas (docs/cpython-3.11.md#allocation-path
 * step 3, #free-path step 4), at the small geometry: 1 KiB pools, 4 pools per arena, arena s at B + s*4096,
 * pool i of arena s at B + s*4096 + i*1024.
 */
import { describe, expect, it } from 'vitest';
import { AllocatorModel, checkAllocatorInvariants } from '../../../model/allocator/index.js';
import { B, CPY, SMALL, checkedModel, mallocMany } from './helpers.js';

/** Block k of pool i of arena slot s, for 464-byte blocks (2 per 1 KiB pool). */
const blk = (s: number, i: number, k: number) => B + s * 4096 + i * 1024 + 48 + k * 464;

describe('arena creation', () => {
  it('the first small request maps arena 0; a new arena only when no arena has a free pool', () => {
    const m = checkedModel(SMALL);
    expect(m.stats().arenasCurrent).toBe(0);
    m.malloc(600); // raw: no arena
    expect(m.stats().arenasCurrent).toBe(0);
    mallocMany(m, 8, 456); // pools 0..3 of arena 0, two blocks each
    let s = m.stats();
    expect([s.arenasAllocatedTotal, s.arenasCurrent, s.arenasHighwater]).toEqual([1, 1, 1]);
    expect(s.usableArenas).toEqual([]); // arena 0 is full: on no list
    expect(m.malloc(456)).toBe(blk(1, 0, 0)); // B + 4096 + 48
    s = m.stats();
    expect([s.arenasAllocatedTotal, s.arenasCurrent, s.arenasHighwater, s.arenasReclaimed]).toEqual([2, 2, 2, 0]);
    expect(s.arenas.map((a) => [a.address, a.freePools])).toEqual([[B, 0], [B + 4096, 3]]);
  });
});

describe('arena release', () => {
  it('an empty arena that is not the last usable one is released; the last one is kept', () => {
    const m = checkedModel(SMALL);
    const [p0, p1, p2, p3] = [16, 32, 48, 64].map((n) => m.malloc(n)); // arena 0 pools 0..3
    const a1 = m.malloc(80); // arena 1 pool 0 = B + 4096 + 48
    expect(a1).toBe(B + 4144);
    m.free(p0); // arena 0: 1 free pool → head
    expect(m.stats().usableArenas).toEqual([B, B + 4096]);
    m.free(p1); // 2 free pools; arena 1 has 3
    m.free(p2); // 3 free pools: left end of group 3, still before arena 1
    expect(m.stats().usableArenas).toEqual([B, B + 4096]);
    m.free(p3); // 4 = all its pools, and arena 1 follows it → released
    let s = m.stats();
    expect(s.usableArenas).toEqual([B + 4096]);
    expect([s.arenasAllocatedTotal, s.arenasCurrent, s.arenasHighwater, s.arenasReclaimed]).toEqual([2, 1, 2, 1]);
    m.free(a1); // arena 1 now empty too, but it is the last usable arena → kept
    s = m.stats();
    expect(s.usableArenas).toEqual([B + 4096]);
    expect(s.arenasCurrent).toBe(1);
    expect(s.unusedPools).toBe(4);
  });

  it("a released arena's address is reused by the next new arena (lowest free slot)", () => {
    const m = checkedModel(SMALL);
    const blocks = [16, 32, 48, 64].map((n) => m.malloc(n)); // arena 0 full
    const a1 = m.malloc(80); // arena 1
    blocks.forEach((b) => m.free(b)); // arena 0 released (arena 1 follows it)
    m.free(a1); // arena 1 kept (last); its freepools = [pool 0]
    expect(m.malloc(16)).toBe(B + 4096 + 48); // arena 1's emptied pool 0, re-initialised
    expect(m.malloc(32)).toBe(B + 4096 + 1024 + 48); // carve pool 1
    expect(m.malloc(48)).toBe(B + 4096 + 2048 + 48);
    expect(m.malloc(64)).toBe(B + 4096 + 3072 + 48); // arena 1 full
    expect(m.malloc(80)).toBe(B + 48); // new arena in slot 0, the released address
    const s = m.stats();
    expect([s.arenasAllocatedTotal, s.arenasCurrent, s.arenasHighwater, s.arenasReclaimed]).toEqual([3, 2, 2, 1]);
  });

  it('as in CPython: 7000 × 512 B allocated and freed twice; one empty arena kept', () => {
    const m = new AllocatorModel(CPY); // 31 blocks per pool, 64 pools → 1984 blocks per arena
    const round = () => {
      const blocks = mallocMany(m, 7000, 512); // ⌈7000 / 1984⌉ = 4 arenas
      expect(m.stats().arenasCurrent).toBe(4);
      expect(checkAllocatorInvariants(m)).toEqual([]);
      blocks.forEach((b) => m.free(b));
      expect(checkAllocatorInvariants(m)).toEqual([]);
    };
    round();
    let s = m.stats();
    // arena 0 drains first and ends up last (most free pools) → kept; arenas 1, 2, 3 released
    expect([s.arenasAllocatedTotal, s.arenasReclaimed, s.arenasCurrent, s.arenasHighwater]).toEqual([4, 3, 1, 4]);
    expect(s.usableArenas).toEqual([B]);
    round(); // the kept arena serves first, then 3 new arenas in slots 1, 2, 3
    s = m.stats();
    expect([s.arenasAllocatedTotal, s.arenasReclaimed, s.arenasCurrent, s.arenasHighwater]).toEqual([7, 6, 1, 4]);
    expect(s.unusedPools).toBe(64);
  });
});

describe('usable_arenas order when a pool is freed', () => {
  /**
   * Three full arenas of 464-byte blocks (24 mallocs: arena s, pool i, block k = blk(s, i, k)).
   * Emptying a pool = freeing both of its blocks.
   */
  function threeFullArenas() {
    const m = checkedModel(SMALL);
    const addrs = mallocMany(m, 24, 456);
    expect(addrs[23]).toBe(blk(2, 3, 1));
    expect(m.stats().usableArenas).toEqual([]);
    const empty = (s: number, i: number) => {
      m.free(blk(s, i, 0));
      m.free(blk(s, i, 1));
    };
    return { m, empty };
  }

  it('an arena that was full goes to the head', () => {
    const { m, empty } = threeFullArenas();
    empty(2, 0); // arena 2: 1 free pool → [a2]
    empty(0, 0); // → [a0, a2]
    empty(1, 0); // → [a1, a0, a2]
    expect(m.stats().usableArenas).toEqual([B + 4096, B, B + 8192]);
  });

  it('an increased arena goes to the LEFT end of its new group (before arenas that already had nf)', () => {
    const { m, empty } = threeFullArenas();
    empty(2, 0);
    empty(0, 0);
    empty(1, 0); // [a1(1), a0(1), a2(1)]
    empty(2, 1); // a2: 2, it was the rightmost with 1 → stays: [a1(1), a0(1), a2(2)]
    expect(m.stats().usableArenas).toEqual([B + 4096, B, B + 8192]);
    empty(1, 1); // a1: 2 → just right of a0 (last with 1), BEFORE a2 which already had 2
    expect(m.stats().usableArenas).toEqual([B, B + 4096, B + 8192]); // [a0(1), a1(2), a2(2)]
    expect(m.malloc(16)).toBe(B + 48); // head a0: its emptied pool 0, re-initialised; a0 now full
    expect(m.malloc(32)).toBe(B + 4096 + 1024 + 48); // head a1: freepools LIFO → pool 1
  });

  it('an increased arena moves right past every arena with fewer free pools', () => {
    const { m, empty } = threeFullArenas();
    empty(2, 0);
    empty(0, 0);
    empty(1, 0); // [a1(1), a0(1), a2(1)]
    empty(1, 1); // a1: 2 → after a2, the last with 1
    expect(m.stats().usableArenas).toEqual([B, B + 8192, B + 4096]);
    empty(2, 1); // a2: 2 → left end of group 2 = where it is, before a1
    expect(m.stats().usableArenas).toEqual([B, B + 8192, B + 4096]);
    expect(m.malloc(16)).toBe(B + 48); // a0 (1 free pool) first, then it is full
    expect(m.malloc(32)).toBe(B + 8192 + 1024 + 48); // a2: freepools LIFO → pool 1
  });

  it('an empty arena in the middle is released, while the empty last one is kept', () => {
    const { m, empty } = threeFullArenas();
    for (const i of [0, 1, 2, 3]) empty(1, i); // a1: 1, 2, 3, 4 free pools; alone in the list → kept
    expect(m.stats().usableArenas).toEqual([B + 4096]);
    empty(0, 0); // a0 was full → head: [a0(1), a1(4)]
    for (const i of [1, 2, 3]) empty(0, i); // a0 reaches 4 while a1 follows it → released
    let s = m.stats();
    expect(s.usableArenas).toEqual([B + 4096]);
    expect([s.arenasCurrent, s.arenasReclaimed]).toEqual([2, 1]);
    empty(2, 0); // [a2(1), a1(4)]
    empty(2, 1); // [a2(2), a1(4)]
    expect(m.stats().usableArenas).toEqual([B + 8192, B + 4096]);
    empty(2, 2);
    empty(2, 3); // a2 empty, a1 follows → released
    s = m.stats();
    expect(s.usableArenas).toEqual([B + 4096]);
    expect([s.arenasCurrent, s.arenasReclaimed, s.arenasAllocatedTotal]).toEqual([1, 2, 3]);
  });
});
