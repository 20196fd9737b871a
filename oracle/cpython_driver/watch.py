"""Seeing instances die without keeping them alive or moving them: one weak reference per instance.

`Obj`, `Fin` and `Lazarus` instances take weak references, so the driver holds one per live
instance (a *watch*). Lists, dicts, tuples, bytes and weakrefs do not take weak references, so
their deaths are not observed (the comparison says so).

A watch must disturb nothing the program can see:
  * it is a `weakref.ref` *subclass* without a callback: `weakref.ref(x)` in the program reuses only
    an exact, callback-less `weakref.ref` at the head of x's weakref list, so a watch never takes
    its place, and a watch never calls back into the program's statement;
  * it is untracked right after creation (`PyObject_GC_UnTrack`), so it sits in no generation: it
    adds nothing to `long_lived_pending/total`, never shows in `gc.get_objects()`, and the
    collector never sees it (a weakref without callback is only ever cleared, never moved);
  * it is one more weakref in the referent's list, which `PyObject_ClearWeakRefs` counts when it
    sizes its tuple, except for up to two callback-less weakrefs at the head of the list. A
    subclass weakref without callback is inserted right after the basic `weakref.ref(x)` (or at the
    head when there is none), so the observer *re-watches* an instance after each statement that
    gave it a new weakref: the watch is then always among the first two, cleared before the count,
    and the tuple CPython builds is exactly the one it builds without the driver. Only within the
    statement that adds the weakref (`x = weakref.ref(x, on_clear)` kills x) is the new weakref
    ahead of the watch; report.py predicts that longer tuple and isolation.py lends a spare for it.

A cleared watch does not always mean death: the collector clears weakrefs before `__del__` can
resurrect (Lazarus) and DEBUG_SAVEALL keeps garbage alive in `gc.garbage`. The observer decides
with a walk from the roots, and watches a survivor again.
"""
import ctypes
import weakref

_untrack = ctypes.pythonapi.PyObject_GC_UnTrack
_untrack.argtypes = [ctypes.py_object]
_untrack.restype = None


class Watch(weakref.ref):
    __slots__ = ()


class Watches:
    """The watches of live instances. Kept in two parallel lists, not a dict: a list is never
    untracked, so the driver's state stays frozen in the permanent generation (a dict emptied by
    the start-up collection would be untracked, and inserting a Watch would track it again, in the
    program's generation 0)."""

    def __init__(self):
        self.ids = []        # instance ids, parallel to refs
        self.refs = []       # their Watch objects
        self.address = {}    # instance id -> address of the instance
        self.type_name = {}  # instance id -> class name

    def watch(self, obj, oid):
        w = Watch(obj)
        _untrack(w)
        self.ids.append(oid)
        self.refs.append(w)
        self.address[oid] = id(obj)
        self.type_name[oid] = type(obj).__name__

    def cleared(self, out):
        """Append to `out` the ids whose watch was cleared since the last call, and drop them."""
        i = 0
        while i < len(self.refs):
            if self.refs[i]() is None:
                out.append(self.ids.pop(i))
                self.refs.pop(i)
            else:
                i += 1

    def rewatch(self, obj):
        """Move the watch of `obj` to the front of its weakref list (see the module comment)."""
        i = self.index_of(id(obj))
        if i >= 0:
            oid = self.ids.pop(i)
            self.refs.pop(i)
            self.watch(obj, oid)

    def index_of(self, address):
        i = 0
        while i < len(self.ids):
            if self.address[self.ids[i]] == address and self.refs[i]() is not None:
                return i
            i += 1
        return -1

    def clear_counts(self, out):
        """Fill the dict `out` with, per watched live instance, the number of (weakref, callback)
        pairs `PyObject_ClearWeakRefs` would put in its tuple if it died by refcount now."""
        for oid, w in zip(self.ids, self.refs):
            obj = w()
            if obj is not None:
                out[oid] = clear_pairs(callback_flags(obj))
            obj = None


def callback_flags(obj):
    """For each weakref in obj's list, head first: does it have a callback?"""
    return [r.__callback__ is not None for r in weakref.getweakrefs(obj)]


def clear_pairs(flags):
    """`PyObject_ClearWeakRefs` first clears up to two callback-less weakrefs at the head of the
    list, then builds a tuple of 2 x (the rest) items only if two or more remain. 0: no tuple."""
    skip = 0
    while skip < 2 and skip < len(flags) and not flags[skip]:
        skip += 1
    remaining = len(flags) - skip
    return remaining if remaining >= 2 else 0


def flags_after_new_weakref(obj, callback):
    """callback_flags(obj) once `weakref.ref(obj[, on_clear])` has inserted a new weakref where
    `weakref___new__` puts it: a callback-less basic ref at the head (when there is none), one with
    a callback right after the basic ref, or at the head."""
    refs = weakref.getweakrefs(obj)
    flags = [r.__callback__ is not None for r in refs]
    has_basic = bool(refs) and type(refs[0]) is weakref.ref and refs[0].__callback__ is None
    if callback:
        flags.insert(1 if has_basic else 0, True)
    elif not has_basic:
        flags.insert(0, False)
    return flags
