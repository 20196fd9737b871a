# Rule: a young collection treats references from older generations as external. A garbage cycle
# between an object in generation 2 and one in generation 0 survives collect(0) and collect(1)
# (both report 0) and is collected by collect(2) (reports 2).
# Reference: docs/cpython-3.11.md#cross-generation-references, #collection-phases step 3;
# docs/abstract-machine.md "collect(g)" step 3.
# Derived: observed in python3 3.11.7 with tools/observe.py; count from docs/cpython-3.11.md#counts.
a = Obj()
# a survives the full collection and is now in generation 2.
gc.collect()
b = Obj()
a.a = b
b.a = a
del a, b
# count: (1,0,0) -> collect(0) -> (0,1,0); b survives (reached from a) and moves to generation 1.
gc.collect(0)
# count: collect(1) adds 1 to count[2], zeroes count[0..1] -> (0,0,1); b moves to generation 2.
gc.collect(1)
gc.collect(2)
