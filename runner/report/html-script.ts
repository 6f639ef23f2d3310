/**
 * The report page's script (plain ES2017, no dependencies), kept as text because it runs in the browser. It
 * records its own errors into the page (`.script-error`, `data-errors`) so a headless browser's DOM dump shows
 * them, renders each section from the embedded JSON, and draws the timeline on a canvas, only the rows in view
 * (200 hosts × 100 tasks stay fast).
 */
export const HTML_SCRIPT = String.raw`
(function () {
  'use strict';
  var errors = 0;
  function recordError(text) {
    errors++;
    document.body.setAttribute('data-errors', String(errors));
    var div = document.createElement('div');
    div.className = 'script-error';
    div.textContent = 'script error: ' + text;
    document.body.insertBefore(div, document.body.firstChild);
  }
  window.addEventListener('error', function (e) { recordError(e.message + ' (' + e.lineno + ':' + e.colno + ')'); });
  document.body.setAttribute('data-errors', '0');
  try { main(); document.body.setAttribute('data-rendered', 'yes'); } catch (e) { recordError(String(e && e.stack || e)); }

  function main() {
    var data = JSON.parse(document.getElementById('report-data').textContent);
    var S = data.statuses;
    var ST = { ok: 0, changed: 1, failed: 2, skipped: 3, unreachable: 4, rescued: 5, ignored: 6 };
    var COLORS = ['#2e7d32', '#c77700', '#c62828', '#0277bd', '#6a1b9a', '#00897b', '#8d6e63'];
    var LIMIT = 300;

    function el(tag, attrs, children) {
      var node = document.createElement(tag);
      if (attrs) for (var k in attrs) {
        if (k === 'text') node.textContent = attrs[k];
        else if (k === 'class') node.className = attrs[k];
        else node.setAttribute(k, attrs[k]);
      }
      (children || []).forEach(function (c) { if (c != null) node.appendChild(typeof c === 'string' ? document.createTextNode(c) : c); });
      return node;
    }
    function ms(v) {
      if (v < 1000) return Math.round(v) + ' ms';
      if (v < 60000) return (v / 1000).toFixed(v < 10000 ? 2 : 1) + ' s';
      var m = Math.floor(v / 60000);
      return m + ' min ' + Math.round((v % 60000) / 1000) + ' s';
    }
    function badge(status) { return el('span', { class: 'badge s-' + status, text: status }); }
    function table(headers, rows, numeric) {
      var head = el('tr', null, headers.map(function (h, i) { return el('th', { class: numeric && numeric[i] ? 'n' : '', text: h }); }));
      return el('table', null, [el('thead', null, [head]), el('tbody', null, rows)]);
    }
    function td(text, cls) { return el('td', { class: cls || '', text: String(text) }); }
    function pre(text, diff) {
      var node = el('pre');
      if (!diff) { node.textContent = text; return node; }
      text.split('\n').forEach(function (line) {
        var cls = line.charAt(0) === '+' && line.slice(0, 3) !== '+++' ? 'diff-add' : line.charAt(0) === '-' && line.slice(0, 3) !== '---' ? 'diff-del' : '';
        node.appendChild(el('span', { class: cls, text: line + '\n' }));
      });
      return node;
    }
    function capped(container, items, render) {
      var shown = 0;
      function more() {
        var end = Math.min(items.length, shown + LIMIT);
        for (; shown < end; shown++) container.appendChild(render(items[shown]));
        if (button) button.remove();
        if (shown < items.length) {
          button = el('button', { class: 'more', text: 'show ' + Math.min(LIMIT, items.length - shown) + ' more of ' + (items.length - shown) });
          button.addEventListener('click', more);
          container.parentNode.insertBefore(button, container.nextSibling);
        }
      }
      var button = null;
      more();
    }

    var hosts = data.hosts, tasks = data.tasks, results = data.results;
    var taskTotals = tasks.map(function () { return { total: 0, max: 0, counts: [0, 0, 0, 0, 0, 0, 0] }; });
    var hostTotals = hosts.map(function () { return { total: 0, first: Infinity, last: 0 }; });
    var byHost = hosts.map(function () { return []; });
    results.forEach(function (r) {
      var t = taskTotals[r[1]], h = hostTotals[r[0]];
      t.total += r[4]; t.max = Math.max(t.max, r[4]); t.counts[r[2]]++;
      h.total += r[4]; h.first = Math.min(h.first, r[3]); h.last = Math.max(h.last, r[3] + r[4]);
      byHost[r[0]].push(r);
    });
    byHost.forEach(function (rows) { rows.sort(function (a, b) { return a[3] - b[3]; }); });
    var total = Math.max(data.durationMs, results.reduce(function (m, r) { return Math.max(m, r[3] + r[4]); }, 0), 1);

    // Summary
    // Hosts that failed or were unreachable first, then by name.
    var recapHosts = Object.keys(data.recap).sort(function (a, b) {
      var pa = data.recap[a].failed + data.recap[a].unreachable > 0 ? 0 : 1, pb = data.recap[b].failed + data.recap[b].unreachable > 0 ? 0 : 1;
      return pa - pb || (a < b ? -1 : a > b ? 1 : 0);
    });
    var failedHosts = recapHosts.filter(function (h) { return data.recap[h].failed > 0; }).length;
    var unreachableHosts = recapHosts.filter(function (h) { return data.recap[h].unreachable > 0; }).length;
    document.getElementById('summary').textContent =
      hosts.length + ' hosts · ' + tasks.length + ' tasks · ' + ms(total) + ' · ' +
      (data.exitCode === undefined ? 'did not finish' : 'exit code ' + data.exitCode) +
      (data.interrupted ? ' (interrupted)' : '') + (data.check ? ' · check mode' : '') +
      ' · ' + failedHosts + ' failed, ' + unreachableHosts + ' unreachable · ' + new Date(data.started).toISOString();

    // Recap
    var keys = ['ok', 'changed', 'unreachable', 'failed', 'skipped', 'rescued', 'ignored'];
    var recapBody = el('tbody');
    document.getElementById('recap-body').appendChild(
      el('table', null, [el('thead', null, [el('tr', null, [el('th', { text: 'host' })].concat(keys.map(function (k) { return el('th', { class: 'n', text: k }); })))]), recapBody]));
    capped(recapBody, recapHosts, function (h) {
      var s = data.recap[h];
      return el('tr', { class: s.failed || s.unreachable ? 'bad' : '', 'data-host': h },
        [td(h)].concat(keys.map(function (k) { return td(s[k], 'n'); })));
    });

    // Failures
    var failures = [];
    results.forEach(function (r) { if (r[2] === ST.failed || (r[2] === ST.unreachable && r[5] >= 0)) failures.push({ host: hosts[r[0]], task: tasks[r[1]][1], status: S[r[2]], d: data.details[r[5]] || {} }); });
    var seen = {};
    failures.forEach(function (f) { if (f.status === 'unreachable') seen[f.host] = true; });
    data.unreachable.forEach(function (u) { if (!seen[u.host]) { seen[u.host] = true; failures.push({ host: u.host, task: u.task || '(connecting)', status: 'unreachable', d: { msg: u.msg + ' [' + u.phase + ']' } }); } });
    var failBox = document.getElementById('failures-body');
    if (failures.length === 0) failBox.appendChild(el('p', { class: 'muted', text: 'No failures, every host was reached.' }));
    else {
      var failBody = el('tbody');
      failBox.appendChild(el('table', null, [el('thead', null, [el('tr', null, [el('th', { text: 'host' }), el('th', { text: 'task' }), el('th', { text: 'status' }), el('th', { text: 'message' })])]), failBody]));
      capped(failBody, failures, function (f) {
        var cell = el('td', null, [f.d.msg || '']);
        if (f.d.item) cell.insertBefore(el('div', { class: 'muted', text: 'item: ' + f.d.item }), cell.firstChild);
        if (f.d.rc !== undefined) cell.appendChild(el('div', { class: 'muted', text: 'rc=' + f.d.rc }));
        if (f.d.stderr) cell.appendChild(pre(f.d.stderr));
        else if (f.d.stdout) cell.appendChild(pre(f.d.stdout));
        return el('tr', { class: 'failure', 'data-host': f.host }, [td(f.host), td(f.task), el('td', null, [badge(f.status)]), cell]);
      });
    }

    // Where the time went
    function ranking(title, rows, max) {
      var box = el('div', null, [el('h3', { text: title })]);
      box.appendChild(table(['', 'time', ''], rows.map(function (r) {
        return el('tr', null, [td(r.name), td(ms(r.value), 'n'), el('td', null, [el('span', { class: 'bar', style: 'width:' + Math.max(1, Math.round(160 * r.value / max)) + 'px' })])]);
      }), [false, true, false]));
      return box;
    }
    var slowTasks = taskTotals.map(function (t, i) { return { name: tasks[i][1] + (tasks[i][2] ? ' (handler)' : ''), value: t.total, max: t.max }; })
      .sort(function (a, b) { return b.value - a.value; }).slice(0, 15);
    document.getElementById('slow-tasks').appendChild(ranking('Slowest tasks (summed over hosts)', slowTasks, slowTasks.length ? slowTasks[0].value || 1 : 1));
    var slowHosts = hostTotals.map(function (h, i) { return { name: hosts[i], value: h.total }; })
      .sort(function (a, b) { return b.value - a.value; }).slice(0, 15);
    document.getElementById('slow-hosts').appendChild(ranking('Slowest hosts (task time)', slowHosts, slowHosts.length ? slowHosts[0].value || 1 : 1));

    // Changes
    var changes = [];
    results.forEach(function (r) { if (r[2] === ST.changed) changes.push(r); });
    var changeBox = document.getElementById('changes-body');
    if (changes.length === 0) changeBox.appendChild(el('p', { class: 'muted', text: data.check ? 'Nothing would change.' : 'Nothing changed.' }));
    else {
      var list = el('div');
      changeBox.appendChild(list);
      capped(list, changes, function (r) {
        var d = data.details[r[5]] || {};
        var summary = el('summary', null, [hosts[r[0]] + ' · ' + tasks[r[1]][1] + (d.msg ? ' · ' + d.msg : '')]);
        var node = el('details', { class: 'change' }, [summary]);
        (d.diff || []).forEach(function (text) { node.appendChild(pre(text, true)); });
        if (!d.diff) node.appendChild(el('p', { class: 'muted', text: 'no diff recorded (run with --diff to keep one)' }));
        return node;
      });
    }

    // Tasks
    var taskBody = el('tbody');
    document.getElementById('tasks-body').appendChild(el('table', null, [el('thead', null, [el('tr', null,
      ['play', 'task', 'module'].map(function (h) { return el('th', { text: h }); })
        .concat(S.map(function (s) { return el('th', { class: 'n', text: s }); }))
        .concat([el('th', { class: 'n', text: 'slowest host' })]))]), taskBody]));
    capped(taskBody, tasks.map(function (t, i) { return i; }), function (i) {
      var t = tasks[i], c = taskTotals[i];
      return el('tr', { class: 'task' + (c.counts[ST.failed] || c.counts[ST.unreachable] ? ' bad' : '') }, [td(data.plays[t[0]] ? data.plays[t[0]].name : ''), td(t[1] + (t[2] ? ' (handler)' : '')), td(t[3])]
        .concat(c.counts.map(function (n) { return td(n || '', 'n'); })).concat([td(ms(c.max), 'n')]));
    });

    if (data.warnings.length) {
      var warnBox = document.getElementById('warnings-body');
      warnBox.appendChild(el('h2', { text: 'Warnings' }));
      data.warnings.forEach(function (w) { warnBox.appendChild(el('p', { text: w })); });
    }

    // Legend and timeline
    var legend = document.getElementById('legend');
    S.forEach(function (s, i) { legend.appendChild(el('span', null, [el('i', { style: 'background:' + COLORS[i] }), s])); });
    legend.appendChild(el('span', null, [el('i', { style: 'background:#fff;border:2px solid #111' }), 'handler']));
    drawTimeline();

    function drawTimeline() {
      var wrap = document.getElementById('gantt-wrap'), spacer = document.getElementById('gantt-spacer');
      var canvas = document.getElementById('gantt'), tip = document.getElementById('gantt-tip');
      var filter = document.getElementById('host-filter');
      var ROW = 16, AXIS = 22, LABEL = 170;
      var order = hosts.map(function (h, i) { return i; }).sort(function (a, b) { return hosts[a] < hosts[b] ? -1 : hosts[a] > hosts[b] ? 1 : 0; });
      var rows = order;
      var ctx = canvas.getContext('2d');
      var ratio = window.devicePixelRatio || 1;
      function layout() {
        spacer.style.height = (AXIS + rows.length * ROW) + 'px';
        wrap.style.height = Math.min(560, AXIS + rows.length * ROW + 2) + 'px';
        document.getElementById('gantt-note').textContent = rows.length + ' of ' + hosts.length + ' hosts · ' + results.length + ' results';
        draw();
      }
      function draw() {
        var width = wrap.clientWidth, height = wrap.clientHeight;
        canvas.width = width * ratio; canvas.height = height * ratio;
        canvas.style.width = width + 'px'; canvas.style.height = height + 'px';
        ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
        ctx.clearRect(0, 0, width, height);
        ctx.font = '11px system-ui, sans-serif';
        var span = Math.max(1, width - LABEL - 8);
        var scale = span / total;
        var top = wrap.scrollTop;
        var first = Math.max(0, Math.floor(top / ROW)), last = Math.min(rows.length, Math.ceil((top + height - AXIS) / ROW) + 1);
        data.plays.forEach(function (p) {
          var x = LABEL + p.start * scale;
          ctx.fillStyle = '#b0bec5'; ctx.fillRect(x, 0, 1, height);
        });
        for (var i = first; i < last; i++) {
          var y = AXIS + i * ROW - top;
          var h = rows[i];
          if (i % 2) { ctx.fillStyle = '#f7f7f9'; ctx.fillRect(0, y, width, ROW); }
          ctx.fillStyle = '#1d1d1f';
          ctx.fillText(hosts[h].length > 26 ? hosts[h].slice(0, 25) + '…' : hosts[h], 4, y + 12);
          byHost[h].forEach(function (r) {
            var x = LABEL + r[3] * scale, w = Math.max(1.5, r[4] * scale);
            ctx.fillStyle = COLORS[r[2]];
            ctx.fillRect(x, y + 2, w, ROW - 4);
            if (tasks[r[1]][2]) { ctx.strokeStyle = '#111'; ctx.lineWidth = 1; ctx.strokeRect(x + 0.5, y + 2.5, Math.max(1, w - 1), ROW - 5); }
          });
        }
        ctx.fillStyle = '#fff'; ctx.fillRect(0, 0, width, AXIS);
        ctx.fillStyle = '#6b6b70';
        var step = niceStep(total / 8);
        for (var t = 0; t <= total; t += step) {
          var x = LABEL + t * scale;
          ctx.fillRect(x, AXIS - 5, 1, 5);
          ctx.fillText(ms(t), x + 2, 12);
        }
        ctx.fillRect(0, AXIS - 1, width, 1);
      }
      function niceStep(raw) {
        var p = Math.pow(10, Math.floor(Math.log10(Math.max(raw, 1))));
        var n = raw / p;
        return (n < 1.5 ? 1 : n < 3.5 ? 2 : n < 7.5 ? 5 : 10) * p;
      }
      function hit(event) {
        var rect = canvas.getBoundingClientRect();
        var x = event.clientX - rect.left, y = event.clientY - rect.top;
        if (y < AXIS || x < LABEL) return null;
        var row = Math.floor((y - AXIS + wrap.scrollTop) / ROW);
        if (row < 0 || row >= rows.length) return null;
        var scale = Math.max(1, wrap.clientWidth - LABEL - 8) / total;
        var time = (x - LABEL) / scale, slack = 3 / scale;
        var list = byHost[rows[row]], lo = 0, hi = list.length - 1, best = null;
        while (lo <= hi) {
          var mid = (lo + hi) >> 1;
          if (list[mid][3] <= time + slack) { best = mid; lo = mid + 1; } else hi = mid - 1;
        }
        for (var i = best; i !== null && i >= 0 && i > best - 50; i--) {
          var r = list[i];
          if (r[3] - slack <= time && time <= r[3] + r[4] + slack) return r;
        }
        return null;
      }
      wrap.addEventListener('scroll', draw);
      window.addEventListener('resize', draw);
      canvas.addEventListener('mousemove', function (event) {
        var r = hit(event);
        if (!r) { tip.style.display = 'none'; return; }
        var d = data.details[r[5]] || {};
        tip.textContent = hosts[r[0]] + '\n' + tasks[r[1]][1] + (tasks[r[1]][2] ? ' (handler)' : '') + '\n' + S[r[2]] + ' · ' + ms(r[4]) + ' from ' + ms(r[3]) + (d.msg ? '\n' + d.msg : '');
        tip.style.left = (event.clientX + 12) + 'px'; tip.style.top = (event.clientY + 12) + 'px'; tip.style.display = 'block';
      });
      canvas.addEventListener('mouseleave', function () { tip.style.display = 'none'; });
      filter.addEventListener('input', function () {
        var q = filter.value.toLowerCase();
        rows = q ? order.filter(function (h) { return hosts[h].toLowerCase().indexOf(q) >= 0; }) : order;
        wrap.scrollTop = 0;
        layout();
      });
      layout();
    }
  }
})();
`;
