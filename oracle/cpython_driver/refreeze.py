"""Keeping the interpreter's own objects out of the program's generations after `gc.unfreeze()`.

pymem's abstract machine treats names as roots outside the collector. In CPython the names live in
the module's globals dict, an ordinary tracked dict in the generations like the rest of the
interpreter's objects, and that shows: a full collection (which takes in generation 2) finds
objects referenced only by names tentatively unreachable and moves them back in the order the
globals dict visits them, which changes which nested tuples one collection untracks; and it counts
the interpreter's ~11 000 objects in `long_lived_total`, which holds off automatic generation-2
collections for thousands of allocations.

The driver froze the interpreter at start, and after a program's `gc.unfreeze()` (which moves the
permanent generation, interpreter included, to generation 2) it moves every object of generation 2
that is not the program's back to the permanent generation, with the list operations of
gcmodule.c done by hand (unlink, append at the tail, the two flag bits of `_gc_prev` kept). The
program's objects keep their order, as in pymem's merge of the permanent generation.
"""
import gc

PREV_FLAGS = 3  # _gc_prev's low bits: FINALIZED, COLLECTING
GC_HEAD = 16    # sizeof(PyGC_Head), right before the object


def refreeze_interpreter(layout, is_program_object):
    """Move the non-program objects of generation 2 to the permanent generation; return how many."""
    mem = layout.mem
    permanent = layout.permanent_head
    moved = 0
    for o in gc.get_objects(generation=2):
        if is_program_object(o):
            continue
        node = id(o) - GC_HEAD
        prev = mem.word(node + 8) & ~PREV_FLAGS
        nxt = mem.word(node)
        mem.set_word(prev, nxt)
        mem.set_word(nxt + 8, (mem.word(nxt + 8) & PREV_FLAGS) | prev)
        last = mem.word(permanent + 8) & ~PREV_FLAGS
        mem.set_word(last, node)
        mem.set_word(node + 8, (mem.word(node + 8) & PREV_FLAGS) | last)
        mem.set_word(node, permanent)
        mem.set_word(permanent + 8, node)
        moved += 1
    return moved
