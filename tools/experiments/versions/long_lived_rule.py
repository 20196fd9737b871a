# Shows: which generation an automatic collection takes, and the long_lived_total/pending counters
# (read raw from the collector state, gcstate.py): generation 2 is skipped, even with count[2] >
# threshold[2], while long_lived_pending < long_lived_total / 4; collect(1) adds its survivors to
# long_lived_pending; a full collection sets long_lived_total to its survivors, pending to 0.
# Expected identical in 3.11, 3.12, 3.13 (gc_collect_generations / gc_select_generation, same
# test), except WHEN the automatic collection runs: 3.11 inside the allocation, 3.12/3.13 at the
# next call -- here `len(b)` after each allocation, so the choices line up.
# The interpreter's own objects are frozen first, so that only this script's lists are counted.
# Run:  python3 FILE;  PYENV_VERSION=3.12.1 python FILE;  PYENV_VERSION=3.13.0 python FILE
import gc, sys
sys.dont_write_bytecode = True  # no __pycache__ for the helper
from gcstate import GCState

st = GCState()
gc.disable()
gc.collect()
gc.freeze()
b = bytes(1)
t = (b, b, b); del t
keep = [[] for _ in range(8)]
gc.collect()                       # the 8 lists + keep survive: long_lived_total
out = ['after gc.collect(): total %d pending %d' % (st.long_lived_total.value, st.long_lived_pending.value)]
gc.set_threshold(1, 100, 0)
gc.collect(1)                      # count (0, 0, 1)
c = None; d = None; e = None; f = None
before = st.collections()
gc.enable()
c = (b, b, b, b, b, b, b, b, b, b, b, b, b, b, b, b, b, b, b, b, b)  # 21 items: never from a freelist
len(b)
d = (b, b, b, b, b, b, b, b, b, b, b, b, b, b, b, b, b, b, b, b, b)  # 21 items: never from a freelist
len(b)
gc.disable()
out.append('count[2]=1 > 0, pending 0 < %d/4: auto collections per gen %s' % (
    st.long_lived_total.value, [y - x for x, y in zip(before, st.collections())]))
gc.collect(1)
out.append('after collect(1): total %d pending %d' % (st.long_lived_total.value, st.long_lived_pending.value))
before = st.collections()
pend, total = st.long_lived_pending.value, st.long_lived_total.value
gc.enable()
e = (b, b, b, b, b, b, b, b, b, b, b, b, b, b, b, b, b, b, b, b, b)  # 21 items: never from a freelist
len(b)
f = (b, b, b, b, b, b, b, b, b, b, b, b, b, b, b, b, b, b, b, b, b)  # 21 items: never from a freelist
len(b)
gc.disable()
out.append('count[2]=2 > 0, pending %d >= %d/4: auto collections per gen %s' % (
    pend, total, [y - x for x, y in zip(before, st.collections())]))
out.append('after it: total %d pending %d' % (st.long_lived_total.value, st.long_lived_pending.value))
print(sys.version.split()[0])
for line in out:
    print('  ' + line)
