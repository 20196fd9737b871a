# Rule: `del x[i]` on a list. 3.11, 3.12: list_ass_slice -> list_resize(n - 1) (reallocs smaller
# when n - 1 < allocated / 2) and, at 0 items, _list_clear frees the array. 3.13:
# list_ass_item_lock_held shifts the items and sets the size: no realloc, no clear, ever.
# Expected at the end: c (2 items, both deleted): 3.11, 3.12 getsizeof 56, tracemalloc L(c = ...)
#   56/1; 3.13: 72, 72/2. e (8 items, 7 deleted): 3.11, 3.12: 88 (4 slots after the shrinking
#   reallocs, re-traced at the deleting lines); 3.13: 120 (8 slots, still traced at `e = ...`).
# Versions: 3.13's `del x[i]` shifts the items and keeps the array; 3.11 and 3.12 resize it and
#   free it at zero items (docs/cpython-versions.md, row 9).
# Reference: docs/cpython-versions.md, the table of differences (row 9).
# Derived: observed in CPython 3.11.7, 3.12.1 and 3.13.0 with tools/observe.py --trace (the traces
# del_item_never_shrinks_the_array.trace.jsonl, .3.12.trace.jsonl, .3.13.trace.jsonl); they agree with the expectations above.
b = bytes(2)
gc.collect()
tracemalloc.start()
c = [b, b]
del c[0]
del c[0]
e = [b, b, b, b, b, b, b, b]
del e[0]
del e[0]
del e[0]
del e[0]
del e[0]
del e[0]
del e[0]
