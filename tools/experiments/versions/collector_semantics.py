# Shows: what explicit collections do, with automatic collection off (so timing plays no part):
# what collect(g) takes in, promotion, what is counted as collected, weakref clearing and callbacks,
# PEP 442 finalization and resurrection, DEBUG_SAVEALL, freeze/unfreeze, the long_lived counters'
# effect on generation choice. Expected identical in 3.11, 3.12, 3.13: gc_collect_main,
# deduce_unreachable, move_unreachable, untrack_tuples/dicts, handle_weakrefs, finalize_garbage,
# handle_resurrected_objects, delete_garbage and gc_freeze/unfreeze are the same code in
# Modules/gcmodule.c (3.11, 3.12) and Python/gc.c (3.13) (diffed function by function).
# Printed per scenario: gc.collect() results and what happened (F = __del__ ran, C = callback ran).
# Run:  python3 FILE;  PYENV_VERSION=3.12.1 python FILE;  PYENV_VERSION=3.13.0 python FILE
import gc, sys, weakref


class Obj:
    __slots__ = ('a', 'b', 'c', '__weakref__')


class Fin(Obj):
    __slots__ = ()

    def __del__(self):
        events.append('F' + self_name(self))


class Lazarus(Obj):
    __slots__ = ()

    def __del__(self):
        events.append('F' + self_name(self))
        revived.append(self)


names = {}
events = []
revived = []


def self_name(o):
    return names.get(id(o), '?')


def name(o, n):
    names[id(o)] = n
    return o


def on_clear(wr):
    events.append('C' + names.get(id(wr), '?'))


def gen(o):
    for i in range(3):
        if any(x is o for x in gc.get_objects(i)):
            return i
    return 'p' if gc.is_tracked(o) else 'u'


gc.disable()
out = []


def report(label, results):
    out.append('%-48s %s %s' % (label, results, ''.join(sorted(events))))
    del events[:]


gc.collect()
# 1. self-referencing list; 2-cycle of instances in collect(0)
x = []; x.append(x); del x
o = name(Obj(), 'o'); p = name(Obj(), 'p'); o.a = p; p.a = o; del o, p
report('list self-cycle + instance 2-cycle, collect(0)', [gc.collect(0)])
# 2. cycle spanning generations 0 and 2
gc.collect()
a = name(Obj(), 'a'); gc.collect(); b = name(Obj(), 'b'); a.a = b; b.a = a; del a, b
report('cycle across gen 0 and 2: collect 0, 1, 2', [gc.collect(0), gc.collect(1), gc.collect(2)])
# 3. Fin cycle: finalized once and collected in the same collection
f = name(Fin(), 'f'); g = name(Fin(), 'g'); f.a = g; g.a = f; del f, g
report('Fin 2-cycle, collect(0) twice', [gc.collect(0), gc.collect(0)])
# 4. Lazarus in a garbage cycle with a reachable weakref with callback
z = name(Lazarus(), 'z'); y = name(Obj(), 'y'); z.a = y; y.a = z
wz = name(weakref.ref(z, on_clear), 'wz'); del z, y
r1 = gc.collect()
out_rev = len(revived)
del revived[:]
report('Lazarus cycle (+ callback weakref): collect x2', [r1, out_rev, gc.collect(), wz() is None])
# 5. weakref inside the garbage gets no callback; one outside does
q = name(Obj(), 'q'); q.a = q; q.b = name(weakref.ref(q, on_clear), 'inside')
keep = name(weakref.ref(q, on_clear), 'outside'); del q
report('weakrefs to garbage: inside vs outside', [gc.collect()])
# 6. DEBUG_SAVEALL
gc.set_debug(gc.DEBUG_SAVEALL)
s = name(Fin(), 's'); s.a = s; del s
r1 = gc.collect()
n_garbage = len(gc.garbage)
gc.set_debug(0)
del gc.garbage[:]
report('DEBUG_SAVEALL: collect, len(garbage), clear, collect', [r1, n_garbage, gc.collect()])
# 7. freeze / unfreeze
m = name(Obj(), 'm'); m.a = m; del m
gc.freeze()
r1 = gc.collect()
fc = gc.get_freeze_count() > 0
gc.unfreeze()
report('frozen garbage: collect; unfreeze; collect(1); collect(2)', [r1, fc, gc.collect(1), gc.collect(2)])
# 8. old object hanging off a young cycle: freed by refcount, not counted
gc.collect()
old = name(Fin(), 'old'); gc.collect()
u = name(Obj(), 'u'); u.a = u; u.b = old; del old, u
report('old Fin held only by young cycle: collect(0)', [gc.collect(0)])
# 9. tuple of atomic items untracked by a collection, then not counted
t = (bytes(1),); l = [t]; l.append(l)
gc.collect(0)
del l, t
report('atomic tuple untracked by collect(0), then garbage', [gc.collect()])
print(sys.version.split()[0])
for line in out:
    print('  ' + line)
