# A collection inside the allocation of a dict literal untracks the young atomic tuple it is about to
# hold; the dict is then untracked too, because MAINTAIN_TRACKING looks at the value at insertion.
# Found by the lockstep suite (the model decided the tracking before the allocation). Run: python3 FILE
import gc
events = []
def cb(phase, info):
    if phase == 'stop': events.append(info['generation'])
b = bytes(2)
keep = [{} for _ in range(200)]   # drain the dict freelist so the next dict is a real GC allocation
gc.callbacks.append(cb)
found = False
for pad in range(0, 12):
    gc.disable(); gc.collect(); keep2 = [{} for _ in range(200)]
    t = (b,)
    filler = [[] for _ in range(pad)]
    gc.set_threshold(len(filler) + 3); gc.enable()
    events.clear()
    d = {'k': t}
    gc.disable()
    if events:
        print("pad", pad, "collections during dict statement:", events, "dict tracked:", gc.is_tracked(d), "tuple tracked:", gc.is_tracked(t))
        found = True
        break
if not found: print("no collection caught")
