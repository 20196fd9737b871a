# Rule: a dict whose values are only bytes is never tracked, so it is never part of a collection's
# unreachable set: when the garbage list cycle that holds it is collected, collect reports 1 (the list
# only) and the dict dies by refcount (freed, not counted). Storing a list into a dict tracks it, and
# then a dict<->list cycle is collected as 2. The untracked dict still counts as a GC allocation.
# Reference: docs/cpython-3.11.md#tracking (dicts: MAINTAIN_TRACKING), #counts (untracked dicts count),
# #collection-phases step 10; docs/abstract-machine.md "Objects and ids", "collect(g)" steps 3 and 9.
# Derived: collections observed in python3 3.11.7 with tools/observe.py; dict/list deaths reasoned
# (no weakrefs to them); count from docs/cpython-3.11.md#counts.
b = bytes(8)
d = {'k': b}
l = [d]
l.append(l)
del d, l
gc.collect()
# the full collection emptied the dict freelist: e is a fresh allocation (+1).
e = {'k': b}
m = []
e['m'] = m
m.append(e)
del e, m
gc.collect()
