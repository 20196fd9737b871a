"""CPython's side of `pymem bench`: the same workloads, run natively by the interpreter of the profile
the implementation runs under (3.11, 3.12 or 3.13).

Usage: python3 cpython.py OPS_FILE N   (OPS_FILE: int32 triples (op, i, j) of the standard mix;
       N: objects in each full-collection benchmark)
Prints one JSON object: statements/s of the mix and the collections per generation it triggered,
and ns per object of a full collection over 1M live objects (a chain) and 1M garbage objects (2-cycles).
Each figure is the best of several runs, as pymem's side reports its own (bench/runBench.ts), so
that a busy machine disturbs both sides alike.
"""
import array
import gc
import json
import sys
import time


MIX_RUNS = 5
COLLECTOR_RUNS = 3


class Obj:
    __slots__ = ('a', 'b', 'c', '__weakref__')


def run_mix(ops):
    slots = [None] * 256
    n = len(ops)
    gc.collect()
    before = [g['collections'] for g in gc.get_stats()]
    start = time.perf_counter()
    for k in range(0, n, 3):
        op = ops[k]
        i = ops[k + 1]
        if op == 0:
            slots[i] = Obj()
        elif op == 1:
            slots[i].a = slots[ops[k + 2]]
        elif op == 2:
            s = slots[i]
            s.b = s
        else:
            slots[i] = None
    elapsed = time.perf_counter() - start
    after = [g['collections'] for g in gc.get_stats()]
    return {'statementsPerSecond': (n // 3) / elapsed, 'collections': [b - a for a, b in zip(before, after)]}


def full_collection_live(n):
    gc.disable()
    head = Obj()
    for _ in range(n - 1):
        node = Obj()
        node.a = head
        head = node
    gc.collect()  # everything in generation 2 now
    elapsed = float('inf')
    for _ in range(COLLECTOR_RUNS):  # the fastest of several collections of the same chain
        start = time.perf_counter()
        gc.collect()
        elapsed = min(elapsed, time.perf_counter() - start)
    del head
    gc.enable()
    return elapsed * 1e9 / n


def full_collection_garbage(n):
    gc.disable()
    gc.collect()
    for _ in range(n // 2):
        p = Obj()
        q = Obj()
        p.a = q
        q.a = p
    del p, q
    start = time.perf_counter()
    collected = gc.collect()
    elapsed = time.perf_counter() - start
    gc.enable()
    return elapsed * 1e9 / n, collected


def main():
    ops = array.array('i')
    with open(sys.argv[1], 'rb') as f:
        ops.frombytes(f.read())
    objects = int(sys.argv[2])
    mix = max((run_mix(ops) for _ in range(MIX_RUNS)), key=lambda m: m['statementsPerSecond'])
    live = full_collection_live(objects)
    garbage, collected = min(full_collection_garbage(objects) for _ in range(COLLECTOR_RUNS))
    print(json.dumps({
        'version': sys.version.split()[0],
        'mix': mix,
        'liveNsPerObject': live,
        'garbageNsPerObject': garbage,
        'garbageCollected': collected,
    }))


if __name__ == '__main__':
    main()
