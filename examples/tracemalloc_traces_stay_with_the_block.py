# Rule: tracemalloc charges a block to the line that allocated it, and the trace follows the block:
# a realloc re-traces the block at the reallocating line (the items array of `b` moves from line 14
# to line 15); a list freed onto the list freelist keeps its trace (memory is not freed); a list
# taken off the freelist moves the trace to its own line (`_Py_NewReference`, line 17); only a full
# collection, which empties the freelists, frees the block and drops the trace.
# Reference: docs/cpython-3.11.md#freelists (cleared by a full collection), #list-growth (list 56 + 8
# per slot; 1 → 2 items gives capacity 8 = 64 bytes), #tracemalloc; docs/abstract-machine.md
# "tracemalloc".
# Derived: per-line statistics observed in python3 3.11.7 (tools/observe.py); `traced` by hand:
# current 56, 120, 176 (8-byte array → 64-byte array: the realloc drops the old trace first),
# 112 after `del b` (the array freed, the list on the freelist), 56 after the collection; peak 176.
tracemalloc.start()
a = []
b = [a]
b.append(a)
del b
c = []
del c
gc.collect()
tracemalloc.stop()
