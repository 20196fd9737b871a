# Shows: GC objects the interpreter allocates behind a statement's back (argument tuples), per
# statement kind, with the 1- to 4-tuple freelists empty so that each temporary counts in count[0].
# Printed: count[0] change minus the statement's own object. Expected identical in 3.11, 3.12,
# 3.13 (the ClearWeakRefs tuple, which differs, is in weakref_clear_tuple.py).
# Calls through tp_call build an argument tuple: weakref.ref(x) (1), weakref.ref(x, cb) (2),
# bytes(N) (1), gc.set_threshold(...) (METH_VARARGS: one tuple of the arguments). Vectorcall and
# METH_O/METH_NOARGS/METH_FASTCALL calls (Obj(), list.append, list.pop, dict.pop, gc.collect,
# gc.set_debug, gc.enable) build none.
# Run:  python3 FILE;  PYENV_VERSION=3.12.1 python FILE;  PYENV_VERSION=3.13.0 python FILE
import gc, sys, weakref


class Obj:
    __slots__ = ('a', 'b', 'c', '__weakref__')


def on_clear(wr):
    pass


gc.disable()
gc.collect()
b = bytes(1)
o = Obj()
x = [b, b, b]
d = {'k': b, 'j': b}
drain = []
c = gc.get_count(); del c


def empty_small_tuple_freelists():
    for n in (1, 2, 3, 4):
        for i in range(50):
            drain.append(tuple(range(i, i + n)))


def c0():
    return gc.get_count()[0]


rows = []
STMTS = [('y = Obj()', 1), ('y = bytes(3)', 0), ('y = weakref.ref(o)', 1), ('y = weakref.ref(o, on_clear)', 1),
         ('gc.set_threshold(700)', 0), ('gc.set_threshold(700, 10)', 0), ('gc.set_threshold(700, 10, 10)', 0),
         ('x.append(b)', 0), ('x.pop()', 0), ("d.pop('k')", 0), ('gc.set_debug(0)', 0), ('gc.enable(); gc.disable()', 0),
         ('gc.garbage.clear()', 0), ('gc.get_threshold()', 0)]
for text, own in STMTS:
    code = compile(text, 'stmt', 'exec')
    y = None
    empty_small_tuple_freelists()
    n = c0()                              # reads, then makes a 3-tuple (+1) that goes to the freelist
    drain.append(tuple(range(3)))         # takes it back off: the 3-tuple freelist is empty again
    exec(code)
    rows.append('%-32s temporaries counted: %d' % (text, c0() - n - 1 - own))
print(sys.version.split()[0])
for r in rows:
    print('  ' + r)
