/*
 * The replay page's script, inlined: it reads the recording from the page's JSON block and shows one
 * step at a time — the statement, the divergence, what changed, the heap picture, both sides' objects
 * and trace fields, the model's collector and freelists, and the allocator (arenas, pools, free lists,
 * the calls, both reports). It only builds DOM from data: no network, no WebAssembly, no library.
 *
 * Keys: ← → (and k j) step, Home End the first and last step, d the first divergence. The URL's hash
 * (`#step-7`) keeps the step, so a link or a reload opens the same one.
 *
 * Plain ES2017 in a string (no template literals inside, so it can live in one): the page must run in
 * whatever browser opens a CI artifact.
 */
export const REPLAY_PAGE_SCRIPT = String.raw`
(function () {
  'use strict';
  function main(data) {
  var steps = data.steps;
  var failingStep = data.failure ? (data.failure.step > 0 ? data.failure.step : steps.length) : -1;
  var current = -1;
  var selectedPool = null;
  var MAX_BLOCKS_DRAWN = 256;

  function byId(id) { return document.getElementById(id); }
  function el(tag, className, text) {
    var e = document.createElement(tag);
    if (className) e.className = className;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  function hex(n) { return n === null || n === undefined ? '–' : '0x' + n.toString(16); }
  function gen(g) { return g === null ? 'untracked' : String(g); }
  function list(ids) { return ids && ids.length ? '[' + ids.join(', ') + ']' : '[]'; }
  function clear(e) { while (e.firstChild) e.removeChild(e.firstChild); return e; }
  function row(cells, className) {
    var tr = el('tr', className || '');
    cells.forEach(function (c) {
      var td = el('td', c.cls || '', c.text);
      tr.appendChild(td);
    });
    return tr;
  }
  function headRow(names) {
    var tr = el('tr');
    names.forEach(function (n) { tr.appendChild(el('th', '', n)); });
    return tr;
  }

  /* The program listing and the timeline, built once. */
  function stepClass(s) {
    var c = [];
    if (s.teardown) c.push('teardown');
    if (s.step === failingStep) c.push('failing');
    else if (s.differences.length > 0) c.push('differs');
    else if (s.changes.length > 0) c.push('changed');
    return c.join(' ');
  }
  function buildProgram() {
    var box = byId('program');
    if (data.header) box.appendChild(el('div', 'header', data.header));
    var ran = {};
    steps.forEach(function (s) { if (!s.teardown) ran[s.step] = s; });
    data.program.forEach(function (text, i) {
      var n = i + 1;
      var line = el('div', 'stmt ' + (ran[n] ? stepClass(ran[n]) : 'not-run'));
      line.id = 'stmt-' + n;
      line.appendChild(el('span', 'n', n));
      line.appendChild(document.createTextNode(text));
      if (ran[n]) line.addEventListener('click', function () { go(n - 1); });
      else line.title = 'not run: the check stopped before this statement';
      box.appendChild(line);
    });
    var teardown = steps.filter(function (s) { return s.teardown; });
    if (teardown.length > 0) {
      box.appendChild(el('h3', '', 'teardown'));
      teardown.forEach(function (s) {
        var line = el('div', 'stmt ' + stepClass(s));
        line.id = 'stmt-' + s.step;
        line.appendChild(el('span', 'n', s.step));
        line.appendChild(document.createTextNode(s.statement));
        line.addEventListener('click', function () { go(s.step - 1); });
        box.appendChild(line);
      });
    }
  }
  function buildTimeline() {
    var box = byId('timeline');
    steps.forEach(function (s, i) {
      var t = el('span', 'tick ' + stepClass(s));
      t.dataset.step = s.step;
      t.title = 'step ' + s.step + ': ' + s.statement;
      t.addEventListener('click', function () { go(i); });
      box.appendChild(t);
    });
  }

  /* One step. */
  function showStatement(s) {
    var box = clear(byId('statement'));
    box.className = s.step === failingStep ? 'failing' : '';
    var where = 'step ' + s.step + ' of ' + steps.length + (s.teardown ? ' · teardown' : ' · line ' + s.line);
    if (s.step === failingStep) where += ' · the check failed here';
    box.appendChild(el('span', 'where', where));
    box.appendChild(document.createTextNode(s.statement));
  }

  function showDivergence(s) {
    var box = clear(byId('divergence'));
    var failing = s.step === failingStep;
    if (!failing && s.differences.length === 0) { box.className = 'hidden'; return; }
    box.className = failing ? 'failing' : 'differs';
    var first = data.firstDivergence === s.step;
    box.appendChild(el('h2', '', (first ? 'First divergence' : 'Divergence') + (failing && data.failure ? ': ' + data.failure.label : '')));
    if (failing && data.failure) box.appendChild(el('p', 'failure', data.failure.message));
    if (s.differences.length > 0) {
      var t = el('table', 'differences');
      t.appendChild(headRow(['field', 'model', 'engine']));
      groupDifferences(s.differences).forEach(function (d) {
        t.appendChild(row([{ text: d.field }, { text: d.model, cls: 'mono' }, { text: d.implementation, cls: 'mono differs' }], 'differs'));
      });
      box.appendChild(t);
    } else if (failing) {
      box.appendChild(el('p', 'note', 'The trace lines agree here: the failure is in a check of the engine\'s own structures or of the allocator.'));
    }
  }

  /* Differences of the same object field with the same two values, listed in one row (a collection can move 40 objects). */
  function groupDifferences(differences) {
    var groups = {}, order = [];
    differences.forEach(function (d) {
      var m = /^(\S+ \d+) (refcount|gen|finalized)$/.exec(d.field);
      var key = m ? m[2] + '|' + d.model + '|' + d.implementation : 'one|' + order.length;
      if (!groups[key]) { groups[key] = { what: m ? m[2] : null, objects: [], d: d }; order.push(key); }
      if (m) groups[key].objects.push(m[1]);
    });
    return order.map(function (key) {
      var g = groups[key];
      if (!g.what || g.objects.length < 3) return g.objects.length > 1 ? null : g.d;
      return { field: g.what + ' of ' + g.objects.length + ' objects: ' + g.objects.join(', '), model: g.d.model, implementation: g.d.implementation };
    }).reduce(function (all, x, i) {
      if (x) all.push(x);
      else groups[order[i]].objects.forEach(function (o) { all.push({ field: o + ' ' + groups[order[i]].what, model: groups[order[i]].d.model, implementation: groups[order[i]].d.implementation }); });
      return all;
    }, []);
  }

  function showChanges(s) {
    var box = clear(byId('changes-list'));
    if (s.changes.length === 0) { box.appendChild(el('li', 'empty-note', 'nothing observable changed')); return; }
    s.changes.forEach(function (c) {
      var li = el('li', 'change ' + c.side);
      li.appendChild(el('span', 'side ' + c.side, c.side === 'both' ? 'both sides' : c.side));
      li.appendChild(document.createTextNode(c.text));
      box.appendChild(li);
    });
  }

  function showHeap(s) {
    var box = byId('heap-picture');
    box.innerHTML = data.pictures[s.picture] || '<p class="empty-note">no picture</p>';
  }

  function showObjects(s) {
    var box = clear(byId('objects'));
    var model = {}, impl = {}, ids = {};
    (s.model ? s.model.objects : []).forEach(function (o) { model[o.id] = o; ids[o.id] = true; });
    var implObjects = s.implementation && s.implementation.objects;
    (implObjects || []).forEach(function (o) { impl[o.id] = o; ids[o.id] = true; });
    var before = {};
    var prev = s.step > 1 ? steps[s.step - 2] : null;
    (prev && prev.model ? prev.model.objects : []).forEach(function (o) { before[o.id] = o; });
    var named = {};
    (data.failure && s.step === failingStep ? data.failure.objects : []).forEach(function (id) { named[id] = true; });
    var order = Object.keys(ids).map(Number).sort(function (a, b) { return a - b; });
    if (order.length === 0) { box.appendChild(el('p', 'empty-note', 'no live objects')); return; }
    var t = el('table', 'objects');
    t.appendChild(headRow(['object', 'refcount model', 'engine', 'generation model', 'engine', 'finalized model', 'engine', 'address', 'size']));
    order.forEach(function (id) {
      var m = model[id], i = impl[id], o = m || i;
      var noImpl = !implObjects;
      function pair(key, show) {
        var mv = m ? show(m[key]) : 'freed', iv = noImpl ? '–' : i ? show(i[key]) : 'freed';
        // A field the check's level does not compare (an engine without generations) differs harmlessly.
        var differs = !noImpl && mv !== iv && !(data.compared && data.compared[key] === false);
        return [{ text: mv, cls: 'n' }, { text: iv, cls: 'n' + (differs ? ' differs' : '') }];
      }
      var cells = [{ text: o.type + ' ' + id }]
        .concat(pair('refcount', String), pair('gen', gen), pair('finalized', function (f) { return f ? 'yes' : 'no'; }))
        .concat([{ text: i && i.addr !== undefined ? hex(i.addr) : m && m.addr !== undefined ? hex(m.addr) : '', cls: 'mono' },
          { text: i && i.size !== undefined ? i.size : m && m.size !== undefined ? m.size : '', cls: 'n' }]);
      var b = before[id];
      var cls = named[id] ? 'highlighted' : !b ? 'new' : m && (b.refcount !== m.refcount || b.gen !== m.gen || b.finalized !== m.finalized) ? 'changed' : '';
      var tr = row(cells, cls);
      tr.id = 'object-' + id;
      t.appendChild(tr);
    });
    box.appendChild(t);
    if (!implObjects && s.implementation) box.appendChild(el('p', 'note', 'The engine gives no snapshot: only the model\'s objects are known.'));
    if (!s.implementation) box.appendChild(el('p', 'note', 'The engine did not finish this statement: the check stopped inside it.'));
  }

  function showTrace(s) {
    var box = clear(byId('trace'));
    var t = el('table', 'trace');
    t.appendChild(headRow(['field', 'model', 'engine']));
    var fields = [
      ['freed', function (x) { return list(x.freed); }],
      ['finalized', function (x) { return list(x.finalized); }],
      ['callbacks', function (x) { return list(x.callbacks); }],
      ['collections', function (x) { return x.collections.map(function (c) { return 'gen ' + c.generation + ': ' + c.collected + ' collected'; }).join('; ') || '–'; }],
      ['count', function (x) { return list(x.count); }],
      ['traced', function (x) { return x.traced ? list(x.traced) : '–'; }],
      ['pagesWritten', function (x) { return x.pagesWritten === undefined ? '–' : String(x.pagesWritten); }]
    ];
    fields.forEach(function (f) {
      var mv = s.model ? f[1](s.model.trace) : '–';
      var iv = s.implementation ? f[1](s.implementation.trace) : '–';
      if ((f[0] === 'traced' || f[0] === 'pagesWritten') && mv === '–' && iv === '–') return;
      var differs = s.model && s.implementation && mv !== iv && !(data.compared && data.compared[f[0]] === false);
      t.appendChild(row([{ text: f[0] }, { text: mv, cls: 'mono' }, { text: iv, cls: 'mono' + (differs ? ' differs' : '') }], differs ? 'differs' : ''));
    });
    box.appendChild(t);
    var m = s.model;
    var state = clear(byId('model-state'));
    if (!m) return;
    var g = el('table', 'collector');
    g.appendChild(row([{ text: 'gc.get_count()' }, { text: list(m.trace.count), cls: 'mono' }]));
    g.appendChild(row([{ text: 'gc.get_threshold()' }, { text: list(m.gc.threshold), cls: 'mono' }]));
    g.appendChild(row([{ text: 'gc.isenabled()' }, { text: m.gc.enabled ? 'True' : 'False', cls: 'mono' }]));
    var f = m.freelists;
    var tuples = f.tuples.map(function (n, i) { return n ? (i + 1) + '-tuples ' + n : ''; }).filter(Boolean).join(', ') || 'none';
    g.appendChild(row([{ text: 'freelists' }, { text: 'lists ' + f.lists + ', dicts ' + f.dicts + ', keys ' + f.keys + '; tuples: ' + tuples }]));
    state.appendChild(g);
  }

  /* The allocator. */
  function latestAllocator(index) {
    for (var k = index; k >= 0; k--) if (steps[k].allocator) return steps[k].allocator;
    return null;
  }
  function latestStats(index, side) {
    for (var k = index; k >= 0; k--) {
      var v = side === 'model' ? steps[k].allocatorStats : steps[k].implementation && steps[k].implementation.allocator;
      if (v) return v;
    }
    return null;
  }
  function locate(view, address) {
    if (!view || address === null || address === undefined) return null;
    for (var a = 0; a < view.arenas.length; a++) {
      var arena = view.arenas[a];
      if (address < arena.address || address >= arena.address + view.arenaSize) continue;
      var index = Math.floor((address - arena.address) / view.poolSize);
      for (var p = 0; p < arena.pools.length; p++) {
        var pool = arena.pools[p];
        if (pool.index !== index) continue;
        var block = (address - pool.address - view.poolOverhead) / pool.blockSize;
        return { arena: arena, pool: pool, block: block };
      }
      return { arena: arena, pool: null, block: null, index: index };
    }
    return null;
  }
  function poolKey(arena, index) { return arena.address + ':' + index; }

  /** Where a block stood in the allocator model, in words: what tells a LIFO from a FIFO, a used block from a fresh one. */
  function describeBlock(view, address) {
    if (address === null || address === undefined) return 'nothing';
    var w = locate(view, address);
    if (!w) return 'in no pool of the allocator model (a raw block, or outside every arena)';
    if (!w.pool) return 'in pool ' + w.index + ' of arena ' + hex(w.arena.address) + ', a pool never carved';
    if (w.block !== Math.floor(w.block) || w.block < 0) return 'not at a block boundary of pool ' + w.pool.index + ' (' + w.pool.blockSize + '-byte blocks)';
    var where = 'block ' + w.block + ' of pool ' + w.pool.index + ' (' + w.pool.blockSize + '-byte blocks)';
    var n = w.pool.freeList.length;
    var at = w.pool.freeList.indexOf(w.block);
    if (at === 0) return where + ', the head of its free list: the block freed last';
    if (at > 0) return where + ', number ' + (at + 1) + ' of ' + n + ' on its free list' + (at === n - 1 ? ' (the tail: the block freed first)' : '');
    if (w.block >= w.pool.nextUnused) return where + ', never used';
    return where + ', allocated: still in use';
  }

  function poolDetail(view, arena, pool, marks, wrong) {
    var box = el('div', 'pool-detail' + (wrong ? ' wrong' : ''));
    box.dataset.pool = poolKey(arena, pool.index);
    box.appendChild(el('h3', '', 'pool ' + pool.index + ' of arena ' + hex(arena.address) + ' at ' + hex(pool.address) + ' — ' +
      pool.blockSize + '-byte blocks, ' + pool.state + ', ' + pool.count + ' of ' + pool.blocks + ' in use'));
    var freeAt = {};
    pool.freeList.forEach(function (b, k) { freeAt[b] = k; });
    var strip = el('div', 'blocks');
    var last = Math.max(pool.nextUnused, marks.expected === null ? 0 : marks.expected + 1, marks.returned === null ? 0 : marks.returned + 1);
    var drawn = Math.min(pool.blocks, Math.max(last + 4, 16), MAX_BLOCKS_DRAWN);
    for (var b = 0; b < drawn; b++) {
      var state = b >= pool.nextUnused ? 'unused' : freeAt[b] !== undefined ? 'free' : 'allocated';
      var cell = el('span', 'block ' + state, state === 'free' ? freeAt[b] + 1 : '');
      if (b === marks.expected) cell.className += ' expected';
      if (b === marks.returned) cell.className += ' returned';
      cell.title = 'block ' + b + ' at ' + hex(pool.address + view.poolOverhead + b * pool.blockSize) + ': ' +
        (state === 'free' ? 'free, ' + (freeAt[b] === 0 ? 'head of the free list' : 'number ' + (freeAt[b] + 1) + ' on the free list') : state === 'unused' ? 'never used' : 'allocated') +
        (b === marks.expected ? ' — the allocator model hands this one out' : '') + (b === marks.returned ? ' — the engine returned this one' : '');
      strip.appendChild(cell);
    }
    box.appendChild(strip);
    if (drawn < pool.blocks) box.appendChild(el('p', 'note', 'blocks ' + drawn + '–' + (pool.blocks - 1) + ' not drawn: never used'));
    var fl = el('div', 'free-list');
    fl.appendChild(document.createTextNode('free list, head first: '));
    if (pool.freeList.length === 0) fl.appendChild(el('span', 'empty-note', 'empty'));
    pool.freeList.forEach(function (b, k) {
      if (k > 0) fl.appendChild(document.createTextNode(' → '));
      var e = el('span', 'entry' + (b === marks.expected ? ' expected' : '') + (b === marks.returned ? ' returned' : ''), 'block ' + b + ' (' + hex(pool.address + view.poolOverhead + b * pool.blockSize) + ')');
      fl.appendChild(e);
    });
    box.appendChild(fl);
    box.appendChild(el('p', 'note', 'never used from block ' + pool.nextUnused + ' on (' + (pool.blocks - pool.nextUnused) + ' blocks)'));
    return box;
  }

  function showAllocator(s, index) {
    var section = byId('allocator');
    var box = clear(byId('allocator-body'));
    var failingCall = null;
    s.calls.forEach(function (c) { if (c.failed) failingCall = c; });
    var view = failingCall && s.allocatorBeforeFailure ? s.allocatorBeforeFailure : s.allocator || latestAllocator(index);
    if (!view && !latestStats(index, 'implementation')) { section.className = 'hidden'; return; }
    section.className = '';
    var touched = {};
    var wrongPools = {};
    var details = [];
    function mark(address, kind) {
      var where = locate(view, address);
      if (!where || !where.pool) return;
      var key = poolKey(where.arena, where.pool.index);
      touched[key] = true;
      if (failingCall) wrongPools[key] = true;
      var d = details.filter(function (x) { return x.key === key; })[0];
      if (!d) { d = { key: key, arena: where.arena, pool: where.pool, marks: { expected: null, returned: null } }; details.push(d); }
      if (kind) d.marks[kind] = where.block;
    }
    if (failingCall) {
      var explain = el('p', 'failure');
      explain.id = 'allocator-verdict';
      explain.textContent = failingCall.call + ': the allocator model hands out ' + hex(failingCall.model) + ', ' + describeBlock(view, failingCall.model) +
        '; the engine returned ' + hex(failingCall.implementation) + ', ' + describeBlock(view, failingCall.implementation) +
        '. The pools are drawn as they stood just before this call.';
      box.appendChild(explain);
      mark(failingCall.model, 'expected');
      mark(failingCall.implementation, 'returned');
    }
    s.calls.forEach(function (c) {
      if (c.failed) return;
      var m = /^(?:free|realloc)\((0x[0-9a-f]+)/.exec(c.call);
      if (m) mark(parseInt(m[1], 16), null);
      if (c.model !== null) mark(c.model, null);
    });
    if (selectedPool && !details.some(function (d) { return d.key === selectedPool; }) && view) {
      view.arenas.forEach(function (a) { a.pools.forEach(function (p) { if (poolKey(a, p.index) === selectedPool) details.push({ key: selectedPool, arena: a, pool: p, marks: { expected: null, returned: null } }); }); });
    }
    if (view) {
      var arenas = el('div', 'arenas');
      arenas.appendChild(el('h3', '', 'arenas (usable_arenas: ' + (view.usableArenas.map(hex).join(', ') || 'empty') + ')'));
      if (view.arenas.length === 0) arenas.appendChild(el('p', 'empty-note', 'no arena mapped'));
      view.arenas.forEach(function (a) {
        var box2 = el('div', 'arena');
        box2.dataset.address = hex(a.address);
        box2.appendChild(el('div', 'title', hex(a.address) + ' — ' + a.pools.length + ' pools carved of ' + a.totalPools + ', ' + a.nfreepools + ' free' +
          (a.freePools.length ? ' (emptied, head first: ' + a.freePools.join(', ') + ')' : '')));
        var pools = el('div', 'pools');
        var byIndex = {};
        a.pools.forEach(function (p) { byIndex[p.index] = p; });
        for (var k = 0; k < a.totalPools; k++) {
          var p = byIndex[k];
          var key = poolKey(a, k);
          var cell = el('span', 'pool ' + (p ? p.state : 'unused') + (touched[key] ? ' touched' : '') + (wrongPools[key] ? ' wrong' : '') + (selectedPool === key ? ' selected' : ''));
          cell.title = 'pool ' + k + (p ? ': ' + p.blockSize + '-byte blocks, ' + p.state + ', ' + p.count + '/' + p.blocks + ' in use, ' + p.freeList.length + ' on the free list' : ': never carved');
          if (p) (function (key) { cell.addEventListener('click', function () { selectedPool = selectedPool === key ? null : key; showAllocator(steps[current], current); }); })(key);
          pools.appendChild(cell);
        }
        box2.appendChild(pools);
        arenas.appendChild(box2);
      });
      if (view.raw.length) arenas.appendChild(el('p', 'note', 'raw blocks (system allocator): ' + view.raw.map(function (r) { return hex(r.address) + ' (' + r.capacity + ' B)'; }).join(', ')));
      box.appendChild(arenas);
      details.forEach(function (d) { box.appendChild(poolDetail(view, d.arena, d.pool, d.marks, !!wrongPools[d.key])); });
      if (details.length === 0) box.appendChild(el('p', 'note', 'Click a pool to see its blocks and free list.'));
    }
    if (s.calls.length > 0) {
      var t = el('table', 'calls');
      t.appendChild(headRow(['call', 'allocator model', 'engine']));
      s.calls.forEach(function (c) {
        t.appendChild(row([{ text: c.call, cls: 'mono' }, { text: c.model === null ? '' : hex(c.model), cls: 'mono' },
          { text: c.implementation === null ? '' : hex(c.implementation), cls: 'mono' + (c.failed ? ' differs' : '') }], c.failed ? 'differs' : ''));
      });
      var h = el('h3', '', 'calls in this step');
      box.appendChild(h);
      box.appendChild(t);
    }
    var ms = latestStats(index, 'model'), is = latestStats(index, 'implementation');
    if (ms || is) {
      box.appendChild(el('h3', '', 'the two reports (sys._debugmallocstats figures)'));
      var t2 = el('table', 'allocator-stats');
      t2.appendChild(headRow(['figure', 'allocator model', 'engine']));
      var keys = ['arenasCurrent', 'arenasAllocatedTotal', 'arenasHighwater', 'poolsInUse', 'emptyPools', 'unusedPools', 'blocksInUse', 'rawBlocks', 'rawBytes', 'allocatedBlocks', 'bytesInAllocatedBlocks', 'bytesInAvailableBlocks', 'totalBytes'];
      keys.forEach(function (k) {
        var mv = ms ? String(ms[k]) : '–', iv = is ? String(is[k]) : '–';
        var differs = ms && is && mv !== iv;
        t2.appendChild(row([{ text: k }, { text: mv, cls: 'n' }, { text: iv, cls: 'n' + (differs ? ' differs' : '') }], differs ? 'differs' : ''));
      });
      var classes = {};
      (ms ? ms.sizeClasses : []).concat(is ? is.sizeClasses : []).forEach(function (c) { classes[c.sizeClass] = true; });
      Object.keys(classes).map(Number).sort(function (a, b) { return a - b; }).forEach(function (c) {
        function show(st) { var x = st && st.sizeClasses.filter(function (y) { return y.sizeClass === c; })[0]; return x ? x.pools + ' pools, ' + x.blocksInUse + ' blocks' : '–'; }
        var mv = show(ms), iv = show(is);
        var differs = ms && is && mv !== iv;
        t2.appendChild(row([{ text: 'class ' + c + ' (' + (16 * (c + 1)) + ' B)' }, { text: mv, cls: 'n' }, { text: iv, cls: 'n' + (differs ? ' differs' : '') }], differs ? 'differs' : ''));
      });
      box.appendChild(t2);
    }
  }

  function go(index, keepHash) {
    if (steps.length === 0) return;
    index = Math.max(0, Math.min(steps.length - 1, index));
    var s = steps[index];
    current = index;
    document.body.dataset.step = s.step;
    byId('step-counter').textContent = 'step ' + s.step + ' of ' + steps.length;
    Array.prototype.forEach.call(document.querySelectorAll('.current'), function (e) { e.classList.remove('current'); });
    var tick = document.querySelector('#timeline .tick[data-step="' + s.step + '"]');
    if (tick) tick.classList.add('current');
    var line = byId('stmt-' + s.step);
    if (line) {
      line.classList.add('current');
      var aside = byId('program');
      // Scroll the listing only, never the page: the listing is its own scroll box.
      if (line.offsetTop < aside.scrollTop) aside.scrollTop = line.offsetTop - 20;
      else if (line.offsetTop + line.offsetHeight > aside.scrollTop + aside.clientHeight) aside.scrollTop = line.offsetTop + line.offsetHeight - aside.clientHeight + 20;
    }
    showStatement(s);
    showDivergence(s);
    showChanges(s);
    showHeap(s);
    showObjects(s);
    showTrace(s);
    showAllocator(s, index);
    if (!keepHash && history.replaceState) history.replaceState(null, '', '#step-' + s.step);
  }

  function stepFromHash() {
    var m = /^#step-(\d+)$/.exec(location.hash);
    return m ? Number(m[1]) - 1 : null;
  }

  document.addEventListener('keydown', function (e) {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    var k = e.key;
    if (k === 'ArrowRight' || k === 'j') go(current + 1);
    else if (k === 'ArrowLeft' || k === 'k') go(current - 1);
    else if (k === 'Home') go(0);
    else if (k === 'End') go(steps.length - 1);
    else if (k === 'd' && data.firstDivergence) go(data.firstDivergence - 1);
    else return;
    e.preventDefault();
  });
  window.addEventListener('hashchange', function () {
    var i = stepFromHash();
    if (i !== null && i !== current) go(i, true);
  });
  byId('first').addEventListener('click', function () { go(0); });
  byId('previous').addEventListener('click', function () { go(current - 1); });
  byId('next').addEventListener('click', function () { go(current + 1); });
  byId('last').addEventListener('click', function () { go(steps.length - 1); });
  byId('to-divergence').addEventListener('click', function () { if (data.firstDivergence) go(data.firstDivergence - 1); });
  byId('fit').addEventListener('click', function () { byId('heap-picture').classList.toggle('fit'); });

  /* An allocator failure shows the allocator first, above the heap. */
  var failing = failingStep > 0 ? steps[failingStep - 1] : null;
  if (failing && (failing.calls.some(function (c) { return c.failed; }) || failing.differences.some(function (d) { return d.field.indexOf('allocator ') === 0; }))) {
    byId('content').insertBefore(byId('allocator'), byId('heap'));
    document.body.classList.add('allocator-failure');
  }
  buildProgram();
  buildTimeline();
  if (steps.length === 0) {
    byId('step-counter').textContent = 'no steps';
    return;
  }
  var start = stepFromHash();
  go(start !== null ? start : data.firstDivergence ? data.firstDivergence - 1 : 0, start !== null);
  document.body.dataset.ready = 'true';
  }

  /* The data: plain JSON, or (a large recording) gzipped JSON in base64, unpacked by the browser. */
  var block = document.getElementById('replay-data');
  if (block.dataset.encoding !== 'gzip-base64') { main(JSON.parse(block.textContent)); return; }
  if (typeof DecompressionStream !== 'function') {
    document.getElementById('step-counter').textContent = 'this browser cannot unpack the page (no DecompressionStream): open it in a current Chromium, Firefox or Safari';
    return;
  }
  var bytes = Uint8Array.from(atob(block.textContent.trim()), function (c) { return c.charCodeAt(0); });
  var stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'));
  new Response(stream).text().then(function (text) { main(JSON.parse(text)); }, function (e) {
    document.getElementById('step-counter').textContent = 'cannot unpack the page: ' + e;
    throw e;
  });
})();
`;
