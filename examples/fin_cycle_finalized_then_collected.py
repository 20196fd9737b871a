# Rule: PEP 442: instances with __del__ in a garbage cycle are finalized by the collector (each
# __del__ once) and, since nothing resurrects them, freed in the same collection (collected = 2).
# Reference: docs/cpython-3.11.md#collection-phases step 8, #finalizers-and-resurrection;
# docs/abstract-machine.md "collect(g)" step 7.
# Derived: observed in python3 3.11.7 with tools/observe.py; count from docs/cpython-3.11.md#counts.
a = Fin()
b = Fin()
a.a = b
b.a = a
del a, b
gc.collect()
