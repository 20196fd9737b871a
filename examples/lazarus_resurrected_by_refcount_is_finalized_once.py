# Rule: on the refcount path a Lazarus whose __del__ resurrects it (appends it to `revived`) is not
# freed and its weakrefs are NOT cleared (dealloc stops right after the finalizer); when it dies again
# after `revived.clear()`, __del__ does not run a second time, the weakref is cleared (callback runs)
# and the memory is freed.
# Reference: cpython-3.11-memory.md §3 ("If the finalizer resurrected the object, dealloc stops"),
# §1.7 (tp_finalize at most once); docs/abstract-machine.md "Releasing a reference" step 1.
# Derived: observed in python3 3.11.7 with tools/observe.py; count from reference §1.2 counting rules.
z = Lazarus()
w = weakref.ref(z, on_clear)
del z
# count: 2 allocations; the Lazarus free -1 -> 1 (the weakref lives on).
revived.clear()
