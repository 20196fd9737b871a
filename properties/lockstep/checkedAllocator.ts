/*
 * A wrapper around the allocator of the engine under test: every call goes to it and is replayed into
 * the naive allocator model (the allocator layer, docs/invariants.md). The two must return the same
 * address for every call; the first difference is thrown as an AllocatorMismatch naming the invariant
 * the address breaks: an address overlapping a live block or misaligned first
 * (blocks-disjoint-and-aligned), then a small request served raw or the reverse (raw-fallback-over-512),
 * a block of another class, an arena history that differs, and otherwise the wrong free block
 * (freed-block-reused-lifo).
 */
import type { AllocatorGeometry } from '../../language/ast.js';
import { ALIGNMENT, AllocatorModel, ARENA_REGION_BASE, SMALL_REQUEST_THRESHOLD, sizeClassOf, type AllocatorStats } from '../../model/allocator/index.js';
import { encodeStats } from '../../contract/allocatorStats.js';
import type { Allocator } from '../../contract/allocator.js';
import type { Invariant } from '../invariants/catalogue.js';
import { emptyAllocatorExercise, NOTHING_EXERCISED, resetAllocatorExercise, type AllocatorExercise } from './exercise.js';

export class AllocatorMismatch extends Error {
  constructor(readonly invariant: Invariant, message: string, readonly addresses: number[]) {
    super(message);
  }
}

/**
 * What an exception thrown while a statement ran says about the allocator: a mismatch as thrown, or a
 * misuse one of the two allocators detected (a double free, an address that is no live block: what
 * overlapping blocks lead to); null for anything else, which is no allocator's finding.
 */
export function allocatorMismatchOf(e: unknown): AllocatorMismatch | null {
  if (e instanceof AllocatorMismatch) return e;
  if (e instanceof Error && /not a live block|double free|AllocatorMisuse|not allocated/i.test(e.message + e.name)) {
    return new AllocatorMismatch('blocks-disjoint-and-aligned', e.message, []);
  }
  return null;
}

const hex = (a: number) => '0x' + a.toString(16);

export class CheckedAllocator implements Allocator {
  readonly model: AllocatorModel;
  /** What the calls of the current statement exercised (exercise.ts); `endStep` hands it over. */
  private exercise = emptyAllocatorExercise();
  /** Addresses freed and not handed out since: a malloc returning one reuses a freed block. */
  private readonly freed = new Set<number>();
  /** The model's statistics after the current statement, if compareState computed them already. */
  private stepStats: AllocatorStats | null = null;
  /** The last step's figures (pool states, usable arenas, bytes) as flat number lists; null before any. */
  private previousFigures: Array<number[] | null> = [null, null, null];
  private spareFigures: number[][] = [[], [], []];
  private spareExercise = emptyAllocatorExercise();
  /** The two reports as numbers (compareStats), reused. */
  private readonly gotFigures: number[] = [];
  private readonly wantFigures: number[] = [];
  private previousArenas = { usable: 0, current: 0, total: 0 };
  /** Calls so far; both allocators change state only in a call (the plug-in contract routes every call here). */
  private calls = 0;
  /** The call count at the last endStep: without a call since, no figure can have changed. */
  private callsAtEndStep = -1;
  private lastComparison: { calls: number; result: { invariant: Invariant; message: string } | null } | null = null;

  constructor(private readonly inner: Allocator, geometry: AllocatorGeometry) {
    this.model = new AllocatorModel(geometry);
  }

  malloc(n: number): number {
    this.calls++;
    const got = this.inner.malloc(n);
    this.expect(got, this.model.malloc(n), `malloc(${n})`, n);
    this.handedOut(got, n);
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
    if (address >= ARENA_REGION_BASE) this.exercise.smallReallocs++;
    if (got !== address) this.handedOut(got, n);
    return got;
  }

  free(address: number): void {
    this.calls++;
    this.inner.free(address);
    this.model.free(address);
    if (address !== 0) this.freed.add(address);
  }

  /** A block the implementation and the model agreed on: what handing it out exercised. */
  private handedOut(address: number, n: number): void {
    const e = this.exercise;
    if (n > SMALL_REQUEST_THRESHOLD) e.rawFallbacks++;
    else if (n > 0 && n % ALIGNMENT <= 1) e.classBoundaryRequests++;
    if (this.model.state.live.size > 1) e.handedOutBesideLive++;
    if (this.freed.delete(address)) e.reusedFreedBlocks++;
  }

  /**
   * After a statement: what its calls exercised, and which of the pool states, the arenas and the
   * bytes in use changed (from the model's statistics); the tally starts again.
   */
  endStep(): AllocatorExercise {
    if (this.calls === this.callsAtEndStep) return NOTHING_EXERCISED; // no call: no figure moved
    this.callsAtEndStep = this.calls;
    const e = this.exercise;
    const stats = this.stepStats ?? this.model.stats();
    // Flat lists of integers: equal exactly when their JSON would be (the length fixes the shape). Written
    // into the lists of the step before last (two sets of lists, swapped: no list per step).
    // Each list written in place and cut to length (emptied by `length = 0` it would lose its storage).
    const figures = this.spareFigures;
    const poolFigures = figures[0];
    let n = 0;
    for (const c of stats.sizeClasses) {
      poolFigures[n++] = c.sizeClass;
      poolFigures[n++] = c.pools;
      poolFigures[n++] = c.fullPools;
    }
    poolFigures[n++] = stats.poolsInUse;
    poolFigures[n++] = stats.emptyPools;
    if (poolFigures.length > n) poolFigures.length = n;
    const usable = figures[1];
    n = 0;
    for (const a of stats.usableArenas) usable[n++] = a;
    if (usable.length > n) usable.length = n;
    const bytes = figures[2];
    bytes[0] = stats.rawBytes;
    bytes[1] = stats.bytesInAllocatedBlocks;
    const [poolsBefore, usableBefore, bytesBefore] = this.previousFigures;
    if (!sameNumbers(poolFigures, poolsBefore)) e.poolTransitions++;
    // Arena order matters once there are two: a second arena mapped, one released, usable_arenas reordered.
    const arenas = this.previousArenas;
    const reordered = !sameNumbers(usable, usableBefore) && Math.max(stats.usableArenas.length, arenas.usable) >= 2;
    if (reordered || stats.arenasCurrent < arenas.current || (arenas.current >= 1 && stats.arenasAllocatedTotal > arenas.total)) e.arenaChanges++;
    if (!sameNumbers(bytes, bytesBefore)) e.bytesChanges++;
    const before = this.previousFigures;
    this.previousFigures = figures;
    this.spareFigures = before[0] === null ? [[], [], []] : (before as number[][]);
    arenas.usable = stats.usableArenas.length;
    arenas.current = stats.arenasCurrent;
    arenas.total = stats.arenasAllocatedTotal;
    // The tally handed over is read before the next statement's first call: two tallies, swapped.
    this.exercise = this.spareExercise;
    this.spareExercise = e;
    resetAllocatorExercise(this.exercise);
    this.stepStats = null;
    return e;
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
    const clash = this.clashWithLiveBlock(got, want);
    if (clash) throw new AllocatorMismatch('blocks-disjoint-and-aligned', `${message}: ${clash}`, [got, want]);
    const gotSmall = got >= ARENA_REGION_BASE;
    let invariant: Invariant = 'freed-block-reused-lifo';
    if (small !== gotSmall) invariant = 'raw-fallback-over-512';
    else if (small && this.inner.blockSize(got) !== this.model.blockSize(want)) invariant = 'block-in-right-size-class';
    else if (small && this.arenaHistoryDiffers()) invariant = 'arena-order-and-release';
    throw new AllocatorMismatch(invariant, message, [got, want]);
  }

  /**
   * A wrong address that is misaligned or lies inside a block still in use (by the allocator model,
   * which knows every live block) breaks disjointness whatever else went wrong: say so first. Only on
   * a mismatch, so the walk over the live blocks costs nothing on the checked path.
   */
  private clashWithLiveBlock(got: number, want: number): string | null {
    if (got % ALIGNMENT !== 0) return `not aligned to ${ALIGNMENT} bytes`;
    for (const address of this.model.state.live.keys()) {
      if (address === want || got < address || got >= address + this.model.blockSize(address)) continue;
      return `inside the live block at ${hex(address)} (${this.model.blockSize(address)} bytes)`;
    }
    return null;
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
    const inner = this.inner as Partial<{ stats(): Record<string, unknown>; statsFigures(out: number[]): number[] }>;
    if (typeof inner.stats !== 'function') return null;
    this.stepStats = this.model.stats();
    // pymem's pymalloc also gives its report as numbers in the model's layout (statsFigures, built
    // into the same JSON shape): the same numbers are the same report, without building it.
    if (typeof inner.statsFigures === 'function' &&
      sameNumbers(inner.statsFigures(this.gotFigures), encodeStats(this.stepStats, this.wantFigures))) return null;
    const got = inner.stats() as Record<string, unknown>;
    const want = this.stepStats as unknown as Record<string, unknown>;
    if (sameStats(got, want) || sameJson(got, want)) return null; // the usual case, without building two strings
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
 * The model's statistics come from one object literal (model/allocator/stats.ts): the same keys in the
 * same order every time. Listed once, from the first.
 */
let modelStatsKeys: string[] | null = null;

/**
 * True only if, for every key of the model's statistics, `got` has the same JSON there — all that
 * compareStats's key-by-key comparison asks (it never looks at keys the model does not have, nor at
 * the order of the top-level keys) — without listing the top-level keys: numbers compared as numbers,
 * lists element by element (records with sameJson). False means "maybe not".
 */
function sameStats(got: Record<string, unknown>, want: Record<string, unknown>): boolean {
  const keys = (modelStatsKeys ??= Object.keys(want));
  for (let i = 0; i < keys.length; i++) {
    const va = got[keys[i]];
    const vb = want[keys[i]];
    if (typeof vb === 'number') {
      if (va !== vb) return false;
    } else if (Array.isArray(vb)) {
      if (!Array.isArray(va) || va.length !== vb.length) return false;
      for (let k = 0; k < vb.length; k++) {
        const x = va[k];
        const y = vb[k];
        if (typeof y === 'number' ? x !== y : !sameJson(x, y)) return false;
      }
    } else return false;
  }
  return true;
}

function sameNumbers(a: number[], b: number[] | null): boolean {
  if (b === null || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
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
