/* stats(): the sys._debugmallocstats() numbers and sys.getallocatedblocks() (docs/cpython-3.11.md#raw-blocks, #debugmallocstats). */
import { describe, expect, it } from 'vitest';
import { B, CPY, SMALL, checkedModel, mallocMany } from './helpers.js';

describe('stats', () => {
  it('worked example at 1 KiB pools, 4 pools per arena', () => {
    const m = checkedModel(SMALL);
    mallocMany(m, 3, 16); // class 0, pool 0: 61 blocks, 3 in use
    mallocMany(m, 2, 456); // class 28, pool 1: 2 blocks, full
    m.malloc(600); // raw, capacity 608
    const s = m.stats();
    expect(s.sizeClasses).toEqual([
      { sizeClass: 0, blockSize: 16, pools: 1, usedPools: 1, fullPools: 0, blocksInUse: 3, availableBlocks: 58 },
      { sizeClass: 28, blockSize: 464, pools: 1, usedPools: 0, fullPools: 1, blocksInUse: 2, availableBlocks: 0 },
    ]);
    expect(s).toMatchObject({
      arenasAllocatedTotal: 1, arenasReclaimed: 0, arenasHighwater: 1, arenasCurrent: 1,
      arenas: [{ address: B, totalPools: 4, freePools: 2, emptyPools: 0, carvedPools: 2 }],
      usableArenas: [B],
      poolsInUse: 2, emptyPools: 0, unusedPools: 2,
      blocksInUse: 5, rawBlocks: 1, rawBytes: 608, allocatedBlocks: 6,
      bytesInAllocatedBlocks: 976, // 3*16 + 2*464
      bytesInAvailableBlocks: 928, // 58*16
      bytesInUnusedPools: 2048, // 2 * 1024
      bytesLostToPoolHeaders: 96, // 2 * 48
      bytesLostToQuantization: 48, // 976 % 16 = 0, 976 % 464 = 48
      bytesLostToArenaAlignment: 0,
      totalBytes: 4096, // = 1 arena
    });
  });

  it('an empty pool is not in use but counts as an unused pool', () => {
    const m = checkedModel(SMALL);
    const a = m.malloc(16);
    m.malloc(32);
    m.free(a);
    const s = m.stats();
    expect(s.sizeClasses.map((c) => c.sizeClass)).toEqual([1]);
    expect([s.poolsInUse, s.emptyPools, s.unusedPools, s.bytesInUnusedPools]).toEqual([1, 1, 3, 3072]);
    expect(s.totalBytes).toBe(4096);
  });

  it.each([0, 1, 16, 512, 513, 100000])('blocks.py: 30 × malloc(%i) adds 30 allocated blocks', (size) => {
    const m = checkedModel(CPY);
    m.malloc(8);
    const before = m.allocatedBlocks();
    const blocks = mallocMany(m, 30, size);
    expect(m.allocatedBlocks() - before).toBe(30);
    blocks.forEach((b) => m.free(b));
    expect(m.allocatedBlocks()).toBe(before);
  });
});
