"""The list, dict and tuple freelists, moved by hand between statements.

Whether an allocation is counted (`count[0] += 1`, and so whether it can trigger a collection)
depends on whether a freelist had an object of that kind (reference section 1.2). Between two
statements the driver itself allocates and frees lists, dicts and tuples, which pushes onto and pops
from these freelists; and before some statements it must lend CPython a spare tuple, so that an
interpreter temporary pymem does not model is taken from and given back to a freelist instead of
being counted (see program.py). So the driver puts each freelist back to an exact occupancy before
the next statement runs.

It does so with raw pointer moves, allocating nothing: a dead object popped off a freelist is kept
as an address in a *reserve* (its memory stays allocated, its header says "free"), and pushed back
when the freelist must grow. CPython's own pop code then reuses it as if it had never left.

Slots of an occupancy vector: 0 = lists, 1 = dicts, n + 1 = tuples of length n (1..19; length 20
is pushed by CPython but never popped, so it needs no managing).
"""

SLOTS = 21
LIST, DICT = 0, 1
TUPLE_ITEM0 = 24  # offsetof(PyTupleObject, ob_item): refcount, type, size


def tuple_slot(length):
    return length + 1


class Freelists:
    def __init__(self, layout):
        self.L = layout
        self.mem = layout.mem
        self.reserve = [[] for _ in range(SLOTS)]  # addresses of dead objects owned by the driver
        self.short = []  # slots whose reserve ran dry (reported as a note)

    # -- reading --------------------------------------------------------------------------------
    def numfree(self, slot):
        L = self.L
        if slot == LIST:
            return self.mem.int(L.list_numfree)
        if slot == DICT:
            return self.mem.int(L.dict_numfree)
        return self.mem.int(L.tuple_numfree + 4 * (slot - 2))

    def read(self, buf):
        """Fill `buf` with the current occupancy (no allocation)."""
        slot = 0
        while slot < SLOTS:
            buf[slot] = self.numfree(slot)
            slot += 1

    # -- raw moves ------------------------------------------------------------------------------
    def pop(self, slot):
        L, mem = self.L, self.mem
        if slot == LIST or slot == DICT:
            array, numfree = (L.list_array, L.list_numfree) if slot == LIST else (L.dict_array, L.dict_numfree)
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
        if slot == LIST or slot == DICT:
            array, numfree = (L.list_array, L.list_numfree) if slot == LIST else (L.dict_array, L.dict_numfree)
            n = mem.int(numfree)
            mem.set_word(array + 8 * n, op)
            mem.set_int(numfree, n + 1)
            return
        head = L.tuple_heads + 8 * (slot - 2)
        mem.set_word(op + TUPLE_ITEM0, mem.word(head))
        mem.set_word(head, op)
        count = L.tuple_numfree + 4 * (slot - 2)
        mem.set_int(count, mem.int(count) + 1)

    def restore(self, target):
        """Bring every freelist to `target` occupancy, through the reserve. Allocates no GC object
        (the reserve lists hold plain ints and were sized by `fill`), so it can run last."""
        ok = True
        slot = 0
        while slot < SLOTS:
            want = target[slot]
            have = self.numfree(slot)
            spare = self.reserve[slot]
            while have > want:
                spare.append(self.pop(slot))
                have -= 1
            while have < want:
                if not spare:
                    ok = False
                    break
                self.push(slot, spare.pop())
                have += 1
            slot += 1
        return ok

    # -- the reserve ----------------------------------------------------------------------------
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
