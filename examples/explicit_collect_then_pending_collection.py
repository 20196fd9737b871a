# Rule: a pending collection still runs after an explicit gc.collect(g) in the same statement (when
# the call returns), choosing its generation from the counts the explicit one left: with
# threshold[1] = 0, the count[1] += 1 of an explicit collect(0) makes it a generation-1 collection.
# Expected (thresholds (3, 0)):
#   3.11: x4 collects generation 0 inside its allocation (count[1] 0 is not > 0): (0, 1, 0).
#         gc.collect(0): one collection, generation 0: (0, 2, 0).
#   3.12, 3.13: x4 schedules (4, 0, 0). gc.collect(0): the explicit generation-0 collection
#         (count (0, 1, 0)), then the pending one: count[1] = 1 > 0 -> generation 1: (0, 0, 1).
#         Two collections in one statement; x1..x4 end in generation 2 (3.11: generation 1).
# Versions: 3.12 and 3.13 run two collections in `gc.collect(0)` (docs/cpython-versions.md, row 3).
# Reference: docs/cpython-versions.md, the table of differences (row 3).
# Derived: observed in CPython 3.11.7, 3.12.1 and 3.13.0 with tools/observe.py --trace (the traces
# explicit_collect_then_pending_collection.trace.jsonl, .3.12.trace.jsonl, .3.13.trace.jsonl); they agree with the expectations above.
b = bytes(2)
gc.set_threshold(3, 0)
gc.collect()
x1 = []
x2 = []
x3 = []
x4 = []
gc.collect(0)
