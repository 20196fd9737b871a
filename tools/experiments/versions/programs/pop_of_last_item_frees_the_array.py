# Rule: list.pop() that leaves the list empty. 3.11: list_resize(0) keeps a 1-slot array
# (getsizeof 64; tracemalloc: the line of `c = [b]` holds 56 + 8 bytes in 2 blocks). 3.12, 3.13:
# list_pop_impl clears the list (`size_after_pop == 0` -> _list_clear): the array is freed,
# getsizeof 56, the line holds 56 bytes in 1 block. (Also c.pop(0) on a 1-item list.)
# Expected at the end: c and e: 3.11 getsizeof 64, tracemalloc L(c = [b]) 64/2, L(e = [b]) 64/2;
#                      3.12, 3.13: 56, 56/1, 56/1.
# Run: python3 tools/experiments/versions/run_program.py THIS_FILE (PYENV_VERSION=3.12.1 / 3.13.0).
b = bytes(2)
gc.collect()
tracemalloc.start()
c = [b]
c.pop()
e = [b]
e.pop(0)
