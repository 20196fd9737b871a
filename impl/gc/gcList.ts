/*
 * Intrusive circular doubly linked lists through the gcNext/gcPrev columns, as gcmodule.c's
 * `gc_list_*` over PyGC_Head. A list is named by its head row; an untracked object has gcNext = -1.
 * Every operation is O(1) except `gcListSize`.
 */
import { UNTRACKED, type ObjectTable } from '../objects/objectTable.js';

export function gcListIsEmpty(t: ObjectTable, head: number): boolean {
  return t.gcNext[head] === head;
}

export function gcListAppend(t: ObjectTable, h: number, head: number): void {
  const last = t.gcPrev[head];
  t.gcNext[last] = h;
  t.gcPrev[h] = last;
  t.gcNext[h] = head;
  t.gcPrev[head] = h;
}

export function gcListRemove(t: ObjectTable, h: number): void {
  const prev = t.gcPrev[h];
  const next = t.gcNext[h];
  t.gcNext[prev] = next;
  t.gcPrev[next] = prev;
  t.gcNext[h] = UNTRACKED;
  t.gcPrev[h] = UNTRACKED;
}

export function gcListMove(t: ObjectTable, h: number, head: number): void {
  const prev = t.gcPrev[h];
  const next = t.gcNext[h];
  t.gcNext[prev] = next;
  t.gcPrev[next] = prev;
  gcListAppend(t, h, head);
}

/** Append every object of `from` to the end of `to`; `from` becomes empty. */
export function gcListMerge(t: ObjectTable, from: number, to: number): void {
  if (gcListIsEmpty(t, from)) return;
  const toLast = t.gcPrev[to];
  const first = t.gcNext[from];
  const last = t.gcPrev[from];
  t.gcNext[toLast] = first;
  t.gcPrev[first] = toLast;
  t.gcNext[last] = to;
  t.gcPrev[to] = last;
  t.gcNext[from] = from;
  t.gcPrev[from] = from;
}

export function gcListSize(t: ObjectTable, head: number): number {
  let n = 0;
  for (let h = t.gcNext[head]; h !== head; h = t.gcNext[h]) n++;
  return n;
}

export const isTracked = (t: ObjectTable, h: number) => t.gcNext[h] !== UNTRACKED;
