# Rule: 3.12/3.13 run a pending collection at the entry of any Python function (RESUME checks the
# eval breaker): a refcount death that calls __del__ (Fin) or a weakref callback (on_clear) runs it
# in the middle of that death, inside a `del` statement that otherwise runs no call.
# Expected (threshold 3; f and o are old, in generation 2, from the first collect):
#   3.11: `x4 = []` collects generation 0 (count 3 -> 4 > 3): count (0, 1, 0). `del f`: __del__
#         runs, f freed (count stays 0): (0, 1, 0). Second phase: `y4 = []` collects again:
#         (0, 2, 0); `del o`: on_clear runs, o freed: (0, 2, 0).
#   3.12, 3.13: `x4 = []` only schedules (count 4, pending). `del f`: f is re-tracked at the tail
#         of generation 0 for its finalizer, __del__'s RESUME runs the collection: collect(0) in
#         this statement, f survives it (its finalizer holds it), then f is freed: count (0, 1, 0).
#         Second phase: `y4 = []` schedules (count 4); `del o`: o's weakref callback's RESUME runs
#         collect(0) in this statement: (0, 2, 0).
#   Every collection collects 0; f is finalized once and on_clear runs once in all three.
# Versions: 3.11 collects at `x4 = []` and `y4 = []`; 3.12 and 3.13 at `del f` and `del o`
#   (docs/cpython-versions.md, row 2).
# Reference: docs/cpython-versions.md, the table of differences (row 2).
# Derived: observed in CPython 3.11.7, 3.12.1 and 3.13.0 with tools/observe.py --trace (the traces
# pending_collection_runs_inside_del_and_callback.trace.jsonl, .3.12.trace.jsonl, .3.13.trace.jsonl); they agree with the expectations above.
b = bytes(2)
f = Fin()
o = Obj()
w = weakref.ref(o, on_clear)
gc.set_threshold(3)
gc.collect()
x1 = []
x2 = []
x3 = []
x4 = []
del f
y1 = []
y2 = []
y3 = []
y4 = []
del o
