import { describe, expect, it } from 'vitest';
import type { Statement } from '../../language/ast.js';
import { parseProgram } from '../../language/parse.js';
import { validateProgram } from '../../language/validate.js';

/** Validation diagnostics of a program that parses cleanly, as `LINE:COL: message`. */
function problems(text: string): string[] {
  const { program, diagnostics } = parseProgram(text);
  expect(diagnostics).toEqual([]);
  return validateProgram(program).map((d) => `${d.line}:${d.col}: ${d.message}`);
}

const lines = (...ls: string[]) => ls.join('\n') + '\n';

describe('validateProgram: valid programs', () => {
  it('accepts a program using every statement kind', () => {
    const text = lines(
      'a = Obj()', 'b = Fin()', 'c = Lazarus()', 'n = None', 'by = bytes(64)',
      'l = [a, b, n]', "d = {'k': a, 'j': by}", 't = (a, l)', 'w = weakref.ref(a)', 'wc = weakref.ref(c, on_clear)',
      'l.append(t)', 'l.pop()', 'l.pop(0)', 'l.pop(-1)', 'l[0] = d', 'l[-1] = w', 'del l[0]', 'l.clear()',
      "d['x'] = l", "d.pop('k')", "del d['j']", 'd.clear()', 'a.a = b', 'a.b = a', 'del a.a', 'e = a',
      'm = malloc(16)', 'm2 = realloc(m, 600)', 'm2 = realloc(m2, 0)', 'free(m2)', 'm = malloc(0)', 'mm = m', 'free(mm)',
      'gc.collect()', 'gc.collect(0)', 'gc.enable()', 'gc.disable()', 'gc.set_threshold(1, 2, 3)', 'gc.freeze()',
      'gc.unfreeze()', 'gc.set_debug(gc.DEBUG_SAVEALL)', 'gc.set_debug(0)', 'gc.garbage.clear()', 'revived.clear()',
      'tracemalloc.start()', 'tracemalloc.stop()', 'fork()', 'del a, b', 'match = c', '_ = n', 'case = t',
    );
    expect(problems(text)).toEqual([]);
  });

  it('tracks aliases: a mutation through one name is seen through the other', () => {
    expect(problems(lines('x = []', 'y = x', 'y.append(y)', 'x.pop()', 'x.pop()'))).toEqual([
      '5:1: pop from empty list',
    ]);
    expect(problems(lines('x = Obj()', 'y = x', 'y.c = y', 'del x.c', 'del y.c'))).toEqual([
      "5:5: slot 'c' of 'Obj' object is not set",
    ]);
  });

  it('treats a rebinding as a new object, not a mutation of the old one', () => {
    expect(problems(lines('x = [x0]', 'x = []', 'x.pop()').replace('x = [x0]', 'x = []'))).toEqual([
      '3:1: pop from empty list',
    ]);
  });
});

describe('validateProgram: each rule, at the column of the operand at fault', () => {
  it.each<[string, string[], string[]]>([
    ['unbound name', ['x = [a, b]'], ["1:6: name 'a' is not defined", "1:9: name 'b' is not defined"]],
    ['unbound after del', ['a = []', 'del a', 'a.append(a)'], ["3:1: name 'a' is not defined", "3:10: name 'a' is not defined"]],
    ['del of an unbound name', ['a = []', 'del a, z'], ["2:8: name 'z' is not defined"]],
    ['del of the same name twice', ['a = []', 'del a, a'], ["2:8: name 'a' is not defined"]],
    ['append to a dict', ['d = {}', 'x = []', 'd.append(x)'], ["3:1: 'dict' object has no attribute 'append'"]],
    ['append to a tuple', ['x = []', 't = (x,)', 't.append(x)'], ["3:1: 'tuple' object has no attribute 'append'"]],
    ['pop on an instance', ['o = Fin()', 'o.pop()'], ["2:1: 'Fin' object has no attribute 'pop'"]],
    ['clear on bytes', ['b = bytes(8)', 'b.clear()'], ["2:1: 'bytes' object has no attribute 'clear'"]],
    ['clear on None', ['n = None', 'n.clear()'], ["2:1: 'NoneType' object has no attribute 'clear'"]],
    ['clear on a weakref', ['o = Obj()', 'w = weakref.ref(o)', 'w.clear()'], ["3:1: 'weakref.ReferenceType' object has no attribute 'clear'"]],
    ['pop from an empty list', ['x = []', 'x.pop()'], ['2:1: pop from empty list']],
    ['pop index out of range', ['x = []', 'x.append(x)', 'x.append(x)', 'x.pop(3)'], ['4:1: pop index 3 out of range for list of length 2']],
    ['negative pop index out of range', ['x = []', 'x.append(x)', 'x.pop(-2)'], ['3:1: pop index -2 out of range for list of length 1']],
    ['assignment index out of range', ['x = []', 'x[0] = x'], ['2:1: assignment index 0 out of range for list of length 0']],
    ['deletion index out of range', ['y = None', 'x = [y, y]', 'del x[-3]'], ['3:5: deletion index -3 out of range for list of length 2']],
    ['string index on a list', ['x = []', "x['k'] = x"], ["2:1: list indices must be integers, not 'k'"]],
    ['string pop on a list', ['x = []', "x.pop('k')"], ["2:1: list indices must be integers, not 'k'"]],
    ['int index on a dict', ['d = {}', 'd[0] = d'], ['2:1: dict keys are string literals in this language, not 0']],
    ['pop() on a dict', ['d = {}', 'd.pop()'], ['2:1: dict.pop() needs a key']],
    ['missing dict key on pop', ['n = None', "d = {'k': n}", "d.pop('j')"], ["3:1: key 'j' is not in the dict"]],
    ['missing dict key on del', ['d = {}', "d['k'] = d", "del d['k']", "del d['k']"], ["4:5: key 'k' is not in the dict"]],
    ['item assignment on a tuple', ['x = []', 't = (x,)', 't[0] = x'], ["3:1: 'tuple' object does not support item assignment"]],
    ['item deletion on a tuple', ['x = []', 't = (x,)', 'del t[0]'], ["3:5: 'tuple' object doesn't support item deletion"]],
    ['item assignment on an instance', ['o = Lazarus()', 'o[0] = o'], ["2:1: 'Lazarus' object does not support item assignment"]],
    ['slot store on a list', ['x = []', 'x.a = x'], ["2:1: 'list' object has no attribute 'a'"]],
    ['slot delete on a weakref', ['o = Obj()', 'w = weakref.ref(o, on_clear)', 'del w.b'], ["3:5: 'weakref.ReferenceType' object has no attribute 'b'"]],
    ['delete of an unset slot', ['o = Obj()', 'o.a = o', 'del o.a', 'del o.a'], ["4:5: slot 'a' of 'Obj' object is not set"]],
    ['weakref to a list', ['x = []', 'w = weakref.ref(x)'], ["2:17: cannot create weak reference to 'list' object"]],
    ['weakref to a weakref', ['o = Obj()', 'w = weakref.ref(o)', 'w2 = weakref.ref(w, on_clear)'], ["3:18: cannot create weak reference to 'weakref.ReferenceType' object"]],
    ['weakref to None', ['n = None', 'w = weakref.ref(n)'], ["2:17: cannot create weak reference to 'NoneType' object"]],
    ['free of an object', ['x = []', 'free(x)'], ["2:6: 'x' does not hold a raw block"]],
    ['double free', ['m = malloc(8)', 'free(m)', 'free(m)'], ["3:6: block 'm' was already freed"]],
    ['double free through an alias', ['m = malloc(8)', 'k = m', 'free(m)', 'free(k)'], ["4:6: block 'k' was already freed"]],
    ['realloc of a freed block', ['m = malloc(8)', 'free(m)', 'n = realloc(m, 8)'], ["3:13: block 'm' was already freed"]],
    ['use of a block after realloc', ['m = malloc(8)', 'm2 = realloc(m, 16)', 'free(m)'], ["3:6: block 'm' was already reallocated"]],
    ['realloc of None', ['m = None', 'm2 = realloc(m, 16)'], ["2:14: 'm' does not hold a raw block"]],
    ['raw block as a list item', ['m = malloc(8)', 'x = [m]'], ["2:6: 'm' holds a raw block, not an object"]],
    ['raw block as a dict value', ['m = malloc(8)', "x = {'k': m}"], ["2:11: 'm' holds a raw block, not an object"]],
    ['raw block as a slot value', ['m = malloc(8)', 'o = Obj()', 'o.a = m'], ["3:7: 'm' holds a raw block, not an object"]],
    ['raw block as a weakref target', ['m = malloc(8)', 'w = weakref.ref(m)'], ["2:17: 'm' holds a raw block, not an object"]],
    ['raw block as a container', ['m = malloc(8)', 'm.clear()'], ["2:1: 'm' holds a raw block, not an object"]],
    ['binding a prelude name', ['gc = []'], ["1:1: 'gc' would shadow the prelude"]],
    ['binding revived', ['revived = []'], ["1:1: 'revived' would shadow the prelude"]],
    ['binding a builtin', ['len = []', 'm = malloc(0)', 'id = m'], ["1:1: 'len' would shadow the builtin", "3:1: 'id' would shadow the builtin"]],
    ['binding a keyword', ['for = []'], ["1:1: 'for' is a Python keyword"]],
    ['binding a _pymem name', ['_pymem_x = []'], ["1:1: '_pymem_x' is reserved for the prelude (names starting with _pymem)"]],
    ['binding a dunder name', ['__debug__ = []', '__x__ = []'], ["1:1: '__debug__' is reserved (dunder name)", "2:1: '__x__' is reserved (dunder name)"]],
    ['reading a prelude name', ['x = gc'], ["1:5: 'gc' is part of the prelude, not a program name"]],
    ['reading a builtin', ['x = [len]'], ["1:6: 'len' is a builtin, not a program name"]],
    ['using revived other than by clear()', ['x = []', 'revived.append(x)', 'x = revived'], ["2:1: 'revived' can only be used as revived.clear()", "3:5: 'revived' can only be used as revived.clear()"]],
    ['deleting a prelude name', ['del free'], ["1:5: 'free' is part of the prelude, not a program name"]],
  ])('%s', (_rule, program, expected) => {
    expect(problems(lines(...program))).toEqual(expected);
  });
});

describe('validateProgram: after an invalid statement, as if it had not run', () => {
  it('does not bind the target of an invalid statement', () => {
    expect(problems(lines('x = [zz]', 'x.append(x)'))).toEqual([
      "1:6: name 'zz' is not defined",
      "2:1: name 'x' is not defined",
      "2:10: name 'x' is not defined",
    ]);
  });

  it('does not apply a partly invalid del', () => {
    expect(problems(lines('a = []', 'del a, z', 'a.clear()'))).toEqual(["2:8: name 'z' is not defined"]);
  });

  it('does not free on an invalid free, nor consume on an invalid realloc', () => {
    expect(problems(lines('m = malloc(8)', 'x = []', 'free(x)', 'free(m)'))).toEqual(["3:6: 'x' does not hold a raw block"]);
    expect(problems(lines('m = malloc(8)', 'len = realloc(m, 8)', 'free(m)'))).toEqual([
      "2:1: 'len' would shadow the builtin",
    ]);
  });

  it('keeps the previous value of a target whose new value was invalid', () => {
    expect(problems(lines('x = []', 'x = [q]', 'x.append(x)'))).toEqual(["2:6: name 'q' is not defined"]);
  });

  it('lets realloc rebind its own name', () => {
    expect(problems(lines('m = malloc(8)', 'm = realloc(m, 32)', 'm = realloc(m, 4)', 'free(m)'))).toEqual([]);
  });
});

describe('validateProgram: statements built in memory (no loc)', () => {
  it('locates them where printProgram would print them', () => {
    const statements: Statement[] = [
      { kind: 'newList', target: 'x', items: [] },
      { kind: 'newDict', target: 'd', entries: [['k', 'x'], ['j', 'nope']] },
      { kind: 'newBytes', target: 'b', size: 1 },
      { kind: 'collect', generation: 3 as 2, explicitGeneration: true },
      { kind: 'newTuple', target: 't', items: [] },
    ];
    const at = (geometry: { poolSize: number; arenaSize: number }) =>
      validateProgram({ statements, geometry }).map((d) => `${d.line}:${d.col}: ${d.message}`);
    expect(at({ poolSize: 16384, arenaSize: 1 << 20 })).toEqual([
      "2:19: name 'nope' is not defined",
      '3:1: bytes size 1 out of range 2..10000000',
      '4:1: invalid generation 3 (must be 0, 1 or 2)',
      '5:1: a tuple needs at least one item',
    ]);
    expect(at({ poolSize: 1024, arenaSize: 4096 })[0]).toBe("3:19: name 'nope' is not defined");
    expect(at({ poolSize: 1000, arenaSize: 4096 })[0]).toBe('1:1: pool_size must be a power of two in 1024..16384, got 1000');
  });
});
