import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CPYTHON_VERSIONS, type Program, type StatementKind } from '../../language/ast.js';
import { ImplEngine, createEngine } from '../../impl/engine.js';
import { EnginePool } from '../../impl/enginePool.js';
import { ObjectTable } from '../../impl/objects/objectTable.js';
import { Bindings } from '../../impl/bindings.js';
import { Freelists } from '../../impl/runtime/freelists.js';
import { GcState } from '../../impl/runtime/gcState.js';
import { ReleaseStack } from '../../impl/runtime/releaseStack.js';
import { FORK_KINDS, TRACEMALLOC_KINDS, programArbitrary } from '../../properties/generators/programArbitrary.js';
import { teardownStatements } from '../../properties/lockstep/teardown.js';
import { runLockstep } from '../../properties/lockstep/lockstep.js';

/** Programs of every version profile, the default geometries (small ones and CPython's), with and without tracemalloc and fork. */
function programs(perCase: number): Program[] {
  const kindSets: Array<readonly StatementKind[] | undefined> = [undefined, TRACEMALLOC_KINDS, FORK_KINDS];
  return CPYTHON_VERSIONS.flatMap((cpython, v) =>
    kindSets.flatMap((kinds, k) =>
      fc.sample(programArbitrary({ maxLength: 60, cpython, ...(kinds ? { kinds } : {}) }), { numRuns: perCase, seed: 7100 + 10 * v + k })));
}

/** Every observable of each statement (trace line with snapshot and allocator stats, untracked tuples, features, heap check). */
function observe(engine: ImplEngine, program: Program, upTo = Infinity): string[] {
  const names = [...new Set(program.statements.map((s) => ('target' in s ? s.target : undefined)).filter((n): n is string => !!n))];
  const all = [...program.statements, ...teardownStatements(names), ...teardownStatements([])];
  const statements = all.slice(0, upTo);
  const seen: string[] = [];
  for (const s of statements) {
    try {
      seen.push(JSON.stringify([engine.execute(s, { snapshot: true }), engine.untrackedTuples(), engine.features(), engine.checkHeap()]));
    } catch (error) {
      seen.push(`throws ${(error as Error).message}`);
      return seen;
    }
  }
  if (statements.length === all.length) seen.push(JSON.stringify(engine.leftovers()));
  return seen;
}

/**
 * Runs each program on a fresh engine and on one whose memory a pool hands down from the engines
 * before it — some released at the end of their program, some in the middle (tables, cells and
 * bindings left dirty) — and returns the first difference, or null.
 */
function firstDifference(sample: Program[]): string | null {
  const pool = new EnginePool();
  let reused = 0;
  for (const [k, p] of sample.entries()) {
    const had = pool.size;
    const engine = new ImplEngine(p, { pool });
    if (had > 0) reused++;
    const fresh = observe(new ImplEngine(p), p);
    // Every third program stops half way, so that the next engine inherits live rows and bound names.
    const upTo = k % 3 === 1 ? Math.floor(p.statements.length / 2) : Infinity;
    const again = observe(engine, p, upTo);
    const i = again.findIndex((line, n) => line !== fresh[n]);
    if (i >= 0) return `program ${k}, line ${i}:\n  fresh:  ${fresh[i].slice(0, 400)}\n  reused: ${again[i].slice(0, 400)}`;
    engine.release();
  }
  expect(reused).toBe(sample.length - 1);
  return null;
}

describe('engine reuse (release())', () => {
  afterEach(() => vi.restoreAllMocks());

  it('a reused engine behaves exactly as a fresh one: every trace line, snapshot, allocator stats, features and heap check', () => {
    expect(firstDifference(programs(30))).toBeNull();
  });

  // (A RefStore or release stack left dirty is not observable — cells and frames are written before they
  // are read — so there is no such case for them; they are reset all the same.)
  it.each([
    ['the object table', ObjectTable.prototype],
    ['the bindings', Bindings.prototype],
    ['the freelists', Freelists.prototype],
    ['the collector state', GcState.prototype],
  ])('catches a reuse that does not reset %s (the comparison can fail)', (_, part) => {
    vi.spyOn(part as { reset(): void }, 'reset').mockImplementation(() => {});
    expect(firstDifference(programs(2))).not.toBeNull();
  });

  it('the lockstep runner gives the same results with the pooling factory as with fresh engines', () => {
    for (const p of programs(3)) {
      const a = runLockstep(p, createEngine);
      const b = runLockstep(p, (q, hooks) => new ImplEngine(q, { wrapAllocator: hooks.wrapAllocator }));
      expect(JSON.stringify([a.divergence, a.steps, a.features])).toBe(JSON.stringify([b.divergence, b.steps, b.features]));
      expect(a.divergence).toBeNull();
    }
  });

  it('a reset collector state equals a new one, field by field (a field added later and not reset fails here)', () => {
    const gc = new GcState([1, 2, 3]);
    Object.assign(gc, { enabled: false, collecting: true, depth: 2, pending: true, saveAll: true, longLivedPending: 5, longLivedTotal: 9 });
    for (const a of [gc.count, gc.collections, gc.collected, gc.uncollectable]) a.fill(4);
    gc.reset([700, 10, 10]);
    expect(gc).toEqual(new GcState([700, 10, 10]));
  });

  it('the factory hands a released engine\'s memory to the next engine, never the engine itself', () => {
    const [p, q] = programs(1);
    const first = createEngine(p, {}) as ImplEngine;
    first.execute(p.statements[0]);
    const table = first.rt.table;
    first.release();
    const second = createEngine(q, {}) as ImplEngine;
    expect(second).not.toBe(first);
    expect(second.rt.table).toBe(table);
    expect(second.rt.table.live).toBe(2); // only the prelude's two lists: reset
    second.release();
  });

  it('an engine used after release() throws a clear error; releasing twice is harmless', () => {
    const [p] = programs(1);
    const engine = createEngine(p, {}) as ImplEngine;
    engine.release();
    expect(() => engine.release()).not.toThrow();
    expect(() => engine.execute(p.statements[0])).toThrow(/released/);
    expect(() => engine.features()).toThrow(/released/);
    expect(() => engine.inspect()).toThrow(/released/);
    expect(() => engine.leftovers()).toThrow(/released/);
    // The second release did not put the memory in the pool twice: two new engines get two sets.
    const a = createEngine(p, {}) as ImplEngine;
    const b = createEngine(p, {}) as ImplEngine;
    expect(a.rt.table).not.toBe(b.rt.table);
    a.release();
    b.release();
  });

  it('the memory of a huge program is not pooled, and a release stack a deep release grew starts small again', () => {
    const [p] = programs(1);
    const pool = new EnginePool();
    new ImplEngine(p, { pool, initialObjects: (1 << 16) + 1 }).release();
    expect(pool.size).toBe(0);
    const stack = new ReleaseStack();
    for (let i = 0; i < 100; i++) stack.push(i, 1, 1, 0, i);
    stack.reset();
    expect([stack.depth, stack.cell.length, stack.buffer.length]).toEqual([0, 32, 32]);
  });

  it('engines made with `new` and no pool are not pooled; a pool keeps at most two sets', () => {
    const [p] = programs(1);
    const pool = new EnginePool();
    new ImplEngine(p).release();
    expect(pool.size).toBe(0);
    const engines = [0, 1, 2].map(() => new ImplEngine(p, { pool }));
    for (const e of engines) e.release();
    expect(pool.size).toBe(2);
  });
});
