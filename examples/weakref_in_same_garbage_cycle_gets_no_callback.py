# Rule: a weakref that is itself part of the garbage being collected is cleared without calling its
# callback; a weakref to the same object that is still reachable (v) gets its callback. collect
# counts the garbage weakref (2 = the instance and w).
# Reference: cpython-3.11-memory.md §1.6 (handle_weakrefs; gcsem.out §3); docs/abstract-machine.md
# "collect(g)" step 6.
# Derived: observed in python3 3.11.7 with tools/observe.py (weakref deaths reasoned: weakrefs take
# no weakrefs); count from reference §1.2 counting rules.
o = Obj()
o.a = o
w = weakref.ref(o, on_clear)
o.b = w
v = weakref.ref(o, on_clear)
del o, w
gc.collect()
