# Rule: a dict literal's tracking follows its values when they are inserted; in 3.11 the
# collection that the dict's own allocation runs has already untracked a young atomic tuple, so
# the dict stays untracked; in 3.12/3.13 that collection is deferred (to `o = Obj()`), the tuple is
# still tracked at insertion and the dict is tracked for good (only a full collection untracks
# dicts). See tools/experiments/dict_tracking_after_allocation_collects.py.
# Expected (threshold 3):
#   3.11: `d = {'k': t}`: collect(0) inside the dict's allocation (count 4 > 3): count (0, 1, 0);
#         t untracked; d untracked (never in a generation). `o = Obj()`: (1, 1, 0).
#   3.12, 3.13: `d = ...` (4, 0, 0) pending; `o = Obj()`: collect(0) when Obj() returns: (0, 1, 0);
#         t untracked by it, d tracked, in generation 1.
# Run: python3 tools/experiments/versions/run_program.py THIS_FILE (PYENV_VERSION=3.12.1 / 3.13.0).
b = bytes(2)
gc.set_threshold(3)
gc.collect()
t = (b,)
x1 = []
x2 = []
d = {'k': t}
o = Obj()
