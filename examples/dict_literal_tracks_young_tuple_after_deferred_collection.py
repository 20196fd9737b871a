# Rule: a dict literal's tracking follows its values when they are inserted; in 3.11 the
# collection that the dict's own allocation runs has already untracked a young atomic tuple, so
# the dict stays untracked; in 3.12/3.13 that collection is deferred (to `o = Obj()`), the tuple is
# still tracked at insertion and the dict is tracked for good (only a full collection untracks
# dicts). See tools/experiments/dict_tracking_after_allocation_collects.py.
# Expected (threshold 3):
#   3.11: `d = {'k': t}`: collect(0) inside the dict's allocation (count 4 > 3): count (0, 1, 0);
#         t untracked; d untracked (never in a generation). `o = Obj()`: (1, 1, 0).
#   3.12, 3.13: `d = ...` (4, 0, 0) pending; `o = Obj()`: collect(0) when Obj() returns: (0, 1, 0);
#         t untracked by it, d tracked, in generation 1.
# Versions: 3.11: d untracked; 3.12, 3.13: d tracked, in generation 1 (docs/cpython-versions.md, row 6).
# Reference: docs/cpython-versions.md, the table of differences (row 6).
# Derived: observed in CPython 3.11.7, 3.12.1 and 3.13.0 with tools/observe.py --trace (the traces
# dict_literal_tracks_young_tuple_after_deferred_collection.trace.jsonl, .3.12.trace.jsonl, .3.13.trace.jsonl); they agree with the expectations above.
b = bytes(2)
gc.set_threshold(3)
gc.collect()
t = (b,)
x1 = []
x2 = []
d = {'k': t}
o = Obj()
