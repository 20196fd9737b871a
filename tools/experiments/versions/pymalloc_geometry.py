# Shows: pymalloc's geometry and rules, through PyObject_Malloc/Realloc/Free called with ctypes
# (as pymem's prelude does) and sys._debugmallocstats(). Expected identical in 3.11, 3.12, 3.13
# (3.13's default build still uses pymalloc; mimalloc is only the free-threaded build's
# allocator): 16-byte alignment and size classes, 512-byte small-request threshold, 16 KiB pools
# with a 48-byte header, 1 MiB arenas, LIFO reuse of freed blocks, realloc in place when the new
# size fits the block's class and is more than 3/4 of it, a wholly free arena returned to the
# system unless it is the last one in usable_arenas.
# Sources: Objects/obmalloc.c (3.11) / Include/internal/pycore_obmalloc.h (3.12, 3.13): ALIGNMENT
# 16, SMALL_REQUEST_THRESHOLD 512, ARENA_BITS 20, POOL_BITS 14 (USE_LARGE_ARENAS/POOLS with the
# radix tree); obmalloc.c pymalloc_alloc, pymalloc_free, pymalloc_realloc ("4 * nbytes > 3 *
# size"), insert_to_freepool (the same code in all three, diffed).
# Run:  python3 FILE;  PYENV_VERSION=3.12.1 python FILE;  PYENV_VERSION=3.13.0 python FILE
import ctypes, os, re, sys, tempfile

api = ctypes.pythonapi
malloc = api.PyObject_Malloc
malloc.restype, malloc.argtypes = ctypes.c_void_p, [ctypes.c_size_t]
realloc = api.PyObject_Realloc
realloc.restype, realloc.argtypes = ctypes.c_void_p, [ctypes.c_void_p, ctypes.c_size_t]
free = api.PyObject_Free
free.restype, free.argtypes = None, [ctypes.c_void_p]
POOL = 16384


def mallocstats():
    """sys._debugmallocstats() writes to the C stderr: capture it through a temporary file."""
    with tempfile.TemporaryFile('w+') as f:
        sys.stderr.flush()
        saved = os.dup(2)
        os.dup2(f.fileno(), 2)
        try:
            sys._debugmallocstats()
        finally:
            os.dup2(saved, 2)
            os.close(saved)
        f.seek(0)
        return f.read()


def in_use(text, size):
    m = re.search(r'^\s*\d+\s+%d\s+\d+\s+(\d+)' % size, text, re.M)
    return int(m.group(1)) if m else 0


out = []
text = mallocstats()
out.append('stats: %s; %s' % (re.search(r'Small block threshold = \d+, in \d+ size classes', text).group(0),
                                re.search(r'\* (\d+) bytes/arena', text).group(1) + ' bytes/arena'))
# a fresh pool of an unusual class (496): consecutive blocks, offsets 48 + k * 496 in a 16 KiB pool
blocks = [malloc(490) for _ in range(40)]
offs = sorted(b % POOL for b in blocks)
out.append('490-byte requests: all 16-aligned %s, pool offsets of the first three %s, all (off - 48) %% 496 == 0: %s'
           % (all(b % 16 == 0 for b in blocks), offs[:3], all((o - 48) % 496 == 0 for o in offs)))
# threshold: 512 is a pymalloc block (class 31), 513 is not
before = in_use(mallocstats(), 512)
small = [malloc(512) for _ in range(50)]
mid = in_use(mallocstats(), 512)
big = [malloc(513) for _ in range(50)]
after = in_use(mallocstats(), 512)
out.append('50 x malloc(512): class-512 blocks +%d; 50 x malloc(513): +%d' % (mid - before, after - mid))
# LIFO reuse of freed blocks within a class (class 400: nothing else the interpreter does in
# between -- ctypes argument conversion, int results -- uses it)
# from a fresh pool (block at pool offset 48 with one block in use: pool_header.ref.count), so that
# a, b, c are in one pool: LIFO is per pool; usedpools decides between pools
held = []
while True:
    a = malloc(392)
    if a % POOL == 48 and ctypes.c_uint.from_address(a - 48).value == 1:
        break
    held.append(a)
b, c = malloc(392), malloc(392)
free(a); free(b); free(c)
x, y, z = malloc(392), malloc(392), malloc(392)
out.append('400-byte class: freed a, b, c; next mallocs get %s' % ''.join({a: 'a', b: 'b', c: 'c'}.get(v, '?') for v in (x, y, z)))
# realloc in place: within the class and new size > 3/4 of the class size
p = malloc(64)
r = [realloc(p, 49) == p]
p2 = malloc(64)
r.append(realloc(p2, 48) == p2)
p3 = malloc(64)
r.append(realloc(p3, 65) == p3)
p4 = malloc(50)
r.append(realloc(p4, 64) == p4)
out.append('realloc 64->49 in place %s, 64->48 %s, 64->65 %s, 50->64 %s' % tuple(r))
# arena release: fill whole new arenas with 512-byte blocks, free them all
t0 = mallocstats()
tot0 = int(re.search(r'# arenas allocated total\s*=\s*([\d,]+)', t0).group(1).replace(',', ''))
rec0 = int(re.search(r'# arenas reclaimed\s*=\s*([\d,]+)', t0).group(1).replace(',', ''))
N = 3 * 2048                                    # 31 blocks/pool, 64 pools/arena: about 3 arenas
many = (ctypes.c_void_p * N)()                  # addresses kept outside pymalloc (no int objects)
for i in range(N):
    many[i] = malloc(512)
t1 = mallocstats()
tot1 = int(re.search(r'# arenas allocated total\s*=\s*([\d,]+)', t1).group(1).replace(',', ''))
for i in range(N):
    free(many[i])
t2 = mallocstats()
rec2 = int(re.search(r'# arenas reclaimed\s*=\s*([\d,]+)', t2).group(1).replace(',', ''))
# (how many new arenas depends on how full the interpreter's arenas already were)
out.append('6144 x 512-byte blocks then all freed: arenas reclaimed == new arenas - 1 (the last wholly free one kept): %s'
           % (rec2 - rec0 == tot1 - tot0 - 1))
print(sys.version.split()[0])
for line in out:
    print('  ' + line)
