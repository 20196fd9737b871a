/*
 * The simulated address space: where arenas are "mmapped" and where the system allocator puts raw
 * blocks. Deterministic, so that the same program always yields the same addresses
 * (docs/trace.md#snapshots); the implementation follows exactly these rules, and the model must return
 * the same addresses.
 *
 * Arenas (CPython: mmap / munmap of A bytes, `_PyObject_ArenaMmap`, `new_arena`):
 *   an arena is mapped at ARENA_REGION_BASE + slot·A, where slot is the LOWEST slot not currently
 *   mapped. Releasing an arena unmaps its slot, so the next new arena reuses the lowest free address.
 *   ARENA_REGION_BASE = 0x7f0000000000 is a multiple of every accepted A, so arenas are A-aligned,
 *   pools are P-aligned and every arena holds exactly A/P pools (no "arena alignment" loss).
 *
 * Raw blocks (CPython: PyMem_RawMalloc / PyMem_RawRealloc / PyMem_RawFree, i.e. libc):
 *   a bump allocator starting at RAW_REGION_BASE = 0x100000000000. A request of n bytes (0 counts as
 *   1, like _PyMem_RawMalloc) gets capacity roundUp16(max(n, 1)), at least 16; the next block starts
 *   right after it. Addresses are never reused, not even after free.
 *   realloc(block, n): the same address when max(n, 1) ≤ capacity (the capacity does not shrink),
 *   otherwise a new bump block (the old one is released).
 *
 * The two regions cannot meet: the raw region would need ~1.2·10^14 bytes to reach the arenas.
 */
import type { AllocatorState, Arena, RawBlock } from './state.js';
import { poolsPerArena, roundUpToAlignment } from './geometry.js';

export const ARENA_REGION_BASE = 0x7f0000000000;
export const RAW_REGION_BASE = 0x100000000000;

/** The lowest arena slot that is not mapped. */
export function lowestFreeSlot(state: AllocatorState): number {
  let slot = 0;
  while (state.arenas.has(slot)) slot++;
  return slot;
}

export function arenaAddressOfSlot(state: AllocatorState, slot: number): number {
  return ARENA_REGION_BASE + slot * state.geometry.arenaSize;
}

/** "mmap" a new arena at the lowest free slot; nothing carved yet. */
export function mapArena(state: AllocatorState): Arena {
  const slot = lowestFreeSlot(state);
  const arena: Arena = {
    slot,
    address: arenaAddressOfSlot(state, slot),
    totalPools: poolsPerArena(state.geometry),
    pools: [],
    freePools: [],
  };
  state.arenas.set(slot, arena);
  return arena;
}

/** "munmap" an arena: its slot becomes free for the next new arena. */
export function unmapArena(state: AllocatorState, arena: Arena): void {
  state.arenas.delete(arena.slot);
}

/** The capacity the system allocator gives a request of n bytes. */
export function rawCapacity(n: number): number {
  return roundUpToAlignment(Math.max(n, 1));
}

export function rawAllocate(state: AllocatorState, n: number): RawBlock {
  const block: RawBlock = { address: state.rawNext, capacity: rawCapacity(n) };
  state.rawNext += block.capacity;
  return block;
}

/** System realloc: in place when the new size fits, else a fresh bump block. */
export function rawReallocate(state: AllocatorState, block: RawBlock, n: number): RawBlock {
  if (Math.max(n, 1) <= block.capacity) return block;
  return rawAllocate(state, n);
}
