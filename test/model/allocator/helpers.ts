/* Shared constants and small helpers for the allocator model tests. */
import { AllocatorModel, ARENA_REGION_BASE, RAW_REGION_BASE, checkAllocatorInvariants } from '../../../model/allocator/index.js';
import type { AllocatorGeometry } from '../../../language/ast.js';

/** CPython 3.11: 16 KiB pools, 1 MiB arenas (64 pools). */
export const CPY: AllocatorGeometry = { poolSize: 16384, arenaSize: 1 << 20 };
/** Scaled down (docs/language.md#geometry): 1 KiB pools, 4 pools per arena. */
export const SMALL: AllocatorGeometry = { poolSize: 1024, arenaSize: 4096 };

/** Start of arena slot 0. */
export const B = ARENA_REGION_BASE;
/** Start of the raw (system) region. */
export const R = RAW_REGION_BASE;

/** A model that checks every invariant after every call. */
export function checkedModel(geometry: AllocatorGeometry): AllocatorModel {
  const m = new AllocatorModel(geometry);
  const check = (what: string) => {
    const bad = checkAllocatorInvariants(m);
    if (bad.length > 0) throw new Error(`after ${what}: invariants violated: ${bad.join(', ')}`);
  };
  const { malloc, realloc, free } = {
    malloc: m.malloc.bind(m),
    realloc: m.realloc.bind(m),
    free: m.free.bind(m),
  };
  m.malloc = (n: number) => {
    const a = malloc(n);
    check(`malloc(${n})`);
    return a;
  };
  m.realloc = (p: number, n: number) => {
    const a = realloc(p, n);
    check(`realloc(0x${p.toString(16)}, ${n})`);
    return a;
  };
  m.free = (p: number) => {
    free(p);
    check(`free(0x${p.toString(16)})`);
  };
  return m;
}

/** n mallocs of the same size. */
export function mallocMany(m: AllocatorModel, n: number, size: number): number[] {
  return Array.from({ length: n }, () => m.malloc(size));
}
