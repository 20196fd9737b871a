# Rule: in a collection, weakrefs to unreachable objects are cleared and their callbacks run BEFORE any
# __del__; a Lazarus in the garbage cycle then resurrects itself (and what it reaches), and the
# resurrected objects are not counted (collect reports 0). After `revived.clear()` the pair is cyclic
# garbage again (nothing freed by refcount); the next collection frees both without running __del__
# again and reports 2.
# Reference: docs/cpython-3.11.md#collection-phases steps 7-10, #weakrefs,
# #finalizers-and-resurrection; docs/abstract-machine.md "collect(g)" steps 6-9.
# Derived: observed in python3 3.11.7 with tools/observe.py; count from docs/cpython-3.11.md#counts.
z = Lazarus()
o = Obj()
z.a = o
o.a = z
w = weakref.ref(z, on_clear)
del z, o
gc.collect()
revived.clear()
gc.collect()
