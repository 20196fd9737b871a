# Rule: only a full (generation 2) collection empties the freelists: after collect(1) a list is still
# taken from the freelist (no count), after collect() the next list is a fresh allocation (+1).
# Reference: docs/cpython-3.11.md#freelists (every full collection empties the freelists),
# #collection-phases step 12; docs/abstract-machine.md "collect(g)" step 11.
# Derived: from docs/cpython-3.11.md#counts, checked with tools/observe.py's exact counts in python3
# 3.11.7; list deaths reasoned.
x = []
del x
y = []
del y
gc.collect(1)
z = []
del z
gc.collect()
w = []
