# Rule: `weakref.ref(x)` without a callback returns the existing callback-less weakref to x if there
# is one (no allocation, no new id); a weakref with a callback is always new. Once the callback-less
# weakref is freed, the next `weakref.ref(x)` allocates a new one.
# Reference: docs/abstract-machine.md "Objects and ids" (weakref.ref reuse); CPython
# Objects/weakrefobject.c (get_basic_refs / reuse of the basic ref).
# Derived: ids observed in python3 3.11.7 with tools/observe.py (identity of the returned weakref);
# the weakref free at `del w1, w2` is reasoned; count from docs/cpython-3.11.md#counts.
o = Obj()
w1 = weakref.ref(o)
# w2 is the same object as w1: no allocation, count unchanged.
w2 = weakref.ref(o)
w3 = weakref.ref(o, on_clear)
w4 = weakref.ref(o, on_clear)
# the weakref (id 2) loses both names and is freed: weakrefs have no freelist, count 4 -> 3.
del w1, w2
w5 = weakref.ref(o)
del o
