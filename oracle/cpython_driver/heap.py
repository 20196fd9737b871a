"""What CPython shows about the program's objects between two statements.

* `scan_generations`: which generation each tracked object is in, from `gc.get_objects(generation=g)`
  (a tracked object in none of them is in the permanent generation: the driver keeps the
  interpreter's own objects there, refreeze.py, and `gc.freeze()` in the program moves program
  objects there). It also finds *foreign* objects: anything in generations 0-2 that is not a
  program object, which would be a leak of the driver's or of the interpreter's into the program's
  generations.
* `reachable`: the program objects reachable from the roots (the names, `revived`, `gc.garbage`),
  following list and tuple items, dict values and instance slots; weakrefs and bytes are leaves.
* `describe`: per reachable object its id, type, `gc.is_tracked`, generation, `gc.is_finalized` and
  refcount (`sys.getrefcount` less the driver's own three references: the list holding it, the
  loop variable and the argument), and `sys.getsizeof`.

All of it allocates: it runs between statements, before the observer puts counts and freelists back.
"""
import gc
import sys
import weakref

CONTAINER_TYPES = (list, tuple, dict)


def type_name(obj):
    t = type(obj)
    return 'weakref' if t is weakref.ref else t.__name__


class HeapView:
    def __init__(self, globals_, names, classes, ids):
        self.g = globals_
        self.names = names
        self.classes = classes
        self.ids = ids  # address -> id of the program object last allocated there
        self.program_types = (list, tuple, dict, bytes, weakref.ref) + classes

    def is_program_object(self, obj):
        return type(obj) in self.program_types and id(obj) in self.ids

    def scan_generations(self):
        """({address: generation} of the tracked objects in 0-2, foreign objects). Called first in
        the hook, when no temporary of the driver's is tracked yet (the three lists exclude
        themselves and sit in generation 0 only after its listing), so every foreign object found
        is a leak of the driver's or the interpreter's into the program's generations."""
        g0 = gc.get_objects(generation=0)
        g1 = gc.get_objects(generation=1)
        g2 = gc.get_objects(generation=2)
        gen_of = {}
        foreign = {}
        for g, objs in ((0, g0), (1, g1), (2, g2)):
            for o in objs:
                gen_of[id(o)] = g
                if not self.is_program_object(o):
                    what = '%s in generation %d' % (type(o).__name__, g)
                    foreign[what] = foreign.get(what, 0) + 1
        return gen_of, ['%d %s' % (n, what) for what, n in sorted(foreign.items(), key=lambda e: -e[1])[:8]]

    def reachable(self, exclude=None):
        """Program objects reachable from the roots, each once, in walk order."""
        g = self.g
        stack = []
        for n in self.names:
            v = g.get(n)
            if v is not None and type(v) in self.program_types:
                stack.append(v)
        stack.extend(g['revived'])
        stack.extend(gc.garbage)
        seen = set()
        out = []
        classes = self.classes
        while stack:
            o = stack.pop()
            a = id(o)
            if a in seen or a not in self.ids or a == exclude:
                continue
            seen.add(a)
            out.append(o)
            t = type(o)
            if t is dict:
                stack.extend(o.values())
            elif t is list or t is tuple:
                stack.extend(o)
            elif t in classes:
                stack.extend(gc.get_referents(o))  # the slots that are set (and the class)
        return out

    def describe(self, objs, gen_of):
        """One record per object, ascending by id."""
        records = []
        for o in objs:
            a = id(o)
            tracked = gc.is_tracked(o)
            gen = gen_of.get(a, 'permanent') if tracked else None
            records.append({
                'id': self.ids.get(a, 0), 'type': type_name(o), 'tracked': tracked, 'gen': gen,
                'finalized': gc.is_finalized(o), 'refcount': sys.getrefcount(o) - 3,
                'size': sys.getsizeof(o),
            })
        records.sort(key=lambda r: r['id'])
        return records
