# Shows: which pages holding the program's instances a forked child really copies (copy-on-write),
# measured with /proc/self/pagemap: bit 56 ("page exclusively mapped") is 0 for a page the child
# still shares with the waiting parent and becomes 1 once the child writes to it.
# 190 instances are made after gc.freeze() has moved the interpreter's objects out of the
# collector's reach; the child then runs gc.collect() (which writes the GC head of every tracked
# object in generations 0-2: update_refs), with or without a gc.freeze() before the fork.
# Printed: pages spanned by the instances' blocks, and how many of them the child copied.
#   3.11: 64-byte blocks (class 64), GC head = first 16 bytes of the block, object at block + 16.
#   3.12, 3.13: 72-byte blocks (class 80), managed weakref/dict pointers in the first 16 bytes,
#   GC head at block + 16, object at block + 32: the same 190 instances span more pages.
# The instances are placed at the start of a fresh pool (fillers first), as in pymem's fork
# examples: 3.11: blocks 48 + 64k, pages 0-2 of the pool (3 pages); 3.12+: 48 + 80k, pages 0-3 (4).
# Expected: without freeze the collection copies every one of those pages; with freeze none of the
# interior pages (only instances there); page 0 (the pool header) and the last page (the pool's
# free tail) are also written by the child's own allocations and frees in the same size class
# (after-fork work; the collection emptying freelists: 3.11 lists are 64-byte blocks too).
# Run:  python3 FILE;  PYENV_VERSION=3.12.1 python FILE;  PYENV_VERSION=3.13.0 python FILE
import ctypes, gc, os, struct, sys


class Obj:
    __slots__ = ('a', 'b', 'c', '__weakref__')


PRE = 32 if sys.version_info >= (3, 12) else 16   # bytes from block start to the object


def exclusive(fd, pages, res, at):
    # Allocation-light: no iterator, no str; pread's 8-byte bytes and unpack's tuple and int are
    # 48-byte blocks, not in the instances' size class (64 in 3.11, 80 in 3.12+).
    i = 0
    n = len(pages)
    while i < n:
        e = struct.unpack('<Q', os.pread(fd, 8, pages[i] * 8))[0]
        res[at + i] = 48 + ((e >> 56) & 1)
        i += 1


def run(freeze_before_fork):
    gc.disable()
    gc.collect()
    gc.freeze()
    # Fill the partly used pools of the instances' size class until an instance lands at offset 48
    # of a pool (a fresh pool: pymalloc hands out its blocks in address order).
    filler = []
    objs = [None] * 190                # made first: a list is a 64-byte block in 3.11, like Obj
    while True:
        o = Obj()
        block = id(o) - PRE
        # offset 48 of a pool whose header counts one block in use (pool_header.ref.count at the
        # pool's base): a fresh pool, not a used one whose first block happened to be free
        if block % 16384 == 48 and ctypes.c_uint.from_address(block - 48).value == 1:
            break
        filler.append(o)
    objs[0] = o
    o = None
    for i in range(1, 190):
        objs[i] = Obj()
    blocks = sorted(id(o) - PRE for o in objs)
    size = sys.getsizeof(objs[0])
    pages = sorted({a >> 12 for b in blocks for a in (b, b + size - 1)})
    gc_pages = sorted({(b + PRE - 16) >> 12 for b in blocks})          # the GC heads' pages
    if freeze_before_fork:
        gc.freeze()
    res = bytearray(2 * len(pages))
    r, w = os.pipe()
    pid = os.fork()
    if pid == 0:
        fd = os.open('/proc/self/pagemap', os.O_RDONLY)
        exclusive(fd, pages, res, 0)
        gc.collect()
        exclusive(fd, pages, res, len(pages))
        os.write(w, res)
        os._exit(0)
    got = os.read(r, 100).decode()      # the parent only waits
    os.close(w)
    before, after = got[:len(pages)], got[len(pages):]
    os.waitpid(pid, 0)
    os.close(r)
    gc.unfreeze()
    contiguous = blocks[-1] - blocks[0] == (len(blocks) - 1) * ((size + 15) // 16 * 16)
    return ('freeze before fork: %-5s 190 blocks of %d bytes, one pool from offset %d (%s): %d pages;'
            ' copied (page by page) after fork %s, after gc.collect() %s'
            % (freeze_before_fork, size, blocks[0] % 16384, 'contiguous' if contiguous else 'NOT contiguous',
               len(pages), before, after))


print(sys.version.split()[0])
print('  ' + run(False))
print('  ' + run(True))
