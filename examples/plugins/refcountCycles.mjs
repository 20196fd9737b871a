/*
 * Reference counting with a simple cycle collector, written from docs/plugins.md alone. Every object
 * carries its refcount; when it drops to zero the object dies at once, depth first, in CPython's order
 * (a `__del__` first — a Lazarus resurrects itself into `revived` —, then its weakrefs are cleared and
 * call back, then its references are released one by one: list and tuple items last to first, dict
 * values in insertion order, slots a, b, c). What refcounting cannot free, reference cycles, the
 * collector frees by trial deletion: it passes `--contract refcount`.
 *
 * Run it:
 *   npx pymem fuzz --impl examples/plugins/refcountCycles.mjs --contract refcount --runs 300
 *   PYMEM_PLUGIN_DEFECT=late-refcount-death npx pymem fuzz --impl examples/plugins/refcountCycles.mjs --contract refcount
 *
 * The collector (one generation: every collection is a full one) runs at `gc.collect(…)` and, while
 * enabled, when more than THRESHOLD container objects were allocated since the last collection (before
 * the new object exists):
 *   1. trial deletion: for every tracked object not frozen, its refcount minus the references other such
 *      containers hold to it; those left above zero are referenced from outside (names, `revived`,
 *      `gc.garbage`, frozen objects) and, with all they reach, survive; the rest is the garbage U;
 *   2. every weakref to an object of U, and every weakref in U, is cleared; those outside U with a
 *      callback call back;
 *   3. `__del__` runs for every Fin and Lazarus of U not finalized before (a Lazarus resurrects itself);
 *   4. trial deletion again within U: what the finalizers made reachable survives;
 *   5. the rest is saved in `gc.garbage` (DEBUG_SAVEALL) or cleared in creation order — each object
 *      drops its references (a tuple has none to drop), and refcounting frees what that releases.
 *
 * PYMEM_PLUGIN_DEFECT plants one bug:
 *   late-refcount-death  an object whose refcount reaches zero in `del` dies only at the next statement;
 *   free-reachable       removing a dict item (`pop`, `del d[k]`) releases its value twice: an over-decref;
 *   leak-cycle           step 1 ignores the references dict values hold: a cycle through a dict leaks;
 *   finalize-twice       step 3 ignores the finalized flag: a resurrected Lazarus runs __del__ twice.
 */

export const pymem = { contract: 'refcount', observes: ['objects', 'refcounts'] };

const THRESHOLD = 50;
const SLOTS = ['a', 'b', 'c'];
const isContainer = (o) => o.type !== 'bytes';
/**
 * Whether the collector tracks an object, as CPython decides: bytes never; a dict once it holds a value
 * that may be tracked; a tuple until a collection finds it holding nothing that may be tracked. What is
 * untracked is never in a collection's garbage (it dies by refcounting), never saved, never frozen.
 */
const isTracked = (o) => isContainer(o) && (o.type === 'dict' || o.type === 'tuple' ? o.tracked : true);
const hasFinalizer = (o) => o.type === 'Fin' || o.type === 'Lazarus';

/** The strong references an object holds, in the order its deallocator releases them. */
function releaseOrder(o) {
  switch (o.type) {
    case 'list':
    case 'tuple':
      return [...o.items].reverse();
    case 'dict':
      return [...o.entries.values()];
    case 'Obj':
    case 'Fin':
    case 'Lazarus':
      return SLOTS.filter((s) => s in o.slots).map((s) => o.slots[s]);
    default:
      return [];
  }
}

export function createEngine() {
  const DEFECT = process.env.PYMEM_PLUGIN_DEFECT ?? ''; // read per engine, so a test can switch it
  const objects = new Map(); // id → { id, type, rc, finalized, …references }
  const names = new Map(); // name → { value: id | null } or { block: true } (raw blocks are not modelled)
  let revived = [];
  let garbage = [];
  let frozen = new Set();
  let deferred = []; // late-refcount-death: ids whose refcount reached zero in a del
  let nextId = 1;
  let allocated = 0;
  let enabled = true;
  let saveAll = false;
  let step = 0;
  let events;

  // CPython's "may be tracked": a GC object, but a tuple only while tracked.
  const holdsContainer = (id) => {
    const o = id === null ? undefined : objects.get(id);
    return o !== undefined && isContainer(o) && (o.type !== 'tuple' || o.tracked);
  };
  const incref = (id) => {
    if (id !== null) objects.get(id).rc++;
  };

  /** Drop one reference; at zero the object dies, depth first. */
  function decref(id, late = false) {
    if (id === null) return;
    const o = objects.get(id);
    if (--o.rc > 0) return;
    if (late) return void deferred.push(id);
    dealloc(o);
  }

  function dealloc(o) {
    if (hasFinalizer(o) && !o.finalized) {
      o.finalized = true;
      events.finalized.add(o.id);
      if (o.type === 'Lazarus') {
        revived.push(o.id);
        o.rc++;
        return;
      }
    }
    clearWeakrefsTo(o.id, true);
    objects.delete(o.id);
    for (const child of releaseOrder(o)) decref(child);
    events.freed.add(o.id);
  }

  function clearWeakrefsTo(id, callBack) {
    for (const w of objects.values()) {
      if (w.type !== 'weakref' || w.referent !== id) continue;
      w.referent = null;
      if (callBack && w.callback) events.callbacks.add(w.id);
    }
  }

  /** Trial deletion over `candidates`: those nothing outside them reaches. */
  function unreachableAmong(candidates) {
    const refs = new Map(candidates.map((o) => [o.id, o.rc]));
    for (const o of candidates) {
      if (DEFECT === 'leak-cycle' && o.type === 'dict') continue;
      for (const c of releaseOrder(o)) if (refs.has(c)) refs.set(c, refs.get(c) - 1);
    }
    const reached = new Set();
    const stack = candidates.filter((o) => refs.get(o.id) > 0).map((o) => o.id);
    while (stack.length > 0) {
      const id = stack.pop();
      if (reached.has(id)) continue;
      reached.add(id);
      const o = objects.get(id);
      for (const c of releaseOrder(o)) if (c !== null && refs.has(c)) stack.push(c);
    }
    return candidates.filter((o) => !reached.has(o.id));
  }

  function collect() {
    const candidates = [...objects.values()].filter((o) => isTracked(o) && !frozen.has(o.id));
    const unreachable = unreachableAmong(candidates);
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
      if (!hasFinalizer(o) || (o.finalized && DEFECT !== 'finalize-twice')) continue;
      o.finalized = true;
      events.finalized.add(o.id);
      if (o.type === 'Lazarus') {
        revived.push(o.id);
        o.rc++;
      }
    }
    const dead = unreachableAmong(unreachable);
    if (saveAll) {
      for (const o of dead) {
        garbage.push(o.id);
        o.rc++;
      }
    } else {
      for (const o of dead) {
        if (!objects.has(o.id)) continue; // freed while an earlier one was cleared
        o.rc++; // held across its own clearing, so that it dies after it
        const released = releaseOrder(o);
        if (o.type === 'list') o.items = [];
        if (o.type === 'dict') o.entries = new Map();
        if (o.type === 'weakref') o.referent = null;
        if (o.type === 'Obj' || o.type === 'Fin' || o.type === 'Lazarus') o.slots = {};
        if (o.type === 'tuple') released.length = 0; // a tuple has no tp_clear
        for (const c of released) decref(c);
        decref(o.id);
      }
    }
    // Like CPython's full collection, untrack the surviving tuples and dicts that hold nothing that may be
    // tracked (tuples in creation order, so that a tuple of a tuple untracked just before goes too).
    const garbageIds = new Set(dead.map((o) => o.id));
    for (const o of [...objects.values()].sort((a, b) => a.id - b.id)) {
      if (garbageIds.has(o.id) || (o.type !== 'tuple' && o.type !== 'dict') || !o.tracked) continue;
      if (!releaseOrder(o).some(holdsContainer)) o.tracked = false;
    }
    allocated = 0;
    events.collections.push({ generation: 2, collected: dead.length, uncollectable: 0 }); // no generations: every collection is full
  }

  function allocate(body) {
    if (body.type !== 'bytes' && enabled && ++allocated > THRESHOLD) collect();
    const o = { ...body, id: nextId++, rc: 0, finalized: false };
    objects.set(o.id, o);
    return o.id;
  }

  /** Bind a name: the new reference is taken before the old one goes, as CPython's STORE_NAME does. */
  function bind(name, value) {
    incref(value);
    const previous = names.get(name);
    names.set(name, { value });
    if (previous && 'value' in previous) decref(previous.value);
  }

  const valueOf = (name) => names.get(name).value;
  const objectOf = (name) => objects.get(valueOf(name));
  const index = (items, i) => (i < 0 ? items.length + i : i);

  function newContainer(type, values, body) {
    values.forEach(incref);
    return allocate({ type, ...body });
  }

  function run(s) {
    switch (s.kind) {
      case 'newList': {
        const items = s.items.map(valueOf);
        return bind(s.target, newContainer('list', items, { items }));
      }
      case 'newTuple': {
        const items = s.items.map(valueOf);
        return bind(s.target, newContainer('tuple', items, { items, tracked: true }));
      }
      case 'newDict': {
        const entries = new Map(s.entries.map(([k, n]) => [k, valueOf(n)]));
        return bind(s.target, newContainer('dict', [...entries.values()], { entries, tracked: [...entries.values()].some(holdsContainer) }));
      }
      case 'newInstance':
        return bind(s.target, allocate({ type: s.cls, slots: {} }));
      case 'newBytes':
        return bind(s.target, allocate({ type: 'bytes' }));
      case 'bindNone':
        return bind(s.target, null);
      case 'rebind': {
        const source = names.get(s.source);
        if ('value' in source) return bind(s.target, source.value);
        const previous = names.get(s.target);
        names.set(s.target, { block: true });
        if (previous && 'value' in previous) decref(previous.value);
        return;
      }
      case 'newWeakref': {
        const referent = valueOf(s.referent);
        const shared = s.callback ? undefined : [...objects.values()].find((w) => w.type === 'weakref' && !w.callback && w.referent === referent);
        return bind(s.target, shared ? shared.id : allocate({ type: 'weakref', referent, callback: s.callback }));
      }
      case 'malloc':
      case 'realloc': {
        const previous = names.get(s.target);
        names.set(s.target, { block: true });
        if (previous && 'value' in previous) decref(previous.value);
        return;
      }
      case 'del':
        for (const n of s.names) {
          const previous = names.get(n);
          names.delete(n);
          if ('value' in previous) decref(previous.value, DEFECT === 'late-refcount-death');
        }
        return;
      case 'append': {
        const v = valueOf(s.item);
        incref(v);
        return void objectOf(s.list).items.push(v);
      }
      case 'pop':
      case 'delItem': {
        const o = objectOf(s.container);
        let v;
        if (o.type === 'list') v = o.items.splice(s.index === null ? o.items.length - 1 : index(o.items, s.index), 1)[0];
        else {
          v = o.entries.get(s.index);
          o.entries.delete(s.index);
          if (DEFECT === 'free-reachable' && v !== null && objects.get(v).rc > 1) decref(v);
        }
        return decref(v);
      }
      case 'clear': {
        const o = objectOf(s.container);
        if (o.type === 'list') {
          const items = o.items.reverse();
          o.items = [];
          return items.forEach((v) => decref(v));
        }
        const values = [...o.entries.values()];
        o.entries = new Map();
        return values.forEach((v) => decref(v));
      }
      case 'setItem': {
        const o = objectOf(s.container);
        const v = valueOf(s.value);
        incref(v);
        if (o.type === 'list') {
          const i = index(o.items, s.index);
          const previous = o.items[i];
          o.items[i] = v;
          return decref(previous);
        }
        const had = o.entries.has(s.index);
        const previous = o.entries.get(s.index);
        o.entries.set(s.index, v);
        if (holdsContainer(v)) o.tracked = true;
        if (had) decref(previous);
        return;
      }
      case 'setSlot': {
        const o = objectOf(s.target);
        const v = valueOf(s.value);
        incref(v);
        const had = s.slot in o.slots;
        const previous = o.slots[s.slot];
        o.slots[s.slot] = v;
        if (had) decref(previous);
        return;
      }
      case 'delSlot': {
        const o = objectOf(s.target);
        const previous = o.slots[s.slot];
        delete o.slots[s.slot];
        return decref(previous);
      }
      case 'collect':
        return collect();
      case 'gcEnable':
        enabled = true;
        return;
      case 'gcDisable':
        enabled = false;
        return;
      case 'freeze':
        // CPython freezes what its collector tracks: not a dict that never held a container.
        frozen = new Set([...objects.values()].filter(isTracked).map((o) => o.id));
        return;
      case 'unfreeze':
        frozen = new Set();
        return;
      case 'setDebug':
        saveAll = s.saveAll;
        return;
      case 'clearGarbage': {
        const list = garbage.reverse();
        garbage = [];
        return list.forEach((v) => decref(v));
      }
      case 'clearRevived': {
        const list = revived.reverse();
        revived = [];
        return list.forEach((v) => decref(v));
      }
      default:
        return; // free, setThreshold, tracemalloc and fork: nothing this engine models
    }
  }

  return {
    execute(statement, options = {}) {
      step++;
      events = { freed: new Set(), finalized: new Set(), callbacks: new Set(), collections: [] };
      const late = deferred;
      deferred = [];
      for (const id of late) if (objects.has(id) && objects.get(id).rc === 0) dealloc(objects.get(id));
      run(statement);
      const ascending = (set) => [...set].sort((a, b) => a - b);
      const line = {
        step,
        line: statement.loc?.line ?? step,
        freed: ascending(events.freed),
        finalized: ascending(events.finalized),
        callbacks: ascending(events.callbacks),
        collections: events.collections,
        count: [allocated, 0, 0],
      };
      if (options.snapshot) {
        line.objects = [...objects.values()].sort((a, b) => a.id - b.id)
          .map((o) => ({ id: o.id, type: o.type, refcount: o.rc, gen: null, finalized: o.finalized }));
      }
      return line;
    },
    leftovers: () => ({ objects: objects.size, blocks: 0 }),
  };
}
