# Rule: a freed list goes to the list freelist and does not decrement count[0]; the next list
# allocation takes it from the freelist and does not increment count[0]. An instance (no freelist)
# decrements count[0] when freed.
# Reference: docs/cpython-3.11.md#freelists (freelists bypass the counts; in CPython 3.11.7, 1000 new lists
# with 80 on the freelist raised count[0] by 921), #counts; docs/abstract-machine.md "Counts and freelists".
# Derived: from docs/cpython-3.11.md#counts, checked with tools/observe.py's exact counts in python3
# 3.11.7; list deaths reasoned, the instance death observed.
# A full collection empties the freelists (they are already empty at the start of a program).
gc.collect()
x = []
y = []
del x
z = []
w = []
o = Obj()
del o
