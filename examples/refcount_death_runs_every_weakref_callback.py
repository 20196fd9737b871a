# Rule: when an object dies by refcount, every weakref to it is cleared and the callback of each one
# that has a callback runs (CPython calls them newest first; the trace lists ids ascending); the
# callback-less weakref has no callback to run. The weakref objects stay alive (dead).
# Reference: cpython-3.11-memory.md §3 ("clear weakrefs (PyObject_ClearWeakRefs, callbacks run)");
# docs/abstract-machine.md "Releasing a reference" step 2.
# Derived: observed in python3 3.11.7 with tools/observe.py (raw callback order: 3 then 2); count from
# reference §1.2 counting rules.
o = Obj()
w1 = weakref.ref(o, on_clear)
w2 = weakref.ref(o, on_clear)
w3 = weakref.ref(o)
del o
