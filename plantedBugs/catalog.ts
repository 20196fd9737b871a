/*
 * The planted-bug catalog: realistic defects of the implementation, each a one-place
 * patch of the compiled code (loadVariant.ts applies it to a copy; the real implementation is never
 * touched). The suite must find every one of them within the CI budget, shrink it to a program at most
 * 1.5× the size of the hand-written minimal one, and report it under the invariant named here
 * (test/plantedBugs/plantedBugs.test.ts).
 *
 * Each patch is one short expression or line of dist/, so that unrelated edits around it (such as
 * counters inserted into the implementation) leave it applicable; loadVariant fails loudly when a
 * search no longer matches exactly once. Each bug breaks one thing, the way a developer would have.
 */
import { FORK_KINDS, TRACEMALLOC_KINDS } from '../properties/generators/programArbitrary.js';
import type { PlantedBug } from './plantedBug.js';

const SMALL_POOLS = '# pymem: pool_size=1024 arena_size=2048\n';

export const PLANTED_BUGS: readonly PlantedBug[] = [
  {
    name: 'pymalloc-free-list-fifo',
    description:
      'pymalloc_free appends the freed block at the tail of its pool\'s free list (a queue) instead of ' +
      'pushing it on the front: the next malloc of the class gets the oldest free block, not the one just freed.',
    file: 'impl/pymalloc/pymalloc.js',
    search: 'pools.freeblock[p] = h & (this.geometry.granulesPerPool - 1);',
    replace:
      '{ const g = h & (this.geometry.granulesPerPool - 1); const base = h - g; pools.link[h] = 0; ' +
      'if (lastfree === 0) pools.freeblock[p] = g; ' +
      'else { let tail = base + lastfree; while (pools.link[tail] !== 0) tail = base + pools.link[tail]; pools.link[tail] = g; } }',
    invariant: 'freed-block-reused-lifo',
    minimal: 'm = malloc(16)\nfree(m)\nm = malloc(16)\n',
  },
  {
    name: 'full-pool-appended-to-usedpools',
    description:
      'insert_to_usedpool links a pool that stops being full at the END of usedpools[idx] instead of the ' +
      'front, so the next allocation of the class comes from another pool instead of the block just freed.',
    file: 'impl/pymalloc/pools.js',
    search: 'const next = this.nextpool[idx];',
    replace: 'const next = idx; idx = this.prevpool[next];',
    invariant: 'freed-block-reused-lifo',
    minimal: `${SMALL_POOLS}a = malloc(456)\nb = malloc(456)\nc = malloc(456)\nfree(a)\nd = malloc(456)\n`,
  },
  {
    name: 'size-class-off-by-one',
    description: 'The size class is computed as nbytes >> 4 instead of (nbytes - 1) >> 4: a request of exactly 16·k bytes gets a block of the next class.',
    file: 'impl/pymalloc/pymalloc.js',
    search: 'const idx = (nbytes - 1) >> ALIGNMENT_SHIFT;',
    replace: 'const idx = nbytes >> ALIGNMENT_SHIFT;',
    invariant: 'block-in-right-size-class',
    minimal: 'm = malloc(16)\n',
  },
  {
    name: 'realloc-always-moves',
    description: 'pymalloc_realloc lost its in-place fast path (n ≤ S and 4n > 3S): every realloc of a small block moves it.',
    file: 'impl/pymalloc/pymalloc.js',
    search: 'nbytes <= size && 4 * nbytes > 3 * size',
    replace: 'false',
    invariant: 'realloc-in-place-rule',
    minimal: 'm = malloc(16)\nm = realloc(m, 16)\n',
  },
  {
    name: 'last-arena-released',
    description:
      'insert_to_freepool releases every wholly empty arena, the last usable one included (the pre-3.9 ' +
      'behaviour bpo-37257 fixed): the next allocation maps a fresh arena instead of reusing its emptied pools.',
    file: 'impl/pymalloc/arenas.js',
    search: 'nf === this.ntotalpools[a] && this.nextarena[a] >= 0',
    replace: 'nf === this.ntotalpools[a]',
    invariant: 'arena-order-and-release',
    minimal: 'a = malloc(16)\nb = malloc(32)\nfree(a)\nfree(b)\nc = malloc(16)\n',
  },
  {
    name: 'empty-arena-never-released',
    description: 'insert_to_freepool never releases a wholly empty arena (pymalloc before Python 2.5): empty arenas pile up in usable_arenas.',
    file: 'impl/pymalloc/arenas.js',
    search: 'nf === this.ntotalpools[a] && this.nextarena[a] >= 0',
    replace: 'nf === this.ntotalpools[a] && this.nextarena[a] >= 0 && false',
    invariant: 'arena-order-and-release',
    minimal: `${SMALL_POOLS}x = bytes(479)\ny = bytes(479)\nz = bytes(479)\n`,
  },
  {
    name: 'threshold-compared-with-ge',
    description: 'The automatic collection fires when count[0] >= threshold[0] instead of count[0] > threshold[0].',
    file: 'impl/runtime/runtime.js',
    search: 'if (over > 0) {',
    replace: 'if (over >= 0) {',
    invariant: 'threshold-triggering',
    minimal: 'gc.collect(0)\ngc.set_threshold(1, 0)\nx = []\n',
  },
  {
    name: 'survivors-not-promoted',
    description: 'collect(g) < 2 leaves the survivors in the collected generation: the merge into generation g+1 is missing.',
    file: 'impl/gc/collect.js',
    search: 'gcListMerge(t, young, old);',
    replace: '/* survivors stay where they are */',
    invariant: 'survivors-promoted',
    minimal: 'x = []\ngc.collect(0)\n',
  },
  {
    name: 'count0-not-reset',
    description: 'A collection resets count[1..g] but not count[0] (the reset loop starts at 1).',
    file: 'impl/gc/collect.js',
    search: 'for (let g = 0; g <= generation; g++)',
    replace: 'for (let g = 1; g <= generation; g++)',
    invariant: 'count-rules',
    minimal: 'x = []\ngc.collect(0)\n',
  },
  {
    name: 'count1-not-incremented',
    description: 'collect(g) increments count[g] (immediately reset) instead of count[g+1]: collecting generation 0 never counts towards generation 1.',
    file: 'impl/gc/collect.js',
    search: 'gc.count[generation + 1]++',
    replace: 'gc.count[generation]++',
    invariant: 'count-rules',
    minimal: 'gc.collect(0)\n',
  },
  {
    name: 'long-lived-rule-inverted',
    description: 'The long-lived rule is inverted: generation 2 is skipped when long_lived_pending >= long_lived_total / 4, collected when below.',
    file: 'impl/gc/collect.js',
    search: 'gc.longLivedPending < Math.floor(gc.longLivedTotal / 4)',
    replace: 'gc.longLivedPending >= Math.floor(gc.longLivedTotal / 4)',
    invariant: 'threshold-triggering',
    minimal: 'gc.collect(1)\ngc.set_threshold(1, 0, 0)\nx = []\ny = []\n',
  },
  {
    name: 'callback-for-garbage-weakref',
    description:
      'handle_weakrefs does not skip weakrefs that are garbage themselves: their callback runs, and they ' +
      'escape the garbage to the older generation.',
    file: 'impl/gc/collect.js',
    search: ' || (t.flags[w] & COLLECTING) !== 0',
    replace: '',
    invariant: 'callback-only-if-weakref-reachable',
    minimal: 'x = Obj()\nw = weakref.ref(x, on_clear)\nx.a = x\nx.c = w\n',
    caughtAt: {
      level: 'refcount',
      because: "a weakref that is garbage with its referent in one collection stays silent: which objects a collection takes in is the engine's below refcount",
    },
  },
  {
    name: 'garbage-weakref-not-cleared',
    description:
      'handle_weakrefs clears the weakrefs TO garbage but not the weakrefs that ARE garbage: such a weakref ' +
      'stays armed and calls back when its (surviving) referent dies later.',
    file: 'impl/gc/collect.js',
    search: 't.kind[h] === KIND_WEAKREF && t.aux[h] !== NO_HANDLE',
    replace: 'false',
    invariant: 'callback-only-if-weakref-reachable',
    minimal:
      'gc.set_debug(gc.DEBUG_SAVEALL)\nx = Obj()\nw = weakref.ref(x, on_clear)\nc = [w]\nc.append(c)\ndel w, c\ngc.collect()\ndel x\n',
    caughtAt: {
      level: 'refcount',
      because: "a weakref a collection took in stays cleared: which objects a collection takes in is the engine's below refcount",
    },
  },
  {
    name: 'finalizer-flag-not-checked',
    description:
      'subtype_dealloc calls __del__ without checking FINALIZED: an object the collector already finalized ' +
      'is finalized again when tp_clear drops its last reference.',
    file: 'impl/runtime/dealloc.js',
    search: 'hasFinalizer(kind) && (t.flags[h] & FINALIZED) === 0',
    replace: 'hasFinalizer(kind)',
    invariant: 'finalizer-at-most-once',
    minimal: 'x = Lazarus()\n',
  },
  {
    name: 'resurrection-not-rechecked',
    description:
      'handle_resurrected_objects is skipped: everything unreachable before the finalizers ran is cleared ' +
      'and counted, including what Lazarus.__del__ made reachable again.',
    file: 'impl/gc/collect.js',
    search: 'handleResurrectedObjects(rt, unreachable, stillUnreachable, old, finalizersRan);',
    replace: 'gcListMerge(t, unreachable, stillUnreachable);',
    invariant: 'resurrection-keeps-reachable',
    minimal: 'x = Lazarus()\nx.a = x\n',
    caughtAt: {
      level: 'refcount',
      because: "the resurrected Lazarus is counted, not freed: only its refcount and the collection record show it",
    },
  },
  {
    name: 'tuple-untracking-checks-first-item-only',
    description: 'The tuple-untracking pass examines item 0 for every i (the index is missing): a tuple whose first item is atomic is untracked while a later item may be tracked.',
    file: 'impl/gc/collect.js',
    search: 'mayBeTracked(rt, cells[t.off[h] + i])',
    replace: 'mayBeTracked(rt, cells[t.off[h]])',
    invariant: 'tracking-rules',
    minimal: 'n = None\nx = []\nt = (n, x)\ngc.collect(0)\n',
  },
  {
    name: 'tp-clear-without-protective-incref',
    description:
      'delete_garbage calls tp_clear without first taking a reference (Py_INCREF(op)): an instance in a cycle ' +
      'is deallocated in the middle of its own clear, and the clear goes on releasing the slots of the dead ' +
      'object, so each child is released twice and freed while its last referrer still holds it.',
    file: 'impl/gc/collect.js',
    search: 't.refcnt[h]++;',
    replace: '',
    invariant: 'reachable-never-freed',
    minimal: 'x = Lazarus()\ny = Obj()\ny.c = x\ny.a = y\n',
  },
  {
    name: 'list-freelist-unbounded',
    description:
      'The list freelist is created with the tuple limit (2000) instead of 80: the 81st freed list is kept ' +
      'instead of freed, so a later list reuses memory that should have gone back to pymalloc (and, while ' +
      'count[0] > 0, the death is not counted: count-rules; generated programs meet the reuse first).',
    file: 'impl/runtime/freelists.js',
    search: 'new AddressStack(LIST_FREELIST_MAX)',
    replace: 'new AddressStack(TUPLE_FREELIST_MAX)',
    invariant: 'freed-block-reused-lifo',
    minimal: `v = []\n${'v = [v]\n'.repeat(80)}gc.collect(0)\ndel v\nv = []\n`,
  },
  {
    name: 'freeze-merge-arguments-swapped',
    description:
      'gc.freeze() merges the permanent generation into each generation instead of each generation into the ' +
      'permanent one (gc_list_merge\'s arguments swapped): nothing is frozen, and frozen garbage gets collected.',
    file: 'impl/engine.js',
    search: 'gcListMerge(rt.table, g, PERMANENT)',
    replace: 'gcListMerge(rt.table, PERMANENT, g)',
    invariant: 'frozen-never-collected',
    minimal: 'x = []\ngc.freeze()\n',
  },
  {
    name: 'dict-not-tracked-on-insert',
    description: 'insertdict never starts tracking an untracked dict when a value that may be tracked is stored (MAINTAIN_TRACKING missing).',
    file: 'impl/runtime/dicts.js',
    search: 't.gcNext[h] === UNTRACKED && mayBeTracked(rt, value)',
    replace: 'false',
    invariant: 'tracking-rules',
    minimal: 'x = []\nd = {\'k\': x}\n',
  },
  {
    name: 'saveall-ignored',
    description: 'delete_garbage never consults DEBUG_SAVEALL: garbage is cleared and freed instead of appended to gc.garbage.',
    file: 'impl/gc/collect.js',
    search: 'if (rt.gc.saveAll)',
    replace: 'if (false)',
    invariant: 'saveall-keeps-garbage',
    minimal: 'gc.set_debug(gc.DEBUG_SAVEALL)\nx = []\nx.append(x)\ndel x\ngc.collect()\n',
  },
  {
    name: 'bytes-dealloc-missing',
    description:
      'The bytes type lost its tp_dealloc: a bytes object whose refcount drops to zero is never deallocated ' +
      '(its memory stays allocated and the object lives on with refcount 0).',
    file: 'impl/runtime/dealloc.js',
    search: 'if (hasFinalizer(kind) && (t.flags[h] & FINALIZED) === 0) {',
    replace: 'if (kind === KIND_BYTES) return; if (hasFinalizer(kind) && (t.flags[h] & FINALIZED) === 0) {',
    invariant: 'refcount-death-is-prompt',
    minimal: 'x = bytes(2)\ndel x\n',
  },
  {
    name: 'full-collection-merges-one-generation',
    description:
      'gc_collect_main merges only the next younger generation into the collected one (as if generation 0 ' +
      'had already been merged into 1): a full collection never takes in generation 0, so garbage there ' +
      'survives it and live objects there are not moved to generation 2.',
    file: 'impl/gc/collect.js',
    search: 'gcListMerge(t, GEN0 + g, GEN0 + generation);',
    replace: 'if (g === generation - 1) gcListMerge(t, GEN0 + g, GEN0 + generation);',
    invariant: 'full-collect-is-complete',
    minimal: 'x = []\ngc.collect()\n',
    caughtAt: {
      level: 'cpython',
      because: "the minimal program leaves no garbage behind: only the generations show the unmerged one",
    },
  },
  {
    name: 'deduce-unreachable-on-old',
    description:
      'gc_collect_main passes `old` instead of `young` to deduce_unreachable (its two handy references ' +
      'mixed up): a collection of generation 0 or 1 looks for garbage in the next older generation, frees ' +
      'what it finds there and promotes its own garbage.',
    file: 'impl/gc/collect.js',
    search: 'deduceUnreachable(rt, young, unreachable);',
    replace: 'deduceUnreachable(rt, old, unreachable);',
    invariant: 'collect-frees-exactly-young-garbage',
    minimal: 'x = []\nx.append(x)\ndel x\ngc.collect(0)\n',
    caughtAt: {
      level: 'cpython',
      because: "which generations a partial collection takes in is CPython's generations",
    },
  },
  {
    name: 'shared-weakref-not-increfed',
    description:
      'weakref.ref(x) without a callback returns the existing callback-less weakref without Py_INCREF: the ' +
      'shared weakref has one reference fewer than it has referrers (and dies while still bound).',
    file: 'impl/runtime/weakrefs.js',
    search: 'rt.incref(t.wrHead[referent]);',
    replace: '',
    invariant: 'refcount-equals-referrers',
    minimal: 'x = Obj()\nw = weakref.ref(x)\nv = weakref.ref(x)\n',
  },
  {
    name: 'new-objects-linked-into-gen1',
    description: '_PyObject_GC_Link\'s generation index is off by one: new GC objects are linked into generation 1 instead of 0.',
    file: 'impl/runtime/runtime.js',
    search: 't.newRow(kind, tracked ? GEN0 : UNTRACKED)',
    replace: 't.newRow(kind, tracked ? GEN0 + 1 : UNTRACKED)',
    invariant: 'new-objects-in-gen0',
    minimal: 'x = []\n',
  },
  {
    name: 'weakrefs-handled-after-finalizers',
    description:
      'handle_weakrefs is moved after finalize_garbage and handle_resurrected_objects, onto the final ' +
      'garbage only: weakrefs to an object its __del__ resurrected are never cleared, and their callbacks never run.',
    file: 'impl/gc/collect.js',
    search:
      'handleWeakrefs(rt, unreachable, WEAKREF_CALLBACKS + lists, old);\n    const finalizersRan = finalizeGarbage(rt, unreachable);\n' +
      '    handleResurrectedObjects(rt, unreachable, stillUnreachable, old, finalizersRan);',
    // handleWeakrefs also clears the unreachable mask (clear_unreachable_mask, folded into its walk): the
    // moved code keeps that clearing where it was, so the one mistake is the order of the weakref handling.
    replace:
      'clearUnreachableMask(rt, unreachable);\n    const finalizersRan = finalizeGarbage(rt, unreachable);\n' +
      '    handleResurrectedObjects(rt, unreachable, stillUnreachable, old, finalizersRan);\n    handleWeakrefs(rt, stillUnreachable, WEAKREF_CALLBACKS + lists, old);',
    invariant: 'weakref-cleared-before-finalizers',
    minimal: 'x = Lazarus()\nw = weakref.ref(x, on_clear)\nx.a = x\ndel x\ngc.collect()\n',
    caughtAt: {
      level: 'refcount',
      because: "weakrefs cleared before finalizers is the order of CPython's phases, which reachability leaves to the engine",
    },
  },
  {
    name: 'saved-garbage-not-counted',
    description:
      'Under DEBUG_SAVEALL the collection reports 0 collected ("saved, not collected"): CPython counts the ' +
      'garbage it appends to gc.garbage like any other, so gc.callbacks and get_stats() under-report.',
    file: 'impl/gc/collect.js',
    search: 'const collected = gcListSize(t, stillUnreachable);',
    replace: 'const collected = rt.gc.saveAll ? 0 : gcListSize(t, stillUnreachable);',
    invariant: 'stats-match-collections',
    minimal: 'gc.set_debug(gc.DEBUG_SAVEALL)\nx = []\nx.append(x)\ndel x\ngc.collect()\n',
  },
  {
    name: 'pool-bump-by-class-index',
    description:
      'pymalloc_pool_extend advances nextoffset by the class index times 16 instead of the block size ' +
      '((idx + 1) << 4): the carving pointer leaves the class\'s block grid and carved blocks overlap the ones before them.',
    file: 'impl/pymalloc/pools.js',
    search: 'this.nextoffset[p] = offset + ((idx + 1) << 4);',
    replace: 'this.nextoffset[p] = offset + (idx << 4);',
    invariant: 'blocks-disjoint-and-aligned',
    minimal: 'm = malloc(32)\n',
  },
  {
    name: 'emptied-pool-not-freed',
    description:
      'pymalloc_free returns after the decrement whatever the count: a pool whose last block is freed never ' +
      'goes to the empty state — it stays in usedpools as a used pool instead of returning to its arena\'s freepools.',
    file: 'impl/pymalloc/pymalloc.js',
    search: 'if (count !== 0)\n            return;',
    replace: 'if (count !== 0 || count === 0)\n            return;',
    invariant: 'pool-state-consistent',
    minimal: 'm = malloc(16)\nfree(m)\n',
  },
  {
    name: 'small-threshold-exclusive',
    description: 'The small-request test is nbytes < SMALL_REQUEST_THRESHOLD instead of <=: a request of exactly 512 bytes goes to the system allocator.',
    file: 'impl/pymalloc/pymalloc.js',
    search: 'nbytes > 0 && nbytes <= SMALL_REQUEST_THRESHOLD',
    replace: 'nbytes > 0 && nbytes < SMALL_REQUEST_THRESHOLD',
    invariant: 'raw-fallback-over-512',
    minimal: 'm = malloc(512)\n',
  },
  {
    name: 'raw-bytes-counted-as-requested',
    description:
      'The system allocator\'s bytes in use grow by the size requested instead of the capacity handed out ' +
      '(requests are rounded up to 16 bytes, 0 to one granule): raw bytes accounting drifts below the truth.',
    file: 'impl/pymalloc/addressSpace.js',
    search: 'this.bytes += capacity;',
    replace: 'this.bytes += n;',
    invariant: 'bytes-accounting',
    minimal: 'm = malloc(0)\n',
  },
  {
    name: 'keys-freelist-not-cleared',
    description:
      'clear_freelists empties the dict freelist but forgets the dict-keys freelist: its blocks stay ' +
      'allocated for ever, and the heap is not empty at teardown.',
    file: 'impl/gc/clearFreelists.js',
    search: 'freeAll(rt.freelists.keys, false);',
    replace: '',
    invariant: 'heap-empty-at-teardown',
    minimal: 'n = None\nd = {\'k\': n}\n',
  },
  {
    name: 'list-freelist-fifo',
    description:
      'PyList_New takes the OLDEST list on the freelist (free_list[0], shifting the rest down) instead of ' +
      'the one freed last: a queue, not a stack.',
    file: 'impl/engine.js',
    search: 'rt.freelists.lists.pop()',
    replace:
      '((s) => { if (s.length === 0) return 0; const a = s.addresses[0]; ' +
      's.addresses.copyWithin(0, 1, s.length); s.length--; return a; })(rt.freelists.lists)',
    invariant: 'freed-block-reused-lifo',
    minimal: 'a = []\nb = []\ndel a, b\nc = []\n',
  },
  // The invariants of tracemalloc, sys.getsizeof and fork: hunted with the kinds of the property file that
  // turns the feature on.
  {
    name: 'freelist-hit-not-retraced',
    description:
      'A list, dict or tuple taken from its freelist keeps the trace of the line that first allocated its ' +
      'memory: the _Py_NewReference retrace (tracemalloc moves the trace to the new object\'s line) is missing.',
    file: 'impl/engine.js',
    search: 'this.rt.tracemalloc.retrace(address);',
    replace: ';',
    invariant: 'traced-memory-matches-live-blocks',
    minimal: 'tracemalloc.start()\nx = []\ndel x\ny = []\n',
    kinds: TRACEMALLOC_KINDS,
  },
  {
    name: 'getsizeof-counts-items-not-slots',
    description: 'sys.getsizeof of a list counts 8 bytes per item instead of per allocated slot (list___sizeof__ uses allocated, not ob_size).',
    file: 'impl/runtime/sizes.js',
    search: 'POINTER_BYTES * t.cap[h]',
    replace: 'POINTER_BYTES * t.len[h]',
    invariant: 'sizes-match-getsizeof',
    minimal: 'x = []\nx.append(x)\n',
  },
  // A rule only the 3.12 and 3.13 profiles have: hunted under 3.12, invisible under 3.11.
  {
    name: 'scheduled-collection-run-in-allocation',
    description:
      'Under a profile whose automatic collections are scheduled (3.12 on), the allocation that takes count[0] ' +
      'over threshold[0] still collects at once, as 3.11 does: the collection runs before the new object exists, ' +
      'in a statement that has no eval-breaker check. Only a 3.12 or 3.13 program shows it.',
    file: 'impl/runtime/runtime.js',
    search: 'if (!this.scheduledCollections)',
    replace: 'if (true)',
    invariant: 'threshold-triggering',
    minimal: '# pymem: cpython=3.12\ngc.set_threshold(1)\nx = []\ny = []\n',
    cpython: '3.12',
  },
  {
    name: 'collection-scan-pages-only-oldest-generation',
    description:
      'The fork ledger records the GC links written by a collection of generation g for generation g only, ' +
      'not for the younger generations merged into it: a collect(1) in the child dirties no page of generation 0.',
    file: 'impl/runtime/pageWrites.js',
    search: 'for (let g = 0; g <= generation; g++)',
    replace: 'for (let g = generation; g <= generation; g++)',
    invariant: 'pages-written-match-touches',
    minimal: 'x = []\nfork()\ngc.collect(1)\n',
    kinds: FORK_KINDS,
  },
];

export const PLANTED_BUG_NAMES = PLANTED_BUGS.map((b) => b.name);

export function plantedBug(name: string): PlantedBug {
  const bug = PLANTED_BUGS.find((b) => b.name === name);
  if (!bug) throw new Error(`no planted bug '${name}' (known: ${PLANTED_BUG_NAMES.join(', ')})`);
  return bug;
}
