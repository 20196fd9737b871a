import { describe, expect, it } from 'vitest';
import type { Program, Statement } from '../../language/ast.js';
import { ImplEngine } from '../../impl/engine.js';
import { Pymalloc } from '../../impl/pymalloc/index.js';
import {
  AT_SMALL_REQUEST, PYMALLOC_EVENT_COUNT, PYMALLOC_EVENT_NAMES, POOL_FULL, POOL_FULL_TO_EMPTY, POOL_FULL_TO_USED, POOL_INIT, SIZE_CLASS_ALLOCS,
} from '../../impl/pymalloc/events.js';
import {
  AT_LONG_LIVED, AT_THRESHOLD_0, COLLECT_AUTO, COLLECT_SCHEDULED, LIST_DEL_KEPT_ARRAY, FREELIST_HIT, PENDING_AT_CALLBACK, PENDING_FOUND, RESURRECTION_GC, RUNTIME_FEATURE_COUNT,
  RUNTIME_FEATURE_NAMES, UNREACHABLE_HISTOGRAM, YOUNG_HISTOGRAM, histogramBucket,
} from '../../impl/runtime/features.js';
import { KIND_LIST, KIND_TUPLE } from '../../impl/objects/kinds.js';
import { program } from '../helpers/programs.js';

const SMALL = '# pymem: pool_size=1024 arena_size=2048\n';

/** Run a program on the implementation; its feature counters afterwards. */
function run(p: Program): { features: Record<string, number>; engine: ImplEngine; collections: Array<{ generation: number; explicit: boolean }> } {
  const engine = new ImplEngine(p);
  const collections: Array<{ generation: number; explicit: boolean }> = [];
  for (const s of p.statements) {
    engine.execute(s).collections.forEach((c, k) => collections.push({ generation: c.generation, explicit: k === 0 && s.kind === 'collect' }));
  }
  return { features: engine.features(), engine, collections };
}

const featuresOf = (text: string) => run(program(text)).features;

/** Counters that are not zero. */
function nonZero(features: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(features).filter(([, n]) => n !== 0));
}

describe('feature layout', () => {
  it('names every runtime counter and allocator event once, at its index', () => {
    expect(RUNTIME_FEATURE_NAMES).toHaveLength(RUNTIME_FEATURE_COUNT);
    expect(PYMALLOC_EVENT_NAMES).toHaveLength(PYMALLOC_EVENT_COUNT);
    const all = [...RUNTIME_FEATURE_NAMES, ...PYMALLOC_EVENT_NAMES];
    expect(new Set(all).size).toBe(all.length);
    expect(RUNTIME_FEATURE_NAMES[RESURRECTION_GC]).toBe('resurrection.gc');
    expect(RUNTIME_FEATURE_NAMES[COLLECT_AUTO + 2]).toBe('collect.auto.gen2');
    expect(RUNTIME_FEATURE_NAMES[FREELIST_HIT + KIND_TUPLE - KIND_LIST]).toBe('freelist.tuple.hit');
    expect(RUNTIME_FEATURE_NAMES[UNREACHABLE_HISTOGRAM - 1]).toBe('release.depth:1048576+');
    expect(RUNTIME_FEATURE_NAMES[YOUNG_HISTOGRAM]).toBe('collect.gen0.young:0');
    expect(RUNTIME_FEATURE_NAMES[COLLECT_SCHEDULED - 1]).toBe('collect.gen2.young:64+');
    expect(RUNTIME_FEATURE_NAMES[COLLECT_SCHEDULED]).toBe('collect.scheduled');
    expect(RUNTIME_FEATURE_NAMES[PENDING_FOUND + PENDING_AT_CALLBACK]).toBe('collect.pending.at-callback');
    expect(RUNTIME_FEATURE_NAMES[LIST_DEL_KEPT_ARRAY]).toBe('list.del-kept-array');
    expect(RUNTIME_FEATURE_NAMES[AT_THRESHOLD_0]).toBe('rule:gc-threshold-0:at');
    expect(RUNTIME_FEATURE_NAMES[AT_LONG_LIVED - 1]).toBe('rule:long-lived-ratio:below');
    expect(RUNTIME_FEATURE_NAMES[RUNTIME_FEATURE_COUNT - 1]).toBe('rule:trashcan-depth:above');
    expect(PYMALLOC_EVENT_NAMES[POOL_FULL]).toBe('pool.full');
    expect(PYMALLOC_EVENT_NAMES[SIZE_CLASS_ALLOCS + 31]).toBe('sizeclass:31');
    expect(PYMALLOC_EVENT_NAMES[AT_SMALL_REQUEST + 1]).toBe('rule:small-request-threshold:above');
    expect(PYMALLOC_EVENT_NAMES[PYMALLOC_EVENT_COUNT - 1]).toBe('rule:realloc-grow-in-place:above');
  });

  it('counts a rule at its boundary: x = L − 1, L, L + 1, and nothing farther off', () => {
    const threshold = nonZero(featuresOf('gc.set_threshold(3)\na = []\nb = []\nc = []\nd = []\ne = []'));
    // count[0] 1 (farther off), 2, 3, 4 (collects: 0 again), 1 (farther off).
    expect([threshold['rule:gc-threshold-0:below'], threshold['rule:gc-threshold-0:at'], threshold['rule:gc-threshold-0:above']]).toEqual([1, 1, 1]);
    expect(threshold['rule:gc-threshold-0-default:at']).toBeUndefined();
    const requests = nonZero(featuresOf('a = malloc(511)\nb = malloc(512)\nc = malloc(513)\nd = malloc(100)'));
    expect([requests['rule:small-request-threshold:below'], requests['rule:small-request-threshold:at'], requests['rule:small-request-threshold:above']]).toEqual([1, 1, 1]);
    // 511 is one below a class top, 512 at one; 513 is not pymalloc's, 100 is farther off.
    expect([requests['rule:size-class-edge:below'], requests['rule:size-class-edge:at'], requests['rule:size-class-edge:above']]).toEqual([1, 1, undefined]);
    const realloc = nonZero(featuresOf('a = malloc(32)\na = realloc(a, 31)\nb = malloc(32)\nb = realloc(b, 25)\nc = malloc(32)\nc = realloc(c, 24)'));
    // S = 32: in place from ⌊3·32/4⌋ + 1 = 25 up to 32.
    expect([realloc['rule:realloc-grow-in-place:below'], realloc['rule:realloc-shrink-in-place:at'], realloc['rule:realloc-shrink-in-place:below']]).toEqual([1, 1, 1]);
  });

  it('buckets per-collection sizes as 0, 1, 2-3, …, 64+', () => {
    expect([0, 1, 2, 3, 4, 7, 8, 63, 64, 1e6].map(histogramBucket)).toEqual([0, 1, 2, 2, 3, 3, 4, 6, 7, 7]);
  });

  it('a new engine has every counter at zero, derived ones included', () => {
    const features = new ImplEngine(program('x = []')).features();
    expect(Object.keys(features)).toHaveLength(RUNTIME_FEATURE_COUNT + PYMALLOC_EVENT_COUNT + 1);
    expect(nonZero(features)).toEqual({});
  });
});

describe('the collector', () => {
  it('a Lazarus in a cycle is resurrected by the collector once', () => {
    const f = featuresOf('x = Lazarus()\nx.a = x\ndel x\ngc.collect()');
    expect(f['resurrection.gc']).toBe(1);
    expect(f['finalizer.gc']).toBe(1);
    expect(f['resurrection.refcount']).toBe(0);
    expect(f['collect.explicit.gen2']).toBe(1);
    expect(f['collect.gen2.found-unreachable']).toBe(1);
    expect(f['collect.gen2.unreachable:1']).toBe(1);
    expect(f['collect.gen2.young:1']).toBe(1);
    expect(f['gc.resurrected-objects']).toBe(1);
  });

  it('a Lazarus that dies by refcount is resurrected on the refcount path', () => {
    const f = featuresOf('x = Lazarus()\ndel x');
    expect([f['resurrection.refcount'], f['finalizer.refcount'], f['resurrection.gc']]).toEqual([1, 1, 0]);
  });

  it('a reachable weakref to a garbage cycle calls back during the collection', () => {
    const f = featuresOf('x = Obj()\nw = weakref.ref(x, on_clear)\nx.a = x\ndel x\ngc.collect(0)');
    expect(f['weakref.callback.gc']).toBe(1);
    expect(f['weakref.callback.refcount']).toBe(0);
  });

  it('a garbage weakref and a garbage callback weakref are cleared without a callback', () => {
    // x and y form a cycle that also holds w, the callback weakref to y: all three are garbage.
    const f = featuresOf(['x = Obj()', 'y = Obj()', 'w = weakref.ref(y, on_clear)', 'x.a = w', 'x.b = y', 'y.a = x', 'del x, y, w', 'gc.collect()'].join('\n'));
    expect(f['weakref.callback.gc']).toBe(0);
    expect(f['weakref.garbage-cleared'] + f['weakref.callback-suppressed']).toBe(1);
  });

  it('the refcount path clears weakrefs and calls back those with a callback', () => {
    const f = featuresOf('x = Obj()\nw = weakref.ref(x, on_clear)\nv = weakref.ref(x)\nu = weakref.ref(x)\ndel x');
    expect(f['weakref.callback.refcount']).toBe(1);
    expect(f['weakref.cleared.refcount']).toBe(2);
    expect(f['weakref.shared-reused']).toBe(1);
  });

  it('untracks tuples of atoms and full-collection dicts without trackable values', () => {
    const f = featuresOf("b = bytes(2)\nt = (b,)\nl = []\nd = {'k': l}\nd['k'] = b\ngc.collect()");
    expect(f['tuple.untracked']).toBe(1);
    expect(f['dict.tracked-on-insert']).toBe(1);
    expect(f['dict.untracked']).toBe(1);
  });

  it('DEBUG_SAVEALL appends the garbage to gc.garbage', () => {
    const f = featuresOf('gc.set_debug(gc.DEBUG_SAVEALL)\nx = []\nx.append(x)\ndel x\ngc.collect()');
    expect(f['gc.saveall-append']).toBe(1);
  });

  it('freeze and unfreeze count only when they move objects', () => {
    expect(featuresOf('gc.freeze()\nx = []\ngc.unfreeze()')['gc.freeze-with-objects']).toBe(0);
    const f = featuresOf('x = Obj()\ngc.freeze()\ngc.unfreeze()\ngc.unfreeze()');
    expect([f['gc.freeze-with-objects'], f['gc.unfreeze-with-objects']]).toEqual([1, 1]);
  });

  it('automatic collections per generation agree with the trace; explicit ones with the statements', () => {
    const lines = ['gc.set_threshold(1, 1, 1)', ...Array.from({ length: 40 }, (_, i) => `x${i} = Obj()`), 'gc.collect(1)', 'gc.collect(1)'];
    const { features, collections } = run(program(lines.join('\n')));
    for (const g of [0, 1, 2]) {
      expect(features[`collect.auto.gen${g}`]).toBe(collections.filter((c) => c.generation === g && !c.explicit).length);
      expect(features[`collect.explicit.gen${g}`]).toBe(collections.filter((c) => c.generation === g && c.explicit).length);
    }
    expect(features['collect.auto.gen2']).toBeGreaterThan(0);
    expect(features['collect.explicit.gen1']).toBe(2);
  });

  it('counts gen 2 skipped by the long-lived rule', () => {
    // Sixteen long-lived objects, then a generation-1 collection promotes three: 3 < 16 / 4.
    const lines = [
      ...Array.from({ length: 16 }, (_, i) => `o${i} = Obj()`), 'gc.collect()', 'gc.set_threshold(1, 0, 0)',
      ...Array.from({ length: 6 }, (_, i) => `a${i} = Obj()`),
    ];
    const { features, collections } = run(program(lines.join('\n')));
    expect(features['collect.long-lived-skips-gen2']).toBe(1);
    expect(collections.some((c) => c.generation === 2 && !c.explicit)).toBe(false);
  });
});

describe('refcounting, lists, dicts and freelists', () => {
  it('x = []; x.append(x); x.pop() shrinks the items array to zero bytes (a raw block)', () => {
    const f = featuresOf('x = []\nx.append(x)\nx.pop()');
    expect(f['list.shrink-to-zero']).toBe(1);
    expect(f['realloc.to-raw']).toBe(1);
    expect(f['raw.malloc.zero']).toBe(1);
  });

  it('reuses freelist blocks and counts a full freelist', () => {
    expect(featuresOf('x = []\ndel x\ny = []')['freelist.list.hit']).toBe(1);
    const names = Array.from({ length: 81 }, (_, i) => `l${i}`);
    const statements: Statement[] = [
      ...names.map((target): Statement => ({ kind: 'newList', target, items: [] })),
      { kind: 'del', names },
    ];
    const { features } = run({ ...program('x = []'), statements });
    expect(features['freelist.list.full']).toBe(1);
    expect(featuresOf('x = []\ndel x\ngc.collect()')['freelist.cleared-by-gc']).toBe(1);
  });

  it('a sixth key resizes a dict; its old keys go to the keys freelist and are reused', () => {
    const f = featuresOf("b = bytes(2)\nd = {}\nd['k'] = b\nd['j'] = b\nd['q'] = b\nd['x'] = b\nd['y'] = b\nd['z'] = b\ne = {}\ne['k'] = b");
    expect(f['dict.resize']).toBe(1);
    expect(f['freelist.keys.hit']).toBe(1);
  });

  it('a release cascade deeper than the trashcan level is counted by depth', () => {
    const chain = (depth: number): Statement[] => [
      { kind: 'newList', target: 'x', items: [] },
      ...Array.from({ length: depth }, (): Statement => ({ kind: 'newList', target: 'x', items: ['x'] })),
      { kind: 'del', names: ['x'] },
    ];
    const base = program('x = []');
    expect(run({ ...base, statements: chain(40) }).features['release.depth:51+']).toBe(0);
    const deep = run({ ...base, statements: chain(300) }).features;
    expect([deep['release.depth:51+'], deep['release.depth:128+'], deep['release.depth:256+'], deep['release.depth:512+']]).toEqual([1, 1, 1, 0]);
  });
});

describe('the allocator', () => {
  it('a full collection that empties a pool: pool emptied, the last arena kept empty', () => {
    const { engine, features } = run(program(`${SMALL}a = Obj()\na.a = a\ndel a`));
    expect(features['pool.emptied']).toBe(0);
    engine.execute({ kind: 'collect', generation: 2, explicitGeneration: false });
    const after = engine.features();
    expect(after['pool.emptied']).toBe(1);
    expect(after['arena.empty-kept']).toBe(1);
    expect(after['arena.released']).toBe(0);
  });

  it('an emptied pool is reused for the same class with its free list', () => {
    const f = featuresOf(`${SMALL}a = Obj()\ndel a\nb = Obj()`);
    expect([f['pool.carved'], f['pool.emptied'], f['pool.from-freepools'], f['pool.reuse-same-class'], f['pool.init']]).toEqual([1, 1, 1, 1, 1]);
    const other = featuresOf(`${SMALL}a = Obj()\ndel a\nb = bytes(2)`);
    expect([other['pool.reuse-same-class'], other['pool.reuse-other-class'], other['pool.init']]).toEqual([0, 1, 2]);
  });

  it('an arena wholly emptied while another is usable is released', () => {
    // Two pools per arena: Obj (class 3) and bytes(2) (class 2) fill the first, bytes(100) opens a second.
    const f = featuresOf(`${SMALL}a = Obj()\nb = bytes(2)\nc = bytes(100)\ndel a\ndel b`);
    expect([f['arena.new'], f['arena.full'], f['arena.full-to-usable'], f['arena.released']]).toEqual([2, 1, 1, 1]);
    expect(f['sizeclass:2'] + f['sizeclass:3'] + f['sizeclass:8']).toBe(3);
  });

  it('raw blocks and the three realloc outcomes', () => {
    const f = featuresOf('m = malloc(1000)\nm = realloc(m, 2000)\nfree(m)\nn = malloc(100)\nn = realloc(n, 110)\nn = realloc(n, 20)\nn = realloc(n, 600)');
    expect([f['raw.malloc.large'], f['raw.realloc'], f['raw.free']]).toEqual([2, 1, 1]);
    expect([f['realloc.small'], f['realloc.in-place'], f['realloc.moved'], f['realloc.to-raw']]).toEqual([3, 1, 1, 1]);
  });

  it('pool full, full → used and, for a one-block pool, full → empty (Pymalloc alone)', () => {
    const pymalloc = new Pymalloc({ poolSize: 1024, arenaSize: 2048 });
    const blocks = Array.from({ length: 15 }, () => pymalloc.malloc(64)); // (1024 − 48) / 64 = 15 blocks
    expect(pymalloc.events[POOL_FULL]).toBe(1);
    pymalloc.free(blocks[0]);
    expect(pymalloc.events[POOL_FULL_TO_USED]).toBe(1);
    const big = pymalloc.malloc(512); // class 31: one block per 1 KiB pool
    expect(pymalloc.events[POOL_FULL]).toBe(2);
    pymalloc.free(big);
    expect([pymalloc.events[POOL_FULL_TO_EMPTY], pymalloc.events[POOL_INIT]]).toEqual([1, 2]);
  });
});

describe('version profiles: the counters of the rules 3.12 and 3.13 add', () => {
  const under = (cpython: '3.12' | '3.13', text: string) => featuresOf(`# pymem: cpython=${cpython}\n${text}`);
  const pendingThenExplicit = 'gc.set_threshold(2, 0)\nf = Fin()\nf.a = f\ndel f\nx = []\ny = []\ngc.collect(0)';

  it('a collection scheduled, met by an explicit collection\'s `__del__`: nested in 3.12, dropped in 3.13', () => {
    const f312 = under('3.12', pendingThenExplicit);
    expect([f312['collect.scheduled'], f312['collect.pending.in-collection'], f312['collect.pending.nested'], f312['collect.pending.dropped']]).toEqual([1, 1, 1, 0]);
    const f313 = under('3.13', pendingThenExplicit);
    expect([f313['collect.scheduled'], f313['collect.pending.in-collection'], f313['collect.pending.nested'], f313['collect.pending.dropped']]).toEqual([1, 1, 0, 1]);
  });

  it('where a check finds it: a call, a refcount `__del__`, a refcount death\'s callback', () => {
    expect(under('3.12', 'gc.set_threshold(1)\nx = []\ny = []\nz = Obj()')['collect.pending.at-call']).toBe(1);
    expect(under('3.12', 'f = Fin()\ngc.set_threshold(1)\nx = []\ny = []\ndel f')['collect.pending.at-del']).toBe(1);
    expect(under('3.12', 'o = Obj()\nw = weakref.ref(o, on_clear)\ngc.set_threshold(1)\nx = []\ndel o')['collect.pending.at-callback']).toBe(1);
    expect(under('3.12', 'gc.set_threshold(1)\nx = []\ny = []\ndel x, y\nz = Obj()')['collect.pending.ran-none']).toBe(0);
    expect(under('3.12', 'p = Obj()\ngc.set_threshold(2)\nx = []\ny = []\ndel p\ngc.enable()')['collect.pending.ran-none']).toBe(1);
  });

  it("the list rules: 3.12's pop of the last item clears, 3.13's del keeps the array", () => {
    expect(under('3.12', 'x = [x]\nx.pop()'.replace('x = [x]', 'n = None\nx = [n]'))['list.pop-cleared']).toBe(1);
    expect(under('3.13', 'n = None\nx = [n, n]\ndel x[0]')['list.del-kept-array']).toBe(1);
    expect(featuresOf('n = None\nx = [n]\nx.pop()\ny = [n, n]\ndel y[0]')['list.pop-cleared'] + featuresOf('n = None\ny = [n, n]\ndel y[0]')['list.del-kept-array']).toBe(0);
  });
});
