# Found by the property suite: pages-written-match-touches at step 6 (line 0): teardown: 2 pages written since the fork, expected 1
# seed 20261121, path 969, 82 statements before shrinking
# Replay: npx pymem check properties/regressions/pages-written-match-touches--a-freed-bytes-object-writes-its-block-not-a-gc-header.py
v0 = malloc(2000)
v1 = bytes(1000)
v2 = bytes(1000)
fork()
v0 = bytes(480)
