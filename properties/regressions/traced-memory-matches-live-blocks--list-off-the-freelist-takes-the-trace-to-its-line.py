# Found by the tracemalloc property with the implementation's `_Py_NewReference` re-trace left out on
# purpose: a list taken off the freelist must move its block's trace to the line taking it (line 4:
# 64 bytes in 2 blocks, the 56-byte list and its 8-byte array), not leave it at line 2 where the block
# was first allocated. CPython 3.11.7 agrees (npx pymem oracle on this file).
# Replay: npx pymem check properties/regressions/traced-memory-matches-live-blocks--list-off-the-freelist-takes-the-trace-to-its-line.py
# pymem: pool_size=1024 arena_size=2048
tracemalloc.start()
v0 = []
v0 = Obj()
v1 = [v0]
