# Rule: the size of pymem's instances. Obj has __slots__ = ('a', 'b', 'c', '__weakref__').
#   3.11: one 64-byte block (16-byte GC head + refcnt, type, a, b, c, weakref list), getsizeof 64.
#   3.12, 3.13: `__weakref__` becomes a managed weakref (Py_TPFLAGS_MANAGED_WEAKREF): the weakref
#   list and managed-dict pointers sit in a 16-byte pre-header before the GC head; basicsize 40:
#   one 72-byte block (pymalloc class 80), getsizeof 72; the object is at block + 32.
# Expected at the end: o: getsizeof 64 / 72 / 72; tracemalloc L(o = Obj()): 64/1 / 72/1 / 72/1;
#   f (Fin, __slots__ = ()) the same; d (a dict of the same three attributes) 184 everywhere.
# Run: python3 tools/experiments/versions/run_program.py THIS_FILE (PYENV_VERSION=3.12.1 / 3.13.0).
b = bytes(2)
gc.collect()
tracemalloc.start()
o = Obj()
o.a = b
o.b = b
o.c = b
f = Fin()
d = {'a': b, 'b': b, 'c': b}
