/*
 * The implementation's allocator, with every call replayed into the naive allocator model (SPEC §4,
 * allocator layer). The two must return the same address for every call; the first difference is
 * thrown as an AllocatorMismatch naming the invariant the address breaks.
 */
import type { AllocatorGeometry } from '../../model/language/ast.js';
import { AllocatorModel, sizeClassOf } from '../../model/allocator/index.js';
import { Pymalloc } from '../../impl/pymalloc/index.js';
import type { Invariant } from './divergence.js';

export class AllocatorMismatch extends Error {
  constructor(readonly invariant: Invariant, message: string, readonly addresses: number[]) {
    super(message);
  }
}

const hex = (a: number) => '0x' + a.toString(16);

export class CheckedAllocator extends Pymalloc {
  readonly model: AllocatorModel;
  calls = 0;

  constructor(geometry: AllocatorGeometry) {
    super(geometry);
    this.model = new AllocatorModel(geometry);
  }

  override malloc(n: number): number {
    const got = super.malloc(n);
    this.expect(got, this.model.malloc(n), `malloc(${n})`, n);
    return got;
  }

  override realloc(address: number, n: number): number {
    const got = super.realloc(address, n);
    const want = this.model.realloc(address, n);
    if (got !== want && (got === address) !== (want === address)) {
      throw new AllocatorMismatch('realloc-in-place-rule', `realloc(${hex(address)}, ${n}) returned ${hex(got)}, the model ${hex(want)}`, [got, want]);
    }
    this.expect(got, want, `realloc(${hex(address)}, ${n})`, n);
    return got;
  }

  override free(address: number): void {
    this.calls++;
    super.free(address);
    this.model.free(address);
  }

  private expect(got: number, want: number, call: string, n: number): void {
    this.calls++;
    if (got === want) return;
    const message = `${call} returned ${hex(got)}, the allocator model ${hex(want)}`;
    const small = sizeClassOf(n) !== null;
    const gotRaw = this.blockSize(got) > 0 && !this.isArenaAddress(got);
    let invariant: Invariant = 'freed-block-reused-lifo';
    if (small === gotRaw) invariant = 'raw-fallback-over-512';
    else if (small && this.blockSize(got) !== this.model.blockSize(want)) invariant = 'block-in-right-size-class';
    throw new AllocatorMismatch(invariant, message, [got, want]);
  }

  private isArenaAddress(a: number): boolean {
    return a >= 0x7f0000000000;
  }
}
