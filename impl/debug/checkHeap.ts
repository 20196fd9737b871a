/*
 * The debug heap check: walks every structure of the implementation and reports each broken invariant.
 * For tests and the lockstep runner; never on the hot path (it is O(heap) per call).
 *
 * `{ full: false }` (EngineUnderTest.checkHeap's incremental check) makes the allocator's part
 * incremental: checkPymalloc re-verifies only what impl/pymalloc marked as written since its last check,
 * and the pools' live blocks are only counted and hashed outside the written pools (its module comment
 * says how, and why that is sound). The object side below stays a full walk in both modes: it reads the
 * object table's columns, which impl/runtime writes directly, unmarked; and it costs about a fifth of the
 * check (a profile of bench/checkedThroughput.ts: 3 of 13 %, mostly the refcounts). The live blocks are
 * listed from every row in both modes for the same reason: the runtime's own belief is not marked.
 *
 *   refcounts      every object's refcount equals its referrers: names, container cells, the runtime's
 *                  own reference to `revived` and `gc.garbage`
 *   generations    GEN0..GEN2 and PERMANENT are well-linked circular lists of live GC objects; every
 *                  tracked object is in exactly one; a collection's working lists are empty; no
 *                  COLLECTING or UNREACHABLE flag is left outside a collection
 *   tracking       lists, instances and weakrefs are tracked, bytes never; an untracked tuple or dict
 *                  holds nothing that may be tracked
 *   weakrefs       each referent's list is well linked and holds exactly the weakrefs pointing at it
 *   containers     list len ≤ allocated and an items array of at least allocated·8 bytes
 *   allocator      checkPymalloc with the exact set of blocks the runtime believes it holds
 */
import type { ImplEngine } from '../engine.js';
import {
  DICT_ENTRY_CELLS, DICT_ENTRY_VALUE, INSTANCE_SLOTS, KIND_BYTES, KIND_DICT, KIND_LIST, KIND_TUPLE, KIND_WEAKREF, isGcKind, isInstanceKind,
} from '../objects/kinds.js';
import {
  COLLECTING, GEN0, HEADS, NO_HANDLE, PERMANENT, UNREACHABLE, UNTRACKED,
} from '../objects/objectTable.js';
import { KIND_NAMES } from '../objects/kinds.js';
import { mayBeTracked } from '../runtime/tracking.js';
import type { Runtime } from '../runtime/runtime.js';
import { checkPymalloc } from './checkPymalloc.js';

/** Without options, or with `full: true`, everything is walked; `full: false`: the allocator incrementally. */
export function checkHeap(engine: ImplEngine, options?: { full?: boolean }): string[] {
  const rt = engine.rt;
  const problems: string[] = [];
  const fail = (m: string) => problems.length < 50 && problems.push(m);
  // Nothing below changes the table: every walk goes over the same rows, listed once.
  const rows = rt.table.rows();
  checkRefcounts(rt, rows, engine, fail);
  checkGenerations(rt, rows, fail);
  checkTracking(rt, rows, fail);
  checkWeakrefs(rt, rows, fail);
  checkContainers(rt, rows, fail);
  const live = liveBlocks(rt, rows, engine.liveRawBlocks, liveList);
  for (const p of checkPymalloc(rt.pymalloc, live, { full: options?.full !== false })) fail(`allocator: ${p}`);
  return problems;
}

/** The live blocks of one check (checks never nest; checkPymalloc keeps no reference to it). */
const liveList: number[] = [];

type Fail = (message: string) => void;

/**
 * A set of rows for one walk, as marks reused from walk to walk (no Set per check): a row is in it iff
 * its mark is the set's epoch. A row number outside the marks (a corrupted link) goes in a Set.
 */
class RowMarks {
  epoch = 0;
  marks = new Uint32Array(0);
  private readonly beyond = new Set<number>();

  has(h: number): boolean {
    return h >= 0 && h < this.marks.length ? this.marks[h] === this.epoch : this.beyond.has(h);
  }

  add(h: number): void {
    if (h >= 0 && h < this.marks.length) this.marks[h] = this.epoch;
    else this.beyond.add(h);
  }

  /** Empty, with marks for rows below `capacity`. */
  reset(capacity: number): this {
    if (this.marks.length < capacity || this.epoch >= 0xfffffffe) {
      this.marks = new Uint32Array(Math.max(capacity, this.marks.length));
      this.epoch = 0;
    }
    this.epoch++;
    if (this.beyond.size > 0) this.beyond.clear();
    return this;
  }
}
// The walks run one after the other, never nested: one set serves them all.
const sharedMarks = new RowMarks();
const rowMarks = (capacity: number) => sharedMarks.reset(capacity);

const label = (rt: Runtime, h: number) => `${KIND_NAMES[rt.table.kind[h]]} ${rt.table.id[h] || '(prelude)'}`;

/**
 * The cells of a container that hold references, first to last, as a run: `count` cells from `first`,
 * `stride` apart (written into `run`, no array per row).
 */
const run = { first: 0, stride: 1, count: 0 };
function childCellRun(rt: Runtime, h: number): typeof run {
  const t = rt.table;
  const kind = t.kind[h];
  run.first = t.off[h];
  run.stride = 1;
  run.count = 0;
  if (kind === KIND_LIST || kind === KIND_TUPLE) run.count = t.len[h];
  else if (kind === KIND_DICT) {
    run.first = t.off[h] + DICT_ENTRY_VALUE;
    run.stride = DICT_ENTRY_CELLS;
    run.count = t.len[h];
  } else if (isInstanceKind(kind)) run.count = INSTANCE_SLOTS;
  return run;
}

/** Referrers counted per row in one array (index = row handle), rows outside the table never asked. */
let referrerCounts = new Int32Array(0);

function checkRefcounts(rt: Runtime, rows: number[], engine: ImplEngine, fail: Fail): void {
  const t = rt.table;
  if (referrerCounts.length < t.capacity) referrerCounts = new Int32Array(t.capacity);
  const expected = referrerCounts;
  for (const h of rows) expected[h] = 0;
  const add = (h: number) => {
    if (h >= 0 && h < expected.length) expected[h]++;
  };
  engine.visitNameReferences(add);
  add(rt.revived);
  add(rt.garbage);
  for (const h of rows) {
    const { first, stride, count } = childCellRun(rt, h);
    for (let i = 0; i < count; i++) {
      const c = rt.refs.cells[first + i * stride];
      if (c < 0) continue;
      if (c < HEADS || t.kind[c] === 0) fail(`${label(rt, h)} refers to a freed object (row ${c})`);
      else add(c);
    }
  }
  for (const h of rows) {
    const want = expected[h];
    if (t.refcnt[h] !== want) fail(`refcount of ${label(rt, h)} is ${t.refcnt[h]}, but it has ${want} referrers`);
  }
}

function checkGenerations(rt: Runtime, rows: number[], fail: Fail): void {
  const t = rt.table;
  const seen = rowMarks(t.capacity);
  for (let head = 0; head < HEADS; head++) {
    const isGeneration = head >= GEN0 && head <= PERMANENT;
    if (!isGeneration && t.gcNext[head] !== head) fail(`working list ${head} is not empty`);
    let steps = 0;
    for (let h = t.gcNext[head]; h !== head; h = t.gcNext[h]) {
      if (t.gcPrev[t.gcNext[h]] !== h) fail(`generation list ${head}: broken link after ${label(rt, h)}`);
      if (seen.has(h)) return void fail(`${label(rt, h)} is in two generation lists (or a cycle)`);
      seen.add(h);
      if (t.kind[h] === 0 || !isGcKind(t.kind[h])) fail(`generation list ${head} holds a freed or non-GC row ${h}`);
      if (t.flags[h] & (COLLECTING | UNREACHABLE)) fail(`${label(rt, h)} keeps a collection flag`);
      if (++steps > t.capacity) return void fail(`generation list ${head} does not come back to its head`);
    }
  }
  for (const h of rows) {
    if (t.gcNext[h] !== UNTRACKED && !seen.has(h)) fail(`${label(rt, h)} is tracked but in no generation`);
  }
}

function checkTracking(rt: Runtime, rows: number[], fail: Fail): void {
  const t = rt.table;
  for (const h of rows) {
    const kind = t.kind[h];
    const tracked = t.gcNext[h] !== UNTRACKED;
    if (t.id[h] === 0) continue;
    if ((kind === KIND_LIST || kind === KIND_WEAKREF || isInstanceKind(kind)) && !tracked) fail(`${label(rt, h)} is not tracked`);
    if (kind === KIND_BYTES && tracked) fail(`${label(rt, h)} is tracked`);
    if ((kind === KIND_TUPLE || kind === KIND_DICT) && !tracked) {
      const { first, stride, count } = childCellRun(rt, h);
      for (let i = 0; i < count; i++) {
        if (mayBeTracked(rt, rt.refs.cells[first + i * stride])) fail(`untracked ${label(rt, h)} holds an object that may be tracked`);
      }
    }
  }
}

function checkWeakrefs(rt: Runtime, rows: number[], fail: Fail): void {
  const t = rt.table;
  const listed = rowMarks(t.capacity);
  for (const h of rows) {
    let prev = NO_HANDLE;
    for (let w = t.wrHead[h]; w !== NO_HANDLE; w = t.wrNext[w]) {
      if (t.kind[w] !== KIND_WEAKREF) return void fail(`weakref list of ${label(rt, h)} holds a ${KIND_NAMES[t.kind[w]]}`);
      if (t.aux[w] !== h) fail(`${label(rt, w)} is in the list of ${label(rt, h)} but points elsewhere`);
      if (t.wrPrev[w] !== prev) fail(`${label(rt, w)}: broken weakref list link`);
      if (listed.has(w)) return void fail(`${label(rt, w)} is listed twice`);
      listed.add(w);
      prev = w;
    }
  }
  for (const h of rows) {
    if (t.kind[h] === KIND_WEAKREF && t.aux[h] !== NO_HANDLE && !listed.has(h)) fail(`${label(rt, h)} is missing from its referent's list`);
  }
}

function checkContainers(rt: Runtime, rows: number[], fail: Fail): void {
  const t = rt.table;
  for (const h of rows) {
    if (t.kind[h] !== KIND_LIST) continue;
    if (t.len[h] > t.cap[h]) fail(`${label(rt, h)} has ${t.len[h]} items in ${t.cap[h]} slots`);
    if (t.cap[h] > 0 && rt.heap.blockSize(t.bufAddr[h]) < t.cap[h] * 8) fail(`${label(rt, h)}: items array too small`);
  }
}

/** Every block the runtime believes it holds. */
function liveBlocks(rt: Runtime, rows: number[], rawBlocks: Iterable<number>, into: number[]): number[] {
  const t = rt.table;
  // Written in place over the list's previous contents (emptied by `length = 0` it would lose its
  // storage and grow again), then cut to length.
  const blocks = into;
  let n = 0;
  for (const b of rawBlocks) blocks[n++] = b;
  for (const h of rows) {
    if (t.addr[h] !== 0) blocks[n++] = t.addr[h];
    const kind = t.kind[h];
    if (kind === KIND_LIST && t.bufAddr[h] !== 0) blocks[n++] = t.bufAddr[h];
    if (kind === KIND_DICT && t.aux[h] !== 0) blocks[n++] = t.bufAddr[h];
  }
  for (const stack of rt.freelists.all()) for (let i = 0; i < stack.length; i++) blocks[n++] = stack.at(i);
  if (blocks.length > n) blocks.length = n;
  return blocks;
}
