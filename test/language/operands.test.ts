import { describe, expect, it } from 'vitest';
import type { Statement } from '../../language/ast.js';
import { mapNames, operandNames, targetName, walkBoundNames } from '../../language/operands.js';
import { parseProgram } from '../../language/parse.js';

const parse = (text: string): Statement => parseProgram(text).program.statements[0];

describe('operandNames and targetName', () => {
  it.each<[string, string[], string | null]>([
    ['x = [a, b]', ['a', 'b'], 'x'],
    ["x = {'k': a, 'j': b}", ['a', 'b'], 'x'],
    ['x = (a,)', ['a'], 'x'],
    ['x = Obj()', [], 'x'],
    ['x = bytes(4)', [], 'x'],
    ['x = None', [], 'x'],
    ['x = y', ['y'], 'x'],
    ['w = weakref.ref(o, on_clear)', ['o'], 'w'],
    ['m = malloc(4)', [], 'm'],
    ['m2 = realloc(m, 4)', ['m'], 'm2'],
    ['free(m)', ['m'], null],
    ['del a, b', ['a', 'b'], null],
    ['x.append(y)', ['x', 'y'], null],
    ['x.pop(1)', ['x'], null],
    ['x.clear()', ['x'], null],
    ["x['k'] = y", ['x', 'y'], null],
    ['del x[0]', ['x'], null],
    ['o.b = y', ['o', 'y'], null],
    ['del o.b', ['o'], null],
    ['gc.collect()', [], null],
    ['revived.clear()', [], null],
    ['fork()', [], null],
  ])('%s', (text, operands, target) => {
    const s = parse(text);
    expect(operandNames(s)).toEqual(operands);
    expect(targetName(s)).toBe(target);
  });

  it('mapNames renames targets and operands and nothing else', () => {
    const upper = (n: string) => n.toUpperCase();
    expect(mapNames(parse("x['k'] = y"), upper)).toEqual({ kind: 'setItem', container: 'X', index: 'k', value: 'Y' });
    expect(mapNames(parse('o.a = o'), upper)).toEqual({ kind: 'setSlot', target: 'O', slot: 'a', value: 'O' });
    expect(mapNames(parse('m = realloc(m, 3)'), upper)).toEqual({ kind: 'realloc', target: 'M', block: 'M', size: 3 });
    expect(mapNames(parse('gc.freeze()'), upper)).toEqual({ kind: 'freeze' });
  });
});

describe('walkBoundNames', () => {
  it('gives the names bound before each statement, in order of first binding, deleted ones dropped', () => {
    const { statements } = parseProgram('a = Obj()\nb = [a]\na = None\ndel b\nc = a\ngc.collect()\n').program;
    const seen: string[][] = [];
    walkBoundNames(statements, (i, bound) => {
      expect(i).toBe(seen.length);
      seen.push([...bound]);
    });
    expect(seen).toEqual([[], ['a'], ['a', 'b'], ['a', 'b'], ['a'], ['a', 'c'], ['a', 'c']]);
  });
});
