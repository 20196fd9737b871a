/*
 * A failure of the lockstep check: which invariant of SPEC §4 broke, where, and on which objects.
 */
export const INVARIANTS = [
  'reachable-never-freed', 'refcount-death-is-prompt', 'full-collect-is-complete', 'collect-frees-exactly-young-garbage',
  'refcount-equals-referrers', 'survivors-promoted', 'new-objects-in-gen0', 'frozen-never-collected', 'count-rules',
  'threshold-triggering', 'finalizer-at-most-once', 'resurrection-keeps-reachable', 'weakref-cleared-before-finalizers',
  'callback-only-if-weakref-reachable', 'saveall-keeps-garbage', 'stats-match-collections', 'tracking-rules',
  'blocks-disjoint-and-aligned', 'block-in-right-size-class', 'freed-block-reused-lifo', 'pool-state-consistent',
  'arena-order-and-release', 'raw-fallback-over-512', 'realloc-in-place-rule', 'bytes-accounting', 'heap-empty-at-teardown',
  // Not in SPEC §4 (issue #9 adds them; proposed there): tracemalloc's traces and sys.getsizeof.
  'traced-memory-matches-live-blocks', 'sizes-match-getsizeof', 'pages-written-match-touches',
] as const;

export type Invariant = (typeof INVARIANTS)[number];

export interface Divergence {
  invariant: Invariant;
  /** 1-based statement number (0: teardown after the last statement). */
  step: number;
  line: number;
  message: string;
  /** Object ids (or raw block addresses, for the allocator) the failure is about. */
  objects: number[];
}

export function describeDivergence(d: Divergence): string {
  const where = d.step === 0 ? 'at teardown' : `at step ${d.step} (line ${d.line})`;
  const objects = d.objects.length > 0 ? ` [objects ${d.objects.join(', ')}]` : '';
  return `${d.invariant} ${where}: ${d.message}${objects}`;
}
