/*
 * A small fast-check arbitrary for statements and programs, for the language's own round-trip and
 * normalizer tests. It draws names from a small pool so that generated statements often refer to
 * names bound earlier; it makes no attempt at validity (the swarm generator in properties/ does).
 */
import fc from 'fast-check';
import { CPYTHON_VERSIONS, type AllocatorGeometry, type Program, type Statement } from '../../language/ast.js';
import { reservedNameProblem } from '../../language/names.js';

const namePool = ['x', 'y', 'ab', '_t', 'match'];

export const nameArbitrary: fc.Arbitrary<string> = fc.oneof(
  { weight: 20, arbitrary: fc.constantFrom(...namePool) },
  { weight: 1, arbitrary: fc.stringMatching(/^[a-z_][a-z0-9_]{0,6}$/).filter((n) => reservedNameProblem(n, 'bind') === null) },
);

const keyArbitrary = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom('k', 'j', 'key_1') },
  { weight: 1, arbitrary: fc.stringMatching(/^[a-z_][a-z0-9_]{0,15}$/) },
);
const names = (minLength: number) => fc.array(nameArbitrary, { minLength, maxLength: 3 });
const smallInt = fc.integer({ min: -3, max: 3 });
const subscript = fc.oneof(smallInt, keyArbitrary);
const size = (min: number) => fc.oneof(fc.integer({ min, max: 600 }), fc.constant(10_000_000));
const slot = fc.constantFrom('a' as const, 'b' as const, 'c' as const);

export const statementArbitrary: fc.Arbitrary<Statement> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('newList' as const), target: nameArbitrary, items: names(0) }) },
  fc.record({
    kind: fc.constant('newDict' as const),
    target: nameArbitrary,
    entries: fc.uniqueArray(fc.tuple(keyArbitrary, nameArbitrary), { maxLength: 3, selector: ([k]) => k }),
  }),
  fc.record({ kind: fc.constant('newTuple' as const), target: nameArbitrary, items: names(1) }),
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('newInstance' as const), target: nameArbitrary, cls: fc.constantFrom('Obj' as const, 'Fin' as const, 'Lazarus' as const) }) },
  fc.record({ kind: fc.constant('newBytes' as const), target: nameArbitrary, size: size(2) }),
  fc.record({ kind: fc.constant('bindNone' as const), target: nameArbitrary }),
  fc.record({ kind: fc.constant('rebind' as const), target: nameArbitrary, source: nameArbitrary }),
  fc.record({ kind: fc.constant('newWeakref' as const), target: nameArbitrary, referent: nameArbitrary, callback: fc.boolean() }),
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('malloc' as const), target: nameArbitrary, size: size(0) }) },
  fc.record({ kind: fc.constant('realloc' as const), target: nameArbitrary, block: nameArbitrary, size: size(0) }),
  fc.record({ kind: fc.constant('free' as const), block: nameArbitrary }),
  fc.record({ kind: fc.constant('del' as const), names: names(1) }),
  fc.record({ kind: fc.constant('append' as const), list: nameArbitrary, item: nameArbitrary }),
  fc.record({ kind: fc.constant('pop' as const), container: nameArbitrary, index: fc.option(subscript, { nil: null }) }),
  fc.record({ kind: fc.constant('clear' as const), container: nameArbitrary }),
  fc.record({ kind: fc.constant('setItem' as const), container: nameArbitrary, index: subscript, value: nameArbitrary }),
  fc.record({ kind: fc.constant('delItem' as const), container: nameArbitrary, index: subscript }),
  fc.record({ kind: fc.constant('setSlot' as const), target: nameArbitrary, slot, value: nameArbitrary }),
  fc.record({ kind: fc.constant('delSlot' as const), target: nameArbitrary, slot }),
  fc.boolean().chain((explicitGeneration) =>
    fc.record({
      kind: fc.constant('collect' as const),
      generation: explicitGeneration ? fc.constantFrom(0 as const, 1 as const, 2 as const) : fc.constant(2 as const),
      explicitGeneration: fc.constant(explicitGeneration),
    }),
  ),
  fc.record({ kind: fc.constant('setThreshold' as const), thresholds: fc.array(fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }), { minLength: 1, maxLength: 3 }) }),
  fc.record({ kind: fc.constant('setDebug' as const), saveAll: fc.boolean() }),
  fc.constantFrom<Statement>(
    { kind: 'gcEnable' }, { kind: 'gcDisable' }, { kind: 'freeze' }, { kind: 'unfreeze' }, { kind: 'clearGarbage' },
    { kind: 'clearRevived' }, { kind: 'tracemallocStart' }, { kind: 'tracemallocStop' }, { kind: 'fork' },
  ),
);

export const geometryArbitrary: fc.Arbitrary<AllocatorGeometry> = fc.oneof(
  fc.constant({ poolSize: 16384, arenaSize: 1 << 20 }),
  fc
    .record({ poolShift: fc.integer({ min: 10, max: 14 }), poolsShift: fc.integer({ min: 1, max: 8 }) })
    .map(({ poolShift, poolsShift }) => ({ poolSize: 2 ** poolShift, arenaSize: 2 ** (poolShift + poolsShift) })),
);

export const programArbitrary: fc.Arbitrary<Program> = fc.record({
  statements: fc.array(statementArbitrary, { maxLength: 40, size: 'medium' }),
  geometry: geometryArbitrary,
  cpython: fc.constantFrom(...CPYTHON_VERSIONS),
});

/** Fixed seed: the property tests print the same thing on every run. */
export const PROPERTY_RUNS = { seed: 20240611, numRuns: 200 };
