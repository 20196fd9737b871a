/*
 * The freelists of lists, dicts and tuples (reference §1.2). Only their occupancy matters to the object
 * layer: an allocation served by a freelist is not counted in count[0], and a freed object pushed on
 * one is not uncounted.
 *
 * The tuple quirk is deliberate: a freed tuple of length 1..20 is pushed, but allocation pops only for
 * lengths 1..19, so length-20 tuples pile up until a full collection empties every freelist.
 */
import type { ObjectType } from '../trace.js';

export const LIST_FREELIST_MAX = 80;
export const DICT_FREELIST_MAX = 80;
export const TUPLE_FREELIST_MAX = 2000;
/** Pushes accept lengths below this + 1 (1..20); pops serve lengths below this (1..19). */
export const TUPLE_MAXSAVESIZE = 20;

export class Freelists {
  private lists = 0;
  private dicts = 0;
  private readonly tuples = new Map<number, number>();

  /** Take an object of this type (and tuple length) from its freelist, if one is there. */
  take(type: ObjectType, length: number): boolean {
    if (type === 'list' && this.lists > 0) return this.lists--, true;
    if (type === 'dict' && this.dicts > 0) return this.dicts--, true;
    if (type === 'tuple' && length < TUPLE_MAXSAVESIZE) {
      const n = this.tuples.get(length) ?? 0;
      if (n > 0) return this.tuples.set(length, n - 1), true;
    }
    return false;
  }

  /** Keep a freed object on its freelist if there is room. */
  put(type: ObjectType, length: number): boolean {
    if (type === 'list' && this.lists < LIST_FREELIST_MAX) return this.lists++, true;
    if (type === 'dict' && this.dicts < DICT_FREELIST_MAX) return this.dicts++, true;
    if (type === 'tuple' && length <= TUPLE_MAXSAVESIZE) {
      const n = this.tuples.get(length) ?? 0;
      if (n < TUPLE_FREELIST_MAX) return this.tuples.set(length, n + 1), true;
    }
    return false;
  }

  /** `clear_freelists`: empty them all; returns how many GC objects were released. */
  clear(): number {
    let n = this.lists + this.dicts;
    for (const k of this.tuples.values()) n += k;
    this.lists = 0;
    this.dicts = 0;
    this.tuples.clear();
    return n;
  }
}
