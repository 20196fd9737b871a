# Rule: a freed list goes to the list freelist and does not decrement count[0]; the next list
# allocation takes it from the freelist and does not increment count[0]. An instance (no freelist)
# decrements count[0] when freed.
# Reference: cpython-3.11-memory.md §1.2 ("Freelists bypass both"), §6b (gc6b.out);
# docs/abstract-machine.md "Counts and freelists".
# Derived: from reference §1.2 counting rules, checked with tools/observe.py's exact counts in python3
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
