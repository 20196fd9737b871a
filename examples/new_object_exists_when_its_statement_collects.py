# Rule: where the allocation of `o = Obj()` crosses the threshold, 3.11 collects inside the
# allocation, before the new object exists; 3.12 and 3.13 collect when the call Obj() returns,
# after the object exists (it is on the stack, not yet bound to o): it is young and reachable, so
# it survives and is promoted with the others.
# Expected (threshold 3):
#   3.11: step `o = Obj()`: collect(0), collected 0; count (0, 1, 0) (the new object's +1 counted
#         before the reset); at the end x1..x3 in generation 1, o in generation 0.
#   3.12, 3.13: the same statement, the same collection and count (0, 1, 0); at the end x1..x3 AND
#         o in generation 1.
# Versions: the same collection and counts; o's object in generation 0 (3.11) or 1 (3.12, 3.13)
#   (docs/cpython-versions.md, row 2).
# Reference: docs/cpython-versions.md, the table of differences (row 2).
# Derived: observed in CPython 3.11.7, 3.12.1 and 3.13.0 with tools/observe.py --trace (the traces
# new_object_exists_when_its_statement_collects.trace.jsonl, .3.12.trace.jsonl, .3.13.trace.jsonl); they agree with the expectations above.
b = bytes(2)
gc.set_threshold(3)
gc.collect()
x1 = []
x2 = []
x3 = []
o = Obj()
