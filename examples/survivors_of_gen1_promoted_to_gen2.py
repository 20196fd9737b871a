# Rule: objects that survive a generation-1 collection are moved to generation 2, so a later
# collect(1) no longer examines them: a cycle between such an object and a new one survives collect(1)
# and is collected only by a full collection.
# Reference: docs/cpython-3.11.md#promotion; docs/abstract-machine.md "collect(g)".
# Derived: observed in python3 3.11.7 with tools/observe.py; count from docs/cpython-3.11.md#counts.
a = Obj()
# count (1,0,0) -> (0,0,1): collect(1) adds 1 to count[2]. a moves to generation 2.
gc.collect(1)
b = Obj()
a.a = b
b.a = a
del a, b
# young = generations 0..1 = {b}; b is reached from a in generation 2. count (1,0,1) -> (0,0,2).
gc.collect(1)
gc.collect()
