/*
 * The allocator invariants (docs/invariants.md), re-derived naively from the state after any call:
 *
 *   blocks-disjoint-and-aligned  every live block starts on a 16-byte boundary and no two live
 *                                blocks overlap (pool blocks span their class size, raw blocks their
 *                                capacity); raw blocks lie in the raw region handed out so far.
 *   block-in-right-size-class    found from its address alone (slot → mapped arena → carved pool),
 *                                every pymalloc block is the block at offset 48 + k·size of a pool
 *                                of its own class, with k < blocksPerPool and k already handed out;
 *                                raw blocks lie below the arena region with a 16-multiple capacity.
 *   pool-state-consistent        per carved pool: count = its live blocks; free list = distinct,
 *                                not-live, already-handed-out blocks of the pool; count + free +
 *                                never-used = blocksPerPool; state ↔ list: used ⇔ on usedPools of
 *                                its class once, full ⇔ on no list, empty ⇔ on its arena's freePools.
 *   arena-order-and-release      arenas sit at base + slot·A; usable_arenas holds exactly the mapped
 *                                arenas with free pools, once each, sorted by nfreepools ascending;
 *                                a completely empty arena is only ever the last usable arena;
 *                                the arena counters agree with the mapped arenas.
 *   bytes-accounting             the stats' byte counts add up to arenas × A; the block counters
 *                                (blocks in use, raw blocks, allocated blocks) match the live blocks.
 *
 * The checks are in blockChecks.ts (blocks, bytes) and listChecks.ts (pools, arenas). A corrupted
 * state may make a check throw; that is reported as a violation of the check's invariant.
 */
import type { AllocatorState } from './state.js';
import type { Check } from './blockChecks.js';
import { blockInRightSizeClass, blocksDisjointAndAligned, bytesAccounting } from './blockChecks.js';
import { arenaOrderAndRelease, poolStateConsistent } from './listChecks.js';

export type AllocatorInvariant =
  | 'blocks-disjoint-and-aligned'
  | 'block-in-right-size-class'
  | 'pool-state-consistent'
  | 'arena-order-and-release'
  | 'bytes-accounting';

export interface AllocatorViolation {
  invariant: AllocatorInvariant;
  message: string;
}

const CHECKS: Array<[AllocatorInvariant, Check]> = [
  ['blocks-disjoint-and-aligned', blocksDisjointAndAligned],
  ['block-in-right-size-class', blockInRightSizeClass],
  ['pool-state-consistent', poolStateConsistent],
  ['arena-order-and-release', arenaOrderAndRelease],
  ['bytes-accounting', bytesAccounting],
];

/** Every violation, with a message naming the addresses involved. */
export function findAllocatorViolations(model: { state: AllocatorState }): AllocatorViolation[] {
  const out: AllocatorViolation[] = [];
  for (const [invariant, check] of CHECKS) {
    const fail = (message: string): void => {
      out.push({ invariant, message });
    };
    try {
      check(model.state, fail);
    } catch (e) {
      fail(`check failed on a corrupted state: ${(e as Error).message}`);
    }
  }
  return out;
}

/** The names of the violated invariants, in SPEC order; [] when all hold. */
export function checkAllocatorInvariants(model: { state: AllocatorState }): string[] {
  return [...new Set(findAllocatorViolations(model).map((v) => v.invariant))];
}
