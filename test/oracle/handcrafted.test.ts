/*
 * Programs that pin details generated programs rarely reach, each checked against CPython with no
 * value left uncompared. The first was a real disagreement: the implementation visited list and
 * tuple items first to last in `move_unreachable`, CPython last to first, and the young list's
 * order decides which nested tuples a collection untracks.
 */
import { createEngine as createImplEngine } from '../../impl/engine.js';
import { describe, expect, it } from 'vitest';
import { describeDisagreement } from '../../oracle/format.js';
import { runOracleSync } from '../../oracle/oracle.js';
import { program } from '../helpers/programs.js';
import { interpreters } from './pythonSkip.js';

const PROGRAMS: Record<string, string[]> = {
  // collect(0) untracks u1 and u2 but not u3: traversing l then u3 (items last to first) puts u1
  // before u2 in the young list, so u2 sees u1 already untracked; u3 was scanned before both.
  'nested tuples are untracked in the order CPython visits them': [
    'b = bytes(2)', 'u1 = (b,)', 'u2 = (u1,)', 'u3 = (u2, u1)', 'l = [u3]', 'del u1, u2, u3',
    'gc.collect(0)', 'gc.collect(0)', 'd = {\'k\': l}', 'e = (d, b)', 'del l', 'gc.collect()',
  ],
  // The weakref a statement creates calls back in that statement; the referent's ClearWeakRefs
  // tuple has the new weakref in it (the driver's watch must not lengthen it).
  'a weakref created and called back in one statement': [
    'x = Obj()', 'x = weakref.ref(x, on_clear)', 'y = Fin()', 'w = weakref.ref(y, on_clear)',
    'y = weakref.ref(y, on_clear)', 'z = Obj()', 'wz = weakref.ref(z)', 'z = weakref.ref(z, on_clear)',
  ],
  // A tuple literal of the length of the ClearWeakRefs tuple its binding builds.
  'a tuple literal as long as the ClearWeakRefs tuple of the value it replaces': [
    'a = bytes(2)', 'x = Obj()', 'w1 = weakref.ref(x, on_clear)', 'w2 = weakref.ref(x, on_clear)',
    'x = (a, a, a, a)', 'gc.set_threshold(3)', 'y = []', 'z = []',
  ],
  // An automatic full collection empties the freelists; then the old value dies with two callbacks.
  'an automatic full collection, then a ClearWeakRefs tuple in the same statement': [
    'gc.set_threshold(1, 1, 1)', 'x = Obj()', 'w1 = weakref.ref(x, on_clear)', 'w2 = weakref.ref(x, on_clear)',
    ...'abcdefghij'.split('').map((n) => `${n} = []`), 'x = []', 'k = []',
  ],
  // gc.unfreeze() brings the interpreter's own objects into generation 2 in CPython. The driver
  // freezes them again (oracle/cpython_driver/refreeze.py): in generation 2 they would count in
  // long_lived_total, and the automatic generation-2 collections would come later than pymem's ...
  'unfreeze, then automatic generation-2 collections': [
    'a = Obj()', 'gc.freeze()', 'gc.unfreeze()', 'gc.collect()', 'gc.set_threshold(1, 1, 1)',
    ...'bcdefghijklmnopq'.split('').map((n) => `${n} = []`),
  ],
  // ... and the module's globals dict, which holds the names, would reorder the young list of a full
  // collection: a plain CPython run untracks `outer` here, pymem (names are roots) does not.
  'unfreeze, then a full collection: names stay roots': [
    'b = bytes(2)', 'inner = (b,)', 'gc.freeze()', 'outer = (inner,)', 'gc.collect(1)', 'gc.unfreeze()', 'gc.collect()',
  ],
  // Raw blocks, tracemalloc and fork run opaquely; rebinding a raw block's name releases the old value.
  'raw blocks, tracemalloc and fork': [
    'a = Fin()', 'b = [a]', 'm = malloc(100)', 'tracemalloc.start()', 'c = Obj()', 'fork()', 'del b, a',
    'c = malloc(16)', 'm = realloc(m, 1000)', 'tracemalloc.stop()', 'free(m)', 'gc.collect()',
  ],
  // From 3.12 a collection scheduled by `y = []` runs at the entry of the Lazarus's `__del__` (its
  // release is the first check): the dying object is re-tracked and held, so it is promoted with
  // its child, and resurrects in generation 1.
  'a pending collection at the entry of a dying Lazarus\'s __del__': [
    'b = bytes(2)', 'gc.set_threshold(3)', 'gc.collect()', 'z = Lazarus()', 'l = []', 'z.a = l', 'del l', 'x = []', 'y = []', 'del z',
    'gc.collect(0)', 'revived.clear()',
  ],
  // ... at the entry of a callback: the dying instance's children and the weakrefs calling back
  // (held by the calls) survive that collection; a weakref only a garbage cycle held dies after it.
  'a pending collection at the entry of a refcount death\'s callbacks': [
    'b = bytes(2)', 'gc.set_threshold(5)', 'gc.collect()', 'o = Obj()', 'l = [b]', 'o.a = l', 'del l', 'w1 = weakref.ref(o, on_clear)',
    'w2 = weakref.ref(o, on_clear)', 'c = [w2]', 'c.append(c)', 'del w2, c', 'x = []', 'del o', 'gc.collect()',
  ],
  // ... inside an explicit collection, at its first finalizer: nested in 3.12, dropped in 3.13.
  'a pending collection meets an explicit collection\'s finalizer': [
    'b = bytes(2)', 'gc.set_threshold(3, 0)', 'gc.collect()', 'f = Fin()', 'f.a = f', 'del f', 'x = []', 'y = []',
    'gc.collect(0)', 'gc.collect()',
  ],
  // Collector paths: resurrection, DEBUG_SAVEALL, callbacks of reachable weakrefs to garbage.
  'resurrection, saved garbage and callbacks in one collection': [
    'gc.set_debug(gc.DEBUG_SAVEALL)', 'a = Fin()', 'b = Lazarus()', 'a.a = b', 'b.a = a', 'w = weakref.ref(a, on_clear)',
    'del a, b', 'gc.collect()', 'gc.set_debug(0)', 'gc.garbage.clear()', 'revived.clear()', 'gc.collect()',
  ],
};

for (const { cpython, interpreter, skipReason } of interpreters) {
  describe(`pymem oracle on handcrafted programs, CPython ${cpython}`, () => {
    if (!interpreter) {
      it.skip(skipReason, () => {});
      return;
    }
    for (const [name, lines] of Object.entries(PROGRAMS)) {
      it(name, () => {
        const text = lines.join('\n') + '\n';
        const result = runOracleSync(program(text), text, { python: interpreter.executable, cpython, createEngine: createImplEngine });
        if (!result.ok) throw new Error(result.message);
        expect(result.disagreements.map(describeDisagreement)).toEqual([]);
        expect(result.steps.flatMap((s) => s.skipped)).toEqual([]);
      });
    }
  });
}
