# Shows: WHERE an automatic collection runs, for each kind of pymem statement.
# 3.11: inside the allocation that makes count[0] > threshold[0] (here: the statement `t2 = ...`).
# 3.12/3.13: that allocation only *schedules* the collection (_PyObject_GC_Link -> _Py_ScheduleGC);
# it runs at the next eval-breaker check: after a CALL returns (CHECK_EVAL_BREAKER / _CHECK_PERIODIC
# in Python/bytecodes.c), at the RESUME of a Python function (__del__, a weakref callback), at a
# backward jump -- never at BUILD_LIST/BUILD_MAP/BUILD_TUPLE/STORE_*/DELETE_* as such; but any
# statement whose releases run a __del__ or a weakref callback runs it there (`del f`, `f = []`
# with a Fin in f, `o.a = None` replacing the last reference to a Fin).
# For each statement S the script arms a pending collection (threshold 1, two 21-tuples: 21 items
# never come from a freelist), then runs S, then `len(b)` (a call: runs whatever is still pending).
# Every case starts from a full collection, so counts are (0, 1, 0) when t1 is built.
# Printed per S: where the collection ran ('t2' = inside the allocation, 'S' = during S,
# 'after' = only at the later call, '-' = never), its generation, and for statements that create
# an object whether that object was already alive at the collection (it is then in generation 1).
# Caveat: the observing gc.callbacks function is itself Python code run inside collections, so the
# `gc.collect(0)` line is disturbed by it (3.12 runs the pending collection nested in the 'start'
# callback, 3.13 drops it there); pending_collection_and_explicit_collect.py observes that case
# without callbacks.
# Run:  python3 FILE;  PYENV_VERSION=3.12.1 python FILE;  PYENV_VERSION=3.13.0 python FILE
import sys

SETUP = '''
import gc, weakref, ctypes, tracemalloc
class Obj:
    __slots__ = ('a', 'b', 'c', '__weakref__')
class Fin(Obj):
    __slots__ = ()
    def __del__(self): pass
class Lazarus(Obj):
    __slots__ = ()
    def __del__(self): revived.append(self)
revived = []
def on_clear(wr): pass
malloc = ctypes.pythonapi.PyObject_Malloc
malloc.restype, malloc.argtypes = ctypes.c_void_p, [ctypes.c_size_t]
log = []
where = 'setup'
def cb(phase, info):
    if phase == 'stop':
        log.append((where, info['generation']))
gc.disable()
gc.collect()
b = bytes(1)
l = [b, b]
d = {'k': b}
o = Obj()
o.a = b
f = Fin()
lz = Lazarus()
wo = Obj()
wr = weakref.ref(wo, on_clear)
y = None
tmp = (b,); del tmp
c = gc.get_count(); del c
gc.set_threshold(1)
gc.collect(0)
gc.callbacks.append(cb)
gc.enable()
where = 't1'
t1 = (b, b, b, b, b, b, b, b, b, b, b, b, b, b, b, b, b, b, b, b, b)
where = 't2'
t2 = (b, b, b, b, b, b, b, b, b, b, b, b, b, b, b, b, b, b, b, b, b)
where = 'S'
%s
where = 'after'
len(b)
where = 'end'
gc.disable()
'''

CASES = [
    'y = []', 'y = {}', "y = {'k': b}", 'y = (b,)', 'y = l', 'y = None', 'l[0] = b', "d['k'] = b",
    'del l[0]', 'o.a = b', 'del o.a', 'del o', 'y = Obj()', 'y = bytes(3)', 'y = weakref.ref(o)',
    'y = weakref.ref(o, on_clear)', 'l.append(b)', 'l.pop()', 'l.clear()', 'd.clear()',
    'del f', 'del lz', 'del wo', 'f = []', 'o.a = f; del f; o.a = None', 'gc.collect(0)', 'gc.enable()', 'gc.disable()', 'gc.set_debug(0)',
    'gc.set_threshold(100)', 'gc.freeze()', 'gc.unfreeze()', 'gc.garbage.clear()', 'revived.clear()',
    'y = malloc(16)', 'tracemalloc.start()',
]


def gen_of(g, obj):
    gc = g['gc']
    for i in range(3):
        if any(x is obj for x in gc.get_objects(i)):
            return i
    return 'untracked' if not gc.is_tracked(obj) else 'permanent'


print(sys.version.split()[0])
for s in CASES:
    g = {'__name__': 'case'}
    exec(compile(SETUP % s, 'case', 'exec'), g)
    ran = ', '.join('%s gen%d' % e for e in g['log']) or '-'
    extra = ''
    if s.startswith('y = ') and s not in ('y = l', 'y = None') and g['gc'].is_tracked(g['y']):
        extra = '  new object in gen %s' % gen_of(g, g['y'])
    print('  %-30s collection at: %s%s' % (s, ran, extra))
    g['gc'].callbacks.clear()
    g['gc'].unfreeze()
    g.pop('lz', None)
    g['revived'].clear()
