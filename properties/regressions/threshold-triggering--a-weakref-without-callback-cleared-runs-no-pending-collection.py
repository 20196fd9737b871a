# Found by mutation testing (mutation/README.md): under 3.12 (and 3.13) a collection the threshold
# scheduled runs at the next call into Python code; freeing an object whose only weakref has no callback
# calls none, so the collection stays pending through `del o` and runs at `z = Obj()`'s call. Running it
# when the weakrefs are cleared whenever one is pending (`&&` for the second `||` of the early return in
# clearWeakrefsTo) collected during `del o`.
# Replay: npx pymem check properties/regressions/threshold-triggering--a-weakref-without-callback-cleared-runs-no-pending-collection.py
# pymem: cpython=3.12
o = Obj()
w = weakref.ref(o)
gc.set_threshold(1)
x = []
y = []
del o
z = Obj()
