# Rule: gc.disable() stops automatic collections only: count[0] can pass threshold0 without a
# collection, while an explicit gc.collect(0) still runs. After gc.enable(), the next allocation that
# makes count[0] > threshold0 collects (a list taken from the freelist does not count).
# Versions: 3.11 collects generation 0 inside `e = []`; 3.12 and 3.13 only schedule it, and no call
#   follows: pending at the end (docs/cpython-versions.md, row 2).
# Reference: docs/cpython-3.11.md#the-gc-module (gc.collect runs even while disabled),
# #automatic-collection; docs/abstract-machine.md "Automatic collection", last paragraph of "collect(g)".
# Derived: observed in python3 3.11.7 with tools/observe.py, both with exact counts and --raw;
# counts from docs/cpython-3.11.md#counts to #long-lived-rule.
a = []
# t only primes the 1-tuple freelist for CPython's argument tuple of gc.set_threshold(1).
t = (a,)
del t
gc.set_threshold(1)
gc.disable()
a.append(a)
del a
# count 3 > 1, but the collector is disabled: no collection.
b = []
gc.collect(0)
gc.enable()
# from the freelist (a went there): no count.
c = []
d = []
# count 2 > 1: automatic collection of generation 0; c and d survive.
e = []
