# Rule: an automatic collection skips generation 2, even with count[2] > threshold[2], while
# long_lived_pending < long_lived_total / 4; only generation-1 collections add their survivors to
# long_lived_pending, and a full collection sets long_lived_total to the survivors in generation 2.
# Here 8 long-lived lists hold off generation 2 until 2 more objects have survived a collect(1).
# Versions: in 3.12 and 3.13 `c = []` only schedules its collection, which runs after the explicit
#   `gc.collect(1)` of the next statement as a generation-2 collection; `e = []` stays pending
#   (docs/cpython-versions.md, rows 2 and 3).
# Reference: docs/cpython-3.11.md#long-lived-rule, #promotion; docs/abstract-machine.md "Automatic
# collection".
# Derived: observed in python3 3.11.7 with tools/observe.py (exact counts); long_lived arithmetic by
# hand from docs/cpython-3.11.md#long-lived-rule.
a0 = []
a1 = []
a2 = []
a3 = []
a4 = []
a5 = []
a6 = []
a7 = []
# t only primes the 3-tuple freelist for CPython's argument tuple of gc.set_threshold(1, 100, 0).
t = (a0, a0, a0)
del t
# The 8 lists survive into generation 2: long_lived_total = 8, long_lived_pending = 0.
gc.collect()
gc.set_threshold(1, 100, 0)
# Young is empty, so long_lived_pending stays 0; count (0,0,0) -> (0,0,1).
gc.collect(1)
b = []
# count[0] 2 > 1 triggers; count[2] = 1 > 0, but pending 0 < 8 / 4: generation 2 is skipped and
# generation 0 is collected instead; count -> (0,1,1).
c = []
# b and c survive collect(1): long_lived_pending = 2; count -> (0,0,2).
gc.collect(1)
d = []
# count[0] 2 > 1 triggers; count[2] = 2 > 0 and pending 2 >= 8 / 4: generation 2 is collected.
e = []
