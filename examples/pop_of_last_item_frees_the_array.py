# Rule: list.pop() that leaves the list empty. 3.11: list_resize(0) keeps a 1-slot array
# (getsizeof 64; tracemalloc: the line of `c = [b]` holds 56 + 8 bytes in 2 blocks). 3.12, 3.13:
# list_pop_impl clears the list (`size_after_pop == 0` -> _list_clear): the array is freed,
# getsizeof 56, the line holds 56 bytes in 1 block. (Also c.pop(0) on a 1-item list.)
# Expected at the end: c and e: 3.11 getsizeof 64, tracemalloc L(c = [b]) 64/2, L(e = [b]) 64/2;
#                      3.12, 3.13: 56, 56/1, 56/1.
# Versions: 3.11 keeps a 1-slot array (64 bytes, 2 blocks); 3.12 and 3.13 free it (56, 1 block)
#   (docs/cpython-versions.md, row 8).
# Reference: docs/cpython-versions.md, the table of differences (row 8).
# Derived: observed in CPython 3.11.7, 3.12.1 and 3.13.0 with tools/observe.py --trace (the traces
# pop_of_last_item_frees_the_array.trace.jsonl, .3.12.trace.jsonl, .3.13.trace.jsonl); they agree with the expectations above.
b = bytes(2)
gc.collect()
tracemalloc.start()
c = [b]
c.pop()
e = [b]
e.pop(0)
