# Rule: an allocation that makes count[0] exceed threshold[0] collects at once in 3.11; in 3.12 and
# 3.13 it only schedules the collection, which runs at the next eval-breaker check: after the next
# CALL returns (here `o = Obj()`), never at a list/dict/tuple display, a store or a plain `del`.
# Expected (count after each statement; threshold 3):
#   3.11: `x4 = []` (count 3 -> 4 > 3) runs collect(0) inside its allocation, before x4 exists:
#         count (0, 1, 0) after it; then x5 (1, 1, 0), x6 (2, 1, 0), `o = Obj()` (3, 1, 0).
#         At the end x1..x3 are in generation 1; x4, x5, x6, o in generation 0.
#   3.12, 3.13: no collection at x4, x5, x6 (count 4, 5, 6; "pending" from x4 on); `o = Obj()`:
#         the Obj is allocated (count 7) and, when the call returns, collect(0) runs with o's new
#         object on the stack: count (0, 1, 0) after it. x1..x6 AND o's object in generation 1.
#   Nothing is garbage: every collection reports collected 0.
# Versions: 3.11 collects at `x4 = []`, 3.12 and 3.13 at `o = Obj()` (docs/cpython-versions.md, row 2).
# Reference: docs/cpython-versions.md, the table of differences (row 2).
# Derived: observed in CPython 3.11.7, 3.12.1 and 3.13.0 with tools/observe.py --trace (the traces
# pending_collection_runs_at_next_call.trace.jsonl, .3.12.trace.jsonl, .3.13.trace.jsonl); they agree with the expectations above.
# Preamble: the collection leaves counts (0, 0, 0) and every freelist empty, whatever the
# interpreter's temporaries did before it (bytes(2) and set_threshold build argument tuples).
b = bytes(2)
gc.set_threshold(3)
gc.collect()
x1 = []
x2 = []
x3 = []
x4 = []
x5 = []
x6 = []
o = Obj()
