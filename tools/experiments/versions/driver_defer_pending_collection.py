# Shows: a technique the oracle driver needs on 3.12/3.13 (see docs/cpython-versions.md, "The
# oracle driver"): keeping a pending automatic collection pending across the driver's own hook
# call, so that it runs where it would run in a plain run of the program (at the program's next
# call), not at the RESUME of the hook. The flag is saved and cleared with ctypes `.value`
# loads/stores (LOAD_ATTR/STORE_ATTR on C getters/setters: no call, no eval-breaker check) before
# the hook is called, and set again as the hook's last action (3.12: interp->ceval.gc_scheduled
# and eval_breaker; 3.13: bit 1 << 4 of tstate->eval_breaker). Returning from a Python function to
# the caller's frame does not check the eval breaker (the CALL of a Python function is inlined:
# DISPATCH_INLINED skips the CALL's own check), so the collection survives the hook.
# Printed: collections per generation during the hook, and at the program's next call.
# 3.11: there is never anything pending (the collection already ran inside `t2 = ...`).
# Run:  python3 FILE;  PYENV_VERSION=3.12.1 python FILE;  PYENV_VERSION=3.13.0 python FILE
import gc, sys
sys.dont_write_bytecode = True  # no __pycache__ for the helper
from gcstate import GCState, V

st = GCState()
flag = st.scheduled if V == (3, 12) else st.breaker
BIT = 1 if V == (3, 12) else 16


def hook(saved):
    # The driver's work, as in oracle/cpython_driver/observer.py: automatic collection off,
    # allocations and calls galore (each call would run a pending collection), back on.
    gc.disable()
    seen.append(st.collections())          # what ran before the hook's own code: its RESUME
    junk = [[i] for i in range(50)]
    len(junk)
    seen.append(st.collections())
    gc.enable()
    if saved:                      # last action, no call after it
        if V == (3, 12):
            st.breaker.value = 1
            flag.value = 1
        else:
            flag.value = flag.value | BIT


gc.disable()
gc.collect()
b = bytes(1)
t = (b,); del t
gc.set_threshold(1)
gc.collect(0)
seen = []
s0 = st.collections()
gc.enable()
t1 = (b, b, b, b, b, b, b, b, b, b, b, b, b, b, b, b, b, b, b, b, b)
t2 = (b, b, b, b, b, b, b, b, b, b, b, b, b, b, b, b, b, b, b, b, b)
# -- end of a program statement: save and clear the flag without a call, then the hook. No GC
# allocation may come in between: while count[0] > threshold[0], every GC allocation with the
# collector enabled schedules again. --
saved = (flag.value & BIT) if V >= (3, 12) else 0
if saved:
    flag.value = flag.value & ~BIT if V >= (3, 13) else 0
hook(saved)
# -- the program's next statement with a call --
len(b)
g0, g1, g2 = st.stats[0][0].value, st.stats[1][0].value, st.stats[2][0].value  # no GC allocation
s3 = [g0, g1, g2]
gc.disable()
d = lambda x, y: [v - u for u, v in zip(x, y)]
print(sys.version.split()[0], 'pending after t2:', bool(saved), ' until the hook\'s code:', d(s0, seen[0]),
      ' during the hook:', d(seen[0], seen[1]), ' at the next call:', d(seen[1], s3))
