/*
 * Corpus mutation: a program that reached new coverage is changed a little, in the hope of reaching
 * more. Operators work on statements, not bytes (a byte-level fuzzer would mostly produce programs
 * that do not parse): delete, duplicate or swap a run, splice in a run from another corpus program,
 * insert freshly generated statements, and change a literal the memory manager cares about (a size at
 * a size-class or small-request boundary, a collection generation, the thresholds, the pool and arena
 * geometry). One to three operators are stacked.
 *
 * Every mutant is normalized (language/normalize.ts): a statement made invalid by the change (a
 * use of a name whose binding moved or vanished, a second `free` of a block) is dropped, so every
 * mutant is a valid program. All choices come from the `rng` handed in, seeded by (campaign seed,
 * index): the same mutant comes out on every machine.
 */
import type seedrandom from 'seedrandom';
import type { Program, Statement } from '../../language/ast.js';
import { normalizeStatements } from '../../language/normalize.js';
import { GEOMETRIES } from '../../properties/generators/programArbitrary.js';
import { programFromSeed } from '../../properties/generators/programFromSeed.js';
import { BYTES_SIZES, MALLOC_SIZES } from '../../properties/generators/statementTemplate.js';

/** Sizes around size-class edges (multiples of 16) and the 512-byte small-request threshold. */
const EDGE_SIZES = [15, 16, 17, 31, 32, 33, 47, 48, 49, 463, 464, 479, 480, 511, 512, 513];
const OPERATORS = ['delete', 'duplicate', 'swap', 'splice', 'insert', 'size', 'collect', 'threshold', 'geometry'] as const;
type Operator = (typeof OPERATORS)[number];

type PRNG = seedrandom.PRNG;
const below = (rng: PRNG, n: number) => Math.floor(rng() * n);
const choose = <T>(rng: PRNG, items: readonly T[]): T => items[below(rng, items.length)];

export function mutateProgram(parent: Program, donor: Program, rng: PRNG, maxStatements: number): Program | null {
  let statements = parent.statements.map(withoutLocation);
  let geometry = parent.geometry;
  const stacked = 1 + below(rng, 3);
  for (let k = 0; k < stacked; k++) {
    const operator: Operator = choose(rng, OPERATORS);
    if (operator === 'geometry') geometry = choose(rng, GEOMETRIES);
    else statements = applyOperator(operator, statements, donor.statements.map(withoutLocation), rng);
  }
  const normalized = normalizeStatements(statements).slice(0, maxStatements);
  return normalized.length === 0 ? null : { statements: normalized, geometry, cpython: parent.cpython };
}

function applyOperator(operator: Exclude<Operator, 'geometry'>, s: Statement[], donor: Statement[], rng: PRNG): Statement[] {
  const at = below(rng, s.length + 1);
  const run = 1 + below(rng, 6);
  switch (operator) {
    case 'delete':
      return [...s.slice(0, at), ...s.slice(at + run)];
    case 'duplicate': {
      const from = below(rng, s.length);
      return insert(s, at, s.slice(from, from + run));
    }
    case 'swap': {
      if (s.length < 2) return s;
      const i = below(rng, s.length - 1);
      return [...s.slice(0, i), s[i + 1], s[i], ...s.slice(i + 2)];
    }
    case 'splice': {
      const from = below(rng, donor.length);
      return insert(s, at, donor.slice(from, from + run));
    }
    case 'insert': {
      const fresh = programFromSeed(rng.int32(), 12).statements;
      return insert(s, at, fresh.slice(0, run));
    }
    case 'size':
      return replaceOne(s, rng, (x) => x.kind === 'newBytes' || x.kind === 'malloc' || x.kind === 'realloc', (x) => {
        if (x.kind === 'newBytes') return { ...x, size: choose(rng, [...BYTES_SIZES, ...EDGE_SIZES.map((n) => n - 33).filter((n) => n >= 2)]) };
        return { ...x, size: choose(rng, [...MALLOC_SIZES, ...EDGE_SIZES]) } as Statement;
      });
    case 'collect': {
      const generation = below(rng, 3) as 0 | 1 | 2;
      if (rng() < 0.5) return insert(s, at, [{ kind: 'collect', generation, explicitGeneration: true }]);
      return replaceOne(s, rng, (x) => x.kind === 'collect', () => ({ kind: 'collect', generation, explicitGeneration: true }));
    }
    case 'threshold': {
      const thresholds = Array.from({ length: 1 + below(rng, 3) }, () => below(rng, 8));
      return insert(s, at, [{ kind: 'setThreshold', thresholds }]);
    }
  }
}

function insert(s: Statement[], at: number, added: Statement[]): Statement[] {
  return [...s.slice(0, at), ...added, ...s.slice(at)];
}

function replaceOne(s: Statement[], rng: PRNG, eligible: (x: Statement) => boolean, change: (x: Statement) => Statement): Statement[] {
  const positions = s.flatMap((x, i) => (eligible(x) ? [i] : []));
  if (positions.length === 0) return s;
  const i = choose(rng, positions);
  return s.map((x, k) => (k === i ? change(x) : x));
}

function withoutLocation({ loc: _loc, ...s }: Statement): Statement {
  return s as Statement;
}
