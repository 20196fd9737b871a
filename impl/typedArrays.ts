/*
 * Growing a typed array: a longer array of the same type, the old contents first, the new tail zero (or
 * `fill`). Every table in impl/ grows this way, by doubling, on the cold branch of whatever appends to
 * it.
 */
export type TypedArray = Int8Array | Uint8Array | Uint16Array | Int32Array | Uint32Array | Float64Array;

export function grownTo<T extends TypedArray>(array: T, length: number, fill = 0): T {
  const grown = new (array.constructor as new (length: number) => T)(length);
  if (fill !== 0) grown.fill(fill);
  grown.set(array as never);
  return grown;
}

/** `length` doubled until index `at` fits. */
export function doubledPast(length: number, at: number): number {
  let n = Math.max(1, length);
  while (n <= at) n *= 2;
  return n;
}
