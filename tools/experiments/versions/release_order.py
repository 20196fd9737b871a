# Shows: the order in which a dying or cleared container releases its items, seen through the
# __del__ of Fin items (each records its name). Expected identical in 3.11, 3.12, 3.13:
# list dealloc / clear / del x[:] ... last to first; tuple dealloc last to first; dict dealloc and
# clear first to last (entry order); instance slots a, b, c in order; x = [x] keeps the old value
# until the new one is stored; a collection's garbage is finalized in young-list order.
# Sources: Objects/listobject.c list_dealloc / _list_clear (`while (--i >= 0)`), tupleobject.c
# tupledealloc, dictobject.c free_keys_object (3.11, 3.12) / dictkeys_decref (3.13) entry loops,
# typeobject.c subtype_dealloc -> clear_slots.
# Run:  python3 FILE;  PYENV_VERSION=3.12.1 python FILE;  PYENV_VERSION=3.13.0 python FILE
import gc, sys

order = []


class Fin:
    __slots__ = ('name', 'a', 'b', 'c', '__weakref__')

    def __init__(self, name):
        self.name = name

    def __del__(self):
        order.append(self.name)


def run(label, fn):
    del order[:]
    fn()
    out.append('%-34s %s' % (label, ''.join(order)))


gc.disable()
out = []


def list_dealloc():
    x = [Fin('1'), Fin('2'), Fin('3')]
    del x


def list_clear():
    x = [Fin('1'), Fin('2'), Fin('3')]
    x.clear()


def tuple_dealloc():
    t = (Fin('1'), Fin('2'), Fin('3'))
    del t


def dict_dealloc():
    d = {'a': Fin('1'), 'b': Fin('2'), 'c': Fin('3')}
    del d


def dict_clear():
    d = {'a': Fin('1'), 'b': Fin('2'), 'c': Fin('3')}
    d.clear()


def slots():
    o = Fin('0')
    o.a, o.b, o.c = Fin('1'), Fin('2'), Fin('3')
    del o


def cycle_in_collection():
    x = [Fin('1'), Fin('2'), Fin('3')]
    x.append(x)
    del x
    gc.collect()


run('list dealloc [1, 2, 3]', list_dealloc)
run('list.clear() [1, 2, 3]', list_clear)
run('tuple dealloc (1, 2, 3)', tuple_dealloc)
run('dict dealloc {a: 1, b: 2, c: 3}', dict_dealloc)
run('dict.clear() {a: 1, b: 2, c: 3}', dict_clear)
run('instance 0 with slots a=1 b=2 c=3', slots)
run('garbage cycle list [1, 2, 3, self]', cycle_in_collection)
print(sys.version.split()[0])
for line in out:
    print('  ' + line)
