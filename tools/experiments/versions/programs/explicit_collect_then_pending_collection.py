# Rule: a pending collection still runs after an explicit gc.collect(g) in the same statement (when
# the call returns), choosing its generation from the counts the explicit one left: with
# threshold[1] = 0, the count[1] += 1 of an explicit collect(0) makes it a generation-1 collection.
# Expected (thresholds (3, 0)):
#   3.11: x4 collects generation 0 inside its allocation (count[1] 0 is not > 0): (0, 1, 0).
#         gc.collect(0): one collection, generation 0: (0, 2, 0).
#   3.12, 3.13: x4 schedules (4, 0, 0). gc.collect(0): the explicit generation-0 collection
#         (count (0, 1, 0)), then the pending one: count[1] = 1 > 0 -> generation 1: (0, 0, 1).
#         Two collections in one statement; x1..x4 end in generation 2 (3.11: generation 1).
# Run: python3 tools/experiments/versions/run_program.py THIS_FILE (PYENV_VERSION=3.12.1 / 3.13.0).
b = bytes(2)
gc.set_threshold(3, 0)
gc.collect()
x1 = []
x2 = []
x3 = []
x4 = []
gc.collect(0)
