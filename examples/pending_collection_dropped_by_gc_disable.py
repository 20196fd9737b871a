# Rule: what gc.disable() does to a collection scheduled before it (3.12/3.13 only; 3.11 has
# already collected inside the allocation).
#   3.12.1: _Py_RunGC does not look at `enabled` (until 3.12.3, gh-116604): the pending collection
#           runs when the gc.disable() call returns.
#   3.13:   _Py_HandlePending clears the bit, _Py_RunGC sees the collector disabled and returns:
#           the collection is dropped. gc.enable() does not bring it back; the next GC allocation
#           with count[0] > threshold[0] schedules a new one (here inside `o = Obj()`, which runs
#           it when the call returns).
# Expected (threshold 3), count after each statement from x4 on:
#   3.11:   x4 collect(0) (0,1,0); disable (0,1,0); x5 (1,1,0); enable (1,1,0); o (2,1,0).
#   3.12.1: x4 (4,0,0) pending; disable: collect(0) (0,1,0); x5 (1,1,0); enable (1,1,0); o (2,1,0).
#   3.13:   x4 (4,0,0) pending; disable (4,0,0) nothing; x5 (5,0,0); enable (5,0,0);
#           o: schedules and collects gen 0 when Obj() returns: (0,1,0).
# Versions: 3.12.1 runs the pending collection when gc.disable() returns; 3.13 drops it
#   (docs/cpython-versions.md, row 4).
# Reference: docs/cpython-versions.md, the table of differences (row 4).
# Derived: observed in CPython 3.11.7, 3.12.1 and 3.13.0 with tools/observe.py --trace (the traces
# pending_collection_dropped_by_gc_disable.trace.jsonl, .3.12.trace.jsonl, .3.13.trace.jsonl); they agree with the expectations above.
b = bytes(2)
gc.set_threshold(3)
gc.collect()
x1 = []
x2 = []
x3 = []
x4 = []
gc.disable()
x5 = []
gc.enable()
o = Obj()
