/*
 * The shrinker's passes (properties/shrink/): each one pinned by a stand-in failure it alone can shrink,
 * plus the guarantees every shrink gives — every candidate is a valid program, the result fails with the
 * same invariant, the same failure under other names shrinks to the same text, and keeping the smallest
 * per invariant does not depend on the order the failures came in. A witness's shrink (witness.ts)
 * takes any failure and crosses routes the same-invariant shrink cannot.
 */
import { describe, expect, it } from 'vitest';
import type { Program } from '../../language/ast.js';
import { printProgram } from '../../language/print.js';
import { validateProgram } from '../../language/validate.js';
import { runModel } from '../../model/run.js';
import type { Invariant } from '../../properties/invariants/catalogue.js';
import type { Divergence } from '../../properties/lockstep/divergence.js';
import { inlineRebind } from '../../properties/shrink/inlineRebind.js';
import { blocksToObjects } from '../../properties/shrink/blocksToObjects.js';
import { containerToList } from '../../properties/shrink/containersToLists.js';
import { classStartBelow, smallerCandidates } from '../../properties/shrink/numberLiterals.js';
import { compareSimplicity, compareStatementShapes, simplerThan } from '../../properties/shrink/programOrder.js';
import { simplerVariants } from '../../properties/shrink/simplerStatements.js';
import { shrinkProgram } from '../../properties/shrink/shrinkProgram.js';
import { smallestPerInvariant } from '../../properties/shrink/smallestCounterexample.js';
import { shrinkToWitness } from '../../properties/shrink/witness.js';
import { foldAppend } from '../../properties/shrink/respellPasses.js';
import { program } from '../helpers/programs.js';

const failure = (invariant: Invariant): Divergence => ({ invariant, step: 1, line: 1, message: 'stand-in', objects: [] });

/** A stand-in predicate that also checks every candidate it is shown is valid. */
function checked(fails: (p: Program) => boolean, invariant: Invariant = 'survivors-promoted') {
  const seen: Program[] = [];
  const predicate = (p: Program) => {
    seen.push(p);
    const problems = validateProgram(p);
    if (problems.length > 0) throw new Error(`invalid candidate:\n${printProgram(p)}${JSON.stringify(problems)}`);
    return fails(p) ? failure(invariant) : null;
  };
  return { predicate, seen };
}

const collectedSomething = (p: Program) => runModel(p).some((line) => line.collections.some((c) => c.collected > 0));

describe('shrinkProgram', () => {
  it('simplifies what it cannot delete to the plainest spelling of the same failure', () => {
    // Stand-in failure: "a collection of generation 0 or 1 with something alive".
    const { predicate } = checked((p) =>
      p.statements.some((s) => s.kind === 'collect' && s.generation < 2 && s.explicitGeneration) &&
      p.statements.some((s) => s.kind === 'newInstance' || s.kind === 'newList'));
    const original = program('# pymem: pool_size=1024 arena_size=2048\nv0 = Lazarus()\ngc.collect(1)\n');
    expect(printProgram(shrinkProgram(original, predicate).program)).toBe('v0 = []\ngc.collect(0)\n');
  });

  it('inlines an alias that deletion alone would have to keep', () => {
    const { predicate } = checked((p) => p.statements.some((s) => s.kind === 'append' && s.list === s.item));
    const original = program('a = []\nb = a\nb.append(b)\n');
    expect(printProgram(shrinkProgram(original, predicate).program)).toBe('v0 = []\nv0.append(v0)\n');
  });

  it('replaces an automatic-collection route by an explicit gc.collect()', () => {
    const { predicate } = checked(collectedSomething);
    const original = program('gc.set_threshold(3, 1, 1)\nx = []\nx.append(x)\ndel x\ny = Obj()\nz = Obj()\nw = []\nq = []\n');
    expect(collectedSomething(original)).toBe(true);
    expect(printProgram(shrinkProgram(original, predicate).program)).toBe('v0 = []\nv0.append(v0)\ndel v0\ngc.collect()\n');
  });

  // Was 112 and 16 (the end of the request's size class): the new order wants the smallest number that
  // keeps the failure, so 17 (the smallest size above 16) and 0 — both simpler.
  it('lowers every size to the smallest that keeps the failure, non-monotone failures included', () => {
    const { predicate } = checked((p) => p.statements.some((s) => s.kind === 'malloc' && s.size > 16));
    expect(printProgram(shrinkProgram(program('m = malloc(100)\nn = malloc(1)\n'), predicate).program)).toBe('v0 = malloc(17)\n');
    const any = checked((p) => p.statements.some((s) => s.kind === 'malloc'));
    expect(printProgram(shrinkProgram(program('m = malloc(100)\n'), any.predicate).program)).toBe('v0 = malloc(0)\n');
    // Fails only at multiples of 16 (a size class's last size): bisection would miss 16, the candidates do not.
    const multiples = checked((p) => p.statements.some((s) => s.kind === 'malloc' && s.size > 0 && s.size % 16 === 0));
    expect(printProgram(shrinkProgram(program('m = malloc(240)\n'), multiples.predicate).program)).toBe('v0 = malloc(16)\n');
    // Fails only at 300 exactly: no candidate does, and the steps below 300 do not either.
    const exact = checked((p) => p.statements.some((s) => s.kind === 'malloc' && s.size === 300));
    expect(printProgram(shrinkProgram(program('m = malloc(300)\n'), exact.predicate).program)).toBe('v0 = malloc(300)\n');
  });

  it('lowers equal numbers together where each alone would lose the failure', () => {
    const sameClass = checked((p) => {
      const sizes = p.statements.flatMap((s) => (s.kind === 'malloc' ? [s.size] : []));
      return sizes.length === 2 && sizes[0] > 0 && sizes[1] > 0 && (sizes[0] - 1) >> 4 === (sizes[1] - 1) >> 4;
    });
    // The first block is never read again, so the second may rebind its name (simpler in the text order).
    expect(printProgram(shrinkProgram(program('a = malloc(240)\nb = malloc(240)\n'), sameClass.predicate).program))
      .toBe('v0 = malloc(1)\nv0 = malloc(1)\n');
  });

  it('turns a raw block and its free into an object and its del, and a cycle through an instance into a list', () => {
    const freedAndAllocated = checked((p) =>
      p.statements.some((s) => s.kind === 'del' || s.kind === 'free') && p.statements.filter((s) => s.kind !== 'del' && s.kind !== 'free').length >= 2);
    expect(printProgram(shrinkProgram(program('m = malloc(240)\nfree(m)\nn = malloc(240)\n'), freedAndAllocated.predicate).program))
      .toBe('v0 = []\ndel v0\nv1 = []\n');
    const { predicate } = checked(collectedSomething);
    expect(printProgram(shrinkProgram(program('x = Obj()\nx.b = x\ndel x\ngc.collect()\n'), predicate).program))
      .toBe('v0 = []\nv0.append(v0)\ndel v0\ngc.collect()\n');
  });

  it('puts independent statements in the normal order, where running says they commute', () => {
    const { predicate } = checked((p) => p.statements.some((s) => s.kind === 'collect') && p.statements.some((s) => s.kind === 'newList'));
    expect(printProgram(shrinkProgram(program('gc.collect()\nx = []\n'), predicate).program)).toBe('v0 = []\ngc.collect()\n');
    // Here the order matters: the collection must come first.
    const first = checked((p) => p.statements[0]?.kind === 'collect' && p.statements.some((s) => s.kind === 'newList'));
    expect(printProgram(shrinkProgram(program('gc.collect()\nx = []\n'), first.predicate).program)).toBe('gc.collect()\nv0 = []\n');
  });

  it('tries CPython\'s geometry, and keeps a scaled-down one the failure needs', () => {
    const anywhere = checked((p) => p.statements.length > 0);
    expect(shrinkProgram(program('# pymem: pool_size=1024 arena_size=2048\nx = []\n'), anywhere.predicate).program.geometry.poolSize).toBe(16384);
    const smallPools = checked((p) => p.geometry.poolSize === 1024 && p.statements.length > 0);
    expect(printProgram(shrinkProgram(program('# pymem: pool_size=1024 arena_size=2048\nx = []\n'), smallPools.predicate).program))
      .toBe('# pymem: pool_size=1024 arena_size=2048\nv0 = []\n');
  });

  it('keeps only candidates that fail with the same invariant', () => {
    // Deleting the collection changes which invariant fails: the shrinker must not take that.
    const fails = (p: Program): Divergence | null => {
      if (p.statements.some((s) => s.kind === 'collect')) return failure('count-rules');
      return p.statements.length > 0 ? failure('tracking-rules') : null;
    };
    const shrunk = shrinkProgram(program('x = []\ny = []\ngc.collect(1)\n'), fails);
    expect(shrunk.divergence.invariant).toBe('count-rules');
    expect(printProgram(shrunk.program)).toBe('gc.collect()\n');
  });

  it('shrinks the same failure written with other names and literals to the same text', () => {
    const { predicate } = checked(collectedSomething);
    const a = program('gc.set_threshold(2)\nfoo = Obj()\nfoo.b = foo\nbar = foo\ndel foo\ndel bar\nq = []\nr = []\ns = []\n');
    const b = program('keep = []\nself = Fin()\nself.a = self\nself = None\ngc.collect(2)\n');
    expect(printProgram(shrinkProgram(a, predicate).program)).toBe(printProgram(shrinkProgram(b, predicate).program));
  });

  it('is deterministic and stops within its evaluation budget', () => {
    const { predicate, seen } = checked((p) => p.statements.length >= 3);
    const original = program(Array.from({ length: 40 }, (_, i) => `x${i % 6} = Lazarus()`).join('\n'));
    const once = shrinkProgram(original, predicate);
    expect(printProgram(once.program)).toBe(printProgram(shrinkProgram(original, predicate).program));
    // Was three lists: `del v0` is simpler than a third list (the kind order puts `del` first).
    expect(printProgram(once.program)).toBe('v0 = []\ndel v0\nv1 = []\n');
    expect(seen.length).toBe(2 * once.evaluations);
    expect(shrinkProgram(original, predicate, 10).evaluations).toBeLessThanOrEqual(10);
  });
});

describe('the shrink order', () => {
  it('puts fewer statements first, then simpler kinds, then CPython\'s geometry and smaller numbers, then canonical names', () => {
    expect(simplerThan(program('x = Lazarus()\n'), program('x = []\ny = []\n'))).toBe(true);
    expect(simplerThan(program('x = []\n'), program('x = Obj()\n'))).toBe(true);
    expect(simplerThan(program('x = Obj()\n'), program('x = malloc(1)\n'))).toBe(true);
    expect(simplerThan(program('gc.collect()\n'), program('gc.set_threshold(1)\n'))).toBe(true);
    expect(simplerThan(program('x = []\n'), program('# pymem: pool_size=1024 arena_size=2048\nx = []\n'))).toBe(true);
    expect(simplerThan(program('x = malloc(17)\n'), program('x = malloc(32)\n'))).toBe(true);
    expect(simplerThan(program('gc.collect(0)\n'), program('gc.collect(1)\n'))).toBe(true);
    expect(simplerThan(program('v0 = []\n'), program('x = []\n'))).toBe(true);
    // Total: only the same program compares equal.
    expect(compareSimplicity(program('v0 = []\n'), program('v0 = []\n'))).toBe(0);
    expect(compareSimplicity(program('v0 = []\nv0 = []\n'), program('v0 = []\nv1 = []\n'))).not.toBe(0);
  });

  it('makes every simpler variant of a statement strictly simpler (so the shrinker cannot loop)', () => {
    const text = [
      'a = Lazarus()', 'b = [a, a, a]', 'c = (a, b)', 'd = {"k": a, "j": b}', 'e = bytes(100)', 'f = a', 'g = weakref.ref(a, on_clear)',
      'a.c = b', 'b.pop(0)', 'n = None', 'del f, c', 'gc.collect(1)', 'gc.set_threshold(700, 10, 10)',
      'm = malloc(1)', 'm = realloc(m, 100)', 'p = malloc(0)', 'q = malloc(2000)', 'r = malloc(32)',
    ].join('\n');
    for (const s of program(text).statements) {
      for (const v of [...simplerVariants(s), ...simplerVariants(s, { targetBound: true })]) {
        expect(compareStatementShapes(v, s), `${s.kind} → ${v.kind}`).toBeLessThan(0);
      }
    }
  });

  it('offers only sizes below the one it has, smallest first, at the size classes\' edges', () => {
    expect(smallerCandidates('request', 40)).toEqual([0, 1, 16, 32]);
    expect(classStartBelow('request', 32)).toBe(17);
    expect(smallerCandidates('bytes', 20)).toEqual([2, 15]);
    expect(classStartBelow('bytes', 15)).toBe(2);
    expect(classStartBelow('bytes', 31)).toBe(16);
    expect(smallerCandidates('generation', 2)).toEqual([0, 1]);
    expect(smallerCandidates('index', -2)).toEqual([0, 1, -1, 2]);
    expect(smallerCandidates('threshold', 700).slice(0, 3)).toEqual([0, 1, 2]);
    expect(smallerCandidates('threshold', 700).at(-1)).toBe(350);
  });
});

describe('blocksToObjects and containerToList', () => {
  it('turn a block\'s free into a del, and an instance\'s stores into appends, until the name is bound again', () => {
    const p = program('m = malloc(64)\nfree(m)\nm = malloc(8)\nfree(m)\n');
    expect(printProgram({ ...p, statements: blocksToObjects(p.statements, [0], 'instance')! })).toBe('m = Obj()\ndel m\nm = malloc(8)\nfree(m)\n');
    const q = program("x = Obj()\nx.a = x\ndel x.a\nd = {'k': x}\nx = Obj()\nx.b = x\n");
    expect(printProgram({ ...q, statements: containerToList(q.statements, 0)! })).toBe("x = []\nx.append(x)\nx.pop()\nd = {'k': x}\nx = Obj()\nx.b = x\n");
    expect(containerToList(q.statements, 1)).toBe(null);
  });
});

describe('inlineRebind', () => {
  it('redirects reads of the alias until either name is bound again, and leaves its del to the normalizer', () => {
    const p = program('a = []\nb = a\nb.append(a)\nc = [b]\nb = []\nb.append(b)\ndel a\n');
    expect(printProgram({ ...p, statements: inlineRebind(p.statements, 1)! })).toBe('a = []\na.append(a)\nc = [a]\nb = []\nb.append(b)\ndel a\n');
    expect(inlineRebind(p.statements, 0)).toBe(null);
  });
});

describe('smallestPerInvariant', () => {
  it('keeps the smallest shrunk program of each invariant, whatever order the failures came in', () => {
    const fails = (p: Program): Divergence | null => {
      if (p.statements.some((s) => s.kind === 'newInstance' && s.cls === 'Lazarus')) return failure('finalizer-at-most-once');
      return p.statements.filter((s) => s.kind === 'newList').length >= 2 ? failure('count-rules') : null;
    };
    const programs = [program('x = []\ny = [x]\nz = []\n'), program('a = Lazarus()\nb = [a]\n'), program('p = []\nq = []\n')];
    const forwards = smallestPerInvariant(programs, fails);
    const backwards = smallestPerInvariant([...programs].reverse(), fails);
    expect([...forwards.keys()].sort()).toEqual(['count-rules', 'finalizer-at-most-once']);
    for (const invariant of forwards.keys()) {
      expect(printProgram(forwards.get(invariant)!.program)).toBe(printProgram(backwards.get(invariant)!.program));
    }
    // Was `v0 = []\nv1 = []\n`: the same shapes, and the rebinding reads first in the text order.
    expect(printProgram(forwards.get('count-rules')!.program)).toBe('v0 = []\nv0 = []\n');
    expect(printProgram(forwards.get('finalizer-at-most-once')!.program)).toBe('v0 = Lazarus()\n');
  });
});

describe('shrinkToWitness', () => {
  it('takes a candidate that fails with another invariant, where a finding\'s own shrink does not', () => {
    const fails = (p: Program): Divergence | null => {
      if (p.statements.some((s) => s.kind === 'collect')) return failure('count-rules');
      return p.statements.length > 0 ? failure('tracking-rules') : null;
    };
    const original = program('x = []\ny = []\ngc.collect(1)\n');
    expect(printProgram(shrinkProgram(original, fails).program)).toBe('gc.collect()\n');
    const witness = shrinkToWitness(original, fails);
    expect(printProgram(witness.program)).toBe('v0 = []\n');
    expect(witness.divergence.invariant).toBe('tracking-rules');
  });

  it('deletes a statement while respelling another, which neither change alone allows: a finalizer in a cycle and a resurrecting one meet', () => {
    // Stand-in failure: a finalizer that runs twice, reached by a Fin() in a self-cycle or by a Lazarus().
    const { predicate } = checked((p) => {
      const text = printProgram(p);
      return /Lazarus\(\)/.test(text) || (/Fin\(\)/.test(text) && /(\w+)\.a = \1\n/.test(text));
    }, 'finalizer-at-most-once');
    const original = program('x = Fin()\nx.a = x\n');
    expect(printProgram(shrinkProgram(original, predicate).program)).toBe('v0 = Fin()\nv0.a = v0\n');
    expect(printProgram(shrinkToWitness(original, predicate).program)).toBe('v0 = Lazarus()\n');
  });
});

describe('foldAppend', () => {
  it('folds an append into its list\'s literal, moving the list after the item with the statements that read it', () => {
    const p = program('v0 = []\nv1 = Obj()\nv0.append(v0)\nv2 = weakref.ref(v1)\nv0.append(v2)\n');
    expect(printProgram({ ...p, statements: foldAppend(p.statements, 4)! })).toBe('v1 = Obj()\nv2 = weakref.ref(v1)\nv0 = [v2]\nv0.append(v0)\n');
    expect(foldAppend(p.statements, 2)).toBeNull(); // a list appended to itself has no literal
    expect(foldAppend(p.statements, 1)).toBeNull();
  });
});
