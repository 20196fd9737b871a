# Rule: sys.getsizeof and tracemalloc agree on what `__slots__` saves. An Obj (`__slots__ = ('a', 'b',
# 'c', '__weakref__')`) is one 64-byte block (16 GC header + 16 object header + 3 slots + weakref
# pointer) however many slots are set; the same three attributes kept in a dict (what a dict-backed
# object holds them in once its `__dict__` exists, and always before 3.11) cost a 64-byte dict plus a
# 120-byte keys table (32 header + 8 index bytes + 5 entries of 16): 184 bytes in 2 blocks. (A plain
# 3.11 instance without `__dict__` touched is 56 bytes plus a values array; not in the language.)
# Versions: an Obj is one 64-byte block in 3.11, 72 bytes (class 80) from 3.12, with a managed
#   weakref list in a pre-header (docs/cpython-versions.md, row 7).
# Reference: docs/cpython-3.11.md#object-sizes (slotted instance 64; dict with 1–5 string keys 184);
# docs/abstract-machine.md "Memory behind objects", "tracemalloc".
# Derived: sizes and per-line statistics observed in python3 3.11.7 (tools/observe.py: sys.getsizeof
# and tracemalloc.take_snapshot().statistics('lineno') for the program's lines); `traced` (current,
# peak) summed by hand from those blocks: 35, 35+64 = 99, 99+184 = 283.
tracemalloc.start()
x = bytes(2)
o = Obj()
o.a = x
o.b = x
o.c = x
d = {'a': x, 'b': x, 'c': x}
tracemalloc.stop()
