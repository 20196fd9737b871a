/*
 * A wrapper around the allocator of the engine under test: every call goes to it and is replayed into
 * the naive allocator model (SPEC §4, allocator layer). The two must return the same address for every
 * call; the first difference is thrown as an AllocatorMismatch naming the invariant the address breaks.
 */
import type { AllocatorGeometry } from '../../model/language/ast.js';
import { AllocatorModel, ARENA_REGION_BASE, sizeClassOf, type AllocatorStats } from '../../model/allocator/index.js';
import type { Allocator } from '../../impl/pymalloc/allocator.js';
import type { Invariant } from './divergence.js';

export class AllocatorMismatch extends Error {
  constructor(readonly invariant: Invariant, message: string, readonly addresses: number[]) {
    super(message);
  }
}

const hex = (a: number) => '0x' + a.toString(16);

export class CheckedAllocator implements Allocator {
  readonly model: AllocatorModel;
  /** Calls so far; both allocators change state only in a call (the plug-in contract routes every call here). */
  private calls = 0;
  private lastComparison: { calls: number; result: { invariant: Invariant; message: string } | null } | null = null;

  constructor(private readonly inner: Allocator, geometry: AllocatorGeometry) {
    this.model = new AllocatorModel(geometry);
  }

  malloc(n: number): number {
    this.calls++;
    const got = this.inner.malloc(n);
    this.expect(got, this.model.malloc(n), `malloc(${n})`, n);
    return got;
  }

  realloc(address: number, n: number): number {
    this.calls++;
    const got = this.inner.realloc(address, n);
    const want = this.model.realloc(address, n);
    if (got !== want && (got === address) !== (want === address)) {
      throw new AllocatorMismatch('realloc-in-place-rule', `realloc(${hex(address)}, ${n}) returned ${hex(got)}, the model ${hex(want)}`, [got, want]);
    }
    this.expect(got, want, `realloc(${hex(address)}, ${n})`, n);
    return got;
  }

  free(address: number): void {
    this.calls++;
    this.inner.free(address);
    this.model.free(address);
  }

  blockSize(address: number): number {
    return this.inner.blockSize(address);
  }

  allocatedBlocks(): number {
    return this.inner.allocatedBlocks();
  }

  private expect(got: number, want: number, call: string, n: number): void {
    const small = sizeClassOf(n) !== null;
    if (got === want) {
      // The right address can still be a block of the wrong class (an empty pool re-initialised for it).
      if (small && this.inner.blockSize(got) !== this.model.blockSize(want)) {
        const message = `${call} returned ${hex(got)}, a block of ${this.inner.blockSize(got)} bytes; the allocator model's block there has ${this.model.blockSize(want)}`;
        throw new AllocatorMismatch('block-in-right-size-class', message, [got, want]);
      }
      return;
    }
    const message = `${call} returned ${hex(got)}, the allocator model ${hex(want)}`;
    const gotSmall = got >= ARENA_REGION_BASE;
    let invariant: Invariant = 'freed-block-reused-lifo';
    if (small !== gotSmall) invariant = 'raw-fallback-over-512';
    else if (small && this.inner.blockSize(got) !== this.model.blockSize(want)) invariant = 'block-in-right-size-class';
    else if (small && this.arenaHistoryDiffers()) invariant = 'arena-order-and-release';
    throw new AllocatorMismatch(invariant, message, [got, want]);
  }

  /**
   * A block from the wrong place can be a free-list mistake or an arena mapped or released when it should
   * not have been; the arena counters (sys._debugmallocstats) tell them apart. Only for an allocator that
   * reports them (pymalloc's `stats()`, same shape as the model's).
   */
  private arenaHistoryDiffers(): boolean {
    const inner = this.inner as Partial<{ stats(): Partial<AllocatorStats> }>;
    if (typeof inner.stats !== 'function') return false;
    const got = inner.stats();
    const want = this.model.stats();
    return got.arenasAllocatedTotal !== want.arenasAllocatedTotal || got.arenasCurrent !== want.arenasCurrent;
  }

  /**
   * The allocator's whole state against the model's, between calls: size classes, pools, arenas (and
   * their usable order), byte accounting — for an allocator that reports `stats()` in the model's shape.
   * Catches a wrong transition when it happens rather than at some later address. Without a call since
   * the last comparison, neither state has changed: the answer is the last one.
   */
  compareState(): { invariant: Invariant; message: string } | null {
    if (this.lastComparison?.calls === this.calls) return this.lastComparison.result;
    const result = this.compareStats();
    this.lastComparison = { calls: this.calls, result };
    return result;
  }

  private compareStats(): { invariant: Invariant; message: string } | null {
    const inner = this.inner as Partial<{ stats(): Record<string, unknown> }>;
    if (typeof inner.stats !== 'function') return null;
    const got = inner.stats() as Record<string, unknown>;
    const want = this.model.stats() as unknown as Record<string, unknown>;
    if (sameJson(got, want)) return null; // the usual case, without building two strings
    for (const key of Object.keys(want)) {
      const a = JSON.stringify(got[key]);
      const b = JSON.stringify(want[key]);
      if (a === b) continue;
      const invariant: Invariant = /arena/i.test(key) ? 'arena-order-and-release' : /bytes/i.test(key) ? 'bytes-accounting' : 'pool-state-consistent';
      return { invariant, message: `allocator ${key} is ${a}, the allocator model's ${b}` };
    }
    return null;
  }
}

/**
 * True only if JSON.stringify(a) === JSON.stringify(b) for plain JSON data (same keys in the same order,
 * same values); false means "maybe not" and the caller compares key by key, as JSON.
 */
function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameJson(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  for (let i = 0; i < ka.length; i++) {
    if (ka[i] !== kb[i]) return false;
    const va = (a as Record<string, unknown>)[ka[i]];
    const vb = (b as Record<string, unknown>)[kb[i]];
    if (va === undefined || vb === undefined || typeof va === 'function' || typeof vb === 'function') return false;
    if (!sameJson(va, vb)) return false;
  }
  return true;
}
