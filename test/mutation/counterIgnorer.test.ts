// Which statements of impl/ the mutation run leaves untested as event counters (mutation/mutants.mjs,
// COUNTER_IGNORER): a counter bump, a pure `if` around bumps, a rule's boundary counter with arguments
// that only read — and nothing that decides: a counter call with a call in its arguments, or a bump
// beside another statement, is tested as usual.
import { parse } from '@babel/parser';
import { describe, expect, it } from 'vitest';
import { COUNTER_IGNORER, COUNTER_REASON } from '../../mutation/mutants.mjs';

/** The first statement of `source` (TypeScript), as Stryker's ignorer sees it. */
const ignored = (source: string) => {
  const node = (parse(source, { sourceType: 'module', plugins: ['typescript'] }).program.body as unknown[])[0];
  return COUNTER_IGNORER.shouldIgnore({ node }) === COUNTER_REASON;
};

describe('the counter ignorer', () => {
  it.each([
    'rt.features[FREELIST_FULL_DICT]++;',
    'this.events[POOL_FULL] += 1;',
    'if (rt.freelists.dicts.length === rt.freelists.dicts.limit) rt.features[FREELIST_FULL_DICT]++;',
    'eventAtBoundary(this.events, AT_REALLOC_SHRINK, nbytes - (((3 * size) >> 2) + 1));',
    'atBoundary(rt.features, AT_FREELIST_TUPLE, stack.length + 1 - TUPLE_FREELIST_MAX);',
    'if (TUPLE_NFREELISTS >= n) atBoundary(rt.features, AT_FREELIST_TUPLE, stack.length + 1 - TUPLE_FREELIST_MAX);',
  ])('ignores %s', (source) => expect(ignored(source)).toBe(true));

  it.each([
    'rt.refcnt[h]++;',
    'atBoundary(rt.features, AT_FREELIST_TUPLE, rt.freelists.pushTuple(n, a) ? 1 : 0);',
    'atBoundary(rt.table, AT_X, 0);',
    'if (n > 0) { rt.features[X]++; rt.decref(h); }',
    'if (rt.pop() > 0) rt.features[X]++;',
  ])('tests %s', (source) => expect(ignored(source)).toBe(false));
});
