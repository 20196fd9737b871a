/*
 * A tracing mark-sweep collector for pymem's language, written from docs/plugins.md alone: no refcounts
 * at all. An object dies only when a collection finds it unreachable from the roots (program names,
 * `revived`, `gc.garbage`, and frozen objects), so a dead object lingers until the next collection —
 * which is why it passes `--contract reachability` and fails `--contract refcount`
 * (refcount-death-is-prompt: `del x` does not free x here).
 *
 * Run it:
 *   npx pymem fuzz --impl examples/plugins/markSweep.mjs --contract reachability --runs 300
 *   PYMEM_PLUGIN_DEFECT=free-reachable npx pymem fuzz --impl examples/plugins/markSweep.mjs --contract reachability
 *
 * The heap: a Map from id to object record; a record holds its references as ids (null for None). A
 * collection (PEP 442's order):
 *   1. mark everything reachable from the roots; the rest of the non-frozen heap is the garbage U;
 *   2. clear every weakref to an object of U (and every weakref in U); a weakref outside U with a
 *      callback calls back;
 *   3. run `__del__` of every Fin and Lazarus of U not finalized before (at most once per object); a
 *      Lazarus appends itself to `revived`;
 *   4. mark again: what a finalizer made reachable survives; the rest is freed — or, under
 *      DEBUG_SAVEALL, appended to `gc.garbage`.
 * Collections run at `gc.collect()` (any generation: this collector has none) and, while the collector
 * is enabled, when more than THRESHOLD objects were allocated since the last one (before the new object
 * exists). Raw blocks (`malloc`, `realloc`, `free`) come from a bump allocator with per-size free lists,
 * handed to pymem through `hooks.wrapAllocator` so that pymem checks that live blocks never overlap.
 *
 * PYMEM_PLUGIN_DEFECT plants one bug:
 *   free-reachable   the mark phase does not look inside dicts: an object only a dict holds is freed;
 *   finalize-twice   the finalize phase ignores the finalized flag: a resurrected Lazarus runs __del__ again;
 *   leak-cycle       a collection sweeps only objects allocated since the previous one: older garbage leaks.
 */

/** The plug-in's declaration (docs/plugins.md#the-declaration): the level it promises, what it reports. */
export const pymem = { contract: 'reachability', observes: ['objects', 'allocator'] };

const THRESHOLD = 40;
const SLOTS = ['a', 'b', 'c'];

/** A bump allocator with free lists by rounded size: 16-byte aligned blocks, never overlapping. */
function bumpAllocator() {
  let top = 0x10000;
  const sizes = new Map(); // address → rounded size
  const free = new Map(); // rounded size → addresses
  const round = (n) => Math.max(16, Math.ceil(n / 16) * 16);
  const allocator = {
    malloc(n) {
      const size = round(n);
      const reuse = free.get(size)?.pop();
      const address = reuse ?? top;
      if (reuse === undefined) top += size;
      sizes.set(address, size);
      return address;
    },
    realloc(address, n) {
      if (address === 0) return allocator.malloc(n);
      if (round(n) === sizes.get(address)) return address;
      const moved = allocator.malloc(n);
      allocator.free(address);
      return moved;
    },
    free(address) {
      if (address === 0) return;
      const size = sizes.get(address);
      sizes.delete(address);
      if (!free.has(size)) free.set(size, []);
      free.get(size).push(address);
    },
    blockSize: (address) => sizes.get(address) ?? 0,
    allocatedBlocks: () => sizes.size,
  };
  return allocator;
}

/** The strong references an object holds, as ids (None left out). */
function children(o) {
  switch (o.type) {
    case 'list':
    case 'tuple':
      return o.items.filter((v) => v !== null);
    case 'dict':
      return [...o.entries.values()].filter((v) => v !== null);
    case 'Obj':
    case 'Fin':
    case 'Lazarus':
      return SLOTS.map((s) => o.slots[s]).filter((v) => v !== undefined && v !== null);
    default:
      return [];
  }
}

export function createEngine(program, hooks) {
  const DEFECT = process.env.PYMEM_PLUGIN_DEFECT ?? ''; // read per engine, so a test can switch it
  const raw = hooks.wrapAllocator ? hooks.wrapAllocator(bumpAllocator()) : bumpAllocator();
  const objects = new Map(); // id → { id, type, finalized, born, …references }
  const names = new Map(); // name → { value: id | null } or { block: address }
  let revived = [];
  let garbage = [];
  let frozen = new Set();
  let nextId = 1;
  let allocatedSinceCollection = 0;
  let collections = 0; // for the leak-cycle defect: objects born before the last collection
  let enabled = true;
  let saveAll = false;
  let step = 0;
  let events;

  const valueOf = (name) => names.get(name).value;
  const objectOf = (name) => objects.get(valueOf(name));

  function roots() {
    const out = [...revived, ...garbage, ...frozen];
    for (const b of names.values()) if (b.value !== undefined && b.value !== null) out.push(b.value);
    return out;
  }

  function mark() {
    const marked = new Set();
    const stack = roots();
    while (stack.length > 0) {
      const id = stack.pop();
      if (marked.has(id) || !objects.has(id)) continue;
      marked.add(id);
      const o = objects.get(id);
      if (DEFECT === 'free-reachable' && o.type === 'dict') continue;
      stack.push(...children(o));
    }
    return marked;
  }

  function collect() {
    const marked = mark();
    const unreachable = [...objects.values()].filter((o) => !marked.has(o.id) && !frozen.has(o.id));
    const inU = new Set(unreachable.map((o) => o.id));
    for (const w of objects.values()) {
      if (w.type !== 'weakref' || w.referent === null) continue;
      if (inU.has(w.id)) w.referent = null;
      else if (inU.has(w.referent)) {
        w.referent = null;
        if (w.callback) events.callbacks.add(w.id);
      }
    }
    for (const o of unreachable) {
      if ((o.type !== 'Fin' && o.type !== 'Lazarus') || (o.finalized && DEFECT !== 'finalize-twice')) continue;
      o.finalized = true;
      events.finalized.add(o.id);
      if (o.type === 'Lazarus') revived.push(o.id);
    }
    const survivors = mark();
    let dead = unreachable.filter((o) => !survivors.has(o.id));
    if (DEFECT === 'leak-cycle') dead = dead.filter((o) => o.born >= collections);
    for (const o of dead) {
      if (saveAll) garbage.push(o.id);
      else {
        objects.delete(o.id);
        events.freed.add(o.id);
      }
    }
    collections++;
    allocatedSinceCollection = 0;
    events.collections.push({ generation: 2, collected: dead.length, uncollectable: 0 }); // no generations: every collection is full
  }

  /** Every new object: maybe a collection first (the new object is not in it), then the next id. */
  function allocate(body) {
    if (enabled && ++allocatedSinceCollection > THRESHOLD) collect();
    const o = { ...body, id: nextId++, finalized: false, born: collections };
    objects.set(o.id, o);
    return o.id;
  }

  function bind(name, value) {
    names.set(name, { value });
  }

  function newWeakref(referent, callback) {
    if (!callback) {
      // A live callback-less weakref to the same object is shared (CPython does the same).
      for (const w of objects.values()) if (w.type === 'weakref' && !w.callback && w.referent === referent) return w.id;
    }
    return allocate({ type: 'weakref', referent, callback });
  }

  function index(list, i) {
    return i < 0 ? list.length + i : i;
  }

  function run(s) {
    switch (s.kind) {
      case 'newList':
        return bind(s.target, allocate({ type: 'list', items: s.items.map(valueOf) }));
      case 'newTuple':
        return bind(s.target, allocate({ type: 'tuple', items: s.items.map(valueOf) }));
      case 'newDict':
        return bind(s.target, allocate({ type: 'dict', entries: new Map(s.entries.map(([k, n]) => [k, valueOf(n)])) }));
      case 'newInstance':
        return bind(s.target, allocate({ type: s.cls, slots: {} }));
      case 'newBytes':
        return bind(s.target, allocate({ type: 'bytes' }));
      case 'bindNone':
        return bind(s.target, null);
      case 'rebind':
        return names.set(s.target, { ...names.get(s.source) });
      case 'newWeakref':
        return bind(s.target, newWeakref(valueOf(s.referent), s.callback));
      case 'malloc':
        return names.set(s.target, { block: raw.malloc(s.size) });
      case 'realloc':
        return names.set(s.target, { block: raw.realloc(names.get(s.block).block, s.size) });
      case 'free':
        return raw.free(names.get(s.block).block);
      case 'del':
        for (const n of s.names) names.delete(n);
        return;
      case 'append':
        return void objectOf(s.list).items.push(valueOf(s.item));
      case 'pop':
      case 'delItem': {
        const o = objectOf(s.container);
        if (o.type === 'list') o.items.splice(s.index === null ? o.items.length - 1 : index(o.items, s.index), 1);
        else o.entries.delete(s.index);
        return;
      }
      case 'clear': {
        const o = objectOf(s.container);
        if (o.type === 'list') o.items = [];
        else o.entries.clear();
        return;
      }
      case 'setItem': {
        const o = objectOf(s.container);
        if (o.type === 'list') o.items[index(o.items, s.index)] = valueOf(s.value);
        else o.entries.set(s.index, valueOf(s.value));
        return;
      }
      case 'setSlot':
        objectOf(s.target).slots[s.slot] = valueOf(s.value);
        return;
      case 'delSlot':
        delete objectOf(s.target).slots[s.slot];
        return;
      case 'collect':
        return collect();
      case 'gcEnable':
        enabled = true;
        return;
      case 'gcDisable':
        enabled = false;
        return;
      case 'freeze':
        frozen = new Set(objects.keys());
        return;
      case 'unfreeze':
        frozen = new Set();
        return;
      case 'setDebug':
        saveAll = s.saveAll;
        return;
      case 'clearGarbage':
        garbage = [];
        return;
      case 'clearRevived':
        revived = [];
        return;
      default:
        return; // setThreshold, tracemalloc and fork: nothing this collector models
    }
  }

  function snapshot() {
    return [...objects.values()]
      .sort((a, b) => a.id - b.id)
      .map((o) => ({ id: o.id, type: o.type, refcount: 0, gen: null, finalized: o.finalized }));
  }

  return {
    execute(statement, options = {}) {
      step++;
      events = { freed: new Set(), finalized: new Set(), callbacks: new Set(), collections: [] };
      run(statement);
      const ascending = (set) => [...set].sort((a, b) => a - b);
      const line = {
        step,
        line: statement.loc?.line ?? step,
        freed: ascending(events.freed),
        finalized: ascending(events.finalized),
        callbacks: ascending(events.callbacks),
        collections: events.collections,
        count: [allocatedSinceCollection, 0, 0],
      };
      if (options.snapshot) line.objects = snapshot();
      return line;
    },
    leftovers: () => ({ objects: objects.size, blocks: 0 }),
  };
}
