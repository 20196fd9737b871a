/*
 * Invariant checks about blocks and byte counts (see invariants.ts for the statements):
 * blocks-disjoint-and-aligned, block-in-right-size-class, bytes-accounting.
 * Each re-derives its facts from addresses and the live map, never from the allocator's own paths.
 */
import type { AllocatorState } from './state.js';
import { ALIGNMENT, NB_SMALL_SIZE_CLASSES, POOL_OVERHEAD, blockSizeOfClass, blocksPerPool, hex } from './geometry.js';
import { ARENA_REGION_BASE, RAW_REGION_BASE } from './addressSpace.js';
import { computeStats } from './stats.js';

export type Check = (s: AllocatorState, fail: (message: string) => void) => void;

function spanOf(s: AllocatorState, address: number): number {
  const b = s.live.get(address)!;
  return b.kind === 'raw' ? b.raw.capacity : blockSizeOfClass(b.pool.sizeClass);
}

export const blocksDisjointAndAligned: Check = (s, fail) => {
  for (const [address, b] of s.live) {
    if (b.address !== address) fail(`block recorded at ${hex(address)} says ${hex(b.address)}`);
    if (address % ALIGNMENT !== 0) fail(`block ${hex(address)} is not 16-byte aligned`);
    if (b.kind === 'raw' && !(address >= RAW_REGION_BASE && address + b.raw.capacity <= s.rawNext)) {
      fail(`raw block ${hex(address)} lies outside the raw region handed out so far`);
    }
  }
  const sorted = [...s.live.keys()].sort((a, b) => a - b);
  for (let i = 1; i < sorted.length; i++) {
    const prev = sorted[i - 1];
    if (prev + spanOf(s, prev) > sorted[i]) fail(`blocks ${hex(prev)} and ${hex(sorted[i])} overlap`);
  }
};

export const blockInRightSizeClass: Check = (s, fail) => {
  const { poolSize, arenaSize } = s.geometry;
  for (const [address, b] of s.live) {
    if (b.kind === 'raw') {
      if (address >= ARENA_REGION_BASE) fail(`raw block ${hex(address)} lies in the arena region`);
      if (b.raw.capacity < ALIGNMENT || b.raw.capacity % ALIGNMENT !== 0) {
        fail(`raw block ${hex(address)} has capacity ${b.raw.capacity}`);
      }
      continue;
    }
    // From the address alone: which arena slot, which pool of that arena.
    const arena = s.arenas.get(Math.floor((address - ARENA_REGION_BASE) / arenaSize));
    const pool = arena === undefined ? undefined : arena.pools[Math.floor((address - arena.address) / poolSize)];
    if (pool === undefined || pool !== b.pool) {
      fail(`block ${hex(address)} is not inside its pool ${hex(b.pool.address)} of a mapped arena`);
      continue;
    }
    const cls = pool.sizeClass;
    const k = (address - pool.address - POOL_OVERHEAD) / blockSizeOfClass(cls);
    const validClass = cls >= 0 && cls < NB_SMALL_SIZE_CLASSES;
    if (!validClass || !Number.isInteger(k) || k < 0 || k >= blocksPerPool(s.geometry, cls) || k >= pool.nextUnused) {
      fail(`block ${hex(address)} is not a handed-out block of class ${cls} in pool ${hex(pool.address)}`);
    }
  }
};

export const bytesAccounting: Check = (s, fail) => {
  const stats = computeStats(s);
  const arenaBytes = s.arenas.size * s.geometry.arenaSize;
  if (stats.totalBytes !== arenaBytes) fail(`bytes add up to ${stats.totalBytes}, not ${arenaBytes} (arenas × A)`);
  const livePool = [...s.live.values()].filter((b) => b.kind === 'pool').length;
  const liveRaw = s.live.size - livePool;
  if (stats.blocksInUse !== livePool) fail(`blocks in use ${stats.blocksInUse} but ${livePool} live pymalloc blocks`);
  if (s.counters.rawAllocatedBlocks !== liveRaw) {
    fail(`raw_allocated_blocks ${s.counters.rawAllocatedBlocks} but ${liveRaw} live raw blocks`);
  }
  if (stats.allocatedBlocks !== s.live.size) fail(`allocated blocks ${stats.allocatedBlocks} but ${s.live.size} live`);
};
