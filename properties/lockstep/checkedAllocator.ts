/*
 * A wrapper around the allocator of the engine under test: every call goes to it and is replayed into
 * the naive allocator model (SPEC §4, allocator layer). The two must return the same address for every
 * call; the first difference is thrown as an AllocatorMismatch naming the invariant the address breaks.
 */
import type { AllocatorGeometry } from '../../model/language/ast.js';
import { AllocatorModel, ARENA_REGION_BASE, sizeClassOf } from '../../model/allocator/index.js';
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
  calls = 0;

  constructor(private readonly inner: Allocator, geometry: AllocatorGeometry) {
    this.model = new AllocatorModel(geometry);
  }

  malloc(n: number): number {
    const got = this.inner.malloc(n);
    this.expect(got, this.model.malloc(n), `malloc(${n})`, n);
    return got;
  }

  realloc(address: number, n: number): number {
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
    this.calls++;
    if (got === want) return;
    const message = `${call} returned ${hex(got)}, the allocator model ${hex(want)}`;
    const small = sizeClassOf(n) !== null;
    const gotSmall = got >= ARENA_REGION_BASE;
    let invariant: Invariant = 'freed-block-reused-lifo';
    if (small !== gotSmall) invariant = 'raw-fallback-over-512';
    else if (small && this.inner.blockSize(got) !== this.model.blockSize(want)) invariant = 'block-in-right-size-class';
    throw new AllocatorMismatch(invariant, message, [got, want]);
  }
}
