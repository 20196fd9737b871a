# Rule: in 3.12/3.13 the pending collection that runs when a call returns sees the call's result
# still on the interpreter stack. `l.pop()` returns the popped item, released only after the
# collection: a young cyclic instance whose last outside reference was l survives that
# collection (promoted to generation 1) instead of being collected by it.
# Expected (threshold 3):
#   3.11: `x3 = []` (p, x1, x2, x3: count 4 > 3) runs collect(0) inside its allocation: p is still
#         in l, survives into generation 1: (0, 1, 0). `l.pop()`: no collection (p is now garbage
#         in generation 1). gc.collect(0): collects 0: (0, 2, 0). gc.collect(1): collects 1 (p).
#   3.12, 3.13: `x3 = []` schedules (count 4). `l.pop()`: the pending collect(0) runs when the
#         call returns, p (the call's result) reachable: collected 0, p to generation 1;
#         (0, 1, 0). Then as 3.11: collect(0) 0, collect(1) 1.
#   A model that released the popped item before running the pending collection would collect p
#   (1) at `l.pop()`: the difference this program pins.
# Versions: 3.11 collects at `x3 = []`, 3.12 and 3.13 at `l.pop()`, with p held by the call
#   (docs/cpython-versions.md, row 2).
# Reference: docs/cpython-versions.md, the table of differences (row 2).
# Derived: observed in CPython 3.11.7, 3.12.1 and 3.13.0 with tools/observe.py --trace (the traces
# popped_item_alive_during_pending_collection.trace.jsonl, .3.12.trace.jsonl, .3.13.trace.jsonl); they agree with the expectations above.
b = bytes(2)
l = [b]
gc.set_threshold(3)
gc.collect()
p = Obj()
p.a = p
l.append(p)
del p
x1 = []
x2 = []
x3 = []
l.pop()
gc.collect(0)
gc.collect(1)
