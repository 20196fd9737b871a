import { describe, expect, it } from 'vitest';
import { CPYTHON_GEOMETRY, type Statement } from '../../language/ast.js';
import { parseProgram } from '../../language/parse.js';

const withoutLoc = ({ loc: _loc, ...rest }: Statement) => rest;

function parseOne(source: string): Statement {
  const { program, diagnostics } = parseProgram(source);
  expect(diagnostics).toEqual([]);
  expect(program.statements).toHaveLength(1);
  return program.statements[0];
}

/** The first diagnostic as `LINE:COL: message`. */
function firstError(source: string): string {
  const { diagnostics } = parseProgram(source);
  expect(diagnostics.length).toBeGreaterThan(0);
  const d = diagnostics[0];
  return `${d.line}:${d.col}: ${d.message}`;
}

describe('parseProgram: every statement form', () => {
  const forms: Array<[string, Statement]> = [
    ['x = []', { kind: 'newList', target: 'x', items: [] }],
    ['x = [a, b]', { kind: 'newList', target: 'x', items: ['a', 'b'] }],
    ['x = {}', { kind: 'newDict', target: 'x', entries: [] }],
    [`x = {'k': a, "j": b}`, { kind: 'newDict', target: 'x', entries: [['k', 'a'], ['j', 'b']] }],
    ['x = (a,)', { kind: 'newTuple', target: 'x', items: ['a'] }],
    ['x = (a, b)', { kind: 'newTuple', target: 'x', items: ['a', 'b'] }],
    ['x = Obj()', { kind: 'newInstance', target: 'x', cls: 'Obj' }],
    ['x = Fin()', { kind: 'newInstance', target: 'x', cls: 'Fin' }],
    ['x = Lazarus()', { kind: 'newInstance', target: 'x', cls: 'Lazarus' }],
    ['x = bytes(100)', { kind: 'newBytes', target: 'x', size: 100 }],
    ['x = bytes(10_000_000)', { kind: 'newBytes', target: 'x', size: 10_000_000 }],
    ['x = None', { kind: 'bindNone', target: 'x' }],
    ['x = y', { kind: 'rebind', target: 'x', source: 'y' }],
    ['w = weakref.ref(x)', { kind: 'newWeakref', target: 'w', referent: 'x', callback: false }],
    ['w = weakref.ref(x, on_clear)', { kind: 'newWeakref', target: 'w', referent: 'x', callback: true }],
    ['m = malloc(0)', { kind: 'malloc', target: 'm', size: 0 }],
    ['m2 = realloc(m, 600)', { kind: 'realloc', target: 'm2', block: 'm', size: 600 }],
    ['free(m)', { kind: 'free', block: 'm' }],
    ['del x', { kind: 'del', names: ['x'] }],
    ['del x, y', { kind: 'del', names: ['x', 'y'] }],
    ['x.append(y)', { kind: 'append', list: 'x', item: 'y' }],
    ['x.pop()', { kind: 'pop', container: 'x', index: null }],
    ['x.pop(2)', { kind: 'pop', container: 'x', index: 2 }],
    ['x.pop(-1)', { kind: 'pop', container: 'x', index: -1 }],
    [`x.pop('k')`, { kind: 'pop', container: 'x', index: 'k' }],
    ['x.clear()', { kind: 'clear', container: 'x' }],
    ['x[0] = y', { kind: 'setItem', container: 'x', index: 0, value: 'y' }],
    ['x[-2] = y', { kind: 'setItem', container: 'x', index: -2, value: 'y' }],
    [`x['k'] = y`, { kind: 'setItem', container: 'x', index: 'k', value: 'y' }],
    ['del x[1]', { kind: 'delItem', container: 'x', index: 1 }],
    [`del x["k"]`, { kind: 'delItem', container: 'x', index: 'k' }],
    ['x.a = y', { kind: 'setSlot', target: 'x', slot: 'a', value: 'y' }],
    ['x.c = y', { kind: 'setSlot', target: 'x', slot: 'c', value: 'y' }],
    ['del x.b', { kind: 'delSlot', target: 'x', slot: 'b' }],
    ['gc.collect()', { kind: 'collect', generation: 2, explicitGeneration: false }],
    ['gc.collect(0)', { kind: 'collect', generation: 0, explicitGeneration: true }],
    ['gc.collect(2)', { kind: 'collect', generation: 2, explicitGeneration: true }],
    ['gc.enable()', { kind: 'gcEnable' }],
    ['gc.disable()', { kind: 'gcDisable' }],
    ['gc.set_threshold(5)', { kind: 'setThreshold', thresholds: [5] }],
    ['gc.set_threshold(0, -3, 10)', { kind: 'setThreshold', thresholds: [0, -3, 10] }],
    ['gc.freeze()', { kind: 'freeze' }],
    ['gc.unfreeze()', { kind: 'unfreeze' }],
    ['gc.set_debug(gc.DEBUG_SAVEALL)', { kind: 'setDebug', saveAll: true }],
    ['gc.set_debug(0)', { kind: 'setDebug', saveAll: false }],
    ['gc.garbage.clear()', { kind: 'clearGarbage' }],
    ['revived.clear()', { kind: 'clearRevived' }],
    ['tracemalloc.start()', { kind: 'tracemallocStart' }],
    ['tracemalloc.stop()', { kind: 'tracemallocStop' }],
    ['fork()', { kind: 'fork' }],
  ];
  it.each(forms)('%s', (source, expected) => {
    expect(withoutLoc(parseOne(source))).toEqual(expected);
  });

  it('accepts flexible inner whitespace, trailing commas and trailing comments', () => {
    expect(withoutLoc(parseOne('x=[ a ,b, ]  # note'))).toEqual({ kind: 'newList', target: 'x', items: ['a', 'b'] });
    expect(withoutLoc(parseOne('x . append ( y )'))).toEqual({ kind: 'append', list: 'x', item: 'y' });
    expect(withoutLoc(parseOne("x\t=\t{ 'k' :a , }"))).toEqual({ kind: 'newDict', target: 'x', entries: [['k', 'a']] });
    expect(withoutLoc(parseOne('del x, y,'))).toEqual({ kind: 'del', names: ['x', 'y'] });
    expect(withoutLoc(parseOne('gc . set_debug ( gc . DEBUG_SAVEALL )'))).toEqual({ kind: 'setDebug', saveAll: true });
  });

  it('parses names it will not accept, leaving them to the validator', () => {
    expect(withoutLoc(parseOne('gc.append(x)'))).toEqual({ kind: 'append', list: 'gc', item: 'x' });
    expect(withoutLoc(parseOne('x = revived'))).toEqual({ kind: 'rebind', target: 'x', source: 'revived' });
  });
});

describe('parseProgram: locations', () => {
  it('fills line, col and the column of each operand in operandNames order', () => {
    const { program } = parseProgram('# header\n\nx = {"k": aa,  \'j\': b}\nx.a = y\ndel p,  q\n');
    expect(program.statements.map((s) => s.loc)).toEqual([
      { line: 3, col: 1, operandCols: [11, 21] },
      { line: 4, col: 1, operandCols: [1, 7] },
      { line: 5, col: 1, operandCols: [5, 9] },
    ]);
  });

  it('records no operand for statements that read no name', () => {
    expect(parseOne('gc.collect(1)').loc).toEqual({ line: 1, col: 1, operandCols: [] });
    expect(parseOne('w = weakref.ref(x, on_clear)').loc).toEqual({ line: 1, col: 1, operandCols: [17] });
  });

  it('ignores blank lines, comment lines (indented or not), CRLF and a BOM', () => {
    const { program, diagnostics } = parseProgram('\uFEFFx = []\r\n   \r\n  # indented comment\r\ny = x\r\n');
    expect(diagnostics).toEqual([]);
    expect(program.statements.map((s) => s.loc!.line)).toEqual([1, 4]);
  });
});

describe('parseProgram: geometry', () => {
  it('defaults to CPython', () => {
    expect(parseProgram('x = []\n').program.geometry).toEqual(CPYTHON_GEOMETRY);
  });

  it('reads the # pymem: line, either setting alone keeping the default of the other', () => {
    expect(parseProgram('# pymem: pool_size=1024 arena_size=4096\n').program.geometry).toEqual({ poolSize: 1024, arenaSize: 4096 });
    expect(parseProgram('#pymem:  arena_size=32768\n').program.geometry).toEqual({ poolSize: 16384, arenaSize: 32768 });
  });

  it.each([
    ['# pymem: pool_size=1000 arena_size=4096', '1:10: pool_size must be a power of two in 1024..16384, got 1000'],
    ['# pymem: pool_size=512 arena_size=4096', '1:10: pool_size must be a power of two in 1024..16384, got 512'],
    ['# pymem: pool_size=32768', '1:10: pool_size must be a power of two in 1024..16384, got 32768'],
    ['# pymem: pool_size=1024 arena_size=1024', '1:25: arena_size must be a power of two holding 2..256 pools of 1024 bytes, got 1024'],
    ['# pymem: pool_size=1024 arena_size=524288', '1:25: arena_size must be a power of two holding 2..256 pools of 1024 bytes, got 524288'],
    ['# pymem: pool_size=1024 arena_size=6144', '1:25: arena_size must be a power of two holding 2..256 pools of 1024 bytes, got 6144'],
    ['# pymem: pool_size=1024 arena_size=4096 x=1', "1:41: unknown setting 'x' (expected cpython, pool_size or arena_size)"],
    ['# pymem: pool_size=abc', "1:10: expected pool_size=<integer>, found 'pool_size=abc'"],
    ['# pymem: pool_size=1024 pool_size=2048', '1:25: pool_size is set twice'],
    ['# pymem: cpython=3.12 cpython=3.13', '1:23: cpython is set twice'],
    ['# pymem: cpython=3', "1:10: expected cpython=3.11|3.12|3.13, found 'cpython=3'"],
    ['# pymem: pool_size=1024 arena_size=4096\n# pymem: pool_size=1024 arena_size=4096', "2:1: duplicate '# pymem:' line (the first is line 1)"],
  ])('%s', (source, expected) => {
    expect(firstError(source)).toBe(expected);
    expect(parseProgram(source).program.geometry).toEqual(source.includes('\n') ? { poolSize: 1024, arenaSize: 4096 } : CPYTHON_GEOMETRY);
  });
});

describe('parseProgram: syntax errors', () => {
  it.each([
    ['  x = []', '1:1: unexpected indentation'],
    ['x = [a b]', "1:8: expected ',' or ']', found 'b'"],
    ['x = (a)', '1:5: (a) is not a tuple; write (a,)'],
    ['x = ()', '1:5: the empty tuple is not supported (it is a shared singleton)'],
    ['x = {k: a}', "1:6: expected a string key, found 'k'"],
    [`x = {'k': a, 'k': b}`, "1:14: duplicate dict key 'k'"],
    [`x = {${Array.from({ length: 16 }, (_, i) => `'k${i}': a`).join(', ')}}`, "1:146: a dict display has at most 15 entries (CPython builds a longer one entry by entry); add the others with d['key'] = value"],
    [`x = {'K': a}`, "1:6: dict key 'K' must match [a-z_][a-z0-9_]{0,15}"],
    [`x = {'abcdefghijklmnopq': a}`, "1:6: dict key 'abcdefghijklmnopq' must match [a-z_][a-z0-9_]{0,15}"],
    [`x = {'k: a}`, '1:6: unterminated string literal'],
    ['X = []', "1:1: 'X' is not a valid name (names match [a-z_][a-z0-9_]*)"],
    ['x = [None]', "1:6: 'None' is not a valid name (names match [a-z_][a-z0-9_]*)"],
    ['x = Obj', '1:5: write Obj() to create an instance'],
    ['x = Obj(a)', "1:9: expected ')', found 'a'"],
    ['x = bytes(1)', '1:11: bytes size 1 out of range 2..10000000'],
    ['x = bytes(10000001)', '1:11: bytes size 10000001 out of range 2..10000000'],
    ['x = bytes(n)', "1:11: expected an integer, found 'n'"],
    ['x = bytes(1.5)', "1:11: invalid integer literal '1.5'"],
    ['x = bytes(007)', "1:11: invalid integer literal '007'"],
    ['m = malloc(-1)', '1:12: malloc size -1 out of range 0..10000000'],
    ['m = realloc(m, 10000001)', '1:16: realloc size 10000001 out of range 0..10000000'],
    ['m = realloc(m)', "1:14: expected ',', found ')'"],
    ['w = weakref.ref(x, cb)', "1:20: the only weakref callback is on_clear, found 'cb'"],
    ['w = weakref.proxy(x)', "1:13: expected 'ref', found 'proxy'"],
    ['x = print(y)', "1:5: unsupported call 'print()'"],
    ['print(y)', "1:1: unsupported call 'print()'"],
    ['x.sort()', "1:3: unsupported method 'sort' (supported: append, pop, clear)"],
    ['x.d = y', "1:3: expected a slot name (a, b or c), found 'd'"],
    ['del x.d', "1:7: expected a slot name (a, b or c), found 'd'"],
    ['del x[0], y', "1:9: unexpected ',' after the statement"],
    ['x = y = z', "1:7: unexpected '=' after the statement"],
    ['x = [] ; y = []', '1:8: unexpected character ";"'],
    ['x.append()', "1:10: expected a name, found ')'"],
    ['x.append(y, z)', "1:11: expected ')', found ','"],
    ['x.pop(a)', "1:7: expected an integer, found 'a'"],
    ['x[a] = y', "1:3: expected an integer, found 'a'"],
    ['gc.collect(3)', '1:12: invalid generation 3 (must be 0, 1 or 2)'],
    ['gc.collect(-1)', '1:12: invalid generation -1 (must be 0, 1 or 2)'],
    ['gc.collect(generation=1)', "1:12: expected an integer, found 'generation'"],
    ['gc.set_threshold()', '1:18: gc.set_threshold needs 1 to 3 thresholds'],
    ['gc.set_threshold(1, 2, 3, 4)', '1:18: gc.set_threshold takes 1 to 3 thresholds, got 4'],
    ['gc.set_threshold(2147483648)', '1:18: threshold 2147483648 does not fit in a C int'],
    ['gc.set_debug(gc.DEBUG_STATS)', '1:14: only gc.set_debug(gc.DEBUG_SAVEALL) and gc.set_debug(0) are supported'],
    ['gc.get_count()', "1:4: unsupported call 'gc.get_count()'"],
    ['gc.garbage.append(x)', "1:12: expected 'clear', found 'append'"],
    ['tracemalloc.take_snapshot()', "1:13: unsupported method 'take_snapshot' (supported: append, pop, clear)"],
    ['x.pop(99999999999999999999)', '1:7: integer literal 99999999999999999999 is too large'],
    ['x', "1:1: unknown statement starting with 'x'"],
    ['[x] = y', "1:1: a statement starts with a name, found '['"],
    ['x = ', '1:5: expected a value after ='],
    ['x = [a', "1:7: expected ',' or ']', found end of line"],
  ])('%s', (source, expected) => {
    expect(firstError(source)).toBe(expected);
  });

  it('reports every bad line and keeps the good ones', () => {
    const { program, diagnostics } = parseProgram('x = []\ny = (\nz = []\nw = bytes(0)\nv = [x, z]\n');
    expect(diagnostics.map((d) => `${d.line}:${d.col}`)).toEqual(['2:6', '4:11']);
    expect(program.statements.map((s) => s.loc!.line)).toEqual([1, 3, 5]);
  });

  it('reports every literal problem of a line', () => {
    const { diagnostics } = parseProgram(`x = {'k': a, 'k': b, 'K': c}`);
    expect(diagnostics.map((d) => `${d.col}: ${d.message}`)).toEqual([
      "14: duplicate dict key 'k'",
      "22: dict key 'K' must match [a-z_][a-z0-9_]{0,15}",
    ]);
  });
});
