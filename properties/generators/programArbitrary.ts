/*
 * Whole programs, swarm style (Groce et al.): each program first draws which statement kinds are
 * enabled and an allocator geometry, then statement templates of the enabled kinds only, weighted.
 * Uniform choice over everything starves rare states; a program without, say, `del` builds very
 * different heaps from one with it.
 *
 * Templates resolve to valid statements in order (statementTemplate.ts), so every program is valid and
 * so is every program fast-check shrinks it to.
 */
import fc from 'fast-check';
import type { AllocatorGeometry, Program, Statement, StatementKind } from '../../model/language/ast.js';
import { CPYTHON_GEOMETRY } from '../../model/language/ast.js';
import { SymbolicExecution } from '../../model/language/symbolicExecution.js';
import { resolveTemplate, templateArbitrary, type StatementTemplate } from './statementTemplate.js';

/** Small pools and arenas reach pool and arena transitions within a short program. */
export const GEOMETRIES: readonly AllocatorGeometry[] = [
  { poolSize: 1024, arenaSize: 2048 },
  { poolSize: 1024, arenaSize: 4096 },
  { poolSize: 2048, arenaSize: 16384 },
  CPYTHON_GEOMETRY,
];

/**
 * How often each kind is drawn when enabled: creations and stores (which make cycles) most. Collections,
 * weakrefs, SAVEALL and the raw-block kinds (which need a live block) are raised so that the collector's
 * rare paths and raw frees reach the minimums of properties/statistics/requiredMinimums.ts.
 */
export const KIND_WEIGHTS: Partial<Record<StatementKind, number>> = {
  newList: 6, newInstance: 6, setSlot: 6, append: 5, newDict: 3, newTuple: 3, newWeakref: 4, rebind: 3, del: 4,
  setItem: 3, collect: 5, newBytes: 2, malloc: 2, realloc: 2, free: 2, setThreshold: 2, bindNone: 2, pop: 2,
  delItem: 2, delSlot: 3, clear: 1, gcEnable: 1, gcDisable: 1, freeze: 1, unfreeze: 1, setDebug: 2,
  clearGarbage: 1, clearRevived: 1,
};

/** Kinds a generated program may use (tracemalloc and fork have no object-layer semantics yet). */
export const GENERATED_KINDS = Object.keys(KIND_WEIGHTS) as StatementKind[];

/** Kinds every program keeps, so that there is always something to allocate and refer to. */
const ALWAYS: StatementKind[] = ['newList', 'newInstance'];

export interface ProgramShape {
  kinds: StatementKind[];
  geometry: AllocatorGeometry;
}

/** What a property focuses on: which kinds the swarm draws from and which geometries. */
export interface GeneratorProfile {
  maxLength?: number;
  /** Kinds the swarm may enable (default: all generated kinds). */
  kinds?: readonly StatementKind[];
  geometries?: readonly AllocatorGeometry[];
}

export function programShapeArbitrary(profile: GeneratorProfile = {}): fc.Arbitrary<ProgramShape> {
  const pool = (profile.kinds ?? GENERATED_KINDS).filter((k) => !ALWAYS.includes(k));
  return fc.record({
    kinds: fc.subarray(pool, { minLength: Math.min(3, pool.length) }).map((ks) => [...ALWAYS, ...ks]),
    geometry: fc.constantFrom(...(profile.geometries ?? GEOMETRIES)),
  });
}

export function resolveTemplates(templates: StatementTemplate[]): Statement[] {
  const state = new SymbolicExecution();
  const statements: Statement[] = [];
  for (const t of templates) {
    const s = resolveTemplate(t, state);
    if (s && state.step(s).length === 0) statements.push(s);
  }
  return statements;
}

export function programArbitrary(profileOrMaxLength: GeneratorProfile | number = {}): fc.Arbitrary<Program> {
  const profile = typeof profileOrMaxLength === 'number' ? { maxLength: profileOrMaxLength } : profileOrMaxLength;
  const maxLength = profile.maxLength ?? 40;
  return programShapeArbitrary(profile).chain(({ kinds, geometry }) => {
    const template = fc.oneof(...kinds.map((k) => ({ arbitrary: templateArbitrary(k), weight: KIND_WEIGHTS[k] ?? 1 })));
    return fc
      .array(template, { minLength: 1, maxLength, size: 'max' })
      .map((templates) => ({ statements: resolveTemplates(templates), geometry }));
  });
}
