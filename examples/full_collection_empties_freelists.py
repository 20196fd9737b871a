# Rule: only a full (generation 2) collection empties the freelists: after collect(1) a list is still
# taken from the freelist (no count), after collect() the next list is a fresh allocation (+1).
# Reference: cpython-3.11-memory.md §1.2 ("Every full (gen-2) collection empties the freelists"),
# §1.5 step 14; docs/abstract-machine.md "collect(g)" step 11.
# Derived: from reference §1.2 counting rules, checked with tools/observe.py's exact counts in python3
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
