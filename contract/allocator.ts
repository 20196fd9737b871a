/*
 * What the runtime needs from an allocator: the three calls and two questions. Pymalloc is one; a
 * checking wrapper (the lockstep runner's) is another.
 */
export interface Allocator {
  malloc(nbytes: number): number;
  realloc(address: number, nbytes: number): number;
  free(address: number): void;
  blockSize(address: number): number;
  allocatedBlocks(): number;
}

/** Told of every call while tracemalloc traces (impl/runtime/tracemalloc.ts). */
export interface AllocationTracer {
  traceMalloc(address: number, size: number): void;
  traceRealloc(old: number, address: number, size: number): void;
  traceFree(address: number): void;
}
