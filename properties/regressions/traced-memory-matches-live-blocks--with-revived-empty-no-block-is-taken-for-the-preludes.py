# Found by mutation testing (mutation/README.md; fork #308 of the CI seed, with tracemalloc's kinds, at a
# budget of 1000 programs, shrunk): tracemalloc's per-line statistics leave out the prelude's own traced
# block (the array of the list `revived`) — and only when there is one. With `revived` empty there is none,
# and every block counts on its line; a lookup of "no block" that landed on a real trace took one of the
# blocks off line 19.
# Replay: npx pymem check properties/regressions/traced-memory-matches-live-blocks--with-revived-empty-no-block-is-taken-for-the-preludes.py
# pymem: pool_size=1024 arena_size=2048
v0 = []
v1 = [v0, v0, v0]
v2 = malloc(16)
v3 = malloc(16)
v4 = [v1]
v1 = [v1]
v1 = [v1]
v1 = [v1]
v1 = [v1]
v1 = [v1]
v1 = [v1]
v1 = [v1]
v1 = [v1]
v2 = []
tracemalloc.start()
v2 = [v2]
v2 = [v2]
v2 = [v2]
v2 = [v2]

