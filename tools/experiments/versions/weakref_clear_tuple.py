# Shows: what PyObject_ClearWeakRefs does when an instance dies by refcount, seen through count[0]
# (the instance frees -1; a temporary tuple built for the callbacks counts +1 when the tuple
# freelist of its length is empty, as it is here) and the order the callbacks run in.
#   3.11, 3.12: clears up to two callback-less weakrefs at the head of the list (any weakref type:
#     a subclass without callback too); then builds a (weakref, callback) tuple of 2n items only if
#     n >= 2 weakrefs remain; one remaining weakref is called back without a tuple.
#   3.13: clears every *exact* weakref.ref without callback (and proxies) at the head; then builds
#     the 2n-tuple whenever n >= 1 weakrefs remain (a subclass without callback counts in n).
# Callbacks run newest first in all three (a new weakref with callback, or a subclass ref, is
# inserted right after the basic ref, at the head when there is none); weakref.ref(x) without
# callback returns the existing basic ref. Note the 'subclass ref + one with callback' case: the
# callback ref, made second, is inserted at the head, so 3.11/3.12 clear nothing first.
# Sources: Objects/weakrefobject.c PyObject_ClearWeakRefs (3.13: is_basic_ref_or_proxy,
# `PyTuple_New(num_weakrefs * 2)` with no count == 1 shortcut), insert_head/insert_after.
# Run:  python3 FILE;  PYENV_VERSION=3.12.1 python FILE;  PYENV_VERSION=3.13.0 python FILE
import gc, sys, weakref


class Obj:
    __slots__ = ('a', 'b', 'c', '__weakref__')


class Sub(weakref.ref):
    __slots__ = ()


order = []


def cb1(wr): order.append(1)
def cb2(wr): order.append(2)
def cb3(wr): order.append(3)


gc.disable()
gc.collect()
drain = []
for n in (2, 4, 6, 8):
    for i in range(2100):
        drain.append(tuple(range(i, i + n)))
c = gc.get_count(); del c


def c0():
    return gc.get_count()[0]


rows = []
cases = [
    ('one weakref with callback', lambda o: [weakref.ref(o, cb1)]),
    ('basic ref + one with callback', lambda o: [weakref.ref(o), weakref.ref(o, cb1)]),
    ('two with callbacks', lambda o: [weakref.ref(o, cb1), weakref.ref(o, cb2)]),
    ('subclass ref (no callback) + one with callback', lambda o: [Sub(o), weakref.ref(o, cb1)]),
    ('basic + three with callbacks (made cb1, cb2, cb3)', lambda o: [weakref.ref(o), weakref.ref(o, cb1), weakref.ref(o, cb2), weakref.ref(o, cb3)]),
]
for label, make in cases:
    o = Obj()
    refs = make(o)
    del order[:]
    for n in (2, 4, 6, 8):      # the calls above freed argument tuples: empty those freelists again
        for i in range(50):
            drain.append(tuple(range(i, i + n)))
    n = c0()
    del o
    rows.append('%-50s count[0] %+d  callbacks ran %s' % (label, c0() - n, order))
    del refs
o = Obj()
r0 = weakref.ref(o)
r1 = weakref.ref(o, cb1)
s1 = Sub(o)
r2 = weakref.ref(o, cb2)
names = {id(r0): 'basic', id(r1): 'cb1', id(s1): 'sub', id(r2): 'cb2'}
listed = [names[id(r)] for r in weakref.getweakrefs(o)]
same = weakref.ref(o) is r0
del r0, r1, s1, r2, o
print(sys.version.split()[0], '(instance death alone: -1); weakref.ref(o) reuses the basic ref:', same,
      '; weakref list (made basic, cb1, sub, cb2):', listed)
for r in rows:
    print('  ' + r)
