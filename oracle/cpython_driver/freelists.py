"""The list, dict and tuple freelists, moved by hand between statements.

Whether an allocation is counted (`count[0] += 1`, and so whether it can trigger a collection)
depends on whether a freelist had an object of that kind (docs/cpython-3.11.md#freelists). Between two
statements the driver itself allocates and frees lists, dicts and tuples, which pushes onto and pops
from these freelists; and before some statements it must lend CPython a spare tuple, so that an
interpreter temporary pymem does not model is taken from and given back to a freelist instead of
being counted (see program.py). So the driver puts each freelist back to an exact occupancy before
the next statement runs.

It does so with raw pointer moves, allocating no GC object: a dead object popped off a freelist is
kept as an address in a *reserve* (its memory stays allocated, its header says "free"), and pushed
back when the freelist must grow. CPython's own pop code then reuses it as if it had never left.

Identity, not just occupancy, is kept for the program (tracemalloc can tell blocks apart: a freed
list keeps the trace of the line that allocated it, and the next list taken from the freelist moves
that trace to its own line). `drain` takes every entry off before the driver works; `settle` puts
back exactly the program's entries, in their order, with the spares on top, and sends whatever else
it finds (the driver's dead objects) to the reserve. The dict-keys freelist (slot KEYS: tables of
the 8-slot string shape, no effect on counts) is kept the same way, without spares.

Slots: 0 = lists, 1 = dicts, n + 1 = tuples of length n (1..19, and 20 where an allocation takes
length 20 from the freelist, 3.13: elsewhere length 20 is pushed by CPython but never popped, so it
needs no managing), then the dict keys.
"""
from .versions import TUPLE_REUSE

SLOTS = TUPLE_REUSE + 2
KEYS = SLOTS
ALL_SLOTS = SLOTS + 1
LIST, DICT = 0, 1
TUPLE_ITEM0 = 24  # offsetof(PyTupleObject, ob_item): refcount, type, size


def tuple_slot(length):
    return length + 1


class Freelists:
    def __init__(self, layout):
        self.L = layout
        self.mem = layout.mem
        self.reserve = [[] for _ in range(ALL_SLOTS)]  # addresses of dead objects owned by the driver
        # Per slot, how many entries at the bottom of the reserve have stayed in place since
        # `settled_reserve` was last called: such a block left no freelist, so no allocation moved its
        # tracemalloc trace (traces.ReserveLines looks up only the others).
        self.unmoved = [0] * ALL_SLOTS
        self.short = []  # slots whose reserve ran dry (reported as a note)

    # -- reading --------------------------------------------------------------------------------
    def numfree_address(self, slot):
        L = self.L
        if slot == LIST:
            return L.list_numfree
        if slot == DICT:
            return L.dict_numfree
        if slot == KEYS:
            return L.keys_numfree
        return L.tuple_numfree + 4 * (slot - 2)

    def numfree(self, slot):
        return self.mem.int(self.numfree_address(slot))

    def read(self, buf):
        """Fill `buf` with the current occupancy (no allocation)."""
        slot = 0
        while slot < SLOTS:
            buf[slot] = self.numfree(slot)
            slot += 1

    # -- raw moves ------------------------------------------------------------------------------
    # No tuple may be built here (an (array, numfree) pair would be freed onto the 2-tuple freelist
    # in the middle of `settle`): the array and its count are asked for separately.
    def array_of(self, slot):
        L = self.L
        if slot == LIST:
            return L.list_array
        if slot == DICT:
            return L.dict_array
        return L.keys_array

    def pop(self, slot):
        L, mem = self.L, self.mem
        if slot == LIST or slot == DICT or slot == KEYS:
            array = self.array_of(slot)
            numfree = self.numfree_address(slot)
            n = mem.int(numfree) - 1
            mem.set_int(numfree, n)
            return mem.word(array + 8 * n)
        head = L.tuple_heads + 8 * (slot - 2)
        op = mem.word(head)
        mem.set_word(head, mem.word(op + TUPLE_ITEM0))
        count = L.tuple_numfree + 4 * (slot - 2)
        mem.set_int(count, mem.int(count) - 1)
        return op

    def push(self, slot, op):
        L, mem = self.L, self.mem
        if slot == LIST or slot == DICT or slot == KEYS:
            array = self.array_of(slot)
            numfree = self.numfree_address(slot)
            n = mem.int(numfree)
            mem.set_word(array + 8 * n, op)
            mem.set_int(numfree, n + 1)
            return
        head = L.tuple_heads + 8 * (slot - 2)
        mem.set_word(op + TUPLE_ITEM0, mem.word(head))
        mem.set_word(head, op)
        count = L.tuple_numfree + 4 * (slot - 2)
        mem.set_int(count, mem.int(count) + 1)

    def drain(self, held):
        """Take every entry off every freelist into held[slot], top first (ints only: no GC object)."""
        slot = 0
        while slot < ALL_SLOTS:
            h = held[slot]
            del h[:]
            n = self.numfree(slot)
            while n > 0:
                h.append(self.pop(slot))
                n -= 1
            slot += 1

    def settle(self, program, spares, lent, reclaim=False):
        """Every freelist := the program's entries `program[slot]` (top first, as drained), then
        `spares[slot]` spares from the reserve on top, their addresses recorded in `lent[slot]`.
        Whatever the freelists hold now that is not the program's goes to the reserve. With
        `reclaim` the program's entries are still on the freelists (right after an opaque call):
        only those found there go back, and one the call took is dropped from `program[slot]`.
        False if a reserve ran dry."""
        ok = True
        slot = 0
        while slot < ALL_SLOTS:
            spare = self.reserve[slot]
            n = self.numfree(slot)
            while n > 0:
                spare.append(self.pop(slot))
                n -= 1
            entries = program[slot]
            i = len(entries) - 1
            while i >= 0:
                a = entries[i]
                if reclaim:
                    j = len(spare) - 1
                    while j >= 0 and spare[j] != a:
                        j -= 1
                    if j < 0:  # the call took it: no longer a dead object
                        entries.pop(i)
                        i -= 1
                        continue
                    self.take_spare(slot, j)
                self.push(slot, a)
                i -= 1
            out = lent[slot]
            del out[:]
            k = spares[slot] if slot < SLOTS else 0
            while k > 0:
                if not spare:
                    ok = False
                    break
                a = self.take_spare(slot)
                self.push(slot, a)
                out.append(a)
                k -= 1
            slot += 1
        return ok

    # -- the reserve ----------------------------------------------------------------------------
    def take_spare(self, slot, index=-1):
        """Take an entry off the reserve (the top by default); every entry above it has moved."""
        spare = self.reserve[slot]
        if index < 0:
            index = len(spare) - 1
        if index < self.unmoved[slot]:
            self.unmoved[slot] = index
        return spare.pop(index)

    def settled_reserve(self, slot):
        """Every entry of the slot's reserve counts as unmoved from now on."""
        self.unmoved[slot] = len(self.reserve[slot])

    def fill(self, per_slot=64):
        """Top every reserve up to `per_slot` dead objects: make objects, free them onto their
        freelist, steal them. Which dead objects the reserve holds does not matter (only
        occupancy is observable), so it may steal the program's too: `restore` puts the count back.
        The caller runs this with automatic collection off and restores the counts afterwards."""
        none = None
        for slot in range(SLOTS):
            spare = self.reserve[slot]
            while len(spare) < per_slot:
                while self.numfree(slot) > 0 and len(spare) < per_slot:
                    spare.append(self.pop(slot))
                want = per_slot - len(spare)
                if want <= 0:
                    break
                if slot == LIST:
                    batch = [[] for _ in range(min(80, want))]
                elif slot == DICT:
                    batch = [{} for _ in range(min(80, want))]
                else:
                    batch = [(none,) * (slot - 1) for _ in range(want)]
                del batch  # every object goes onto its (empty) freelist

    def low(self, minimum=8):
        return [slot for slot in range(SLOTS) if len(self.reserve[slot]) < minimum]
