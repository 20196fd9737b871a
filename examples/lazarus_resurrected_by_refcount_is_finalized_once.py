# Rule: on the refcount path a Lazarus whose __del__ resurrects it (appends it to `revived`) is not
# freed and its weakrefs are NOT cleared (dealloc stops right after the finalizer); when it dies again
# after `revived.clear()`, __del__ does not run a second time, the weakref is cleared (callback runs)
# and the memory is freed.
# Reference: docs/cpython-3.11.md#refcount-deallocation (a resurrecting finalizer stops the deallocation),
# #finalizers-and-resurrection (at most once); docs/abstract-machine.md "Releasing a reference" step 1.
# Derived: observed in python3 3.11.7 with tools/observe.py; count from docs/cpython-3.11.md#counts.
z = Lazarus()
w = weakref.ref(z, on_clear)
del z
# count: 2 allocations; the Lazarus free -1 -> 1 (the weakref lives on).
revived.clear()
