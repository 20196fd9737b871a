# Shows: the GC tracking rules, expected identical in 3.11, 3.12, 3.13:
#   new list, tuple (any items), instance, weakref: tracked; bytes: never; empty dict and a dict of
#   atomic values: untracked; inserting a value that "may be tracked" tracks the dict (a list, an
#   instance, a tracked tuple), an untracked tuple does not; removing never untracks;
#   a collection of generation g untracks surviving tuples whose items are all untracked/atomic
#   (nested tuples: inner first, if the inner one comes first in the generation list);
#   only a full collection untracks dicts with no trackable value.
# Sources: Objects/dictobject.c MAINTAIN_TRACKING/_PyDict_MaybeUntrack, Objects/tupleobject.c
# _PyTuple_MaybeUntrack, gcmodule.c/gc.c untrack_tuples (after deduce_unreachable), untrack_dicts
# (full collections only).
# Run:  python3 FILE;  PYENV_VERSION=3.12.1 python FILE;  PYENV_VERSION=3.13.0 python FILE
import gc, sys, weakref


class Obj:
    __slots__ = ('a', 'b', 'c', '__weakref__')


gc.disable()
b = bytes(1)
o = Obj()
T = gc.is_tracked
rows = []
rows.append(('new [], (b,), Obj(), weakref, bytes', [T([]), T((b,)), T(Obj()), T(weakref.ref(o)), T(b)]))
rows.append(("new {}, {'k': b}, {'k': []}, {'k': (b,)}", [T({}), T({'k': b}), T({'k': []}), T({'k': (b,)})]))
d = {}
d['k'] = b
r1 = T(d)
t = (b,)
gc.collect(0)           # t survives: untracked
d['t'] = t
r2 = T(d)
d['l'] = []
r3 = T(d)
del d['l']
r4 = T(d)
rows.append(('dict: +bytes, +untracked tuple, +list, -list', [r1, r2, r3, r4]))
gc.collect()
rows.append(('that dict after a full collection', [T(d)]))
x = (b,)
y = (x,)
z = ([],)
gc.collect(0)
rows.append(('after collect(0): (b,), ((b,),), ([],)', [T(x), T(y), T(z)]))
e = {'k': b}
e['l'] = []
del e['l']
gc.collect(0)
r5 = T(e)
gc.collect(1)
r6 = T(e)
gc.collect(2)
rows.append(('dict emptied of trackables: after collect(0), (1), (2)', [r5, r6, T(e)]))
print(sys.version.split()[0])
for label, vals in rows:
    print('  %-58s %s' % (label, vals))
