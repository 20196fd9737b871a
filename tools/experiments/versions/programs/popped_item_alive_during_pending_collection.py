# Rule: in 3.12/3.13 the pending collection that runs when a call returns sees the call's result
# still on the interpreter stack. `l.pop()` returns the popped item, released only after the
# collection: a young cyclic instance whose last outside reference was l survives that
# collection (promoted to generation 1) instead of being collected by it.
# Expected (threshold 3):
#   3.11: `x3 = []` (p, x1, x2, x3: count 4 > 3) runs collect(0) inside its allocation: p is still
#         in l, survives into generation 1: (0, 1, 0). `l.pop()`: no collection (p is now garbage
#         in generation 1). gc.collect(0): collects 0: (0, 2, 0). gc.collect(1): collects 1 (p).
#   3.12, 3.13: `x3 = []` schedules (count 4). `l.pop()`: the pending collect(0) runs when the
#         call returns, p (the call's result) reachable: collected 0, p to generation 1;
#         (0, 1, 0). Then as 3.11: collect(0) 0, collect(1) 1.
#   A model that released the popped item before running the pending collection would collect p
#   (1) at `l.pop()`: the difference this program pins.
# Run: python3 tools/experiments/versions/run_program.py THIS_FILE (PYENV_VERSION=3.12.1 / 3.13.0).
b = bytes(2)
l = [b]
gc.set_threshold(3)
gc.collect()
p = Obj()
p.a = p
l.append(p)
del p
x1 = []
x2 = []
x3 = []
l.pop()
gc.collect(0)
gc.collect(1)
