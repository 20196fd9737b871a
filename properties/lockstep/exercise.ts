/*
 * How often one program exercised each invariant (docs/invariants.md): for every statement of the
 * program, whether the situation the invariant guards occurred — counted from what the lockstep check
 * saw, never declared. A property that passes has only checked the situations its programs reached;
 * these counts say which, per invariant (the statistics print them and require minimums).
 *
 * Per statement, from the model's trace line and snapshot (engine-independent), the model machine, and
 * the allocator calls the CheckedAllocator replayed:
 *   reachable-never-freed            objects were freed while others stayed alive
 *   refcount-death-is-prompt         objects were freed outside any collection
 *   full-collect-is-complete         a generation-2 collection found garbage
 *   collect-frees-exactly-young-garbage  a generation-0 or -1 collection found garbage
 *   refcount-equals-referrers        some live object had two or more referrers
 *   survivors-promoted               a collection moved an object to an older generation
 *   new-objects-in-gen0              a tracked object was created
 *   frozen-never-collected           a collection ran while the permanent generation held objects
 *   count-rules                      the counts changed
 *   threshold-triggering             an automatic collection ran
 *   finalizer-at-most-once           an object already finalized was freed
 *   resurrection-keeps-reachable     a finalizer ran and its object is alive after the statement
 *   weakref-cleared-before-finalizers  a collection cleared a weakref to garbage
 *   callback-only-if-weakref-reachable  a weakref with a callback lost its referent
 *   saveall-keeps-garbage            a collection appended garbage to gc.garbage
 *   stats-match-collections          a collection ran (its record was compared)
 *   tracking-rules                   an object's tracking changed, or a dict was created
 *   blocks-disjoint-and-aligned      a block was handed out while other blocks were live
 *   block-in-right-size-class        a small request at a size-class boundary (16k or 16k + 1 bytes)
 *   freed-block-reused-lifo          a freed block or a freelist's memory was handed out again
 *   pool-state-consistent            a pool changed state (used, full, empty)
 *   arena-order-and-release          a second arena was mapped, one released, or usable_arenas reordered
 *   raw-fallback-over-512            a request of more than 512 bytes went to the system allocator
 *   realloc-in-place-rule            a small block was reallocated
 *   bytes-accounting                 the bytes in use changed
 *   heap-empty-at-teardown           the program ended with objects or blocks to release (once)
 * and the three of the features the default swarm leaves out, exercised only where the program turns
 * them on:
 *   traced-memory-matches-live-blocks  tracemalloc traced some block at a program line
 *   sizes-match-getsizeof            a live list or dict's size (items array, keys table) was compared
 *   pages-written-match-touches      after a fork, pages had been written
 * Teardown statements are not counted (they are the runner's, not the program's), except for the last.
 */
import type { Generation, TraceLine } from '../../contract/trace.js';
import type { ModelMachine } from '../../model/machine/machine.js';
import type { Statement } from '../../language/ast.js';
import { INVARIANTS, type Invariant } from './divergence.js';

export type ExerciseCounts = Record<Invariant, number>;

/** What the checked allocator saw during one statement (checkedAllocator.ts). */
export interface AllocatorExercise {
  handedOutBesideLive: number;
  classBoundaryRequests: number;
  reusedFreedBlocks: number;
  rawFallbacks: number;
  smallReallocs: number;
  poolTransitions: number;
  arenaChanges: number;
  bytesChanges: number;
}

/** What a statement without allocator calls exercised: nothing (shared, never written). */
export const NOTHING_EXERCISED: Readonly<AllocatorExercise> = Object.freeze(emptyAllocatorExercise());

export function resetAllocatorExercise(e: AllocatorExercise): void {
  e.handedOutBesideLive = e.classBoundaryRequests = e.reusedFreedBlocks = e.rawFallbacks = 0;
  e.smallReallocs = e.poolTransitions = e.arenaChanges = e.bytesChanges = 0;
}

export function emptyAllocatorExercise(): AllocatorExercise {
  return {
    handedOutBesideLive: 0, classBoundaryRequests: 0, reusedFreedBlocks: 0, rawFallbacks: 0,
    smallReallocs: 0, poolTransitions: 0, arenaChanges: 0, bytesChanges: 0,
  };
}

function zeroCounts(): ExerciseCounts {
  const counts = {} as ExerciseCounts;
  for (const i of INVARIANTS) counts[i] = 0;
  return counts;
}

/** Generations as small integers for the per-id columns: 0..2, 3 permanent, −1 untracked. */
const genCode = (g: Generation): number => (g === null ? -1 : g === 'permanent' ? 3 : g);

export class ExerciseCounter {
  readonly counts = zeroCounts();
  /**
   * The model's objects after the last counted statement, by id (what its snapshot listed): present
   * where `previousStamp[id]` is `previousEpoch`, with the generation code and the finalized flag.
   */
  private previousEpoch = 1; // stamps start at 0: nothing was there before the first statement
  private previousStamp = new Uint32Array(64);
  private previousGen = new Int8Array(64);
  private previousFinalized = new Uint8Array(64);
  /** The model's counts after the last counted statement (the model's are always three integers). */
  private readonly previousCount = [0, 0, 0];
  private weakrefsBefore: Array<{ id: number; callback: boolean }> = [];
  private garbageBefore = 0;

  /**
   * Before a statement: what the model holds that the statement may change. Also lists the finalized
   * objects into `finalized` (the lockstep runner's, in the same walk), when given.
   */
  before(model: ModelMachine, finalized?: Set<number>): void {
    this.weakrefsBefore.length = 0;
    for (const o of model.heap.objects.values()) {
      if (o.type === 'weakref' && o.referent !== null) this.weakrefsBefore.push({ id: o.id, callback: o.callback });
      if (finalized !== undefined && o.finalized) finalized.add(o.id);
    }
    this.garbageBefore = model.heap.garbage.length;
  }

  private hadBefore(id: number): boolean {
    return id < this.previousStamp.length && this.previousStamp[id] === this.previousEpoch;
  }

  /**
   * After a statement that agreed on both sides. With snapshots, `refcounts` holds the model's counts
   * by id (Heap.countReferrers) and the model's live objects are what its snapshot would list; without
   * (null), no object is looked at, as with a line that has no snapshot.
   */
  after(s: Statement, line: TraceLine, model: ModelMachine, idsBefore: number, allocator: AllocatorExercise, refcounts: Int32Array | null): void {
    const c = this.counts;
    const collected = (g: (gen: number) => boolean) => line.collections.some((k) => g(k.generation) && k.collected > 0);
    // Each count by its own name (a named property access, not one keyed access for all of them).

    // One pass over the live objects for everything the snapshot told.
    let shared = false;
    let promotedAny = false;
    let newInGen0 = false;
    let permanent = false;
    let trackingChanged = false;
    let sized = false;
    // The same walk remembers each object for the next statement, stamped with the next epoch: an id is
    // read (hadBefore, the current epoch) before its own entry is rewritten, and the freed ids asked
    // below are not live, so their entries are not rewritten at all.
    const next = this.previousEpoch + 1;
    if (refcounts !== null) {
      this.ensureColumns(model.heap.lastId());
      const { previousStamp, previousGen, previousFinalized } = this;
      for (const o of model.heap.objects.values()) {
        const id = o.id;
        const gen = o.gen;
        if (refcounts[id] >= 2) shared = true;
        const was = this.hadBefore(id);
        const before = was ? previousGen[id] : -1;
        if (was && before >= 0 && before <= 2 && typeof gen === 'number' && gen > before) promotedAny = true;
        if (id > idsBefore && gen === 0) newInGen0 = true;
        if (gen === 'permanent') permanent = true;
        const type = o.type;
        if (was ? (before === -1) !== (gen === null) : type === 'dict') trackingChanged = true;
        if (type === 'list' || type === 'dict') sized = true;
        previousStamp[id] = next;
        previousGen[id] = genCode(gen);
        previousFinalized[id] = o.finalized ? 1 : 0;
      }
    }
    const alive = (id: number) => refcounts !== null && model.heap.objects.has(id);

    if (line.freed.length > 0 && model.heap.objects.size > 0) c['reachable-never-freed']++;
    if (line.freed.length > 0 && line.collections.length === 0) c['refcount-death-is-prompt']++;
    if (collected((g) => g === 2)) c['full-collect-is-complete']++;
    if (collected((g) => g < 2)) c['collect-frees-exactly-young-garbage']++;
    if (shared) c['refcount-equals-referrers']++;
    if (line.collections.length > 0 && promotedAny) c['survivors-promoted']++;
    if (newInGen0) c['new-objects-in-gen0']++;
    if (line.collections.length > 0 && permanent) c['frozen-never-collected']++;
    if (!sameCount(line.count, this.previousCount)) c['count-rules']++;
    // Every collection but an explicit collect's own (the statement's first).
    c['threshold-triggering'] += line.collections.length > 0 && s.kind === 'collect' ? line.collections.length - 1 : line.collections.length;
    if (line.freed.some((id) => this.hadBefore(id) && this.previousFinalized[id] === 1)) c['finalizer-at-most-once']++;
    if (line.finalized.some(alive)) c['resurrection-keeps-reachable']++;
    let cleared = 0;
    let clearedWithCallback = false;
    for (const w of this.weakrefsBefore) {
      const o = model.heap.objects.get(w.id);
      if (o === undefined || (o.type === 'weakref' && o.referent === null)) {
        cleared++;
        if (w.callback) clearedWithCallback = true;
      }
    }
    if (line.collections.some((k) => k.collected > 0) && cleared > 0) c['weakref-cleared-before-finalizers']++;
    if (clearedWithCallback) c['callback-only-if-weakref-reachable']++;
    if (line.collections.length > 0 && model.heap.garbage.length > this.garbageBefore) c['saveall-keeps-garbage']++;
    c['stats-match-collections'] += line.collections.length;
    if (trackingChanged) c['tracking-rules']++;

    c['blocks-disjoint-and-aligned'] += allocator.handedOutBesideLive;
    c['block-in-right-size-class'] += allocator.classBoundaryRequests;
    c['freed-block-reused-lifo'] += allocator.reusedFreedBlocks + model.events.reusedMemory.size;
    if (allocator.poolTransitions > 0) c['pool-state-consistent']++;
    if (allocator.arenaChanges > 0) c['arena-order-and-release']++;
    c['raw-fallback-over-512'] += allocator.rawFallbacks;
    c['realloc-in-place-rule'] += allocator.smallReallocs;
    if (allocator.bytesChanges > 0) c['bytes-accounting']++;

    if ((line.tracedLines?.length ?? 0) > 0) c['traced-memory-matches-live-blocks']++;
    if (sized) c['sizes-match-getsizeof']++;
    if ((line.pagesWritten ?? 0) > 0) c['pages-written-match-touches']++;

    this.previousEpoch = next; // the objects stamped above are the previous ones now (none without snapshots)
    this.previousCount[0] = line.count[0];
    this.previousCount[1] = line.count[1];
    this.previousCount[2] = line.count[2];
  }

  /** Columns reaching id `last` (grown: the old entries are kept, stamps included). */
  private ensureColumns(last: number): void {
    if (last < this.previousStamp.length) return;
    let n = this.previousStamp.length;
    while (n <= last) n *= 2;
    const stamp = new Uint32Array(n), gen = new Int8Array(n), finalized = new Uint8Array(n);
    stamp.set(this.previousStamp);
    gen.set(this.previousGen);
    finalized.set(this.previousFinalized);
    this.previousStamp = stamp;
    this.previousGen = gen;
    this.previousFinalized = finalized;
  }

  /** The program ended with something for the teardown to release. */
  teardown(model: ModelMachine, liveBlocks: number): void {
    if (model.heap.objects.size > 0 || liveBlocks > 0) this.counts['heap-empty-at-teardown']++;
  }
}

/** The same three counts (as their join would tell: they are integers). */
function sameCount(count: readonly number[], previous: readonly number[]): boolean {
  return count.length === 3 && count[0] === previous[0] && count[1] === previous[1] && count[2] === previous[2];
}
