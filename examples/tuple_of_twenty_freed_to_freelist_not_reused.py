# Rule: a freed tuple of length 1..20 is pushed on its freelist (no count change), but allocation takes
# from the freelist only for lengths 1..19: a new length-20 tuple counts +1 although a length-20 tuple
# sits on the freelist, while a length-19 tuple is reused (no count). bytes are not GC objects.
# Versions: 3.13 takes length-20 tuples from the freelist too: `u = (...)` does not count there
#   (docs/cpython-versions.md, row 10).
# Reference: docs/cpython-3.11.md#freelists (the tuple quirk: push 1..20, pop 1..19);
# docs/abstract-machine.md "Counts and freelists".
# Derived: from docs/cpython-3.11.md#counts, checked with tools/observe.py's exact counts in python3
# 3.11.7; tuple deaths reasoned.
b = bytes(2)
t = (b, b, b, b, b, b, b, b, b, b, b, b, b, b, b, b, b, b, b, b)
del t
u = (b, b, b, b, b, b, b, b, b, b, b, b, b, b, b, b, b, b, b, b)
s = (b, b, b, b, b, b, b, b, b, b, b, b, b, b, b, b, b, b, b)
del s
r = (b, b, b, b, b, b, b, b, b, b, b, b, b, b, b, b, b, b, b)
