# Rule: an allocation that makes count[0] exceed threshold[0] collects at once in 3.11; in 3.12 and
# 3.13 it only schedules the collection, which runs at the next eval-breaker check: after the next
# CALL returns (here `o = Obj()`), never at a list/dict/tuple display, a store or a plain `del`.
# Expected (count after each statement; threshold 3):
#   3.11: `x4 = []` (count 3 -> 4 > 3) runs collect(0) inside its allocation, before x4 exists:
#         count (0, 1, 0) after it; then x5 (1, 1, 0), x6 (2, 1, 0), `o = Obj()` (3, 1, 0).
#         At the end x1..x3 are in generation 1; x4, x5, x6, o in generation 0.
#   3.12, 3.13: no collection at x4, x5, x6 (count 4, 5, 6; "pending" from x4 on); `o = Obj()`:
#         the Obj is allocated (count 7) and, when the call returns, collect(0) runs with o's new
#         object on the stack: count (0, 1, 0) after it. x1..x6 AND o's object in generation 1.
#   Nothing is garbage: every collection reports collected 0.
# Run: python3 tools/experiments/versions/run_program.py THIS_FILE (and with PYENV_VERSION=3.12.1 /
# 3.13.0); `node bin/pymem.js run THIS_FILE` gives pymem's 3.11 trace.
# Preamble: the collection leaves counts (0, 0, 0) and every freelist empty, whatever the
# interpreter's temporaries did before it (bytes(2) and set_threshold build argument tuples).
b = bytes(2)
gc.set_threshold(3)
gc.collect()
x1 = []
x2 = []
x3 = []
x4 = []
x5 = []
x6 = []
o = Obj()
