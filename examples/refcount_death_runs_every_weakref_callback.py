# Rule: when an object dies by refcount, every weakref to it is cleared and the callback of each one
# that has a callback runs (CPython calls them newest first; the trace lists ids ascending); the
# callback-less weakref has no callback to run. The weakref objects stay alive (dead).
# Reference: docs/cpython-3.11.md#refcount-deallocation (PyObject_ClearWeakRefs clears the weakrefs,
# then runs their callbacks); docs/abstract-machine.md "Releasing a reference" step 2.
# Derived: observed in python3 3.11.7 with tools/observe.py (raw callback order: 3 then 2); count from
# docs/cpython-3.11.md#counts.
o = Obj()
w1 = weakref.ref(o, on_clear)
w2 = weakref.ref(o, on_clear)
w3 = weakref.ref(o)
del o
