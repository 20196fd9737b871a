# Rule: every generation-0 collection adds 1 to count[1]; an automatic collection chooses the oldest
# generation i with count[i] > threshold[i], so with thresholds (2, 1) and count[1] = 2 the next
# trigger collects generation 1, which finds the cycle that spans generations 0 and 1.
# Versions: 3.11 collects generation 1 inside `e = []`; 3.12 and 3.13 only schedule it: pending at the
#   end, nothing collected (docs/cpython-versions.md, row 2).
# Reference: docs/cpython-3.11.md#counts (count[1] += 1 per gen-0 collection), #automatic-collection,
# #long-lived-rule; docs/abstract-machine.md "Automatic collection".
# Derived: observed in python3 3.11.7 with tools/observe.py, both with exact counts and --raw;
# counts from docs/cpython-3.11.md#counts to #long-lived-rule.
a = Obj()
# t only primes the 2-tuple freelist for CPython's argument tuple of gc.set_threshold(2, 1).
t = (a, a)
del t
gc.set_threshold(2, 1)
# a moves to generation 1; count (2,0,0) -> (0,1,0).
gc.collect(0)
b = Obj()
a.a = b
b.a = a
del a, b
# b is reached from a (generation 1) and survives into generation 1; count -> (0,2,0).
gc.collect(0)
c = []
d = []
# count[0] 3 > 2 triggers; count[2] = 0 <= 10, count[1] = 2 > 1: generation 1 is collected
# (count[2] += 1, counts 0..1 = 0). a and b are collected; c and d survive into generation 2.
e = []
