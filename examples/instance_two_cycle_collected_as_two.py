# Rule: two instances referring to each other form a 2-cycle; after `del` nothing is freed, and an
# explicit young collection reports collected = 2 (slotted instances have no __dict__ object).
# gc.disable() first so that the automatic collector cannot interfere.
# Reference: docs/cpython-3.11.md#collection-phases (a 2-cycle of instances is collected as 2 in CPython
# 3.11.7; collect(0) adds 1 to count[1]), #counts; docs/abstract-machine.md "collect(g)" step 1.
# Derived: observed in python3 3.11.7 with tools/observe.py; count from docs/cpython-3.11.md#counts.
gc.disable()
a = Obj()
b = Obj()
a.a = b
b.a = a
del a, b
# count: collect(0) adds 1 to count[1] and zeroes count[0]; the two instance frees find count[0] at 0.
gc.collect(0)
