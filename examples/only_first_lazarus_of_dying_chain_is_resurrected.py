# Rule: on the refcount path a resurrected Lazarus keeps its children (dealloc stops before the slots
# are cleared), so in a dying chain z1 -> z2 only z1 is finalized and resurrected; z2 is untouched.
# `revived.clear()` then frees z1 (already finalized), which releases z2, whose __del__ now runs and
# resurrects it; a second `revived.clear()` frees z2.
# Reference: docs/cpython-3.11.md#refcount-deallocation, #finalizers-and-resurrection; docs/abstract-machine.md
# "Releasing a reference" step 1; list.clear empties the list, then releases the items.
# Derived: observed in python3 3.11.7 with tools/observe.py; count from docs/cpython-3.11.md#counts.
z1 = Lazarus()
z2 = Lazarus()
z1.a = z2
del z2
del z1
# count: 2 -> 1 (z1 freed; z2 resurrected, not freed).
revived.clear()
revived.clear()
