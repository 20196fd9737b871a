# Rule: the sixth key of a dict resizes its keys table: the new 208-byte table is allocated (and
# traced at the inserting line) before the old 120-byte one goes to the keys freelist, still traced
# at the literal's line, so the peak holds both. Raw blocks are traced like objects: realloc moves
# the trace to the reallocating line with the new size. A Lazarus resurrected by its `__del__` during
# deallocation has its trace moved to the line that resurrected it (`_Py_NewReference`); the
# `revived` list's array, grown by `__del__`, is prelude code and charged to no program line.
# Versions: the Lazarus lines hold 64 bytes in 3.11, 72 from 3.12 (docs/cpython-versions.md, rows 7
#   and 13).
# Reference: docs/cpython-3.11.md#dict-growth (keys 120 bytes for 1–5 string keys, 208 for 6–10; grows
# to ≥ 3·used), #realloc, #refcount-deallocation, #tracemalloc; docs/abstract-machine.md "tracemalloc".
# Derived: per-line statistics observed in python3 3.11.7 (tools/observe.py; the int `malloc`
# returns is taken out, it is not a program object); `traced` by hand: 184, 392 (= 64 + 120 + 208: the
# old table stays traced on the keys freelist), 1392 (the peak from here on), 492 (the realloc drops
# the 1000-byte trace), 556 (+64), 588 (+32: revived's array of 4 slots, prelude), 492 at
# `revived.clear()` (array and Lazarus freed: it was finalized already, so it dies), 392.
n = None
tracemalloc.start()
d = {'k': n, 'j': n, 'q': n, 'x': n, 'y': n}
d['z'] = n
m = malloc(1000)
m = realloc(m, 100)
z = Lazarus()
del z
revived.clear()
free(m)
tracemalloc.stop()
