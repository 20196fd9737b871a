# Shows: the gc.get_count() rules, statement by statement, with automatic collection disabled
# (counts move the same while disabled). Expected identical in 3.11, 3.12, 3.13:
#   count[0] += 1 per GC object allocated NOT from a freelist (list, dict, tuple, instance, weakref);
#   0 for one taken from a freelist; -1 (only while > 0) per GC object freed NOT onto a freelist;
#   bytes and dict keys tables are not GC objects; collect(g): count[g+1] += 1 (g < 2), counts[0..g] = 0;
#   freeze(): all three counts = 0; unfreeze(): counts unchanged.
# Sources (same text in all three): gcmodule.c/gc.c _PyObject_GC_Link ("generations[0].count++"),
# PyObject_GC_Del ("if (gcstate->generations[0].count > 0) ... count--"), gc_collect_main
# ("generations[generation+1].count += 1"), gc_freeze_impl / _PyGC_Freeze.
# gc.get_count() builds a 3-tuple: it is taken from (and given back to) the 3-tuple freelist, which
# is primed first, so reading the count moves nothing.
# Run:  python3 FILE;  PYENV_VERSION=3.12.1 python FILE;  PYENV_VERSION=3.13.0 python FILE
import gc, sys, weakref


class Obj:
    __slots__ = ('a', 'b', 'c', '__weakref__')


gc.disable()
gc.collect()                  # empties every freelist
b = bytes(1)
o = Obj()
LABELS = []
buf = [0] * 300
held = [(b, b, b) for _ in range(4)]
del held                      # primes the 3-tuple freelist for gc.get_count()
held = (b,); del held         # and the 1-tuple one for bytes(3)'s argument tuple
LABELS += ['x = []  (fresh)', 'del x  (list to freelist)', 'x = []  (from freelist)', 'd = {}', "d['k'] = b  (keys table)",
           'p = Obj()', 'del p', 'w = weakref.ref(o)', 't = 5-tuple literal', 'del t  (to freelist)', 'y = bytes(3)',
           'gc.collect(0)', 'q = Obj(); del q  (at 0)', 'r = Obj(); collect(0); del r', 'gc.collect(1)',
           's = Obj(); gc.freeze()', 'gc.unfreeze()', 'gc.enable(); gc.disable()']
keep = [[] for _ in range(100)]   # drains the list freelist
gc.collect(1)
gc.collect(1)                 # count (0, 0, 2)


def snap(i):
    # allocation-free: the tuple comes from the 3-tuple freelist, small ints are cached
    c = gc.get_count()
    buf[3 * i] = c[0]
    buf[3 * i + 1] = c[1]
    buf[3 * i + 2] = c[2]


snap(0)
x = []
snap(1)
del x
snap(2)
x = []
snap(3)
d = {}
snap(4)
d['k'] = b
snap(5)
p = Obj()
snap(6)
del p
snap(7)
w = weakref.ref(o)
snap(8)
t = (o, o, o, o, o)
snap(9)
del t
snap(10)
y = bytes(3)
snap(11)
gc.collect(0)
snap(12)
q = Obj()
del q
snap(13)
r = Obj()
gc.collect(0)
del r
snap(14)
gc.collect(1)
snap(15)
s = Obj()
gc.freeze()
snap(16)
gc.unfreeze()
snap(17)
gc.enable()
gc.disable()
snap(18)
print(sys.version.split()[0])
for i, label in enumerate(LABELS):
    print('  %-32s %s -> %s' % (label, tuple(buf[3 * i:3 * i + 3]), tuple(buf[3 * i + 3:3 * i + 6])))
