/*
 * The generated half of the CI suite, declared once: for each property file (properties/*.test.ts), what
 * its programs are drawn from and how many the `ci` profile checks. The property files run them; mutation
 * testing (mutation/suiteAtBudget.mjs) runs the first programs of the same properties, from the same seed,
 * so that what it measures is the suite CI runs, only at a smaller budget.
 */
import { FORK_KINDS, GENERATED_KINDS, GEOMETRIES, TRACEMALLOC_KINDS, type GeneratorProfile } from '../generators/programArbitrary.js';

export interface SuiteProperty {
  /** The name the property prints with its seed, and its statistics report's title. */
  title: string;
  /** The property file, named in replay commands. */
  testFile: string;
  generator: GeneratorProfile;
  /** Programs under the `ci` profile when fewer than the profile's own (a feature property's budget). */
  ciRuns?: number;
}

const NO_COLLECTOR = GENERATED_KINDS.filter((k) => !['collect', 'setThreshold', 'gcEnable', 'freeze', 'unfreeze'].includes(k));

export const SUITE_PROPERTIES = {
  /** The refcount layer's invariants, on programs without collections. */
  refcounting: {
    title: 'refcounting', testFile: 'properties/refcounting.test.ts',
    generator: { kinds: ['gcDisable', ...NO_COLLECTOR], maxLength: 60 },
  },
  /** The collector's invariants, on programs with every statement kind. */
  collector: { title: 'collector', testFile: 'properties/collector.test.ts', generator: { maxLength: 60 } },
  /** The allocator's invariants, on small pools and arenas so that short programs fill and empty them. */
  allocator: {
    title: 'allocator', testFile: 'properties/allocator.test.ts',
    generator: {
      maxLength: 80,
      geometries: GEOMETRIES.slice(0, 3),
      kinds: ['newBytes', 'malloc', 'realloc', 'free', 'newDict', 'setItem', 'delItem', 'append', 'pop', 'clear', 'del', 'newTuple', 'collect', 'rebind'],
    },
  },
  /** tracemalloc's and `sys.getsizeof`'s invariants: the default kinds and `tracemalloc.start()`/`stop()`. */
  tracemalloc: {
    title: 'tracemalloc', testFile: 'properties/tracemalloc.test.ts', generator: { kinds: TRACEMALLOC_KINDS, maxLength: 60 }, ciRuns: 1500,
  },
  /**
   * The page-write invariant: the default kinds and `fork()`, and tracemalloc's two, so that a fork also
   * happens while tracing (the allocator then calls both listeners: impl/runtime/pageWrites.ts BothHooks).
   */
  fork: {
    title: 'fork', testFile: 'properties/fork.test.ts', generator: { kinds: [...FORK_KINDS, 'tracemallocStart', 'tracemallocStop'], maxLength: 60 }, ciRuns: 1000,
  },
  /**
   * Every invariant under the 3.12 profile: every statement kind, `fork()` included (its entry is an
   * eval-breaker check from 3.12 on, which only a fork under a scheduling profile shows), with the
   * version's own idiom.
   */
  'cpython-3.12': {
    title: 'cpython-3.12', testFile: 'properties/versions.test.ts', generator: { kinds: FORK_KINDS, maxLength: 60, cpython: '3.12' }, ciRuns: 2000,
  },
  /** Every invariant under the 3.13 profile. */
  'cpython-3.13': {
    title: 'cpython-3.13', testFile: 'properties/versions.test.ts', generator: { kinds: FORK_KINDS, maxLength: 60, cpython: '3.13' }, ciRuns: 2000,
  },
} as const satisfies Record<string, SuiteProperty>;
