# Rule: in 3.12/3.13 the pending collection picks its generation (or none) from the counts and
# thresholds at the moment it runs, not at the moment it was scheduled. Between the two, frees of
# instances lower count[0], gc.freeze() zeroes the counts, gc.set_threshold() moves the threshold;
# any of them can leave nothing to collect. 3.11 has collected inside the allocation.
# Expected (threshold 3 in phases A and B), collections by statement:
#   3.11: collect(0) at x4 (phase A), at y4 (phase B), at z3 (phase C: t counts too, so z3 is
#         the fourth allocation); nothing else but the explicit collections.
#   3.12, 3.13: none at x4, y4, z3 (pending); A: `del p` frees an instance (count 4 -> 3), then the
#         call `x1.append(b)` runs the pending collection: count 3 is not > 3: no collection.
#         B: `gc.freeze()` sets the counts to 0; when it returns the pending one finds nothing.
#         C: `gc.set_threshold(100)` (argument tuple from the primed freelist); nothing exceeds 100.
#   So 3.12/3.13 show no automatic collection at all; count after `x1.append(b)`: 3.11 (0, 1, 0),
#   3.12/3.13 (3, 0, 0).
# Versions: 3.11 collects three times; 3.12 and 3.13 never (docs/cpython-versions.md, row 3).
# Reference: docs/cpython-versions.md, the table of differences (row 3).
# Derived: observed in CPython 3.11.7, 3.12.1 and 3.13.0 with tools/observe.py --trace (the traces
# pending_collection_chooses_generation_when_it_runs.trace.jsonl, .3.12.trace.jsonl, .3.13.trace.jsonl); they agree with the expectations above.
b = bytes(2)
p = Obj()
gc.set_threshold(3)
gc.collect()
x1 = []
x2 = []
x3 = []
x4 = []
del p
x1.append(b)
gc.collect()
y1 = []
y2 = []
y3 = []
y4 = []
gc.freeze()
gc.unfreeze()
gc.collect()
t = (b,)
del t
z1 = []
z2 = []
z3 = []
gc.set_threshold(100)
