/*
 * The engine's own debug heap check (EngineUnderTest.checkHeap; pymem's is impl/debug/checkHeap.ts),
 * run by the lockstep runner after every statement: its reports are free text, so each is named here
 * by what it is about — a refcount, the allocator's arenas, bytes, blocks or pools, or otherwise the
 * collector's own structures (generation and weakref lists, containers), which decide what is tracked.
 */
import type { Invariant } from '../invariants/catalogue.js';

export function invariantOfHeapProblem(problem: string): Invariant {
  if (problem.startsWith('refcount')) return 'refcount-equals-referrers';
  if (!problem.startsWith('allocator:')) return 'tracking-rules';
  if (/arena|nfp2lasta/.test(problem)) return 'arena-order-and-release';
  if (/bytes/.test(problem)) return 'bytes-accounting';
  // Off the class's block grid (a carving pointer that is no block boundary) is where overlapping blocks come from.
  if (/overlap|align|outside|not a block boundary/.test(problem)) return 'blocks-disjoint-and-aligned';
  return 'pool-state-consistent';
}
