# Found by mutation testing (mutation/README.md): tracemalloc's per-line table grows past its first 64
# lines only when a traced allocation lands on line 64 or beyond, and a growth that stopped one short
# (`line > length` for `line >= length`, or doubling while `n < at`) dropped line 64's statistics, which
# no generated program of the CI budget reached. The Obj on line 64 is traced there: 64 bytes in 1 block.
# Replay: npx pymem check properties/regressions/traced-memory-matches-live-blocks--a-traced-line-past-the-first-64.py
tracemalloc.start()
#
#
#
#
#
#
#
#
#
#
#
#
#
#
#
#
#
#
#
#
#
#
#
#
#
#
#
#
#
#
#
#
#
#
#
#
#
#
#
#
#
#
#
#
#
#
#
#
#
#
#
#
#
#
#
#
#
v0 = Obj()
v1 = []
