# Rule: a collection pending when gc.collect(g) starts meets Python code run BY the explicit
# collection (here the on_clear callback of a weakref to garbage, in handle_weakrefs).
#   3.12: the callback's RESUME runs _Py_RunGC, which ignores `collecting`: an automatic
#         collection runs nested inside the explicit one (generation 1 here: the explicit
#         collect(0) already added 1 to count[1] > threshold[1] = 0).
#   3.13: the callback's RESUME clears the bit; gc_collect_main refuses to start while a
#         collection runs and returns 0: the pending collection is dropped.
# Expected (thresholds (3, 0)):
#   3.11: x1 (t, k, w, x1: count 4 > 3) collects generation 0 inside its allocation: k collected
#         (1), w's callback runs there: (0, 1, 0); gc.collect(0) then collects nothing: (0, 2, 0).
#   3.12: x1 schedules (count 4). gc.collect(0): generation 0 collects k (1); the callback runs and,
#         nested inside, generation 1 collects 0: two collections, count (0, 0, 1).
#   3.13: x1 schedules (count 4). gc.collect(0): generation 0 collects k (1); the callback runs; no
#         other collection: count (0, 1, 0).
# (t primes the 2-tuple freelist for weakref.ref(k, on_clear)'s argument tuple.)
# Versions: 3.12 nests a generation-1 collection inside `gc.collect(0)` (it ends first, so the
#   trace lists it first); 3.13 drops it (docs/cpython-versions.md, row 5).
# Reference: docs/cpython-versions.md, the table of differences (row 5).
# Derived: observed in CPython 3.11.7, 3.12.1 and 3.13.0 with tools/observe.py --trace (the traces
# pending_collection_nested_in_explicit_collect.trace.jsonl, .3.12.trace.jsonl, .3.13.trace.jsonl); they agree with the expectations above.
b = bytes(2)
gc.set_threshold(3, 0)
gc.collect()
t = (b, b)
del t
k = Obj()
w = weakref.ref(k, on_clear)
k.a = k
del k
x1 = []
gc.collect(0)
