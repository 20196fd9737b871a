# Rule: collect(0) frees a young garbage cycle; an older object that only the cycle referenced dies by
# refcount when the cycle is cleared, and is freed but not counted (collect reports 1).
# Reference: cpython-3.11-memory.md §1.5 step 11 (delete_garbage / tp_clear), §1.7 ("Objects freed by
# refcounting ... are not counted"); docs/abstract-machine.md "collect(g)" step 9.
# Derived: observed in python3 3.11.7 with tools/observe.py (the list's death reasoned); count from
# reference §1.2 counting rules.
t = Obj()
# t survives into generation 2.
gc.collect()
a = []
a.append(a)
a.append(t)
del a, t
gc.collect(0)
