/*
 * The naive allocator's state (model/allocator/state.ts) as plain JSON data for a picture: every mapped
 * arena with its pools, each pool with its size class, its state and its free list as block numbers,
 * head first — what the replay page draws for each step, and where it marks the block the model
 * expected and the one the implementation returned.
 *
 * Why block numbers: a pool's block k lies at pool address + 48 + k·size, so a free list of numbers
 * says the same as one of addresses and reads at a glance ("3, 0" — block 3 was freed last).
 */
import { blocksInPool, nfreepools, poolState, type AllocatorState, type Pool } from '../model/allocator/state.js';
import { blockSizeOfClass, POOL_OVERHEAD } from '../model/allocator/geometry.js';

export interface PoolView {
  /** Position in its arena. */
  index: number;
  address: number;
  state: 'used' | 'full' | 'empty';
  sizeClass: number;
  blockSize: number;
  blocks: number;
  /** Blocks allocated (CPython's ref.count). */
  count: number;
  /** The free list as block numbers, head (the block freed last, handed out next) first. */
  freeList: number[];
  /** Blocks below this number have been handed out at least once; those from it on never were. */
  nextUnused: number;
}

export interface ArenaView {
  address: number;
  totalPools: number;
  /** The carved pools, by position; positions past them are pools never carved. */
  pools: PoolView[];
  /** The arena's free pools (emptied), as positions, head first. */
  freePools: number[];
  /** nfreepools: emptied pools plus never-carved ones. */
  nfreepools: number;
}

export interface RawBlockView {
  address: number;
  capacity: number;
}

export interface AllocatorView {
  poolSize: number;
  arenaSize: number;
  /** Bytes of the pool header before block 0. */
  poolOverhead: number;
  /** Mapped arenas by address. */
  arenas: ArenaView[];
  /** usable_arenas, head first, as addresses. */
  usableArenas: number[];
  /** usedpools[class], front first, as pool addresses, for every class with a used pool. */
  usedPools: Array<{ sizeClass: number; pools: number[] }>;
  /** Live raw blocks (system allocator), by address. */
  raw: RawBlockView[];
}

function poolView(state: AllocatorState, pool: Pool): PoolView {
  const blockSize = blockSizeOfClass(pool.sizeClass);
  const blockNumber = (address: number) => (address - pool.address - POOL_OVERHEAD) / blockSize;
  return {
    index: pool.index, address: pool.address, state: poolState(state.geometry, pool), sizeClass: pool.sizeClass, blockSize,
    blocks: blocksInPool(state.geometry, pool), count: pool.count,
    freeList: pool.freeList.map(blockNumber).reverse(), nextUnused: pool.nextUnused,
  };
}

export function allocatorView(state: AllocatorState): AllocatorView {
  const arenas = [...state.arenas.values()].sort((a, b) => a.address - b.address).map((arena): ArenaView => ({
    address: arena.address, totalPools: arena.totalPools,
    // A carved pool that never served a class (NO_SIZE_CLASS) has no blocks to draw: it counts as never carved.
    pools: arena.pools.filter((p) => p.sizeClass >= 0).map((p) => poolView(state, p)),
    freePools: arena.freePools.map((p) => p.index).reverse(),
    nfreepools: nfreepools(arena),
  }));
  const raw: RawBlockView[] = [];
  for (const block of state.live.values()) if (block.kind === 'raw') raw.push({ address: block.address, capacity: block.raw.capacity });
  raw.sort((a, b) => a.address - b.address);
  const usedPools = state.usedPools.flatMap((pools, sizeClass) => (pools.length === 0 ? [] : [{ sizeClass, pools: pools.map((p) => p.address) }]));
  return {
    poolSize: state.geometry.poolSize, arenaSize: state.geometry.arenaSize, poolOverhead: POOL_OVERHEAD, arenas,
    usableArenas: state.usableArenas.map((a) => a.address), usedPools, raw,
  };
}

/** Where an address lies in a view: its arena, pool and block number; null outside every pool. */
export function locateBlock(view: AllocatorView, address: number): { arena: ArenaView; pool: PoolView; block: number } | null {
  for (const arena of view.arenas) {
    if (address < arena.address || address >= arena.address + view.arenaSize) continue;
    const index = Math.floor((address - arena.address) / view.poolSize);
    const pool = arena.pools.find((p) => p.index === index);
    if (!pool) return null;
    const block = (address - pool.address - view.poolOverhead) / pool.blockSize;
    return Number.isInteger(block) && block >= 0 ? { arena, pool, block } : null;
  }
  return null;
}
