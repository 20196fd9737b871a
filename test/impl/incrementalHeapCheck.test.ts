/*
 * The incremental heap check (checkHeap({ full: false }), impl/debug/checkPymalloc.ts's module comment)
 * against the full one: on generated programs of every version profile, with tracemalloc and fork
 * statements, at every generated geometry, the incremental answer after every statement (teardown
 * included) is the full answer; a corruption of a pool or arena the last statement wrote is reported by
 * the incremental check at that very step; and a corruption of what nobody wrote is, by design, missed by
 * it and found by the next full check.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CreateEngine, EngineUnderTest } from '../../contract/engine.js';
import type { CPythonVersion, Program, StatementKind } from '../../language/ast.js';
import { ImplEngine } from '../../impl/engine.js';
import { FIRST_POOL } from '../../impl/pymalloc/pools.js';
import type { Pymalloc } from '../../impl/pymalloc/pymalloc.js';
import { FORK_KINDS, GENERATED_KINDS, TRACEMALLOC_KINDS, programArbitrary } from '../../properties/generators/programArbitrary.js';
import { runLockstep } from '../../properties/lockstep/lockstep.js';

const PROFILES: readonly CPythonVersion[] = ['3.11', '3.12', '3.13'];
const KINDS: ReadonlyArray<readonly [string, readonly StatementKind[]]> = [['default', GENERATED_KINDS], ['tracemalloc', TRACEMALLOC_KINDS], ['fork', FORK_KINDS]];

function programs(cpython: CPythonVersion, kinds: readonly StatementKind[], n: number, seed: number): Program[] {
  return fc.sample(programArbitrary({ maxLength: 80, cpython, kinds: [...kinds] }), { numRuns: n, seed });
}

/**
 * The lockstep's engine, checked incrementally only (never a full check, however the runner asks), with
 * a twin fed the same statements and checked in full: every pair of answers is kept.
 */
function twinEngines(answers: Array<[string[], string[]]>): CreateEngine {
  return (program, hooks) => {
    const checked = new ImplEngine(program, { wrapAllocator: hooks.wrapAllocator });
    const twin = new ImplEngine(program);
    const engine: EngineUnderTest = {
      execute: (s, o) => {
        const line = checked.execute(s, o);
        twin.execute(s, o);
        return line;
      },
      untrackedTuples: () => checked.untrackedTuples(),
      checkHeap: () => {
        const incremental = checked.checkHeap({ full: false });
        answers.push([incremental, twin.checkHeap({ full: true })]);
        return incremental;
      },
      leftovers: () => checked.leftovers(),
      features: () => checked.features(),
    };
    return engine;
  };
}

describe('the incremental heap check answers as the full one', () => {
  for (const cpython of PROFILES) {
    for (const [name, kinds] of KINDS) {
      it(`${cpython}, ${name} statements: after every statement and the teardown`, () => {
        const answers: Array<[string[], string[]]> = [];
        for (const p of programs(cpython, kinds, 40, 7 + cpython.length + name.length)) {
          const result = runLockstep(p, twinEngines(answers));
          expect(result.divergence, JSON.stringify(result.divergence)).toBeNull();
        }
        expect(answers.length).toBeGreaterThan(1000);
        for (const [incremental, full] of answers) expect(incremental).toEqual(full);
      });
    }
  }
});

type Corruption = 'pool count' | 'free-list link' | 'usedpools link' | 'arena nfreepools';

/**
 * Corrupts, through the allocator's arrays, a structure the statement just run wrote through the normal
 * path (a pool in its marks, an arena when it wrote the arena level); false when it wrote none that fits.
 */
function corruptWritten(pm: Pymalloc, what: Corruption, arenaWritten: boolean): boolean {
  const { pools, arenas, marks } = pm;
  const gpp = pm.geometry.granulesPerPool;
  if (what === 'arena nfreepools') {
    if (!arenaWritten) return false;
    const a = arenas.usableArenas;
    if (a < 0) return false;
    arenas.nfreepools[a]++;
    return true;
  }
  for (const p of marks.pools) {
    if (p < FIRST_POOL || pm.poolOf(pm.poolAddress(p)) !== p || pools.count[p] <= 0) continue;
    if (what === 'pool count') {
      pools.count[p]++;
      return true;
    }
    if (pools.freeblock[p] === 0) continue; // full: no free list, on no usedpools ring
    if (what === 'free-list link') {
      const g = pools.freeblock[p];
      pools.link[(p - FIRST_POOL) * gpp + g] = g;
      return true;
    }
    pools.prevpool[p] = p;
    return true;
  }
  return false;
}

/** A carved pool in use with a free list that no statement wrote since the last check, or −1. */
function unwrittenPool(pm: Pymalloc): number {
  const { pools, marks } = pm;
  for (let p = FIRST_POOL; p < pools.capacity; p++) {
    if (marks.written[p] === 1 || pm.poolOf(pm.poolAddress(p)) !== p || pools.count[p] <= 0 || pools.freeblock[p] === 0) continue;
    return p;
  }
  return -1;
}

/**
 * Runs `p` statement by statement on a fresh engine. From the fourth statement on (so that the checks
 * have a verified base), `corrupt(pm, arenaWritten)` may corrupt what the statement wrote: the first time
 * it does, the answers of both checks are returned and the run stops. Every other statement is checked
 * with `checkAfter(i)` (full or not) and must pass. Null when `corrupt` never did (or the program threw).
 */
function checksAfterCorruption(
  p: Program, corrupt: (pm: Pymalloc, arenaWritten: boolean) => boolean, checkAfter: (i: number) => boolean,
): { step: number; incremental: string[]; full: string[] } | null {
  const engine = new ImplEngine(p);
  const pm = engine.rt.pymalloc;
  for (const [i, s] of p.statements.entries()) {
    const arenaWritesBefore = pm.marks.arenaWrites;
    try {
      engine.execute(s);
    } catch {
      return null;
    }
    if (i >= 3 && corrupt(pm, pm.marks.arenaWrites !== arenaWritesBefore)) {
      return { step: i + 1, incremental: engine.checkHeap({ full: false }), full: engine.checkHeap({ full: true }) };
    }
    expect(engine.checkHeap({ full: checkAfter(i) })).toEqual([]);
  }
  return null;
}

describe('a corruption of what the last statement wrote is reported by the incremental check at once', () => {
  const CORRUPTIONS: readonly Corruption[] = ['pool count', 'free-list link', 'usedpools link', 'arena nfreepools'];
  for (const what of CORRUPTIONS) {
    it(what, () => {
      let planted = 0;
      for (const cpython of PROFILES) {
        for (const [, kinds] of KINDS) {
          for (const p of programs(cpython, kinds, 12, 100 + planted)) {
            // The statements before are checked as the lockstep checks them.
            const seen = checksAfterCorruption(p, (pm, arenaWritten) => corruptWritten(pm, what, arenaWritten), (i) => i % 16 === 0);
            if (seen === null) continue;
            expect(seen.incremental.length, `${what} after statement ${seen.step}`).toBeGreaterThan(0);
            expect(seen.incremental).toEqual(seen.full);
            planted++;
          }
        }
      }
      expect(planted).toBeGreaterThan(20);
    });
  }
});

describe('the limit: what nobody wrote is not re-verified until the next full check', () => {
  /** Programs run to the step where `corrupt` finds its target; the answers of both checks after it. */
  function afterCorruption(corrupt: (pm: Pymalloc, arenaWritten: boolean) => boolean): Array<{ incremental: string[]; full: string[] }> {
    const out: Array<{ incremental: string[]; full: string[] }> = [];
    for (const cpython of PROFILES) {
      for (const p of programs(cpython, GENERATED_KINDS, 15, 300)) {
        const seen = checksAfterCorruption(p, corrupt, () => false);
        if (seen !== null) out.push({ incremental: seen.incremental, full: seen.full });
      }
    }
    return out;
  }

  it('a free list made cyclic in a pool no statement wrote: only the full check finds it', () => {
    const seen = afterCorruption((pm) => {
      const p = unwrittenPool(pm);
      if (p < 0) return false;
      const g = pm.pools.freeblock[p];
      pm.pools.link[(p - FIRST_POOL) * pm.geometry.granulesPerPool + g] = g;
      return true;
    });
    expect(seen.length).toBeGreaterThan(5);
    for (const { incremental, full } of seen) {
      expect(incremental).toEqual([]);
      expect(full.join('\n')).toMatch(/free list has a cycle/);
    }
  });

  it("an arena's nfreepools changed after a statement that wrote no arena and none of its pools: only the full check finds it", () => {
    const seen = afterCorruption((pm, arenaWritten) => {
      if (arenaWritten) return false;
      const ppa = pm.geometry.poolsPerArena;
      const slotsWritten = new Set(pm.marks.pools.filter((p) => p >= FIRST_POOL).map((p) => Math.floor((p - FIRST_POOL) / ppa)));
      for (let a = 0; a < pm.arenas.maxarenas; a++) {
        if (pm.arenas.slot[a] < 0 || slotsWritten.has(pm.arenas.slot[a])) continue;
        pm.arenas.nfreepools[a]++;
        return true;
      }
      return false;
    });
    expect(seen.length).toBeGreaterThan(5);
    for (const { incremental, full } of seen) {
      expect(incremental).toEqual([]);
      expect(full.join('\n')).toMatch(/nfreepools \d+ ≠/);
    }
  });
});
