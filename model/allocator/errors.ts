/*
 * Bad calls. The model replays the implementation's calls, so a call CPython would not survive —
 * freeing or reallocating an address that is not a live block, a double free, a negative or
 * non-integer size — is a bug in the caller and throws an AllocatorMisuseError that says which.
 * (NULL is fine: free(0) does nothing and realloc(0, n) is malloc(n), as in CPython.)
 */
import type { AllocatorState, LiveBlock } from './state.js';
import { hex } from './geometry.js';

export class AllocatorMisuseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AllocatorMisuseError';
  }
}

export function checkRequestSize(call: string, n: number): void {
  if (!Number.isSafeInteger(n) || n < 0) {
    throw new AllocatorMisuseError(`${call}: size must be a non-negative integer, got ${n}`);
  }
}

/** The live block at an address, or a clear error naming the call. */
export function liveBlockOrThrow(state: AllocatorState, call: string, address: number): LiveBlock {
  const block = state.live.get(address);
  if (block !== undefined) return block;
  if (state.freedAddresses.has(address)) {
    throw new AllocatorMisuseError(`${call}(${hex(address)}): double free — the block was already freed`);
  }
  throw new AllocatorMisuseError(`${call}(${hex(address)}): not the address of an allocated block`);
}
