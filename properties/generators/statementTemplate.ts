/*
 * Statements drawn as templates: the statement kind, its literals, and *selectors* in place of operand
 * names. A template is resolved against the program's symbolic state at its position: selector k picks
 * the k-th (mod count) bound name of the type the operand needs. A template with no candidate is
 * dropped. So every drawn sequence resolves to a valid program, and when the shrinker deletes a
 * template, the ones after it re-resolve against the smaller program and stay valid: what the
 * normalizer does for plain statements, done at generation time.
 */
import fc from 'fast-check';
import type { InstanceClass, SlotName, Statement, StatementKind } from '../../language/ast.js';
import type { SymbolicExecution } from '../../language/symbolicExecution.js';
import type { SymbolicValue } from '../../language/symbolicValue.js';

export const NAMES = ['v0', 'v1', 'v2', 'v3', 'v4', 'v5'] as const;
/** Eight keys: a keys table holds five before it resizes, and deleted entries are only reclaimed then. */
export const KEYS = ['k', 'j', 'q', 'x', 'y', 'z', 'w', 'u'] as const;
/** bytes(N) requests 33 + N: 15/16 straddle 48/49, 479/480 straddle the 512-byte small threshold. */
export const BYTES_SIZES = [2, 15, 16, 17, 31, 100, 479, 480, 1000] as const;
export const MALLOC_SIZES = [0, 1, 16, 17, 48, 100, 456, 512, 513, 2000] as const;

/**
 * A realloc's new size, relative to the block's: CPython keeps a small block in place when the new size
 * n fits its size class S and 4n > 3S. Drawing only from MALLOC_SIZES would almost never land in that
 * window, so a realloc template asks, by `shape`, for an absolute size, the same size, the smallest
 * size inside the window, or the largest below it (for a raw block: the same size, 512 or 513, either
 * side of the small-request threshold).
 */
export function reallocSize(oldSize: number | undefined, shape: number, literal: number): number {
  const absolute = MALLOC_SIZES[literal % MALLOC_SIZES.length];
  if (oldSize === undefined || shape === 0) return absolute;
  if (oldSize < 1 || oldSize > 512) return [oldSize, 512, 513][shape - 1] ?? absolute;
  const sizeClass = ((oldSize - 1) | 15) + 1;
  const window = Math.floor((3 * sizeClass) / 4);
  return [oldSize, window + 1, Math.max(1, window)][shape - 1] ?? absolute;
}

/**
 * Collector thresholds, mostly 1 or 2 and mostly all three: automatic collections of generation 2 (and the
 * long-lived rule) need count[1] and count[2] over their thresholds within a short program. 0 (automatic
 * collection off) and larger values stay possible.
 */
const THRESHOLD = fc.oneof({ arbitrary: fc.integer({ min: 1, max: 2 }), weight: 3 }, { arbitrary: fc.integer({ min: 0, max: 6 }), weight: 1 });

export interface StatementTemplate {
  kind: StatementKind;
  target: number;
  picks: number[];
  literal: number;
  cls: InstanceClass;
  slot: SlotName;
  flag: boolean;
  thresholds: number[];
}

export const templateArbitrary = (kind: StatementKind): fc.Arbitrary<StatementTemplate> =>
  fc.record({
    kind: fc.constant(kind),
    target: fc.nat(NAMES.length - 1),
    picks: fc.array(fc.nat(7), { minLength: 1, maxLength: 7 }),
    literal: fc.nat(31),
    cls: fc.constantFrom<InstanceClass>('Obj', 'Fin', 'Lazarus'),
    slot: fc.constantFrom<SlotName>('a', 'b', 'c'),
    flag: fc.boolean(),
    thresholds: fc.oneof(
      { arbitrary: fc.array(THRESHOLD, { minLength: 3, maxLength: 3 }), weight: 2 },
      { arbitrary: fc.array(THRESHOLD, { minLength: 1, maxLength: 3 }), weight: 1 },
    ),
  });

type Filter = (v: SymbolicValue) => boolean;
const storable: Filter = (v) => v.kind !== 'raw';
const anything: Filter = () => true;
const liveBlock: Filter = (v) => v.kind === 'raw' && v.block.releasedBy === null;
const isType = (type: string, extra: (o: never) => boolean = () => true): Filter => (v) =>
  v.kind === 'object' && v.object.type === type && extra(v.object as never);
const nonEmptyList = isType('list', (o: { length: number }) => o.length > 0);
const dictWithKeys = isType('dict', (o: { keys: Set<string> }) => o.keys.size > 0);
const either = (...filters: Filter[]): Filter => (v) => filters.some((f) => f(v));

/** The statement a template stands for at this point of the program, or null if it has none. */
export function resolveTemplate(t: StatementTemplate, state: SymbolicExecution, blockSize: (name: string) => number | undefined = () => undefined): Statement | null {
  const bindings = state.bindings();
  const candidates = (filter: Filter) => NAMES.filter((n) => bindings.has(n) && filter(bindings.get(n)!));
  const pick = (k: number, filter: Filter): string | undefined => {
    const c = candidates(filter);
    return c.length === 0 ? undefined : c[k % c.length];
  };
  const picked = (filter: Filter) => t.picks.map((k) => pick(k, filter)).filter((n): n is string => n !== undefined);
  const target = NAMES[t.target];
  const first = t.picks[0];
  const object = <T>(name: string) => (bindings.get(name) as unknown as { object: T }).object;
  const indexInto = (name: string) => {
    const length = object<{ length: number }>(name).length;
    return t.flag ? -1 - (t.literal % length) : t.literal % length;
  };
  const keyOf = (name: string) => [...object<{ keys: Set<string> }>(name).keys].sort()[t.literal % object<{ keys: Set<string> }>(name).keys.size];
  const key = KEYS[t.literal % KEYS.length];

  switch (t.kind) {
    case 'newList':
      return { kind: 'newList', target, items: t.flag ? [] : picked(storable) };
    case 'newTuple': {
      const items = picked(storable);
      return items.length === 0 ? null : { kind: 'newTuple', target, items };
    }
    case 'newDict': {
      const values = picked(storable);
      return { kind: 'newDict', target, entries: values.map((v, i) => [KEYS[(t.literal + i) % KEYS.length], v] as [string, string]) };
    }
    case 'newInstance':
      return { kind: 'newInstance', target, cls: t.cls };
    case 'newBytes':
      return { kind: 'newBytes', target, size: BYTES_SIZES[t.literal % BYTES_SIZES.length] };
    case 'bindNone':
      return { kind: 'bindNone', target };
    case 'rebind': {
      const source = pick(first, anything);
      return source === undefined ? null : { kind: 'rebind', target, source };
    }
    case 'newWeakref': {
      const referent = pick(first, isType('instance'));
      return referent === undefined ? null : { kind: 'newWeakref', target, referent, callback: t.flag };
    }
    case 'malloc':
      return { kind: 'malloc', target, size: MALLOC_SIZES[t.literal % MALLOC_SIZES.length] };
    case 'realloc': {
      const block = pick(first, liveBlock);
      if (block === undefined) return null;
      const size = reallocSize(blockSize(block), Math.floor(t.literal / MALLOC_SIZES.length) % 4, t.literal);
      return { kind: 'realloc', target: t.flag ? block : target, block, size };
    }
    case 'free': {
      const block = pick(first, liveBlock);
      return block === undefined ? null : { kind: 'free', block };
    }
    case 'del': {
      const names = [...new Set(picked(anything))];
      return names.length === 0 ? null : { kind: 'del', names };
    }
    case 'append': {
      const list = pick(first, isType('list'));
      const item = pick(t.picks[1] ?? first + 1, storable);
      return list === undefined || item === undefined ? null : { kind: 'append', list, item };
    }
    case 'pop':
    case 'delItem': {
      const container = pick(first, either(nonEmptyList, dictWithKeys));
      if (container === undefined) return null;
      const isList = object<{ type: string }>(container).type === 'list';
      if (t.kind === 'delItem') return { kind: 'delItem', container, index: isList ? indexInto(container) : keyOf(container) };
      return { kind: 'pop', container, index: isList ? (t.literal % 3 === 0 ? null : indexInto(container)) : keyOf(container) };
    }
    case 'clear': {
      const container = pick(first, either(isType('list'), isType('dict')));
      return container === undefined ? null : { kind: 'clear', container };
    }
    case 'setItem': {
      const container = pick(first, either(nonEmptyList, isType('dict')));
      const value = pick(t.picks[1] ?? first + 1, storable);
      if (container === undefined || value === undefined) return null;
      const isList = object<{ type: string }>(container).type === 'list';
      return { kind: 'setItem', container, index: isList ? indexInto(container) : key, value };
    }
    case 'setSlot': {
      const obj = pick(first, isType('instance'));
      const value = pick(t.picks[1] ?? first, storable);
      return obj === undefined || value === undefined ? null : { kind: 'setSlot', target: obj, slot: t.slot, value };
    }
    case 'delSlot': {
      const obj = pick(first, isType('instance', (o: { slots: Set<SlotName> }) => o.slots.size > 0));
      if (obj === undefined) return null;
      const slots = [...object<{ slots: Set<SlotName> }>(obj).slots].sort();
      return { kind: 'delSlot', target: obj, slot: slots[t.literal % slots.length] };
    }
    case 'collect':
      return { kind: 'collect', generation: (t.literal % 3) as 0 | 1 | 2, explicitGeneration: true };
    case 'setThreshold':
      return { kind: 'setThreshold', thresholds: t.thresholds };
    case 'setDebug':
      return { kind: 'setDebug', saveAll: t.flag };
    case 'gcEnable':
    case 'gcDisable':
    case 'freeze':
    case 'unfreeze':
    case 'clearGarbage':
    case 'clearRevived':
    case 'tracemallocStart':
    case 'tracemallocStop':
    case 'fork':
      return { kind: t.kind } as Statement;
  }
}
