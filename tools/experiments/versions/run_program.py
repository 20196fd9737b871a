#!/usr/bin/env python3
"""Run a pymem program (prefixed with pymem's prelude, language/prelude.ts) in THIS interpreter,
plainly -- no oracle driver -- and print, after each statement, what the collector did.

    python3 run_program.py PROGRAM.py               # 3.11
    PYENV_VERSION=3.12.1 python run_program.py PROGRAM.py
    PYENV_VERSION=3.13.0 python run_program.py PROGRAM.py

Each statement is followed by a few `_r[k] = view.value` lines: ctypes loads (LOAD_ATTR on a C
getter) stored into a preallocated list -- no call, no eval-breaker check, no GC allocation -- so
the record disturbs neither the counts nor WHEN a pending collection runs (a call would run it).
Recorded per statement: collections per generation and what they collected (the collector's own
generation_stats), gc.get_count(), whether a collection is pending (3.12/3.13), and how many
__del__s (Fin) and on_clear callbacks ran. After the last statement (collector off): the
generation, tracking and sys.getsizeof of every program name, and tracemalloc's per-line totals
if the program left tracing on.

Start state: the prelude runs, then the interpreter's objects are frozen (gc.collect(); gc.freeze())
as the oracle driver does, so that only program objects are in generations 0-2. Counts, thresholds
and freelists are otherwise as the plain interpreter has them: the programs here begin with
gc.collect() (counts 0, freelists empty) and set their thresholds, priming the tuple freelist for
gc.set_threshold's argument tuple (see examples/README.md).
"""
import ctypes
import gc
import os
import re
import sys

sys.dont_write_bytecode = True
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from gcstate import GCState, V  # noqa: E402

ROOT = os.path.normpath(os.path.join(HERE, '..', '..', '..'))
FIELDS = 15  # per record: 3 counts, 3 collections, 3 collected, finalized, callbacks, pending, 3 spare


def prelude():
    text = open(os.path.join(ROOT, 'language', 'prelude.ts')).read()
    return re.search(r'export const PRELUDE = `(.*?)`;', text, re.S).group(1)


def statements(text):
    out = []
    for i, raw in enumerate(text.splitlines(), 1):
        s = raw.strip()
        if s and not s.startswith('#'):
            out.append((i, s))
    return out


def main(path):
    program = statements(open(path).read())
    st = GCState()
    g = {'__name__': '__pymem__', '__builtins__': __builtins__}
    exec(compile(prelude(), '<prelude>', 'exec'), g)
    n = len(program) + 1
    rec = [0] * (FIELDS * n)
    views = {
        '_c0': st.counts[0], '_c1': st.counts[1], '_c2': st.counts[2],
        '_n0': st.stats[0][0], '_n1': st.stats[1][0], '_n2': st.stats[2][0],
        '_k0': st.stats[0][1], '_k1': st.stats[1][1], '_k2': st.stats[2][1],
        '_fin': ctypes.c_ssize_t.from_address(id(g['_pymem_finalized']) + 16),
        '_cbs': ctypes.c_ssize_t.from_address(id(g['_pymem_callbacks']) + 16),
        '_pend': st.scheduled if V == (3, 12) else (st.breaker if V >= (3, 13) else st.counts[0]),
    }
    g.update(views)
    g['_r'] = rec
    names = []
    for _, s in program:
        for m in re.findall(r'\b([a-z_][a-z0-9_]*)\b', re.sub(r"'[^']*'", '', s)):
            if m not in g and m not in names and m not in ('del', 'None', 'gc', 'weakref', 'tracemalloc'):
                names.append(m)
    src, line_of = [], {}

    def record(k):
        base = FIELDS * k
        for j, v in enumerate(('_c0', '_c1', '_c2', '_n0', '_n1', '_n2', '_k0', '_k1', '_k2', '_fin', '_cbs', '_pend')):
            src.append('_r[%d] = %s.value' % (base + j, v))

    record(0)
    for k, (line, s) in enumerate(program, 1):
        src.append(s)
        line_of[len(src)] = line
        record(k)
    code = compile('\n'.join(src) + '\n', path, 'exec')
    gc.collect()
    gc.freeze()
    error = None
    try:
        exec(code, g)
    except BaseException as e:  # reported, not hidden
        error = '%s: %s' % (type(e).__name__, e)
    enabled = gc.isenabled()
    gc.disable()
    print('# %s  %s  thresholds %s  (enabled at end: %s)' % (sys.version.split()[0], os.path.basename(path), gc.get_threshold(), enabled))
    done = n if error is None else None
    for k in range(1, n):
        a, b = rec[FIELDS * (k - 1):FIELDS * k], rec[FIELDS * k:FIELDS * (k + 1)]
        if b == [0] * FIELDS:
            break
        cols = ['gen%d:%d' % (gg, b[6 + gg] - a[6 + gg]) + ('x%d' % (b[3 + gg] - a[3 + gg]) if b[3 + gg] - a[3 + gg] > 1 else '')
                for gg in range(3) if b[3 + gg] != a[3 + gg]]
        pend = ''
        if V == (3, 12):
            pend = ' pending' if b[11] else ''
        elif V >= (3, 13):
            pend = ' pending' if b[11] & 16 else ''
        fin = b[9] - a[9]
        cbs = b[10] - a[10]
        print('%3d L%-3d %-34s count (%d, %d, %d)%s%s%s%s' % (
            k, program[k - 1][0], program[k - 1][1][:34], b[0], b[1], b[2],
            '  collections ' + ' '.join(cols) if cols else '', '  del:%d' % fin if fin else '',
            '  cb:%d' % cbs if cbs else '', pend))
    if error:
        print('# program raised: ' + error)
    gens = {}
    for gg in range(3):
        for o in gc.get_objects(gg):
            gens[id(o)] = gg
    parts = []
    for name in names:
        if name in g and g[name] is not None and not isinstance(g[name], int):
            o = g[name]
            where = gens.get(id(o), 'perm' if gc.is_tracked(o) else 'untracked')
            parts.append('%s:%s/g%s/%d' % (name, type(o).__name__, where, sys.getsizeof(o)))
    print('# at the end (name:type/generation/getsizeof): ' + ' '.join(parts))
    import tracemalloc
    if tracemalloc.is_tracing():
        per = {}
        for _d, size, frames, _n in tracemalloc._get_traces():
            f, ln = frames[0]
            if f == path and ln in line_of:
                e = per.setdefault(line_of[ln], [0, 0])
                e[0] += size
                e[1] += 1
        print('# tracemalloc per program line (bytes/blocks): ' + ' '.join('L%d:%d/%d' % (l, e[0], e[1]) for l, e in sorted(per.items())))
        tracemalloc.stop()
    sys.stdout.flush()
    os._exit(0)  # no interpreter shutdown: the program's objects die with the process


if __name__ == '__main__':
    main(sys.argv[1])
