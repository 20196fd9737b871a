# Rule: PEP 442: instances with __del__ in a garbage cycle are finalized by the collector (each
# __del__ once) and, since nothing resurrects them, freed in the same collection (collected = 2).
# Reference: cpython-3.11-memory.md §1.5 step 9, §1.7 (gcsem.out §1); docs/abstract-machine.md
# "collect(g)" step 7.
# Derived: observed in python3 3.11.7 with tools/observe.py; count from reference §1.2 counting rules.
a = Fin()
b = Fin()
a.a = b
b.a = a
del a, b
gc.collect()
