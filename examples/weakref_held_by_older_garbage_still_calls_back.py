# Rule: a young collection cannot know that objects in older generations are garbage. A weakref held
# only by an old garbage cycle (x, in generation 2) counts as reachable in collect(0): when its young
# referent o is collected, the weakref is cleared and its callback runs (contrast with
# weakref_in_same_garbage_cycle_gets_no_callback.py), and the weakref moves to the older generation.
# The full collection then frees x and the (already cleared) weakref without another callback.
# Reference: docs/cpython-3.11.md#weakrefs (a weakref outside the collected generations gets its
# callback), #cross-generation-references; docs/abstract-machine.md "collect(g)" steps 3 and 6.
# Note: a weakref object can never be older than its referent in this language (the referent exists
# first, and only a refcount-resurrected Lazarus is re-tracked into generation 0), so the old garbage
# here is the weakref's holder.
# Derived: observed in python3 3.11.7 with tools/observe.py; weakref death reasoned; count from
# docs/cpython-3.11.md#counts.
x = Obj()
x.a = x
gc.collect()
o = Obj()
o.a = o
w = weakref.ref(o, on_clear)
x.b = w
del x, o, w
gc.collect(0)
gc.collect()
