/*
 * How often one program exercised each SPEC §4 invariant: for every statement of the program, whether
 * the situation the invariant guards occurred — counted from what the lockstep check saw, never
 * declared. A property that passes has only checked the situations its programs reached; these counts
 * say which, per invariant (the statistics print them and require minimums).
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
 * and the three issue #9 proposes (not in SPEC §4), exercised only where the program turns them on:
 *   traced-memory-matches-live-blocks  tracemalloc traced some block at a program line
 *   sizes-match-getsizeof            a live list or dict's size (items array, keys table) was compared
 *   pages-written-match-touches      after a fork, pages had been written
 * Teardown statements are not counted (they are the runner's, not the program's), except for the last.
 */
import type { ObjectSnapshot, TraceLine } from '../../model/trace.js';
import type { ModelMachine } from '../../model/machine/machine.js';
import type { Statement } from '../../model/language/ast.js';
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

export function emptyAllocatorExercise(): AllocatorExercise {
  return {
    handedOutBesideLive: 0, classBoundaryRequests: 0, reusedFreedBlocks: 0, rawFallbacks: 0,
    smallReallocs: 0, poolTransitions: 0, arenaChanges: 0, bytesChanges: 0,
  };
}

export class ExerciseCounter {
  readonly counts = Object.fromEntries(INVARIANTS.map((i) => [i, 0])) as ExerciseCounts;
  private previous = new Map<number, ObjectSnapshot>();
  private previousCount = '0,0,0';
  private weakrefsBefore: Array<{ id: number; callback: boolean }> = [];
  private garbageBefore = 0;

  /** Before a statement: what the model holds that the statement may change. */
  before(model: ModelMachine): void {
    this.weakrefsBefore = [];
    for (const o of model.heap.objects.values()) {
      if (o.type === 'weakref' && o.referent !== null) this.weakrefsBefore.push({ id: o.id, callback: o.callback });
    }
    this.garbageBefore = model.heap.garbage.length;
  }

  /** After a statement that agreed on both sides. */
  after(s: Statement, line: TraceLine, model: ModelMachine, idsBefore: number, allocator: AllocatorExercise): void {
    const c = this.counts;
    const objects = line.objects ?? [];
    const now = new Map<number, ObjectSnapshot>();
    for (const o of objects) now.set(o.id, o);
    const collected = (g: (gen: number) => boolean) => line.collections.some((k) => g(k.generation) && k.collected > 0);
    const hit = (invariant: Invariant, happened: boolean) => {
      if (happened) c[invariant]++;
    };

    hit('reachable-never-freed', line.freed.length > 0 && model.heap.objects.size > 0);
    hit('refcount-death-is-prompt', line.freed.length > 0 && line.collections.length === 0);
    hit('full-collect-is-complete', collected((g) => g === 2));
    hit('collect-frees-exactly-young-garbage', collected((g) => g < 2));
    hit('refcount-equals-referrers', objects.some((o) => o.refcount >= 2));
    hit('survivors-promoted', line.collections.length > 0 && objects.some((o) => promoted(this.previous.get(o.id), o)));
    hit('new-objects-in-gen0', objects.some((o) => o.id > idsBefore && o.gen === 0));
    hit('frozen-never-collected', line.collections.length > 0 && objects.some((o) => o.gen === 'permanent'));
    hit('count-rules', line.count.join() !== this.previousCount);
    c['threshold-triggering'] += line.collections.filter((_, k) => !(k === 0 && s.kind === 'collect')).length;
    hit('finalizer-at-most-once', line.freed.some((id) => this.previous.get(id)?.finalized === true));
    hit('resurrection-keeps-reachable', line.finalized.some((id) => now.has(id)));
    const cleared = this.weakrefsBefore.filter((w) => {
      const o = model.heap.objects.get(w.id);
      return o === undefined || (o.type === 'weakref' && o.referent === null);
    });
    hit('weakref-cleared-before-finalizers', line.collections.some((k) => k.collected > 0) && cleared.length > 0);
    hit('callback-only-if-weakref-reachable', cleared.some((w) => w.callback));
    hit('saveall-keeps-garbage', line.collections.length > 0 && model.heap.garbage.length > this.garbageBefore);
    c['stats-match-collections'] += line.collections.length;
    hit('tracking-rules', objects.some((o) => {
      const p = this.previous.get(o.id);
      return p ? (p.gen === null) !== (o.gen === null) : o.type === 'dict';
    }));

    c['blocks-disjoint-and-aligned'] += allocator.handedOutBesideLive;
    c['block-in-right-size-class'] += allocator.classBoundaryRequests;
    c['freed-block-reused-lifo'] += allocator.reusedFreedBlocks + model.events.reusedMemory.size;
    hit('pool-state-consistent', allocator.poolTransitions > 0);
    hit('arena-order-and-release', allocator.arenaChanges > 0);
    c['raw-fallback-over-512'] += allocator.rawFallbacks;
    c['realloc-in-place-rule'] += allocator.smallReallocs;
    hit('bytes-accounting', allocator.bytesChanges > 0);

    hit('traced-memory-matches-live-blocks', (line.tracedLines?.length ?? 0) > 0);
    hit('sizes-match-getsizeof', objects.some((o) => o.size !== undefined && (o.type === 'list' || o.type === 'dict')));
    hit('pages-written-match-touches', (line.pagesWritten ?? 0) > 0);

    this.previous = now;
    this.previousCount = line.count.join();
  }

  /** The program ended with something for the teardown to release. */
  teardown(model: ModelMachine, liveBlocks: number): void {
    if (model.heap.objects.size > 0 || liveBlocks > 0) this.counts['heap-empty-at-teardown']++;
  }
}

/** Survived in a younger generation before, an older one now. */
function promoted(before: ObjectSnapshot | undefined, after: ObjectSnapshot): boolean {
  return typeof before?.gen === 'number' && typeof after.gen === 'number' && after.gen > before.gen;
}
