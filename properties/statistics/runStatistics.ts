/*
 * What many generated programs exercised, accumulated run by run: the statement kinds of each program,
 * the collections of its trace per generation (explicit or automatic, with garbage or without) and its
 * finalizers and callbacks, every semantic event counter the engine reports, and per invariant
 * the statements in which the situation it guards occurred (LockstepResult.exercised). Each statistic keeps a
 * total count and the number of programs in which it happened at least once, so that a report can say
 * how often and how widely, and REQUIRED_MINIMUMS can say "too rarely".
 *
 * A fifth section, `rule`, is derived from the others per program through the rules catalogue
 * (properties/rules/ruleCatalogue.ts): `rule:<name>` when one of the statistics that show the rule applied
 * happened, `rule:<name>:below|at|above` from the engine's boundary counters. The engine's `rule:` counters
 * are kept there, not among the features.
 *
 * Only the program's own statements count: the lockstep teardown is left out of the trace statistics, and
 * LockstepResult.features is read before the teardown. Accumulators merge (campaign workers, suite files).
 */
import type { Program, Statement } from '../../language/ast.js';
import type { TraceLine } from '../../contract/trace.js';
import type { LockstepResult } from '../lockstep/lockstep.js';
import { boundaryCounter, RULE_CATALOGUE, ruleEntry } from '../rules/ruleCatalogue.js';

export interface Tally {
  /** Occurrences over all programs. */
  count: number;
  /** Programs in which it occurred at least once. */
  programs: number;
}

/** The four sections of statistics. */
export type StatisticSection = 'statement' | 'trace' | 'feature' | 'invariant' | 'rule';
/**
 * A statistic by section and name: `statement:newList`, `trace:collect.gen2.automatic`,
 * `feature:resurrection.gc`, `invariant:freed-block-reused-lifo` (statements that exercised it).
 */
export type StatisticKey = `${StatisticSection}:${string}`;

export class RunStatistics {
  programs = 0;
  statements = 0;
  /** Programs whose engine reported feature counters. */
  programsWithFeatures = 0;
  /** Programs whose lockstep run diverged (their statistics stop at the divergence). */
  divergences = 0;
  /** The version profiles the programs ran under (a program without one: 3.11). */
  readonly profiles = new Set<string>();
  readonly sections: Record<StatisticSection, Map<string, Tally>> = {
    statement: new Map(),
    trace: new Map(),
    feature: new Map(),
    invariant: new Map(),
    rule: new Map(),
  };

  /** One program and its lockstep result. */
  add(program: Program, result: Pick<LockstepResult, 'modelTrace' | 'features'> & Partial<Pick<LockstepResult, 'exercised' | 'divergence'>>): void {
    this.programs++;
    if (result.divergence) this.divergences++;
    this.profiles.add(program.cpython ?? '3.11');
    this.statements += program.statements.length;
    const statementKinds = new Map<string, number>();
    for (const s of program.statements) bump(statementKinds, s.kind, 1);
    this.addProgram('statement', statementKinds);
    const trace = traceCounts(program.statements, result.modelTrace);
    this.addProgram('trace', trace);
    const invariants = new Map(Object.entries(result.exercised ?? {}));
    if (result.exercised) this.addProgram('invariant', invariants);
    const features = new Map<string, number>();
    if (result.features) {
      this.programsWithFeatures++;
      for (const [name, count] of Object.entries(result.features)) if (!name.startsWith('rule:')) features.set(name, count);
      this.addProgram('feature', features);
    }
    const sections: Record<string, Map<string, number>> = { statement: statementKinds, trace, feature: features, invariant: invariants };
    const rules = new Map<string, number>();
    for (const rule of RULE_CATALOGUE) {
      if (program.cpython !== undefined && !rule.profiles.includes(program.cpython)) continue;
      let reached = 0;
      for (const key of rule.reachedBy) {
        const [section, name] = splitKey(key as StatisticKey);
        reached += sections[section]?.get(name) ?? 0;
      }
      let sides = 0;
      for (const side of rule.boundary?.sides ?? []) {
        const count = result.features?.[boundaryCounter(rule, side)] ?? 0;
        rules.set(`${rule.name}:${side}`, count);
        sides += count;
      }
      rules.set(rule.name, rule.reachedBy.length > 0 ? reached : sides);
    }
    this.addProgram('rule', rules);
  }

  merge(other: RunStatistics): void {
    this.programs += other.programs;
    this.statements += other.statements;
    this.programsWithFeatures += other.programsWithFeatures;
    this.divergences += other.divergences;
    for (const profile of other.profiles) this.profiles.add(profile);
    for (const section of Object.keys(this.sections) as StatisticSection[]) {
      for (const [name, t] of other.sections[section]) {
        const mine = this.tallyOf(section, name);
        mine.count += t.count;
        mine.programs += t.programs;
      }
    }
  }

  /** A statistic, zero when it never occurred. */
  tally(key: StatisticKey): Tally {
    const [section, name] = splitKey(key);
    return this.sections[section].get(name) ?? { count: 0, programs: 0 };
  }

  /** Programs that could have shown this statistic: feature counters need an engine that reports them. */
  programsFor(key: StatisticKey): number {
    const [section, name] = splitKey(key);
    if (section === 'rule') {
      const [rule, side] = name.split(':');
      const entry = ruleEntry(rule);
      const engineCounted = side !== undefined || entry === undefined || entry.reachedBy.length === 0 || entry.reachedBy.some((k) => k.startsWith('feature:'));
      return engineCounted ? this.programsWithFeatures : this.programs;
    }
    return section === 'feature' ? this.programsWithFeatures : this.programs;
  }

  private addProgram(section: StatisticSection, counts: Map<string, number>): void {
    for (const [name, count] of counts) {
      const t = this.tallyOf(section, name);
      t.count += count;
      if (count > 0) t.programs++;
    }
  }

  private tallyOf(section: StatisticSection, name: string): Tally {
    let t = this.sections[section].get(name);
    if (!t) this.sections[section].set(name, (t = { count: 0, programs: 0 }));
    return t;
  }
}

export function splitKey(key: StatisticKey): [StatisticSection, string] {
  const colon = key.indexOf(':');
  return [key.slice(0, colon) as StatisticSection, key.slice(colon + 1)];
}

/**
 * Trace statistics of the program's own statements: per generation, explicit collections (the one a
 * `gc.collect(g)` statement runs), automatic ones (all others), and those that collected garbage; and
 * the objects finalized and the weakref callbacks run.
 */
function traceCounts(statements: readonly Statement[], trace: readonly TraceLine[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const g of [0, 1, 2]) for (const how of ['explicit', 'automatic', 'with-garbage']) counts.set(`collect.gen${g}.${how}`, 0);
  const lines = Math.min(statements.length, trace.length);
  for (let i = 0; i < lines; i++) {
    const line = trace[i];
    line.collections.forEach((c, k) => {
      const explicit = k === 0 && statements[i].kind === 'collect';
      bump(counts, `collect.gen${c.generation}.${explicit ? 'explicit' : 'automatic'}`, 1);
      if (c.collected > 0) bump(counts, `collect.gen${c.generation}.with-garbage`, 1);
    });
    bump(counts, 'finalized', line.finalized.length);
    bump(counts, 'callbacks', line.callbacks.length);
  }
  return counts;
}

function bump(counts: Map<string, number>, name: string, by: number): void {
  counts.set(name, (counts.get(name) ?? 0) + by);
}
