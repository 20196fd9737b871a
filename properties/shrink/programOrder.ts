/*
 * The order the shrinker descends: a total order on programs, "simpler than", as Hypothesis's shortlex
 * order on choice sequences. Two programs compare on, in turn:
 *
 *   1. the number of statements — fewer is simpler;
 *   2. the statements' shapes: first their total cost, then position by position (lexicographically).
 *      A shape is the statement's kind (STATEMENT_KIND_ORDER: `del` before `[]` before `Obj()` before
 *      `bytes(n)` before `malloc(n)` before …) and then what it holds besides names and numbers (a
 *      list's length, the instance's class, a callback, which slot, whether the generation is written,
 *      how many thresholds); its cost is the kind's rank plus those. The total comes first so that
 *      the simplest of several routes to one bug is the one simplest overall, not the one whose first
 *      statement happens to be plainest: the canary's `v0 = Obj(); del v0; v1 = []` (cost 3) beats
 *      `v0 = []; v1 = [v0, v0, v0]; v1 = Lazarus()` (cost 9), a route through a list's items array
 *      that the passes cannot turn into the other;
 *   3. the allocator geometry — CPython's (no header line) before any scaled-down one, then smaller
 *      pools, then smaller arenas;
 *   4. the numbers, in the order the text writes them (sizes, generations, thresholds, list indices),
 *      lexicographically, each by its magnitude and then non-negative before negative (0, 1, −1, 2, …);
 *   5. the names: a program whose names are already canonical (renameLiveRanges: v0, v1, … in the
 *      order each value is bound; renameKeys: dict keys a, b, …) before one whose names are not; last, the printed text, so that no
 *      two different programs are equal in the order.
 *
 * Why this order. It is well-founded (the statement count is a natural number; for a fixed count,
 * the cost is a natural number, and shapes, geometries and numbers are sequences of naturals of
 * bounded length compared lexicographically; names are two classes), so a shrinker that accepts only strictly simpler
 * candidates terminates whatever mix of passes it runs. And it is total, so "the simplest program that
 * fails this way" is one program: two routes to the same bug that the passes can each bring down to it
 * print the same text. The kind order says which of several equivalent spellings is canonical: the
 * canary's routes through `Obj()`, `bytes(17)`, `malloc(240)` or `[]` to one pymalloc free list all
 * end at the lowest kinds that still fail. Shapes come before numbers, so `v0 = Obj()` beats
 * `v0 = malloc(1)`; numbers come before names, so renaming never hides a larger literal.
 */
import { CPYTHON_GEOMETRY, type AllocatorGeometry, type Program, type Statement, type StatementKind } from '../../language/ast.js';
import { printProgram } from '../../language/print.js';
import { renameKeys, renameLiveRanges } from '../../language/rename.js';

/** Simplest first. Allocation kinds cheapest-to-read first, raw blocks after objects, gc configuration last. */
export const STATEMENT_KIND_ORDER: readonly StatementKind[] = [
  'del', 'newList', 'newInstance', 'newBytes', 'malloc', 'free', 'collect', 'bindNone', 'rebind', 'newTuple', 'newDict',
  'append', 'setSlot', 'setItem', 'pop', 'delItem', 'clear', 'delSlot', 'newWeakref', 'realloc', 'setThreshold',
  'gcDisable', 'gcEnable', 'freeze', 'unfreeze', 'setDebug', 'clearGarbage', 'clearRevived', 'tracemallocStart',
  'tracemallocStop', 'fork',
];
const KIND_RANK = new Map(STATEMENT_KIND_ORDER.map((k, i) => [k, i]));

const CLASS_RANK = { Obj: 0, Fin: 1, Lazarus: 2 } as const;
const SLOT_RANK = { a: 0, b: 1, c: 2 } as const;

/** The statement without its names and numbers: its kind's rank, then its structure. */
export function statementShape(s: Statement): number[] {
  const kind = KIND_RANK.get(s.kind)!;
  switch (s.kind) {
    case 'del':
      return [kind, s.names.length - 1];
    case 'newList':
    case 'newTuple':
      return [kind, s.items.length];
    case 'newDict':
      return [kind, s.entries.length];
    case 'newInstance':
      return [kind, CLASS_RANK[s.cls]];
    case 'newWeakref':
      return [kind, s.callback ? 1 : 0];
    case 'setSlot':
    case 'delSlot':
      return [kind, SLOT_RANK[s.slot]];
    case 'pop':
      // `x.pop()` before `x.pop(i)` before `x.pop('k')`.
      return [kind, s.index === null ? 0 : typeof s.index === 'number' ? 1 : 2];
    case 'setItem':
    case 'delItem':
      return [kind, typeof s.index === 'number' ? 0 : 1];
    case 'collect':
      // `gc.collect()` is the plainest spelling of a collection; a written generation comes after it.
      return [kind, s.explicitGeneration ? 1 : 0];
    case 'setThreshold':
      return [kind, s.thresholds.length];
    case 'setDebug':
      return [kind, s.saveAll ? 1 : 0];
    default:
      return [kind];
  }
}

/** A number's place in the order: by magnitude, then non-negative before negative. */
export const numberRank = (n: number): number => 2 * Math.abs(n) + (n < 0 ? 1 : 0);

/** The statement's numbers in text order (dict keys are names of a kind, not numbers). */
export function statementNumbers(s: Statement): number[] {
  switch (s.kind) {
    case 'newBytes':
    case 'malloc':
    case 'realloc':
      return [s.size];
    case 'collect':
      return s.explicitGeneration ? [s.generation] : [];
    case 'setThreshold':
      return s.thresholds;
    case 'pop':
    case 'setItem':
    case 'delItem':
      return typeof s.index === 'number' ? [s.index] : [];
    default:
      return [];
  }
}

export function geometryRank(g: AllocatorGeometry): number[] {
  return g.poolSize === CPYTHON_GEOMETRY.poolSize && g.arenaSize === CPYTHON_GEOMETRY.arenaSize ? [0] : [1, g.poolSize, g.arenaSize];
}

function compareSequences(a: readonly number[], b: readonly number[]): number {
  for (let k = 0; k < Math.min(a.length, b.length); k++) if (a[k] !== b[k]) return a[k] - b[k];
  return a.length - b.length;
}

const namesAreCanonical = (p: Program): boolean => {
  const renamed = renameKeys(renameLiveRanges(p.statements));
  return printProgram({ ...p, statements: renamed }) === printProgram(p);
};

/** A shape's cost: the kind's rank plus what it holds. */
const shapeCost = (shape: readonly number[]) => shape.reduce((sum, x) => sum + x, 0);

/** The order on single statements the program order implies, names and numbers aside: cost, then shape. */
export function compareStatementShapes(a: Statement, b: Statement): number {
  const x = statementShape(a);
  const y = statementShape(b);
  return shapeCost(x) - shapeCost(y) || compareSequences(x, y);
}

/** Negative when `a` is simpler than `b`, positive when `b` is, 0 only for the same printed program. */
export function compareSimplicity(a: Program, b: Program): number {
  if (a.statements.length !== b.statements.length) return a.statements.length - b.statements.length;
  const cost = (p: Program) => p.statements.reduce((sum, s) => sum + shapeCost(statementShape(s)), 0);
  const costs = cost(a) - cost(b);
  if (costs !== 0) return costs;
  for (let k = 0; k < a.statements.length; k++) {
    const c = compareSequences(statementShape(a.statements[k]), statementShape(b.statements[k]));
    if (c !== 0) return c;
  }
  const g = compareSequences(geometryRank(a.geometry), geometryRank(b.geometry));
  if (g !== 0) return g;
  for (let k = 0; k < a.statements.length; k++) {
    const c = compareSequences(statementNumbers(a.statements[k]).map(numberRank), statementNumbers(b.statements[k]).map(numberRank));
    if (c !== 0) return c;
  }
  const canonicalA = namesAreCanonical(a);
  if (canonicalA !== namesAreCanonical(b)) return canonicalA ? -1 : 1;
  const ta = printProgram(a);
  const tb = printProgram(b);
  return ta < tb ? -1 : ta > tb ? 1 : 0;
}

/** Whether `a` comes strictly before `b` in the shrink order. */
export function simplerThan(a: Program, b: Program): boolean {
  return compareSimplicity(a, b) < 0;
}
