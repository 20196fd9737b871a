# Rule: length-20 tuples. All three push a freed 20-tuple onto the tuple freelist; 3.11 and 3.12.1
# never take one off (maybe_freelist_pop: `size < PyTuple_MAXSAVESIZE`), 3.13 (and 3.12.5 on,
# gh-121439) do (`size <= PyTuple_MAXSAVESIZE`).
# Expected: count after `u = (...)`: 3.11, 3.12.1: (2, 0, 0) (a new allocation); 3.13: (1, 0, 0)
# (t's memory, from the freelist).
# Run: python3 tools/experiments/versions/run_program.py THIS_FILE (PYENV_VERSION=3.12.1 / 3.13.0).
b = bytes(2)
gc.collect()
t = (b, b, b, b, b, b, b, b, b, b, b, b, b, b, b, b, b, b, b, b)
del t
u = (b, b, b, b, b, b, b, b, b, b, b, b, b, b, b, b, b, b, b, b)
