# Rule: collect(0) frees a young garbage cycle; an older object that only the cycle referenced dies by
# refcount when the cycle is cleared, and is freed but not counted (collect reports 1).
# Reference: docs/cpython-3.11.md#collection-phases step 10 (tp_clear; what refcounting frees meanwhile
# is not counted), #finalizers-and-resurrection; docs/abstract-machine.md "collect(g)" step 9.
# Derived: observed in python3 3.11.7 with tools/observe.py (the list's death reasoned); count from
# docs/cpython-3.11.md#counts.
t = Obj()
# t survives into generation 2.
gc.collect()
a = []
a.append(a)
a.append(t)
del a, t
gc.collect(0)
