# Found by the planted-bug helper on the real implementation: the model freed all final garbage at once
# and released the children first to last, so the dict (and the Obj it holds) died before the weakref
# and the weakref called back. CPython clears the list (items last to first); the tuple dies and releases
# its items last to first: the weakref goes first and never calls back (tools/observe.py: callbacks []).
# Replay: npx pymem check properties/regressions/callback-only-if-weakref-reachable--tp-clear-releases-tuple-items-last-first.py
v0 = Obj()
v1 = {'k': v0}
v0 = weakref.ref(v0, on_clear)
gc.collect(0)
v1 = (v1, v0)
v0 = [v1, v0]
v0[-1] = v0
del v1, v0
gc.collect(0)
