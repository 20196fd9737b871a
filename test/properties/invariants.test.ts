/*
 * The invariants catalogue is the single source of invariant names (properties/invariants/catalogue.ts).
 * These tests fail when something names an invariant the catalogue lacks — a planted bug, a required
 * minimum, a checker module's string literal, the model's allocator checks — when an invariant has no
 * planted bug (it would not be provably failable), when a checker reports an invariant the catalogue
 * does not give it (or the reverse), when the exercise counters skip one, when the planted bugs'
 * README table disagrees with their catalog, and when docs/invariants.md is not what the catalogue
 * generates. Each checking function also runs on a planted bad input, to show it can fail.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AllocatorInvariant } from '../../model/allocator/index.js';
import { PLANTED_BUGS } from '../../plantedBugs/catalog.js';
import { INVARIANT_CATALOGUE, INVARIANTS, isInvariant, type Invariant } from '../../properties/invariants/catalogue.js';
import { CHECKERS, CHECKER_NAMES, type CheckerName } from '../../properties/invariants/checkers.js';
import { LAYERS, LEVELS, type InvariantEntry } from '../../properties/invariants/invariantEntry.js';
import { invariantsDoc, type NamedBug } from '../../properties/invariants/invariantsDoc.js';
import {
  FORK_MINIMUMS, REQUIRED_MINIMUMS, TRACEMALLOC_MINIMUMS, type RequiredMinimum,
} from '../../properties/statistics/requiredMinimums.js';

const ROOT = join(import.meta.dirname, '..', '..');
const read = (path: string): string => readFileSync(join(ROOT, path), 'utf8');

// At compile time: the model's allocator checks name only invariants of the catalogue.
const ALLOCATOR_NAMES_ARE_INVARIANTS: readonly Invariant[] = [] as AllocatorInvariant[];

/** The source without its comments (block, then line comments not inside a string). */
function withoutComments(source: string): string {
  return source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^((?:[^'"`\n]|'[^'\n]*'|"[^"\n]*"|`[^`\n]*`)*?)\/\/.*$/gm, '$1');
}

/** The kebab-case string literals of TypeScript source (`'count-rules'`), comments left out: the names a module reports. */
export function kebabLiterals(source: string): Set<string> {
  const names = new Set<string>();
  for (const m of withoutComments(source).matchAll(/(['"`])([a-z][a-z0-9]*(?:-[a-z0-9]+)+)\1/g)) names.add(m[2]);
  return names;
}

/** Per source file, the kebab-case literals that are no invariant of the catalogue. */
export function unknownNames(sources: ReadonlyMap<string, string>): string[] {
  const problems: string[] = [];
  for (const [file, text] of sources) {
    for (const name of kebabLiterals(text)) if (!isInvariant(name)) problems.push(`${file}: '${name}' is not in the catalogue`);
  }
  return problems;
}

/** Where a checker module and the catalogue disagree on which invariants the checker reports. */
export function checkerMismatches(
  sources: ReadonlyMap<string, string>, catalogue: readonly InvariantEntry[] = INVARIANT_CATALOGUE,
): string[] {
  const problems: string[] = [];
  for (const checker of CHECKER_NAMES) {
    const { module } = CHECKERS[checker];
    const text = sources.get(module);
    if (text === undefined) {
      problems.push(`${checker}: no module ${module}`);
      continue;
    }
    const inCode = kebabLiterals(text);
    const claimed = new Set(catalogue.filter((e) => e.checkers.includes(checker)).map((e) => e.name));
    for (const name of inCode) if (!claimed.has(name)) problems.push(`${checker} reports '${name}', which the catalogue does not give it`);
    for (const name of claimed) if (!inCode.has(name)) problems.push(`the catalogue gives ${checker} '${name}', which ${module} never reports`);
  }
  return problems;
}

export function unknownBugInvariants(bugs: readonly NamedBug[]): string[] {
  return bugs.filter((b) => !isInvariant(b.invariant)).map((b) => `${b.name} names '${b.invariant}', which the catalogue lacks`);
}

export function invariantsWithoutBug(bugs: readonly NamedBug[]): string[] {
  return INVARIANTS.filter((name) => !bugs.some((b) => b.invariant === name));
}

export function unknownMinimumKeys(minimums: readonly RequiredMinimum[]): string[] {
  return minimums.map((m) => m.key).filter((key) => key.startsWith('invariant:') && !isInvariant(key.slice('invariant:'.length)));
}

/** The rows of the planted bugs' README table ("## The bugs"): bug → invariant. */
function readmeBugTable(readme: string): Map<string, string> {
  const section = readme.slice(readme.indexOf('## The bugs'), readme.indexOf('\n## ', readme.indexOf('## The bugs') + 1));
  const rows = new Map<string, string>();
  for (const m of section.matchAll(/^\| `([a-z0-9-]+)` \|.*\| `([a-z0-9-]+)` \| \d+ \|$/gm)) rows.set(m[1], m[2]);
  return rows;
}

/** Where the README table and the catalog of planted bugs disagree. */
export function readmeMismatches(readme: string, bugs: readonly NamedBug[]): string[] {
  const rows = readmeBugTable(readme);
  const problems: string[] = [];
  for (const bug of bugs) {
    const listed = rows.get(bug.name);
    if (listed === undefined) problems.push(`${bug.name} is missing from the table`);
    else if (listed !== bug.invariant) problems.push(`${bug.name}: the table says '${listed}', the catalog '${bug.invariant}'`);
  }
  for (const name of rows.keys()) if (!bugs.some((b) => b.name === name)) problems.push(`${name} is in the table but not in the catalog`);
  return problems;
}

/** The first line where `actual` differs from `expected`, or null when they are the same text. */
export function firstDifference(actual: string, expected: string): string | null {
  if (actual === expected) return null;
  const a = actual.split('\n');
  const e = expected.split('\n');
  let k = 0;
  while (k < a.length && k < e.length && a[k] === e[k]) k++;
  return `line ${k + 1}: ${JSON.stringify(a[k] ?? '(end of file)')}, expected ${JSON.stringify(e[k] ?? '(end of file)')}`;
}

function lockstepSources(): Map<string, string> {
  const dir = 'properties/lockstep';
  return new Map(readdirSync(join(ROOT, dir)).filter((f) => f.endsWith('.ts')).map((f) => [posix.join(dir, f), read(posix.join(dir, f))]));
}

describe('the invariants catalogue', () => {
  it('names each invariant once, in kebab case, with a statement, a layer, a level, checkers and a minimum or a reason', () => {
    expect(new Set(INVARIANTS).size).toBe(INVARIANTS.length);
    expect(INVARIANTS).toHaveLength(29);
    for (const entry of INVARIANT_CATALOGUE as readonly InvariantEntry[]) {
      expect(entry.name).toMatch(/^[a-z][a-z0-9]*(-[a-z0-9]+)+$/);
      expect(entry.statement.length, entry.name).toBeGreaterThan(30);
      expect(entry.exercisedWhen.length, entry.name).toBeGreaterThan(5);
      expect(LAYERS, entry.name).toContain(entry.layer);
      expect(LEVELS, entry.name).toContain(entry.level);
      expect(entry.checkers.length, entry.name).toBeGreaterThan(0);
      for (const c of entry.checkers) expect(CHECKER_NAMES, entry.name).toContain(c);
      if ('none' in entry.minimum) expect(entry.minimum.none.length, entry.name).toBeGreaterThan(10);
      else expect(entry.minimum.percentOfPrograms, entry.name).toBeGreaterThan(0);
    }
  });

  it('every planted bug names an invariant of the catalogue (checked at run time too)', () => {
    expect(unknownBugInvariants(PLANTED_BUGS)).toEqual([]);
    const planted: NamedBug[] = [...PLANTED_BUGS, { name: 'made-from-a-string', invariant: ['no', 'such', 'invariant'].join('-') }];
    expect(unknownBugInvariants(planted)).toEqual(["made-from-a-string names 'no-such-invariant', which the catalogue lacks"]);
  });

  it('every invariant has a planted bug reported under it: each can be shown to fail', () => {
    expect(invariantsWithoutBug(PLANTED_BUGS)).toEqual([]);
    const withoutCountBugs = PLANTED_BUGS.filter((b) => b.invariant !== 'count-rules');
    expect(invariantsWithoutBug(withoutCountBugs)).toEqual(['count-rules']);
  });

  it('every required minimum names an invariant of the catalogue, and each catalogue minimum is required by its profile', () => {
    const all = [...REQUIRED_MINIMUMS, ...TRACEMALLOC_MINIMUMS, ...FORK_MINIMUMS];
    expect(unknownMinimumKeys(all)).toEqual([]);
    expect(unknownMinimumKeys([...all, { key: 'invariant:refcount-is-right', percentOfPrograms: 1 }])).toEqual(['invariant:refcount-is-right']);
    const byProfile = { default: REQUIRED_MINIMUMS, tracemalloc: TRACEMALLOC_MINIMUMS, fork: FORK_MINIMUMS };
    for (const { name, minimum } of INVARIANT_CATALOGUE as readonly InvariantEntry[]) {
      if ('none' in minimum) continue;
      expect(byProfile[minimum.profile], name).toContainEqual({ key: `invariant:${name}`, percentOfPrograms: minimum.percentOfPrograms });
    }
  });

  it('the lockstep modules use no invariant name the catalogue lacks', () => {
    const sources = lockstepSources();
    expect(sources.size).toBeGreaterThanOrEqual(8);
    expect(unknownNames(sources)).toEqual([]);
    const planted = new Map([
      ['properties/lockstep/compareTrace.ts', "// 'not-an-invariant' in a comment is no name\nreturn diverge('refcount-is-right', message);\n"],
    ]);
    expect(unknownNames(planted)).toEqual(["properties/lockstep/compareTrace.ts: 'refcount-is-right' is not in the catalogue"]);
  });

  it("each checker module reports exactly the invariants the catalogue gives it", () => {
    const sources = lockstepSources();
    expect(checkerMismatches(sources)).toEqual([]);
    const teardown = CHECKERS.teardown.module;
    const planted = new Map(sources);
    planted.set(teardown, `${sources.get(teardown)}\nconst extra = 'bytes-accounting';\n`);
    expect(checkerMismatches(planted)).toEqual(["teardown reports 'bytes-accounting', which the catalogue does not give it"]);
    const overclaimed = (INVARIANT_CATALOGUE as readonly InvariantEntry[]).map((e) =>
      e.name === 'count-rules' ? { ...e, checkers: [...e.checkers, 'teardown' as CheckerName] } : e);
    expect(checkerMismatches(sources, overclaimed)).toEqual([`the catalogue gives teardown 'count-rules', which ${teardown} never reports`]);
  });

  it("the model's allocator checks name invariants of the allocator layer", () => {
    const names = [...kebabLiterals(read('model/allocator/invariants.ts'))];
    expect(names.length).toBeGreaterThanOrEqual(5);
    const layerOf = new Map((INVARIANT_CATALOGUE as readonly InvariantEntry[]).map((e) => [e.name, e.layer]));
    expect(names.filter((n) => layerOf.get(n) !== 'allocator')).toEqual([]);
    expect(ALLOCATOR_NAMES_ARE_INVARIANTS).toEqual([]);
  });

  it('the exercise counters count every invariant', () => {
    const counted = kebabLiterals(read('properties/lockstep/exercise.ts'));
    expect(INVARIANTS.filter((name) => !counted.has(name))).toEqual([]);
  });

  it("the planted bugs' README table names each bug's invariant as the catalog does", () => {
    const readme = read('plantedBugs/README.md');
    expect(readmeMismatches(readme, PLANTED_BUGS)).toEqual([]);
    const swapped = readme.replace('| `count-rules` | 2 |', '| `threshold-triggering` | 2 |');
    expect(readmeMismatches(swapped, PLANTED_BUGS)).toEqual(["count0-not-reset: the table says 'threshold-triggering', the catalog 'count-rules'"]);
    const newBug: NamedBug = { name: 'a-new-bug', invariant: 'count-rules' };
    expect(readmeMismatches(readme, [...PLANTED_BUGS, newBug])).toEqual(['a-new-bug is missing from the table']);
  });

  it('docs/invariants.md is what the catalogue generates (npm run docs:invariants)', () => {
    const expected = invariantsDoc(PLANTED_BUGS);
    expect(firstDifference(read('docs/invariants.md'), expected)).toBeNull();
    for (const name of INVARIANTS) expect(expected).toContain(`| \`${name}\` |`);
    for (const bug of PLANTED_BUGS) expect(expected).toContain(`\`${bug.name}\``);
    expect(expected).not.toMatch(new RegExp(`SPEC \u00a7|\\.\\./${'shared'}`));
    const stale = expected.replace('| `count0-not-reset`, `count1-not-incremented` |', '| `count0-not-reset` |');
    expect(firstDifference(stale, expected)).toMatch(/^line \d+: .*count-rules/);
  });
});
