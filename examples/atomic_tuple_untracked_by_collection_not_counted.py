# Rule: a tuple is tracked when created, and a collection untracks each surviving tuple whose items
# cannot be tracked (here: bytes). While tracked, such a tuple in garbage is counted (collect -> 2);
# once untracked by collect(0), the same shape of garbage counts only the list (collect -> 1) and the
# tuple dies by refcount.
# Reference: docs/cpython-3.11.md#tracking (tuples: _PyTuple_MaybeUntrack in every collection),
# #collection-phases step 4; docs/abstract-machine.md "collect(g)" step 4.
# Derived: collections observed in python3 3.11.7 with tools/observe.py; tuple/list deaths reasoned;
# count from docs/cpython-3.11.md#counts.
b = bytes(8)
t = (b,)
l = [t]
l.append(l)
del t, l
gc.collect()
u = (b,)
# u survives and is untracked (its only item is bytes); count (1,0,0) -> (0,1,0).
gc.collect(0)
m = [u]
m.append(m)
del u, m
gc.collect()
