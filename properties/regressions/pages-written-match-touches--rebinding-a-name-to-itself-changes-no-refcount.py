# Found by the fork property with the implementation's incref left out of the page ledger on purpose:
# `v0 = v0` increfs then decrefs v0, so its refcount ends where it began and (rule P1, net change) no
# header page is written: 0 pages since the fork, not 1.
# Replay: npx pymem check properties/regressions/pages-written-match-touches--rebinding-a-name-to-itself-changes-no-refcount.py
# pymem: pool_size=1024 arena_size=2048
v0 = Obj()
fork()
v0 = v0
