/*
 * Invariant checks about pools and arenas and the lists they sit on (see invariants.ts for the
 * statements): pool-state-consistent, arena-order-and-release. Pool states are derived from counts
 * and compared with list membership counted afresh.
 */
import type { Arena, Pool } from './state.js';
import { nfreepools, poolState } from './state.js';
import { NB_SMALL_SIZE_CLASSES, POOL_OVERHEAD, blockSizeOfClass, blocksPerPool, hex } from './geometry.js';
import { ARENA_REGION_BASE } from './addressSpace.js';
import type { Check } from './blockChecks.js';

export const poolStateConsistent: Check = (s, fail) => {
  const liveCount = new Map<Pool, number>();
  for (const b of s.live.values()) if (b.kind === 'pool') liveCount.set(b.pool, (liveCount.get(b.pool) ?? 0) + 1);
  const onUsedLists = new Map<Pool, number[]>();
  s.usedPools.forEach((list, cls) => list.forEach((p) => onUsedLists.set(p, [...(onUsedLists.get(p) ?? []), cls])));

  for (const arena of s.arenas.values()) {
    for (const p of arena.freePools) {
      if (!arena.pools.includes(p) || p.count !== 0) {
        fail(`freePools of arena ${hex(arena.address)} holds pool ${hex(p.address)} (count ${p.count})`);
      }
    }
    arena.pools.forEach((pool, i) => {
      const where = `pool ${hex(pool.address)}`;
      if (pool.arena !== arena || pool.index !== i || pool.address !== arena.address + i * s.geometry.poolSize) {
        fail(`${where} is not pool ${i} of arena ${hex(arena.address)}`);
      }
      if (!(pool.sizeClass >= 0 && pool.sizeClass < NB_SMALL_SIZE_CLASSES)) {
        fail(`${where} has no size class`);
        return;
      }
      const n = blocksPerPool(s.geometry, pool.sizeClass);
      const live = liveCount.get(pool) ?? 0;
      if (pool.count !== live) fail(`${where} count ${pool.count} but ${live} live blocks`);
      const neverUsed = n - pool.nextUnused;
      if (neverUsed < 0 || pool.count + pool.freeList.length + neverUsed !== n) {
        fail(`${where}: count ${pool.count} + free ${pool.freeList.length} + never-used ${neverUsed} ≠ ${n}`);
      }
      if (new Set(pool.freeList).size !== pool.freeList.length) fail(`${where} has a block twice on its free list`);
      for (const f of pool.freeList) {
        const k = (f - pool.address - POOL_OVERHEAD) / blockSizeOfClass(pool.sizeClass);
        if (!Number.isInteger(k) || k < 0 || k >= pool.nextUnused) fail(`${where} free list holds ${hex(f)}`);
        if (s.live.has(f)) fail(`${where} free list holds the live block ${hex(f)}`);
      }
      const state = poolState(s.geometry, pool);
      const lists = onUsedLists.get(pool) ?? [];
      const onFree = arena.freePools.filter((p) => p === pool).length;
      const ok =
        state === 'used' ? lists.length === 1 && lists[0] === pool.sizeClass && onFree === 0
        : state === 'full' ? lists.length === 0 && onFree === 0
        : lists.length === 0 && onFree === 1;
      if (!ok) fail(`${where} is ${state} but on usedPools ${JSON.stringify(lists)} and ${onFree}× on freePools`);
    });
  }
  for (const pool of onUsedLists.keys()) {
    if (s.arenas.get(pool.arena.slot) !== pool.arena || !pool.arena.pools.includes(pool)) {
      fail(`usedPools holds pool ${hex(pool.address)} of no mapped arena`);
    }
  }
};

export const arenaOrderAndRelease: Check = (s, fail) => {
  const { poolSize, arenaSize } = s.geometry;
  for (const [slot, a] of s.arenas) {
    const placed = a.slot === slot && a.address === ARENA_REGION_BASE + slot * arenaSize;
    if (!placed || a.totalPools !== arenaSize / poolSize || a.pools.length > a.totalPools) {
      fail(`arena in slot ${slot} at ${hex(a.address)} has the wrong place or size`);
    }
  }
  const usable = s.usableArenas;
  const seen = new Set<Arena>();
  usable.forEach((a, i) => {
    if (seen.has(a)) fail(`arena ${hex(a.address)} is twice in usable_arenas`);
    seen.add(a);
    if (s.arenas.get(a.slot) !== a) fail(`usable_arenas holds the unmapped arena ${hex(a.address)}`);
    if (nfreepools(a) === 0) fail(`usable_arenas holds the full arena ${hex(a.address)}`);
    if (i > 0 && nfreepools(usable[i - 1]) > nfreepools(a)) fail(`usable_arenas not sorted at position ${i}`);
    if (nfreepools(a) === a.totalPools && i !== usable.length - 1) {
      fail(`empty arena ${hex(a.address)} kept but not last of usable_arenas`);
    }
  });
  for (const a of s.arenas.values()) {
    if (nfreepools(a) > 0 && !seen.has(a)) fail(`arena ${hex(a.address)} has free pools but is not usable`);
  }
  const c = s.counters;
  if (c.arenasCurrent !== s.arenas.size || c.arenasHighwater < c.arenasCurrent || c.arenasAllocatedTotal < c.arenasHighwater) {
    fail(`arena counters total ${c.arenasAllocatedTotal}, highwater ${c.arenasHighwater}, current ${c.arenasCurrent}` +
      ` with ${s.arenas.size} mapped`);
  }
};
