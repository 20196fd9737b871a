# Found by mutation testing (mutation/README.md): under 3.12 (and 3.13) a collection pending when a
# weakref's referent dies runs at the callback's entry while the call holds the weakref; here that
# collection frees the cycle `c` that held the weakref's other reference, so the weakref dies as the
# call lets it go, in the middle of `a`'s deallocation, itself a step of releasing `l`. That death only
# frees the weakref: `a`'s slot (the list `k`) is released next, then `a`, and only then `l` — so `l`
# tops the list freelist and `q` takes its memory. A decref that drained the release stack while it was
# being drained (`||` for `&&` in Runtime.decref) finished `l` before `k`, and `q` took `k`'s.
# Replay: npx pymem check properties/regressions/freed-block-reused-lifo--a-weakref-freed-as-its-callback-returns-drains-no-other-release.py
# pymem: cpython=3.12
a = Obj()
k = []
a.a = k
w = weakref.ref(a, on_clear)
c = []
c.append(c)
c.append(w)
del w, k
l = [a]
del a, c
gc.set_threshold(1)
y = []
del l
q = []
