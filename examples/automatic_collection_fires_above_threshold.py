# Rule: with threshold0 = 3 the automatic collection fires inside the allocation that makes count[0]
# 4 (strictly greater than the threshold), before the new object exists; it collects generation 0,
# leaves count (0,1,0) (the new object's +1 was counted before the reset), and the list it frees goes
# to the list freelist, so the next list allocation does not count.
# Versions: 3.11 collects inside `b = []`'s allocation; 3.12 and 3.13 only schedule that collection, and
#   no call follows: it is still pending at the end (docs/cpython-versions.md, row 2).
# Reference: docs/cpython-3.11.md#automatic-collection (strictly greater, as CPython 3.11.7 shows),
# #long-lived-rule, #counts; docs/abstract-machine.md "Automatic collection".
# Derived: observed in python3 3.11.7 with tools/observe.py, both with exact counts and --raw
# (CPython's own temporaries kept); counts from docs/cpython-3.11.md#counts to #long-lived-rule.
x = []
# t only primes the 1-tuple freelist: CPython's argument tuple for gc.set_threshold(3) is then taken
# from it and given back, so a plain python3 run triggers at the same statement as pymem (which does
# not model interpreter temporaries). count: x +1, t +1, t freed onto the tuple freelist (no -1).
t = (x,)
del t
gc.set_threshold(3)
x.append(x)
del x
a = []
# count 3 -> 4 > 3: collect(0) runs here; x (self-cycle) is collected, a survives.
b = []
# taken from the list freelist (x went there): no +1, no trigger check.
c = []
