# Rule: gc.freeze() moves every tracked object to the permanent generation and zeroes the counts; a
# full collection then does not see frozen garbage. gc.unfreeze() moves them to generation 2 (counts
# unchanged): collect(1) still does not collect them, a full collection does.
# Reference: docs/cpython-3.11.md#the-gc-module (gc.freeze / gc.unfreeze); docs/abstract-machine.md
# last paragraph of "collect(g)".
# Derived: observed in python3 3.11.7 with tools/observe.py; count from docs/cpython-3.11.md#counts.
a = Obj()
a.a = a
del a
# count (1,0,0) -> (0,0,0).
gc.freeze()
gc.collect()
gc.unfreeze()
# count (0,0,0) -> (0,0,1): collect(1) adds 1 to count[2].
gc.collect(1)
gc.collect()
