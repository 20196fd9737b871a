# Rule: like lists, a freed dict goes to the dict freelist without decrementing count[0] and the next
# dict allocation reuses it without incrementing count[0]; an allocation with an empty freelist counts.
# Reference: docs/cpython-3.11.md#freelists (dict freelist of 80), #counts; docs/abstract-machine.md
# "Counts and freelists".
# Derived: from docs/cpython-3.11.md#counts, checked with tools/observe.py's exact counts in python3
# 3.11.7; dict deaths reasoned.
d = {}
del d
e = {}
f = {}
