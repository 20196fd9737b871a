# Found by mutation testing (mutation/README.md, a sample nobody had triaged): arenas 3, 2 and 1 are
# released in that order (two 500-byte blocks, one per pool, fill each 2-pool arena; arena 0 stays, the
# last usable one), and the next arenas must be mapped at the lowest released addresses first — 1, 2, 3 —
# which the implementation keeps in a min-heap that each release sifts up. With the sift left out, n2
# took arena 3's address.
# Replay: npx pymem check properties/regressions/freed-block-reused-lifo--new-arenas-take-the-lowest-released-addresses-first.py
# pymem: pool_size=1024 arena_size=2048
m0 = malloc(500)
m1 = malloc(500)
m2 = malloc(500)
m3 = malloc(500)
m4 = malloc(500)
m5 = malloc(500)
m6 = malloc(500)
m7 = malloc(500)
m8 = malloc(500)
m9 = malloc(500)
free(m0)
free(m1)
free(m6)
free(m7)
free(m4)
free(m5)
free(m2)
free(m3)
n0 = malloc(500)
n1 = malloc(500)
n2 = malloc(500)
n3 = malloc(500)
n4 = malloc(500)
n5 = malloc(500)
