# Rule: when the last reference to a list goes, it is freed at once (no collection) and releases its
# items, which die in turn: each Fin's __del__ runs during the same statement, the weakref callback of
# a dying item runs, and nothing is reported as a collection.
# Reference: docs/cpython-3.11.md#refcount-deallocation (finalizer in subtype_dealloc), #counts;
# docs/abstract-machine.md "Releasing a reference".
# Derived: finalized/callbacks/instance deaths observed in python3 3.11.7 with tools/observe.py; the
# list's own death is reasoned (lists take no weakrefs); count from docs/cpython-3.11.md#counts.
f1 = Fin()
f2 = Fin()
f3 = Fin()
x = [f1, f2, f3]
w = weakref.ref(f2, on_clear)
del f1, f2, f3
# count: 5 GC allocations -> 5; the three Fin frees -1 each -> 2; the list goes to the list freelist
# (no -1). The weakref w stays alive (dead, without referent).
del x
