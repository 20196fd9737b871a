# Rule: an assignment releases the old value of its target only after the new value is stored, so
# `x = [x]` keeps the old object alive (the new list holds it); `del x` then frees the list and,
# by refcount, the Fin inside it (its __del__ runs).
# Reference: docs/abstract-machine.md "Roots and refcounts" and "Statement effects"; CPython
# STORE_NAME (PyDict_SetItem replaces, then releases the old value).
# Derived: observed in python3 3.11.7 with tools/observe.py (list death reasoned); count from
# docs/cpython-3.11.md#counts.
x = Fin()
x = [x]
# count: 2 -> 1 (the Fin free); the list goes to the list freelist.
del x
