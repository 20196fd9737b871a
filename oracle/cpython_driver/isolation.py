"""Keeping the driver out of the program's counts, freelists and collection timing.

Between two statements the driver allocates freely (it walks the heap, formats JSON, ...), which
moves `gc.get_count()` and the freelists, and with them the moment of the next automatic
collection. So each hook works in three phases:

1. `read`: before anything else, read the counts, the freelist occupancy and the collector's
   statistics into preallocated buffers (no allocation).
2. `after_statement`: work out the *program's* state from what was read, by taking out the spare
   tuples lent to CPython for its temporaries (program.py). Then the driver does its work.
3. `before_statement` + `restore`: decide the spares for the next statement, then put the freelists
   (program state + spares) and the counts back with raw writes, allocating nothing.

A spare of length n on the tuple freelist turns CPython's temporary n-tuple into a pop and a push:
no count, the same occupancy afterwards. Argument tuples get their spare before the statement.
ClearWeakRefs tuples (built while an instance with weakrefs dies) get theirs before the statement
too, except in a statement that allocates: there they are lent by `lend_after_allocation`, called
between the allocation and the binding (program.py), so that the allocation cannot take the spare
(a tuple literal of that length would) and a full collection inside the allocation cannot free it
before the old value of the target dies.

An *opaque* call (ctypes, tracemalloc, fork) makes too many temporaries to list: it runs with
automatic collection off, and `opaque_done`, called right after the call returns and before its
result is bound, puts counts and freelists back as they were.

One temporary cannot be lent for: a ClearWeakRefs tuple longer than any the tuple freelists give
out (20 or more items, ten weakrefs with callbacks on one instance; 3.13 gives out 20-tuples). Then
the count is no longer vouched for, from that statement on: CPython's count has drifted from
pymem's and stays so. From 3.12 a collection can run in the middle of any statement (at a
`__del__`'s or a callback's entry); a full one empties the freelists, the lent spares with them,
so a ClearWeakRefs tuple needed after it in the same statement is allocated and counted. Any such
temporary shows after the statement as a tuple on a freelist that is neither a spare nor a program
object's memory (`after_statement`): the count is then no longer vouched for either.
"""
import gc

from .freelists import ALL_SLOTS, DICT, LIST, SLOTS, tuple_slot
from .versions import TUPLE_REUSE

ARG, CLEAR = 'arg', 'clear'


class Isolation:
    def __init__(self, layout, freelists, raw, program_addresses):
        self.L = layout
        self.freelists = freelists
        self.raw = raw
        self.program_addresses = program_addresses  # address -> id of the program object there
        self.counts = [0, 0, 0]                 # the program's counts
        self.occupancy = [0] * SLOTS            # what the freelists hold right now
        self.program_free = [0] * SLOTS         # what they would hold without the driver
        self.free_before = [0] * SLOTS          # program_free before the statement
        self.target = [0] * SLOTS               # what they must hold when the next statement starts
        self.held = [[] for _ in range(ALL_SLOTS)]     # drained at read: program entries and spares
        self.program = [[] for _ in range(ALL_SLOTS)]  # the program's entries, top first
        self.lent = [[] for _ in range(ALL_SLOTS)]     # addresses of the spares on the freelists
        self.spare_count = [0] * SLOTS          # spares to lend for the next statement
        self.saved_spares = [0] * SLOTS
        self.stats = [0] * 9                    # generation_stats: (collections, collected, uncollectable) x 3
        self.prev_stats = [0] * 9
        self.spares = {}                        # slot -> ARG or CLEAR, lent for the running statement
        self.lend_later = []                    # CLEAR slots lent after the statement's allocation
        self.saved_counts = [0, 0, 0]           # before an opaque call
        self.saved_target = [0] * SLOTS
        self.saved_enabled = True
        self.count_exact = layout.ok and not raw
        self.count_note = '' if layout.ok else 'inexact mode: ' + layout.why
        if raw:
            self.count_note = '--raw: counts include interpreter temporaries'

    # -- phase 1 --------------------------------------------------------------------------------
    def read(self):
        L = self.L
        c = self.counts
        c[0] = L.counts[0].value
        c[1] = L.counts[1].value
        c[2] = L.counts[2].value
        self.freelists.read(self.occupancy)
        self.freelists.drain(self.held)
        s = self.stats
        i = 0
        for row in L.stats:
            for v in row:
                s[i] = v.value
                i += 1

    def read_inexact(self):
        self.counts[:] = gc.get_count()
        self.stats[:] = [v for d in gc.get_stats() for v in (d['collections'], d['collected'], d['uncollectable'])]

    def collections_ran(self, generation):
        return self.stats[3 * generation] - self.prev_stats[3 * generation]

    # -- phase 2 --------------------------------------------------------------------------------
    def after_statement(self, st):
        """The program's own freelists after the statement: what was drained from them, less the
        spares lent (found by address; one a full collection freed is simply gone)."""
        self.free_before[:] = self.program_free
        if not self.L.ok:
            return
        slot = 0
        counted = False
        while slot < ALL_SLOTS:
            lent = self.lent[slot]
            mine = self.program[slot]
            del mine[:]
            for a in self.held[slot]:
                if a in lent:
                    self.freelists.reserve[slot].append(a)
                else:
                    mine.append(a)
                    if DICT < slot < SLOTS and a not in self.program_addresses:
                        counted = True  # a temporary tuple allocated, not taken from a spare
            del lent[:]
            if slot < SLOTS:
                self.program_free[slot] = len(mine)
            slot += 1
        if counted and not self.raw:
            self.lose_count('an interpreter temporary tuple was allocated, not lent (a full collection freed its spare)')

    def check_drift(self, died_clear_counts):
        """Mark the count as no longer vouched for when a temporary was counted. The argument has
        the ClearWeakRefs pair counts (watch.py) of the instances that died in the statement."""
        if self.count_exact and any(2 * c > TUPLE_REUSE for c in died_clear_counts):
            self.lose_count('an instance died with more weakrefs with callbacks than a freelisted ClearWeakRefs tuple holds')

    def lose_count(self, why):
        if self.count_exact:
            self.count_exact = False
            self.count_note = why

    # -- phase 3 --------------------------------------------------------------------------------
    def before_statement(self, st, enabled, clear_counts):
        """Lend spares for `st` (None after the last statement); return whether to enable the
        collector for it."""
        self.prev_stats[:] = self.stats
        self.spares.clear()
        self.target[:] = self.program_free
        self.spare_count[:] = [0] * SLOTS
        self.saved_enabled = enabled
        if not self.L.ok or self.raw or st is None:
            return enabled
        del self.lend_later[:]
        for n in st.arg_tuples:
            self.spares[tuple_slot(n)] = ARG
        for c in clear_counts:
            if 0 < c and 2 * c <= TUPLE_REUSE and tuple_slot(2 * c) not in self.spares:
                self.spares[tuple_slot(2 * c)] = CLEAR
        for slot, why in self.spares.items():
            if why == CLEAR and st.kind:
                self.lend_later.append(slot)
            else:
                self.target[slot] += 1
                self.spare_count[slot] += 1
        if st.opaque:
            self.saved_counts[:] = self.counts
            self.saved_target[:] = self.target
            self.saved_spares[:] = self.spare_count
            # The call's own temporaries (argument tuples, ...) take these, not the program's entries.
            for slot in (LIST, DICT, tuple_slot(1), tuple_slot(2), tuple_slot(3)):
                self.spare_count[slot] += 4
            return False
        return enabled

    def forget_program_freelists(self):
        """At the start: the program owns no freelist entry; what is there goes to the reserve."""
        self.program_free[:] = [0] * SLOTS
        for entries in self.program:
            del entries[:]
        for slot, entries in enumerate(self.held):
            self.freelists.reserve[slot].extend(entries)
            del entries[:]

    def restore(self):
        """Freelists to target and counts back; allocates nothing. False if a reserve ran dry."""
        return self.put_back(self.spare_count, self.counts)

    def lend_after_allocation(self):
        """Inside an allocating statement, once its object exists: lend the ClearWeakRefs spares.
        Raw pointer moves only: the program is running."""
        if not self.L.ok or self.raw:
            return True
        ok = True
        i = 0
        while i < len(self.lend_later):
            slot = self.lend_later[i]
            if self.freelists.reserve[slot]:
                a = self.freelists.take_spare(slot)
                self.freelists.push(slot, a)
                self.lent[slot].append(a)
            else:
                ok = False
            i += 1
        return ok

    def opaque_done(self):
        """Right after an opaque call: undo everything it did to counts and freelists."""
        if self.L.ok and not self.raw:
            self.put_back(self.saved_spares, self.saved_counts, reclaim=True)
        return self.saved_enabled

    def put_back(self, spares, counts, reclaim=False):
        ok = self.freelists.settle(self.program, spares, self.lent, reclaim)
        L = self.L
        L.counts[0].value = counts[0]
        L.counts[1].value = counts[1]
        L.counts[2].value = counts[2]
        return ok
