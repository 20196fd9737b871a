# Shows: the list, dict and tuple freelists, observed through count[0] (an allocation served by a
# freelist does not count) and id() (LIFO reuse of the address).
#   capacity: free 100 lists / 100 dicts / 2100 n-tuples, then allocate as many again: the first
#     80 / 80 / 2000 come from the freelist (count[0] rises by 20 / 20 / 100 only).
#   LIFO: three lists freed a, b, c are reused as c, b, a.
#   length-20 tuples: 3.11 pushes them but never pops them (maybe_freelist_pop: `size <
#     PyTuple_MAXSAVESIZE`); 3.12 and 3.13 pop them too (`size <= PyTuple_MAXSAVESIZE`).
#   gc.collect(1) keeps the freelists, gc.collect() (generation 2) empties them.
# Sources: Objects/tupleobject.c maybe_freelist_pop/maybe_freelist_push; Objects/listobject.c
# PyList_New/list_dealloc; Objects/dictobject.c new_dict/dict_dealloc; capacities in
# Include/internal/pycore_list.h, pycore_dict.h (3.11) / pycore_dict_state.h (3.12),
# pycore_tuple.h (3.11, 3.12), pycore_freelist.h (3.13): 80, 80, 80 (keys), 20 sizes x 2000.
# Run:  python3 FILE;  PYENV_VERSION=3.12.1 python FILE;  PYENV_VERSION=3.13.0 python FILE
import gc, sys

gc.disable()
out = []
b = bytes(1)


def c0():
    return gc.get_count()[0]


def fresh():
    gc.collect()
    return c0()


# capacity
fresh()
keep = [[] for _ in range(100)]
del keep
n = c0()
keep = [[] for _ in range(100)]
out.append('lists: 100 freed, 100 allocated -> count[0] +%d' % (c0() - n - 1))  # -1: the outer list
del keep
fresh()
keep = [{} for _ in range(100)]
del keep
n = c0()
keep = [{} for _ in range(100)]
out.append('dicts: 100 freed, 100 allocated -> count[0] +%d' % (c0() - n - 1))
del keep
for size in (1, 2, 19, 20):
    fresh()
    keep = [None] * 2100
    for i in range(2100):
        keep[i] = (i,) * size if size > 1 else (i,)
    keep = None
    n = c0()
    keep = [None] * 2100
    for i in range(2100):
        keep[i] = (i,) * size if size > 1 else (i,)
    out.append('%d-tuples: 2100 freed, 2100 allocated -> count[0] +%d' % (size, c0() - n - 1))
    keep = None

# LIFO
fresh()
x, y, z = [], [], []
ids = [id(x), id(y), id(z)]
del x
del y
del z
p, q, r = [], [], []
out.append('lists freed a, b, c; next three get %s' % ''.join('abc'[ids.index(id(v))] if id(v) in ids else '?' for v in (p, q, r)))

# length-20 tuple reuse
fresh()
t = (b,) * 20
a20 = id(t)
del t
n = c0()
u = (b,) * 20
out.append('20-tuple freed then a 20-tuple made: same address %s, count[0] +%d' % (id(u) == a20, c0() - n))
del u

# which collections empty the freelists
for g in (0, 1, 2):
    fresh()
    x = []
    del x
    gc.collect(g)
    n = c0()
    x = []
    out.append('list freed, gc.collect(%d), list made: count[0] +%d (%s)' % (g, c0() - n, 'freelist kept' if c0() == n else 'freelist emptied'))
    del x
print(sys.version.split()[0])
for line in out:
    print('  ' + line)
