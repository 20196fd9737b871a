# Rule: objects that survive a generation-0 collection are moved to generation 1, so a later collect(0)
# no longer examines them: a cycle between a promoted object and a new one survives collect(0) and is
# collected by collect(1).
# Reference: docs/cpython-3.11.md#promotion, #cross-generation-references; docs/abstract-machine.md
# "collect(g)" steps 3 and 5.
# Derived: observed in python3 3.11.7 with tools/observe.py; count from docs/cpython-3.11.md#counts.
a = Obj()
# a survives and moves to generation 1; count (1,0,0) -> (0,1,0).
gc.collect(0)
b = Obj()
a.a = b
b.a = a
del a, b
# young = generation 0 = {b}; b is reached from a in generation 1 (outside), so nothing is collected.
gc.collect(0)
# young = generations 0..1 = {a, b}: both unreachable. count: count[2] += 1, count[0..1] = 0.
gc.collect(1)
