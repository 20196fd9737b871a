# Rule: with DEBUG_SAVEALL the collector still finalizes the garbage (Fin's __del__ runs) and counts
# it (collected = 3), but appends it to gc.garbage instead of freeing it. `gc.garbage.clear()` frees
# nothing here: the saved objects still form a cycle (SAVEALL never calls tp_clear), so they are
# cyclic garbage again and the next collection frees them (collected = 3, no second __del__).
# Reference: docs/cpython-3.11.md#collection-phases steps 8 and 10, #finalizers-and-resurrection;
# docs/abstract-machine.md "collect(g)" steps 7 and 9, roots include gc.garbage.
# Derived: observed in python3 3.11.7 with tools/observe.py; count from docs/cpython-3.11.md#counts.
gc.set_debug(gc.DEBUG_SAVEALL)
a = Fin()
b = Obj()
a.a = b
b.a = a
t = Obj()
b.b = t
del a, b, t
gc.collect()
gc.set_debug(0)
gc.garbage.clear()
gc.collect()
