/*
 * The model machine's state: the heap, the collector's counters, the freelists, and what the current
 * statement has observed so far. The phases live in their own modules (release, collect, allocate,
 * execute, evalBreaker) as functions over this state, like the phases of gcmodule.c over
 * `_gc_runtime_state`. The version profile (contract/cpythonProfiles.ts) is consulted where a rule
 * differs between versions, field by field, as each phase comes to it.
 */
import type { CollectionRecord } from '../../contract/trace.js';
import { CollectorState } from './collectorState.js';
import { Freelists } from './freelists.js';
import { Heap } from './heap.js';
import type { ListMemory, ObjectMemory } from './objectMemory.js';
import { PageLedger } from './pageWrites.js';
import { Tracer, type MemBlock } from './tracemalloc.js';
import { AllocatorModel } from '../allocator/index.js';
import { CPYTHON_GEOMETRY, DEFAULT_CPYTHON, type AllocatorGeometry, type CPythonVersion } from '../../language/ast.js';
import { cpythonProfile, type CPythonProfile } from '../../contract/cpythonProfiles.js';

export class StepEvents {
  readonly freed = new Set<number>();
  readonly finalized = new Set<number>();
  readonly callbacks = new Set<number>();
  readonly collections: CollectionRecord[] = [];
  /**
   * New object id → the id of the freed object whose freelist memory it took (the top of a LIFO
   * freelist), for entries whose order the model states (freelists.ts).
   */
  readonly reusedMemory = new Map<number, number>();
  /** Tuple-untracking passes so far (one per collection, nested ones included), in the order they ran. */
  untrackPasses = 0;
}

/**
 * Who decides when a dead object dies (docs/contract-levels.md). `cpython`: the model does, exactly as
 * CPython: refcount deaths at once, automatic collections at its thresholds. `refcount`: refcount deaths
 * at once and the explicit full `gc.collect()`, but the engine's other collections (automatic ones, an
 * explicit `gc.collect(0|1)`) are adopted: the engine says which objects they took. `reachability`: the
 * model frees nothing by itself and adopts every death the engine reports.
 */
export type DeathPolicy = 'cpython' | 'refcount' | 'reachability';

/** Where a statement lets the engine's deaths be adopted: at its GC allocation (where CPython collects), and at its end. */
export type AdoptionPoint = 'allocation' | 'end';

export class ModelMachine {
  readonly profile: CPythonProfile;
  readonly heap = new Heap();
  /** Set before the first statement; see DeathPolicy. */
  deaths: DeathPolicy = 'cpython';
  /**
   * Under the weaker policies, called at each adoption point of a statement with the machine as it is
   * there; the lockstep runner checks the engine's deaths against it and adopts them (model/machine/adopt.ts).
   */
  adoptionPoint?: (point: AdoptionPoint) => void;
  /**
   * Under the reachability policy, whether `weakref.ref(x)` shares the callback-less weakref `candidate`
   * rather than making object `newId`: a collection may have cleared the candidate silently, which only
   * the engine knows. Absent: share it.
   */
  weakrefSharing?: (candidate: number, newId: number) => boolean;
  readonly gc: CollectorState;
  readonly freelists: Freelists;
  /**
   * Objects on a running collection's own lists (its unreachable objects, the weakrefs whose callbacks
   * it is about to call): in no generation, so a collection nested inside it (a 'nest' profile) neither
   * takes them in nor moves them, and their references count as from outside.
   */
  readonly collectorPrivate = new Set<number>();
  /** tracemalloc's traces (tracemalloc.ts) and the memory behind each live object (objectMemory.ts). */
  readonly tracer = new Tracer();
  readonly memory = new Map<number, ObjectMemory>();
  /** Raw blocks (m1, m2, …) not yet freed or reallocated. */
  readonly rawMemory = new Map<number, MemBlock>();
  /** Pages written since `fork()` (pageWrites.ts). */
  readonly pages: PageLedger;

  /** With `placeBlocks` (a program that forks), every block gets an address from a naive allocator. */
  constructor(geometry: AllocatorGeometry = CPYTHON_GEOMETRY, placeBlocks = false, cpython: CPythonVersion = DEFAULT_CPYTHON) {
    this.profile = cpythonProfile(cpython);
    this.gc = new CollectorState(this.profile.defaultThresholds);
    this.freelists = new Freelists(this.profile.tupleFreelistReuseMax);
    this.pages = new PageLedger(geometry.poolSize, this.profile.instance);
    if (placeBlocks) {
      const allocator = new AllocatorModel(geometry);
      const pages = this.pages;
      this.tracer.placement = {
        malloc: (n) => allocator.malloc(n),
        realloc: (a, n) => allocator.realloc(a, n),
        free: (a) => allocator.free(a),
        call: (a) => pages.allocatorCall(a),
      };
    }
  }
  readonly rootLists: Record<'revived' | 'garbage', ListMemory> = {
    revived: { items: null, capacity: 0 },
    garbage: { items: null, capacity: 0 },
  };
  events = new StepEvents();
  /**
   * Where CPython's answer depends on list order, a lockstep runner may say which answer the
   * implementation chose (tuple-untracking pass k of the current statement, StepEvents.untrackPasses);
   * the model checks it is legal.
   */
  tupleUntrackingChoice?: (pass: number) => Set<number> | undefined;
  /** Choices handed in that no CPython list order could produce. */
  readonly relaxationViolations: string[] = [];
  /** Raw blocks are numbered m1, m2, … in the order malloc and realloc return them. */
  private rawBlocks = 0;

  newRawBlock(): number {
    return ++this.rawBlocks;
  }
}
