/*
 * AllocatorModel: the naive pymalloc the implementation's allocator is replayed against (the allocator
 * layer of docs/invariants.md). Feed it the implementation's exact sequence of malloc / realloc / free
 * calls; it must return the same addresses, and checkAllocatorInvariants() must find nothing.
 *
 * The phases live one per file: allocate.ts (malloc), free.ts, realloc.ts, pools.ts (inside a pool),
 * arenas.ts (usable_arenas order and release), addressSpace.ts (simulated addresses), stats.ts.
 * The state (state.ts) is public so that invariants and tests can read it; nothing but the methods
 * here should change it.
 */
import type { AllocatorGeometry } from '../../language/ast.js';
import { CPYTHON_GEOMETRY } from '../../language/ast.js';
import type { AllocatorState, Pool } from './state.js';
import { NB_SMALL_SIZE_CLASSES, blockSizeOfClass, geometryProblem } from './geometry.js';
import { RAW_REGION_BASE } from './addressSpace.js';
import { malloc } from './allocate.js';
import { free } from './free.js';
import { realloc } from './realloc.js';
import { liveBlockOrThrow } from './errors.js';
import type { AllocatorStats } from './stats.js';
import { computeStats } from './stats.js';

export function createAllocatorState(geometry: AllocatorGeometry): AllocatorState {
  const problem = geometryProblem(geometry);
  if (problem !== null) throw new RangeError(`allocator geometry: ${problem}`);
  return {
    geometry: Object.freeze({ poolSize: geometry.poolSize, arenaSize: geometry.arenaSize }),
    usedPools: Array.from({ length: NB_SMALL_SIZE_CLASSES }, (): Pool[] => []),
    usableArenas: [],
    arenas: new Map(),
    live: new Map(),
    freedAddresses: new Set(),
    rawNext: RAW_REGION_BASE,
    counters: { arenasAllocatedTotal: 0, arenasCurrent: 0, arenasHighwater: 0, rawAllocatedBlocks: 0 },
  };
}

export class AllocatorModel {
  readonly state: AllocatorState;

  constructor(geometry: AllocatorGeometry = CPYTHON_GEOMETRY) {
    this.state = createAllocatorState(geometry);
  }

  get geometry(): AllocatorGeometry {
    return this.state.geometry;
  }

  /** PyObject_Malloc(n). */
  malloc(n: number): number {
    return malloc(this.state, n);
  }

  /** PyObject_Realloc(addr, n); addr 0 means NULL. */
  realloc(addr: number, n: number): number {
    return realloc(this.state, addr, n);
  }

  /** PyObject_Free(addr); addr 0 (NULL) does nothing. */
  free(addr: number): void {
    free(this.state, addr);
  }

  /** Usable size of a live block: its class's block size, or a raw block's capacity. */
  blockSize(addr: number): number {
    const block = liveBlockOrThrow(this.state, 'blockSize', addr);
    return block.kind === 'raw' ? block.raw.capacity : blockSizeOfClass(block.pool.sizeClass);
  }

  /** True when addr is a live block handed out by this allocator. */
  isLive(addr: number): boolean {
    return this.state.live.has(addr);
  }

  /** sys.getallocatedblocks(): blocks in pymalloc pools + raw blocks. */
  allocatedBlocks(): number {
    return this.stats().allocatedBlocks;
  }

  stats(): AllocatorStats {
    return computeStats(this.state);
  }
}
