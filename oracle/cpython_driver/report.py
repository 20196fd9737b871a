"""One statement's report: what CPython shows after it, as one JSON line (fields: ../driver.py).

Ids are given in creation order, as pymem gives them: the object a statement allocated gets the
next id, unless it is the existing callback-less weakref that `weakref.ref(x)` returned. The map
from address to id is kept for every object; an address can only be reused after its object died,
and only one program object is allocated per statement, before anything in it dies.

`__del__` and callbacks log addresses while the statement runs (the weakref a statement creates
can call back in that very statement, before it has an id); they are turned into ids here.

Deaths of every program object, not only instances (`freed_all`, for tools/observe.py: deriving an
example's expected trace), are read from memory before the driver allocates anything: an object is
dead when the refcount word at its address is 0, or no refcount at all (a freed block's first word
is pymalloc's free-list link, an address: for a GC object that word is the GC head's, before the
object, so the refcount stays 0; for bytes the object starts the block), when the type word after
it is no longer its type's (the interpreter reused the block for something else within the
statement: 3.12 and 3.13 do), or when the statement's new object took its address. The program's
objects never share a size class with the 32-byte ints of the driver's own address arithmetic, so
reading cannot reuse their memory.
"""

from .refreeze import refreeze_interpreter
from .traces import ReserveLines, program_statistics
from .watch import clear_pairs, kinds_after_new_weakref


class Reporter:
    def __init__(self, observer):
        self.obs = observer
        self.ids = observer.ids
        self.watches = observer.watches
        self.next_id = 1
        self.clear_counts = {}      # instance id -> ClearWeakRefs pairs if it dies in the next statement
        self.cleared = []
        self.reserve_lines = ReserveLines(observer.freelists)
        # Every live program object, for the deaths of all types: ids and addresses in parallel,
        # and what the refcount word at each address said after the statement (read_refcounts).
        self.live_ids = []
        self.live_addresses = []
        self.live_types = []      # id() of each one's type
        self.refcount_words = []
        self.type_words = []

    def read_refcounts(self):
        """Right after the statement, before anything is allocated: the refcount word at the
        address of every program object alive before it (into a preallocated list)."""
        words, types, addresses = self.refcount_words, self.type_words, self.live_addresses
        mem = self.obs.layout.mem
        i = 0
        n = len(addresses)
        while i < n:
            words[i] = mem.word(addresses[i])
            types[i] = mem.word(addresses[i] + 8)
            i += 1

    def all_deaths(self, created_address, created_id):
        """Ids of every program object that died in the statement (see the module comment), dropped
        from the live lists; `created_id` is the statement's new object (none: None)."""
        dead = []
        i = 0
        while i < len(self.live_ids):
            w = self.refcount_words[i]
            if self.live_ids[i] == created_id:
                i += 1
            elif w == 0 or w >= 1 << 32 or self.type_words[i] != self.live_types[i] or self.live_addresses[i] == created_address:
                dead.append(self.live_ids.pop(i))
                self.live_addresses.pop(i)
                self.live_types.pop(i)
                self.refcount_words.pop(i)
                self.type_words.pop(i)
            else:
                i += 1
        return dead

    def report(self, k, st, pending=0):
        # No closure (a comprehension here would make `self` a cell) and no tracked temporary
        # before scan_generations (see heap.py).
        obs, iso = self.obs, self.obs.iso
        created_address = id(obs.globals[st.target]) if st.kind is not None else None
        if st.kind == 'weakref' and not st.callback and created_address == obs.basic_ref_before:
            created_address = None  # the existing weakref, returned
        created = self.register_new(st)
        if st.unfreezes and obs.layout.ok:
            refreeze_interpreter(obs.layout, obs.heap.is_program_object)
        gen_of, foreign = obs.heap.scan_generations()
        freed_all = self.all_deaths(created_address, created and created['id']) if obs.layout.ok else None  # a list: after the scan
        objs = obs.heap.reachable()
        freed, alive_after_clear = self.deaths(objs)
        iso.check_drift(self.clear_counts_of(freed))
        records = obs.heap.describe(objs, gen_of)
        del objs
        self.remember()
        finalized = self.ids_of(obs.fin_log)
        callbacks = self.ids_of(obs.cb_log)
        line = {
            'step': k, 'line': st.line, 'stmt': st.text, 'created': created,
            'freed': sorted(freed), 'finalized': sorted(finalized), 'callbacks': sorted(callbacks),
            'finalized_order': finalized, 'callbacks_order': callbacks,
            'collections': self.collections(), 'count': list(iso.counts),
            'count_exact': iso.count_exact, 'objects': records,
        }
        if obs.layout.pending is not None:
            line['pending'] = bool(pending)
        if freed_all is not None:
            line['freed_all'] = sorted(freed_all)
        traced = program_statistics(obs.filename, obs.line_of, obs.globals, obs.heap.names, self.reserve_lines)
        if traced is not None:
            line['traced_lines'] = traced
        if not iso.count_exact:
            line['count_note'] = iso.count_note
        if alive_after_clear:
            line['alive_after_clear'] = sorted(alive_after_clear)
        if foreign:
            line['foreign'] = foreign
        obs.emit(line)

    def ids_of(self, addresses):
        return [self.ids.get(a, -1) for a in addresses]

    def register_new(self, st):
        """The id of the object the statement allocated, or None (also for a reused weakref)."""
        if st.kind is None:
            return None
        obs = self.obs
        obj = obs.globals[st.target]
        if st.kind == 'weakref' and not st.callback and id(obj) == obs.basic_ref_before:
            return None
        oid = self.next_id
        self.next_id += 1
        self.ids[id(obj)] = oid
        self.live_ids.append(oid)
        self.live_addresses.append(id(obj))
        self.live_types.append(id(type(obj)))
        self.refcount_words.append(1)
        self.type_words.append(id(type(obj)))
        if type(obj) in obs.classes:
            self.watches.watch(obj, oid)
        elif st.kind == 'weakref':
            referent = obj()
            if referent is not None:
                self.watches.rewatch(referent)  # back among the first two of its list (watch.py)
            referent = None
        return {'id': oid, 'type': 'weakref' if st.kind == 'weakref' else type(obj).__name__}

    def deaths(self, objs):
        """(ids that died, ids whose watch was cleared but that are alive) during the statement."""
        alive = {}
        for o in objs:
            alive[id(o)] = o
        freed, alive_after_clear = [], []
        self.cleared.clear()
        self.watches.cleared(self.cleared)
        for oid in self.cleared:
            obj = alive.get(self.watches.address[oid])
            if obj is not None:
                alive_after_clear.append(oid)  # cleared by the collector, yet alive: watch it again
                self.watches.watch(obj, oid)
            else:
                freed.append(oid)
            obj = None
        return freed, alive_after_clear

    def clear_counts_of(self, oids):
        return [self.clear_counts.get(oid, 0) for oid in oids]

    def remember(self):
        """What the next statement's spares and drift check need."""
        self.clear_counts = {}
        self.watches.clear_counts(self.clear_counts)

    def expect_new_weakref(self, st):
        """Before a `weakref.ref(x[, on_clear])` statement: x may die in it, after the new weakref
        joined its list (`x = weakref.ref(x, on_clear)`), with a longer ClearWeakRefs tuple."""
        referent = self.obs.globals.get(st.referent)
        oid = self.ids.get(id(referent))
        if oid is not None and type(referent) in self.obs.classes:
            self.clear_counts[oid] = clear_pairs(kinds_after_new_weakref(referent, st.callback))
        referent = None

    def collections(self):
        iso = self.obs.iso
        ran = [(g, iso.collections_ran(g)) for g in range(3) if iso.collections_ran(g)]
        total = sum(n for _, n in ran)
        out = []
        for g, n in ran:
            c = {'generation': g, 'collected': iso.stats[3 * g + 1] - iso.prev_stats[3 * g + 1],
                 'uncollectable': iso.stats[3 * g + 2] - iso.prev_stats[3 * g + 2]}
            if total > 1:
                c['merged'] = n  # more than one collection in one statement: per generation only
            out.append(c)
        return out
