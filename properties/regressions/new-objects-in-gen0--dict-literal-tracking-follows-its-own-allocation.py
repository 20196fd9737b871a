# Found by the lockstep suite: the model tracked a dict literal whose own allocation had just run a
# collection that untracked the tuple it holds. CPython decides at insertion, after that collection:
# both stay untracked (tools/experiments/dict_tracking_after_allocation_collects.py).
# Replay: npx pymem check properties/regressions/new-objects-in-gen0--dict-literal-tracking-follows-its-own-allocation.py
gc.set_threshold(1, 0)
v0 = bytes(2)
v1 = (v0,)
v2 = {'k': v1}
