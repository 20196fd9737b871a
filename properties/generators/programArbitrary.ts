/*
 * Whole programs, swarm style (Groce et al.): each program first draws which statement kinds are
 * enabled and an allocator geometry, then statement templates of the enabled kinds only, weighted.
 * Uniform choice over everything starves rare states; a program without, say, `del` builds very
 * different heaps from one with it.
 *
 * The swarm also draws which idioms are enabled (idiomTemplate.ts: short patterns written as several
 * statements, such as a burst of nested lists that overflows a freelist) and the program's length
 * tier: most programs have up to `maxLength` templates, some a quarter of that (short programs find
 * shallow bugs fast and shrink cheaply), and one in ten twice as many (long-lived heaps, many
 * automatic collections). Idioms and the long tier make some programs a few hundred statements long
 * while the average stays close to what it was.
 *
 * Templates resolve to valid statements in order (statementTemplate.ts), so every program is valid and
 * so is every program fast-check shrinks it to. The version profile (GeneratorProfile.cpython) only
 * adds the idioms about scheduled collections under 3.12 on: a 3.11 program is what it always was. The
 * idioms that reach the rules' boundaries are drawn only when the profile asks (`ruleIdioms`).
 */
import fc from 'fast-check';
import type { AllocatorGeometry, CPythonVersion, Program, Statement, StatementKind } from '../../language/ast.js';
import { CPYTHON_GEOMETRY, DEFAULT_CPYTHON } from '../../language/ast.js';
import { SymbolicExecution } from '../../language/symbolicExecution.js';
import { cpythonProfile } from '../../contract/cpythonProfiles.js';
import {
  expandIdiom, IDIOM_STATEMENT_KINDS, IDIOM_WEIGHTS, IDIOMS, idiomArbitrary, isIdiom, RULE_IDIOMS, SCHEDULED_ONLY_IDIOMS, type Idiom, type IdiomTemplate,
} from './idiomTemplate.js';
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

/**
 * Kinds the default swarm draws from. tracemalloc and fork change nothing of the object layer and have
 * properties of their own (properties/tracemalloc.test.ts, fork.test.ts), which add them to these: the
 * default distribution stays what the statistics minimums and the planted-bug budgets were measured on.
 */
export const GENERATED_KINDS = Object.keys(KIND_WEIGHTS) as StatementKind[];
export const TRACEMALLOC_KINDS: readonly StatementKind[] = [...GENERATED_KINDS, 'tracemallocStart', 'tracemallocStop'];
export const FORK_KINDS: readonly StatementKind[] = [...GENERATED_KINDS, 'fork'];

/** Kinds every program keeps, so that there is always something to allocate and refer to. */
const ALWAYS: StatementKind[] = ['newList', 'newInstance'];

export interface ProgramShape {
  kinds: StatementKind[];
  idioms: Idiom[];
  geometry: AllocatorGeometry;
  /** At most this many templates. */
  length: number;
}

/** What a property focuses on: which kinds the swarm draws from and which geometries. */
export interface GeneratorProfile {
  maxLength?: number;
  /** Kinds the swarm may enable (default: all generated kinds). */
  kinds?: readonly StatementKind[];
  geometries?: readonly AllocatorGeometry[];
  /** The version profile every program runs under (default 3.11); it changes no statement drawn. */
  cpython?: CPythonVersion;
  /**
   * Also draw the idioms that reach the rules' boundaries (RULE_IDIOMS: wide displays, raw blocks at
   * class edges, the long history at CPython's defaults, the long-lived walk). Off by default: the
   * programs of every other profile stay the ones their minimums and planted-bug budgets were measured
   * on; the fixed-seed statistics run (properties/statistics/ciRun.ts) turns them on.
   */
  ruleIdioms?: boolean;
}

/** The length tiers, relative to the profile's maxLength: [factor, weight]. */
const LENGTH_TIERS: ReadonlyArray<[number, number]> = [[0.25, 3], [1, 6], [2, 1]];

export function programShapeArbitrary(profile: GeneratorProfile = {}): fc.Arbitrary<ProgramShape> {
  const allowed = new Set([...(profile.kinds ?? GENERATED_KINDS), ...ALWAYS]);
  const pool = [...allowed].filter((k) => !ALWAYS.includes(k));
  // An idiom belongs to a profile only if the profile allows every kind of statement it writes (and,
  // for one about scheduled collections, only under a version profile that schedules them).
  const scheduled = cpythonProfile(profile.cpython ?? DEFAULT_CPYTHON).automaticCollection === 'scheduled';
  const idioms = IDIOMS.filter((i) => IDIOM_STATEMENT_KINDS[i].every((k) => allowed.has(k)) && (scheduled || !SCHEDULED_ONLY_IDIOMS.includes(i)) &&
    (profile.ruleIdioms === true || !RULE_IDIOMS.includes(i)));
  const maxLength = profile.maxLength ?? 40;
  return fc.record({
    kinds: fc.subarray(pool, { minLength: Math.min(3, pool.length) }).map((ks) => [...ALWAYS, ...ks]),
    idioms: fc.subarray(idioms),
    geometry: fc.constantFrom(...(profile.geometries ?? GEOMETRIES)),
    length: fc.oneof(...LENGTH_TIERS.map(([factor, weight]) => ({ arbitrary: fc.constant(Math.max(1, Math.round(factor * maxLength))), weight }))),
  });
}

type ProgramTemplate = StatementTemplate | IdiomTemplate;

export function resolveTemplates(templates: ProgramTemplate[]): Statement[] {
  const state = new SymbolicExecution();
  const statements: Statement[] = [];
  // The size each live raw block was allocated with, for realloc sizes relative to it.
  const sizes = new WeakMap<object, number>();
  const blockOf = (name: string) => {
    const v = state.bindings().get(name);
    return v?.kind === 'raw' ? v.block : undefined;
  };
  const blockSize = (name: string) => {
    const block = blockOf(name);
    return block && sizes.get(block);
  };
  const keep = (s: Statement | null) => {
    if (!s || state.step(s).length > 0) return;
    statements.push(s);
    if (s.kind === 'malloc' || s.kind === 'realloc') sizes.set(blockOf(s.target)!, s.size);
  };
  for (const t of templates) {
    if (isIdiom(t)) expandIdiom(t, state).forEach(keep);
    else keep(resolveTemplate(t, state, blockSize));
  }
  return statements;
}

export function programArbitrary(profileOrMaxLength: GeneratorProfile | number = {}): fc.Arbitrary<Program> {
  const profile = typeof profileOrMaxLength === 'number' ? { maxLength: profileOrMaxLength } : profileOrMaxLength;
  return programShapeArbitrary(profile).chain(({ kinds, idioms, geometry, length }) => {
    const template: fc.Arbitrary<ProgramTemplate> = fc.oneof(
      ...kinds.map((k) => ({ arbitrary: templateArbitrary(k) as fc.Arbitrary<ProgramTemplate>, weight: KIND_WEIGHTS[k] ?? 1 })),
      ...idioms.map((i) => ({ arbitrary: idiomArbitrary(i) as fc.Arbitrary<ProgramTemplate>, weight: IDIOM_WEIGHTS[i] })),
    );
    return fc
      .array(template, { minLength: 1, maxLength: length, size: 'max' })
      .map((templates) => ({ statements: resolveTemplates(templates), geometry, cpython: profile.cpython ?? DEFAULT_CPYTHON }));
  });
}
