# Rule: a weakref that is itself part of the garbage being collected is cleared without calling its
# callback; a weakref to the same object that is still reachable (v) gets its callback. collect
# counts the garbage weakref (2 = the instance and w).
# Reference: docs/cpython-3.11.md#weakrefs (handle_weakrefs); docs/abstract-machine.md "collect(g)"
# step 6.
# Derived: observed in python3 3.11.7 with tools/observe.py (weakref deaths reasoned: weakrefs take
# no weakrefs); count from docs/cpython-3.11.md#counts.
o = Obj()
o.a = o
w = weakref.ref(o, on_clear)
o.b = w
v = weakref.ref(o, on_clear)
del o, w
gc.collect()
