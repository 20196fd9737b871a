/*
 * The prelude and the language against real CPython: every valid program, prefixed with the prelude,
 * must run to completion in python3 3.11, and programs the validator rejects must really raise.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { StatementKind } from '../../language/ast.js';
import { loadProgram } from '../../language/load.js';
import { PRELUDE_NAMES, PYTHON_BUILTINS, PYTHON_KEYWORDS, reservedNameProblem } from '../../language/names.js';
import { PRELUDE } from '../../language/prelude.js';

const version = spawnSync('python3', ['--version'], { encoding: 'utf8' });
const pythonVersion = version.error ? null : `${version.stdout}${version.stderr}`.trim();
const skipReason = pythonVersion?.startsWith('Python 3.11.')
  ? null
  : `needs python3 3.11 on PATH, found ${pythonVersion ?? 'no python3'}`;
if (skipReason) console.warn(`prelude.test.ts skipped: ${skipReason}`);

const dir = skipReason ? '' : mkdtempSync(join(tmpdir(), 'pymem-language-'));
afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

let files = 0;
function runPython(source: string) {
  const file = join(dir, `program${files++}.py`);
  writeFileSync(file, source);
  return spawnSync('python3', [file], { encoding: 'utf8', timeout: 30_000 });
}

/** Runs PRELUDE + program + epilogue (plain Python that asserts what the program did). */
function runProgram(program: string, epilogue = '') {
  const loaded = loadProgram(program, 'program.py');
  expect(loaded.ok ? [] : loaded.messages).toEqual([]);
  return runPython(`${PRELUDE}\n${program}\n${epilogue}\n`);
}

const lines = (...ls: string[]) => ls.join('\n') + '\n';

/** A Record so that the compiler points here when a statement kind is added. */
const EVERY_KIND: Record<StatementKind, true> = {
  newList: true, newDict: true, newTuple: true, newInstance: true, newBytes: true, bindNone: true, rebind: true,
  newWeakref: true, malloc: true, realloc: true, free: true, del: true, append: true, pop: true, clear: true,
  setItem: true, delItem: true, setSlot: true, delSlot: true, collect: true, gcEnable: true, gcDisable: true,
  setThreshold: true, freeze: true, unfreeze: true, setDebug: true, clearGarbage: true, clearRevived: true,
  tracemallocStart: true, tracemallocStop: true, fork: true,
};

const programs: Record<string, { program: string; epilogue: string }> = {
  containers: {
    program: lines(
      'a = Obj()', 'n = None', 'b = bytes(100)', 'l = [a, n]', "d = {'k': a, \"j\": b}", 't = (l, d)', 'u = (a,)',
      'l.append(t)', 'l.pop()', 'l.pop(0)', 'l.pop(-1)', 'l.append(b)', 'l[0] = d', 'l[-1] = u', 'del l[0]', 'l.clear()',
      "d['x'] = l", "d.pop('k')", "del d['j']", 'd.clear()', 'e = l', 'e = None', 'del e, n',
    ),
    epilogue: "assert l == [] and d == {} and t[0] is l and u == (a,) and len(b) == 100 and 'e' not in globals()",
  },
  slotsFinalizersWeakrefs: {
    program: lines(
      'f = Fin()', 'z = Lazarus()', 'o = Obj()', 'o.a = o', 'o.b = f', 'o.c = z', 'del o.b', 'z.a = z',
      'w = weakref.ref(f, on_clear)', 'w2 = weakref.ref(o)', 'del f', 'del z, o', 'gc.collect()',
    ),
    epilogue: [
      'assert len(_pymem_finalized) == 1 and _pymem_callbacks == [id(w)] and w() is None',
      'assert len(revived) == 1 and type(revived[0]) is Lazarus and w2() is None',
      'assert not hasattr(Fin(), "__dict__") and not hasattr(Lazarus(), "__dict__")',
      'import sys; assert sys.getsizeof(Fin()) == sys.getsizeof(Lazarus()) == sys.getsizeof(Obj())',
    ].join('\n'),
  },
  collectorControls: {
    program: lines(
      'gc.disable()', 'gc.set_threshold(5)', 'gc.set_threshold(0, 3)', 'gc.set_threshold(700, 10, 10)', 'gc.enable()',
      'x = []', 'x.append(x)', 'gc.freeze()', 'gc.unfreeze()', 'gc.set_debug(gc.DEBUG_SAVEALL)', 'del x', 'gc.collect(0)',
      'gc.collect(1)', 'gc.collect(2)', 'gc.set_debug(0)', 'gc.garbage.clear()', 'l = Lazarus()', 'l.a = l', 'del l',
      'gc.collect()', 'revived.clear()', 'gc.collect()', 'tracemalloc.start()', 'y = bytes(5000)', 'tracemalloc.stop()',
    ),
    epilogue: [
      'assert gc.isenabled() and gc.get_threshold() == (700, 10, 10) and gc.get_debug() == 0',
      'assert gc.garbage == [] and revived == [] and not tracemalloc.is_tracing() and gc.get_freeze_count() == 0',
    ].join('\n'),
  },
  rawBlocks: {
    // Proves malloc/realloc/free are pymalloc's: LIFO reuse of a freed block, in-place shrinking
    // by less than 25 %, and contents kept across a move (docs/cpython-3.11.md#realloc).
    program: lines('m = malloc(456)', 'free(m)', 'm2 = malloc(456)', 'k = m2', 'z = malloc(0)', 'free(z)'),
    epilogue: [
      'import ctypes',
      'assert isinstance(m2, int) and m2 == m, "pymalloc hands back the block just freed"',
      'ctypes.memset(m2, 0x5A, 456)',
      'm3 = realloc(m2, 400)',
      'assert m3 == m2, "456 -> 400 stays in its 464-byte block"',
      'm4 = realloc(m3, 4000)',
      'assert m4 != m3 and ctypes.string_at(m4, 400) == b"\\x5a" * 400, "a move keeps the contents"',
      'free(m4)',
    ].join('\n'),
  },
  reallocInLanguage: {
    program: lines('m = malloc(100)', 'm = realloc(m, 90)', 'big = realloc(m, 1000)', 'small = realloc(big, 0)', 'free(small)'),
    epilogue: 'assert all(isinstance(v, int) and v != 0 for v in (m, big, small))',
  },
  fork: {
    program: lines('x = [] ', 'fork()', 'x.append(x)', 'gc.collect()'),
    epilogue: 'import os; assert x == [x]; print("child", os.getpid())',
  },
};

describe.skipIf(skipReason !== null)(`prelude in real CPython ${skipReason ? `(skipped: ${skipReason})` : ''}`, () => {
  it('the programs below cover every statement kind', () => {
    const covered = new Set<StatementKind>();
    for (const { program } of Object.values(programs)) {
      const loaded = loadProgram(program, 'p.py');
      if (loaded.ok) for (const s of loaded.program.statements) covered.add(s.kind);
    }
    expect([...covered].sort()).toEqual(Object.keys(EVERY_KIND).sort());
  });

  it.each(Object.entries(programs))('%s runs to completion', (_name, { program, epilogue }) => {
    const run = runProgram(program, epilogue);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
  });

  it('fork(): the program goes on in the child; the parent exits with its status and prints nothing twice', () => {
    const ok = runProgram(lines('x = []', 'fork()'), 'print("after")');
    expect(ok.stdout).toBe('after\n');
    const failing = runProgram(lines('x = []', 'fork()'), 'raise SystemExit(3)');
    expect(failing.status).toBe(3);
  });

  it('programs the validator rejects really raise in CPython', () => {
    const cases: Array<[string, string]> = [
      ['x = [a]', 'NameError'],
      ['x = []\nt = (x,)\nt[0] = x', 'TypeError'],
      ['x = []\nx.append(x)\nx.pop(2)', 'IndexError'],
      ['x = []\nx.pop()', 'IndexError'],
      ['o = Obj()\ndel o.a', 'AttributeError'],
      ["d = {}\ndel d['k']", 'KeyError'],
      ["x = []\nx['k'] = x", 'TypeError'],
      ['x = []\nw = weakref.ref(x)', 'TypeError'],
      ['b = bytes(4)\nb.a = b', 'AttributeError'],
      ['n = None\nn.append(n)', 'AttributeError'],
      ['d = {}\nd.pop()', 'TypeError'],
    ];
    for (const [program, error] of cases) {
      expect(loadProgram(program, 'bad.py').ok).toBe(false);
      const run = runPython(`${PRELUDE}\n${program}\n`);
      expect(run.status, program).toBe(1);
      expect(run.stderr, program).toMatch(new RegExp(`^${error}\\b`, 'm'));
    }
  });

  it('every global the prelude defines is reserved', () => {
    const run = runPython(`${PRELUDE}\nprint(__import__('json').dumps(sorted(globals())))\n`);
    expect(run.status).toBe(0);
    const globalNames: string[] = JSON.parse(run.stdout);
    for (const name of globalNames) expect(reservedNameProblem(name, 'bind'), name).not.toBeNull();
    expect(globalNames).toEqual(expect.arrayContaining([...PRELUDE_NAMES]));
  });

  it('the hard-coded builtin and keyword lists are those of this python3', () => {
    const run = runPython(
      'import builtins, json, keyword\n' +
        'print(json.dumps([[n for n in dir(builtins) if n == n.lower()], [k for k in keyword.kwlist if k == k.lower()]]))\n',
    );
    const [builtins, keywords] = JSON.parse(run.stdout) as [string[], string[]];
    expect([...PYTHON_BUILTINS].sort()).toEqual(builtins.sort());
    expect([...PYTHON_KEYWORDS].sort()).toEqual(keywords.sort());
  });
});
