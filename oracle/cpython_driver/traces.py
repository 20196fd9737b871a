"""tracemalloc as the program's lines see it: `take_snapshot().statistics('lineno')` for the lines of
the program's own module, mapped back from the driver's compiled lines to the program's lines.

What is taken out, because pymem does not model it:
  * the address ints of raw blocks: `m = malloc(N)` binds a Python int (32 bytes, allocated at the
    statement's line) that lives as long as a name holds it; pymem's raw blocks are not objects.
    Each distinct int a program name holds is subtracted from the line that allocated it
    (`tracemalloc.get_object_traceback`).
  * the driver's dead objects (the freelist reserve, freelists.py): a spare lent for an interpreter
    temporary is taken off a freelist at a program line, and CPython moves the trace of a block
    taken off a freelist to the line taking it (`_Py_NewReference` → `_PyTraceMalloc_NewReference`).
    Each reserve block whose trace sits on a program line is subtracted
    (`_PyTraceMalloc_GetTraceback(domain 0, block address)`). The reserve grows by hundreds of
    blocks a statement, so each block is looked up once (ReserveLines): a block that stays in the
    reserve is on no freelist, nothing can allocate it, and its trace stays where it was — until
    tracemalloc stops, which drops every trace.
Everything else the driver does runs in its own files (observer.py, report.py, ...) or in the
prelude (`<prelude>`), so tracemalloc attributes it to those, never to the program's lines.

The globals dict is padded before the program runs (observer.py), so binding a new name never
resizes its keys table at a program line (the table would be traced there).
"""
import ctypes
import sys
import tracemalloc

from .freelists import DICT, KEYS, LIST

_get_traceback = ctypes.pythonapi._PyTraceMalloc_GetTraceback
_get_traceback.restype = ctypes.py_object
_get_traceback.argtypes = [ctypes.c_uint, ctypes.c_size_t]
GC_HEADER = 16
KEYS_8_STR = 120  # the only keys tables on the keys freelist: 8 slots, string keys


def reserve_block(slot, address):
    """(block address, traced size) of a dead object the driver holds."""
    if slot == KEYS:
        return address, KEYS_8_STR
    if slot == LIST:
        return address - GC_HEADER, 56
    if slot == DICT:
        return address - GC_HEADER, 64
    return address - GC_HEADER, 40 + 8 * (slot - 1)  # a tuple of length slot - 1


class ReserveLines:
    """Per reserve slot, the program line (or None) of each reserve block's trace, bottom first, for
    the entries Freelists.unmoved says have not moved since they were looked up."""

    def __init__(self, freelists):
        self.freelists = freelists
        self.lines = [[] for _ in range(len(freelists.reserve))] if freelists else []

    def forget(self):
        """tracemalloc stopped: every trace is gone, so every line is to be looked up again."""
        for lines in self.lines:
            del lines[:]

    def each(self, filename, line_of):
        """(program line, size) of every reserve block traced on a program line."""
        fl = self.freelists
        for slot, lines in enumerate(self.lines):
            spare = fl.reserve[slot]
            del lines[min(len(lines), fl.unmoved[slot]):]
            for address in spare[len(lines):]:
                tb = _get_traceback(0, reserve_block(slot, address)[0])
                lines.append(line_of[tb[0][1]] if tb and tb[0][0] == filename and tb[0][1] in line_of else None)
            fl.settled_reserve(slot)
            size = reserve_block(slot, 0)[1]
            for line in lines:
                if line is not None:
                    yield line, size


def program_statistics(filename, line_of, g, names, reserve_lines=None):
    """[{line, size, count}] ascending by program line, or None while tracemalloc is off.
    `line_of` maps compiled line -> program line; `names` are the program's names in globals `g`."""
    if not tracemalloc.is_tracing():
        if reserve_lines:
            reserve_lines.forget()
        return None
    snapshot = tracemalloc.take_snapshot()
    by_line = {}
    # statistics('lineno') groups every trace by its most recent frame (Snapshot._group_by); the driver
    # holds tens of thousands of traces, so the program's lines are summed straight from the raw traces.
    for _domain, size, frames, _nframe in snapshot.traces._traces:
        frame_file, frame_line = frames[0]
        if frame_file != filename or frame_line not in line_of:
            continue
        entry = by_line.setdefault(line_of[frame_line], [0, 0])
        entry[0] += size
        entry[1] += 1
    seen = set()
    for n in names:
        v = g.get(n)
        if type(v) is not int or id(v) in seen:
            continue
        seen.add(id(v))
        tb = tracemalloc.get_object_traceback(v)
        if tb is None or tb[0].filename != filename or tb[0].lineno not in line_of:
            continue
        entry = by_line.get(line_of[tb[0].lineno])
        if entry is not None:
            entry[0] -= sys.getsizeof(v)
            entry[1] -= 1
    for line, size in (reserve_lines.each(filename, line_of) if reserve_lines else ()):
        entry = by_line.get(line)
        if entry is not None:
            entry[0] -= size
            entry[1] -= 1
    del snapshot
    return [{'line': line, 'size': e[0], 'count': e[1]} for line, e in sorted(by_line.items()) if e[1] > 0]
