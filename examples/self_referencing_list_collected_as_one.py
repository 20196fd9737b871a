# Rule: a list that contains itself is not freed when its last name goes (its refcount stays 1);
# a collection finds it unreachable and frees it, reporting collected = 1 (one object).
# Reference: docs/cpython-3.11.md#collection-phases (a self-referencing list is collected as 1 in
# CPython 3.11.7); docs/abstract-machine.md "collect(g)".
# Derived: freed/collections observed in python3 3.11.7 with tools/observe.py (collections from
# gc.get_stats; the list's death is reasoned: lists take no weakrefs); count from
# docs/cpython-3.11.md#counts and checked with tools/observe.py's exact counts.
x = []
x.append(x)
del x
# count: the collection sets counts 0..2 to 0; the freed list goes to the (empty) list freelist, then
# the full collection empties the freelists (a GC free while count[0] is 0 changes nothing).
gc.collect()
