/*
 * The CPython version profiles: every difference between CPython 3.11, 3.12 and 3.13 in what pymem
 * models, as plain data and small named rule variants, in this one place
 * (docs/cpython-versions.md, "The table of differences", cites the experiment or source line behind
 * each field). The model and the implementation each consult a profile in their own way — the model
 * naively, field by field as it goes; the implementation reads the fields it needs into its own state
 * once per program — and neither copies a code path per version.
 *
 * What a profile says:
 *
 *   defaultThresholds        the collector's thresholds at start;
 *   automaticCollection      'inAllocation' (3.11): the allocation that makes count[0] exceed
 *                            threshold[0] collects at once, before the new object exists.
 *                            'scheduled' (3.12, 3.13): it only sets a pending flag; the collection
 *                            runs at the next eval-breaker check (EVAL_BREAKER_SITES), choosing its
 *                            generation then, from the counts of that moment (maybe none);
 *   pendingWhileDisabled     what that check does when the collector is disabled: 'run' anyway
 *                            (3.12.0–3.12.2) or 'drop' the collection (3.13, and 3.12.3 on);
 *   pendingDuringCollection  what a check does inside a running collection (Python code the
 *                            collection runs: a weakref callback, a `__del__`): 'nest' a collection
 *                            inside it (3.12) or 'drop' the pending one (3.13);
 *   instance                 the block an `Obj`/`Fin`/`Lazarus` asks for and where its GC head and
 *                            object header sit in it (3.12 adds a 16-byte pre-header before the GC
 *                            head for the managed weakref list);
 *   listPopOfLastItem        `pop()` taking the last item: 'resize' to zero (3.11) or 'clear' the list,
 *                            freeing its array (3.12, 3.13);
 *   listDelItem              `del x[i]`: 'resize' (and clear at zero items; 3.11, 3.12) or 'keepArray'
 *                            (3.13: items shifted, the array never reallocated or freed);
 *   tupleFreelistReuseMax    the longest tuple length an allocation takes from the tuple freelists
 *                            (lengths up to 20 are pushed in every version);
 *   clearWeakRefsTuple       when `PyObject_ClearWeakRefs` builds its temporary tuple (an interpreter
 *                            temporary neither engine models; the oracle driver lends for it).
 *
 * Every profile is the behaviour of one interpreter observed by experiment: `observedOn` names it.
 */
import { CPYTHON_VERSIONS, type CPythonVersion, type StatementKind } from '../language/ast.js';

export type AutomaticCollection = 'inAllocation' | 'scheduled';

/** Where a statement checks the eval breaker, the only place a scheduled collection can run. */
export type EvalBreakerSite =
  /** Never by itself (displays, stores, rebinding, `del`): only inside a `__del__` or callback its releases run. */
  | 'none'
  /**
   * When its call returns, before the result is bound or dropped: a new object or a popped item is
   * still on the interpreter stack (reachable), the old value of the target still bound.
   */
  | 'afterCall'
  /** At the entry of the prelude function it calls, before anything of the statement (`fork()`). */
  | 'atEntry';

export interface InstanceLayout {
  /** Bytes an `Obj`/`Fin`/`Lazarus` asks the allocator for. */
  readonly blockBytes: number;
  /** `sys.getsizeof` of one. */
  readonly getsizeof: number;
  /** Where its 16-byte GC head starts in the block (a collection's scan writes it: page rule P2). */
  readonly gcHeadOffset: number;
  /** Where its object header (the refcount) starts in the block (page rule P1). */
  readonly headerOffset: number;
}

export interface CPythonProfile {
  readonly version: CPythonVersion;
  /** The interpreter each rule was observed in (docs/cpython-versions.md). */
  readonly observedOn: string;
  readonly defaultThresholds: readonly [number, number, number];
  readonly automaticCollection: AutomaticCollection;
  readonly pendingWhileDisabled: 'run' | 'drop';
  readonly pendingDuringCollection: 'nest' | 'drop';
  readonly instance: InstanceLayout;
  readonly listPopOfLastItem: 'resize' | 'clear';
  readonly listDelItem: 'resize' | 'keepArray';
  readonly tupleFreelistReuseMax: number;
  readonly clearWeakRefsTuple: 'afterTwoBasicTwoOrMore' | 'afterExactBasicOneOrMore';
}

/**
 * Where each statement kind checks the eval breaker: the same in every version (the interpreter
 * checks at the end of a call it does not inline, and at the entry of a Python function). Only
 * under a 'scheduled' profile is there ever anything for a check to run.
 */
export const EVAL_BREAKER_SITES: Readonly<Record<StatementKind, EvalBreakerSite>> = Object.freeze({
  newList: 'none', newDict: 'none', newTuple: 'none', bindNone: 'none', rebind: 'none', del: 'none',
  setItem: 'none', delItem: 'none', setSlot: 'none', delSlot: 'none',
  newInstance: 'afterCall', newBytes: 'afterCall', newWeakref: 'afterCall',
  append: 'afterCall', pop: 'afterCall', clear: 'afterCall', clearGarbage: 'afterCall', clearRevived: 'afterCall',
  collect: 'afterCall', gcEnable: 'afterCall', gcDisable: 'afterCall', setThreshold: 'afterCall',
  freeze: 'afterCall', unfreeze: 'afterCall', setDebug: 'afterCall',
  malloc: 'afterCall', realloc: 'afterCall', free: 'afterCall', tracemallocStart: 'afterCall', tracemallocStop: 'afterCall',
  fork: 'atEntry',
});

const PY311: CPythonProfile = Object.freeze({
  version: '3.11',
  observedOn: '3.11.7',
  defaultThresholds: [700, 10, 10] as const,
  automaticCollection: 'inAllocation',
  pendingWhileDisabled: 'drop', // nothing is ever pending
  pendingDuringCollection: 'drop',
  instance: Object.freeze({ blockBytes: 64, getsizeof: 64, gcHeadOffset: 0, headerOffset: 16 }),
  listPopOfLastItem: 'resize',
  listDelItem: 'resize',
  tupleFreelistReuseMax: 19,
  clearWeakRefsTuple: 'afterTwoBasicTwoOrMore',
});

const PY312: CPythonProfile = Object.freeze({
  ...PY311,
  version: '3.12',
  observedOn: '3.12.1',
  automaticCollection: 'scheduled',
  pendingWhileDisabled: 'run',
  pendingDuringCollection: 'nest',
  instance: Object.freeze({ blockBytes: 72, getsizeof: 72, gcHeadOffset: 16, headerOffset: 32 }),
  listPopOfLastItem: 'clear',
});

const PY313: CPythonProfile = Object.freeze({
  ...PY312,
  version: '3.13',
  observedOn: '3.13.0',
  defaultThresholds: [2000, 10, 10] as const,
  pendingWhileDisabled: 'drop',
  pendingDuringCollection: 'drop',
  listDelItem: 'keepArray',
  tupleFreelistReuseMax: 20,
  clearWeakRefsTuple: 'afterExactBasicOneOrMore',
});

export const CPYTHON_PROFILES: Readonly<Record<CPythonVersion, CPythonProfile>> = Object.freeze({ '3.11': PY311, '3.12': PY312, '3.13': PY313 });

export function cpythonProfile(version: CPythonVersion): CPythonProfile {
  return CPYTHON_PROFILES[version];
}

/** The profile of an interpreter's `sys.version_info` ("3.12.1"), or null for a version pymem has none for. */
export function profileOfInterpreter(fullVersion: string): CPythonProfile | null {
  const minor = fullVersion.split('.').slice(0, 2).join('.');
  return (CPYTHON_VERSIONS as readonly string[]).includes(minor) ? CPYTHON_PROFILES[minor as CPythonVersion] : null;
}
