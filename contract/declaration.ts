/*
 * A plug-in's declaration (docs/plugins.md#the-declaration): which contract level it promises and
 * which optional observations it reports. A module exports it as `pymem`, or the engine object carries
 * it as its `pymem` property:
 *
 *   export const pymem = { contract: 'reachability', observes: ['objects', 'allocator'] };
 *
 * The level is the one checked when the caller names none (`--contract`, `checkEngine`'s `contract`);
 * a stricter one may still be asked for, and then fails where the engine does less. `observes` says
 * which fields of a snapshot mean something: an engine without refcounts (a tracing collector) leaves
 * out `refcounts`, and pymem does not compare the snapshots' refcounts; without a declaration, every
 * observation is assumed. Validated before any program runs (loadPlugin.ts): a malformed declaration is
 * a UsageError naming what is wrong.
 */

/** The contract levels, weakest first (docs/contract-levels.md); each includes the ones before. */
export type ContractLevel = 'reachability' | 'refcount' | 'cpython';
export const LEVELS: readonly ContractLevel[] = ['reachability', 'refcount', 'cpython'];

/** A level named in text (`--contract LEVEL`, a file): null when it names none. */
export function parseContractLevel(text: string): ContractLevel | null {
  return (LEVELS as readonly string[]).includes(text) ? (text as ContractLevel) : null;
}

/**
 * What an engine may report beyond the required trace fields:
 *   objects      `execute(s, { snapshot: true })` lists the live objects (presence, finalized flag);
 *   refcounts    each listed object's `refcount` is its true reference count;
 *   generations  each listed object's `gen` is its generation (or null: untracked);
 *   allocator    the engine routes its allocator's calls through `hooks.wrapAllocator`.
 */
export type Observation = 'objects' | 'refcounts' | 'generations' | 'allocator';
export const OBSERVATIONS: readonly Observation[] = ['objects', 'refcounts', 'generations', 'allocator'];

export interface PluginDeclaration {
  /** The level the engine promises; the one checked by default. */
  contract?: ContractLevel;
  /** The optional observations it reports; left out: all of them. */
  observes?: readonly Observation[];
}

/** What `declaration.observes` says of one observation (no declaration, or no list: everything is observed). */
export function observes(declaration: PluginDeclaration | undefined, what: Observation): boolean {
  return declaration?.observes === undefined || declaration.observes.includes(what);
}

/**
 * The snapshot and trace fields a check at `level` compares, beyond presence, the finalized flag and the
 * deaths (docs/contract-levels.md): `gc.get_count()` only at cpython (and with it, in the oracle, the
 * collections' schedule: which generations ran, what each counted); refcounts from refcount on, and
 * generations at cpython, each only when the engine observes them. What a replay reports as the two
 * sides' differences, so that it names no field the check ignores.
 */
export interface ComparedFields {
  count: boolean;
  refcount: boolean;
  gen: boolean;
}

export const EVERY_FIELD: ComparedFields = { count: true, refcount: true, gen: true };

export function comparedFields(level: ContractLevel, declaration: PluginDeclaration | undefined): ComparedFields {
  return {
    count: level === 'cpython',
    refcount: level !== 'reachability' && observes(declaration, 'refcounts'),
    gen: level === 'cpython' && observes(declaration, 'generations'),
  };
}

/** The problems of a value offered as a declaration, each a phrase naming the field; empty when well-formed. */
export function declarationProblems(value: unknown): string[] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return ['is not an object { contract?, observes? }'];
  const problems: string[] = [];
  const d = value as Record<string, unknown>;
  for (const key of Object.keys(d)) {
    if (key !== 'contract' && key !== 'observes') problems.push(`has an unknown field '${key}' (known: contract, observes)`);
  }
  if (d.contract !== undefined && !(LEVELS as readonly unknown[]).includes(d.contract)) {
    problems.push(`contract is ${JSON.stringify(d.contract)}, not one of ${LEVELS.join(', ')}`);
  }
  if (d.observes !== undefined) {
    if (!Array.isArray(d.observes)) problems.push('observes is not an array');
    else for (const o of d.observes) {
      if (!(OBSERVATIONS as readonly unknown[]).includes(o)) problems.push(`observes lists ${JSON.stringify(o)}, not one of ${OBSERVATIONS.join(', ')}`);
    }
  }
  return problems;
}

/** The declaration a factory or an engine carries (`pymem` property), if any. */
export function declarationOf(carrier: unknown): PluginDeclaration | undefined {
  if ((typeof carrier !== 'object' && typeof carrier !== 'function') || carrier === null) return undefined;
  const d = (carrier as { pymem?: unknown }).pymem;
  return d !== undefined && declarationProblems(d).length === 0 ? (d as PluginDeclaration) : undefined;
}

/** The level an engine is checked at: the one asked for, else the one its carrier declares, else cpython. */
export function contractLevelOf(carrier: unknown, asked?: ContractLevel): ContractLevel {
  return asked ?? declarationOf(carrier)?.contract ?? 'cpython';
}
