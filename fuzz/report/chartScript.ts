/*
 * The report's own script, inlined after uPlot: it draws every chart of reportCharts.ts from the page's
 * JSON block — round ticks (whole counts, durations in s, min, h), the x axis exactly as long as the
 * data, a log axis for programs, stepped lines for counts, a tooltip with every series at the cursor,
 * drag to zoom and double-click to zoom out (uPlot's own), dashed markers where resumed sessions began.
 *
 * On a live page (`pymem report DIR --watch`, body[data-live-seconds]) it also reloads the page every
 * few seconds, keeping the scroll position, unless the reader pauses it; a page opened from disk
 * (file://) cannot fetch its own file in Chromium, so reloading it whole is what keeps it current.
 *
 * Plain ES2017 in a string, without template literals (see views/replayPageScript.ts).
 */
export const CHART_SCRIPT = String.raw`
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('report-data').textContent);
  var TIME_INCRS = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400, 172800, 604800];
  var COUNT_INCRS = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1e3, 2e3, 5e3, 1e4, 2e4, 5e4, 1e5, 2e5, 5e5, 1e6, 2e6, 5e6, 1e7, 1e8, 1e9];

  function duration(s) {
    if (s === null || s === undefined) return '–';
    if (s < 60) return (Math.round(s * 10) / 10) + ' s';
    if (s < 3600) { var m = Math.floor(s / 60), r = Math.round(s % 60); return m + ' min' + (r ? ' ' + r + ' s' : ''); }
    var h = Math.floor(s / 3600), mm = Math.round((s % 3600) / 60);
    return h + ' h' + (mm ? ' ' + mm + ' min' : '');
  }
  function compact(n) {
    if (n === null || n === undefined) return '–';
    var a = Math.abs(n);
    if (a >= 1e6) return (Math.round(n / 1e5) / 10) + 'M';
    if (a >= 1e4) return (Math.round(n / 1e2) / 10) + 'k';
    return String(Math.round(n * 100) / 100);
  }
  function full(n) { return n === null || n === undefined ? '–' : Math.round(n).toLocaleString('en-US'); }

  function tooltipPlugin(formatX, formatY) {
    var tip;
    return {
      hooks: {
        init: function (u) {
          tip = document.createElement('div');
          tip.className = 'chart-tooltip';
          tip.style.display = 'none';
          u.over.appendChild(tip);
          u.over.addEventListener('mouseleave', function () { tip.style.display = 'none'; });
        },
        setCursor: function (u) {
          var i = u.cursor.idx;
          if (i === null || i === undefined || u.cursor.left === undefined || u.cursor.left < 0) { tip.style.display = 'none'; return; }
          while (tip.firstChild) tip.removeChild(tip.firstChild);
          var head = document.createElement('b');
          head.textContent = formatX(u.data[0][i]);
          tip.appendChild(head);
          u.series.forEach(function (s, k) {
            if (k === 0 || !s.show) return;
            var line = document.createElement('div');
            var swatch = document.createElement('span');
            swatch.className = 'swatch';
            swatch.style.background = s._stroke || s.stroke;
            line.appendChild(swatch);
            line.appendChild(document.createTextNode(s.label + ': ' + formatY(u.data[k][i], s)));
            tip.appendChild(line);
          });
          tip.style.display = 'block';
          var left = u.cursor.left + 14, top = u.cursor.top + 14;
          if (left + tip.offsetWidth > u.over.clientWidth) left = u.cursor.left - tip.offsetWidth - 14;
          if (top + tip.offsetHeight > u.over.clientHeight) top = Math.max(0, u.cursor.top - tip.offsetHeight - 14);
          tip.style.left = left + 'px';
          tip.style.top = top + 'px';
        }
      }
    };
  }

  function markersPlugin(markers) {
    return {
      hooks: {
        draw: function (u) {
          if (!markers.length) return;
          var ctx = u.ctx;
          ctx.save();
          ctx.strokeStyle = '#455a64';
          ctx.fillStyle = '#455a64';
          ctx.lineWidth = 1.5 * devicePixelRatio;
          ctx.setLineDash([5 * devicePixelRatio, 4 * devicePixelRatio]);
          ctx.font = (11 * devicePixelRatio) + 'px Helvetica, Arial, sans-serif';
          markers.forEach(function (m) {
            var x = Math.round(u.valToPos(m.x, 'x', true));
            if (x < u.bbox.left || x > u.bbox.left + u.bbox.width) return;
            ctx.beginPath();
            ctx.moveTo(x, u.bbox.top);
            ctx.lineTo(x, u.bbox.top + u.bbox.height);
            ctx.stroke();
            ctx.fillText(m.label, x + 4 * devicePixelRatio, u.bbox.top + 12 * devicePixelRatio);
          });
          ctx.restore();
        }
      }
    };
  }

  function chart(spec) {
    var box = document.getElementById(spec.id);
    if (!box) return;
    if (spec.xs.length === 0) {
      var empty = document.createElement('p');
      empty.className = 'note';
      empty.textContent = 'no data yet';
      box.appendChild(empty);
      return;
    }
    var formatX = spec.x === 'time' ? duration : full;
    var formatYAxis = spec.yUnit === 'seconds' ? duration : compact;
    var formatY = function (v, s) { return s && s.scale === 'y2' ? full(v) : spec.yUnit === 'seconds' ? duration(v) : spec.yUnit === 'rate' ? full(v) : full(v); };
    var stepped = uPlot.paths && uPlot.paths.stepped ? uPlot.paths.stepped({ align: 1 }) : undefined;
    var hasY2 = spec.series.some(function (s) { return s.scale === 'y2'; });
    var series = [{ label: spec.x === 'time' ? 'campaign time' : 'programs', value: function (u, v) { return formatX(v); } }];
    spec.series.forEach(function (s) {
      series.push({
        label: s.label, stroke: s.color, width: 2, scale: s.scale || 'y', dash: s.dash ? [6, 4] : undefined, spanGaps: true,
        paths: spec.yUnit === 'count' && spec.x === 'time' ? stepped : undefined,
        points: { show: spec.xs.length < 40 },
        value: function (u, v) { return formatY(v, s); }
      });
    });
    var axes = [
      { label: spec.x === 'time' ? 'campaign time' : 'programs (log scale)', values: function (u, splits) { return splits.map(function (v) { return v === null || v === undefined ? '' : formatX(v); }); },
        incrs: spec.x === 'time' ? TIME_INCRS : undefined, space: 60 },
      { label: spec.yUnit === 'seconds' ? 'time' : spec.yUnit === 'rate' ? 'per second' : 'count', values: function (u, splits) { return splits.map(function (v) { return v === null || v === undefined ? '' : formatYAxis(v); }); },
        incrs: spec.yUnit === 'count' ? COUNT_INCRS : spec.yUnit === 'seconds' ? TIME_INCRS : undefined, size: 64 }
    ];
    if (hasY2) axes.push({ scale: 'y2', side: 1, label: spec.y2Label || '', grid: { show: false }, values: function (u, splits) { return splits.map(function (v) { return v === null || v === undefined ? '' : compact(v); }); }, incrs: COUNT_INCRS, size: 64 });
    var zeroBased = function (u, min, max) { return [0, max > 0 ? max * 1.08 : 1]; };
    var scales = { x: { time: false }, y: { range: zeroBased } };
    if (spec.x === 'programs') scales.x = { time: false, distr: 3, log: 10 };
    if (hasY2) scales.y2 = { range: zeroBased };
    var columns = [spec.xs].concat(spec.series.map(function (s) { return s.values; }));
    var width = Math.max(320, box.clientWidth - 8);
    var u = new uPlot({
      title: spec.title, width: width, height: 250, series: series, axes: axes, scales: scales,
      cursor: { drag: { x: true, y: false, setScale: true } },
      legend: { live: true },
      plugins: [tooltipPlugin(formatX, formatY), markersPlugin(spec.markers)]
    }, columns, box);
    charts.push({ u: u, box: box });
  }

  var charts = [];
  data.charts.forEach(chart);
  window.addEventListener('resize', function () {
    charts.forEach(function (c) { c.u.setSize({ width: Math.max(320, c.box.clientWidth - 8), height: 250 }); });
  });
  document.body.dataset.charts = String(charts.length);
  // For a reader's console (and the page tests): the uPlot instances, by chart id.
  window.pymemCharts = {};
  charts.forEach(function (c) { window.pymemCharts[c.box.id] = c.u; });

  /* A live page reloads itself, keeping its place, unless paused. */
  var seconds = Number(document.body.dataset.liveSeconds || 0);
  if (seconds > 0) {
    var store = null;
    try { store = window.sessionStorage; } catch (e) { store = null; }
    var key = 'pymem-report:' + location.pathname;
    var pause = document.getElementById('live-pause');
    if (store) {
      var y = store.getItem(key + ':scroll');
      if (y !== null) window.scrollTo(0, Number(y));
      if (pause) pause.checked = store.getItem(key + ':paused') === 'true';
    }
    if (pause) pause.addEventListener('change', function () { if (store) store.setItem(key + ':paused', String(pause.checked)); });
    setInterval(function () {
      if (pause && pause.checked) return;
      if (store) store.setItem(key + ':scroll', String(window.scrollY));
      location.reload();
    }, seconds * 1000);
  }
})();
`;
