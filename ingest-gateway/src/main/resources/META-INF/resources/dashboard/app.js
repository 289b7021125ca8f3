// The live page of /dashboard. Every value that comes from events (page paths, product ids, entities,
// rules) is written with textContent, never parsed as markup. Data arrives by Server-Sent Events from
// /api/stream; when the stream cannot be opened (or stays silent) the page polls /api/* every 5 s.
(function () {
  'use strict';

  var POLL_MS = 5000;
  var SILENCE_MS = 12000;
  var STALE_AFTER_S = 30;
  var SETTLE_MS = 15000;
  var CARDS = ['page_views', 'clicks', 'add_to_cart', 'purchases', 'revenue', 'conversion_rate', 'unique_visitors'];

  var newestUpdatedAt = null;
  var lastMessageAt = 0;
  var pollTimer = null;
  var source = null;

  function $(id) { return document.getElementById(id); }

  function text(el, value) { el.textContent = value == null ? '' : String(value); }

  function format(field, value) {
    if (value == null) { return '—'; }
    if (field === 'revenue' || field === 'avg_order_value') { return Number(value).toFixed(2); }
    if (field === 'conversion_rate' || field === 'ctr' || field === 'cart_rate') { return (Number(value) * 100).toFixed(2) + ' %'; }
    return String(value);
  }

  function cell(row, value, className) {
    var td = document.createElement('td');
    text(td, value);
    if (className) { td.className = className; }
    row.appendChild(td);
    return td;
  }

  function fillTable(id, items, columns) {
    var body = $(id).querySelector('tbody');
    var rows = document.createDocumentFragment();
    items.forEach(function (item) {
      var tr = document.createElement('tr');
      columns.forEach(function (c) { cell(tr, c.value(item), c.className ? c.className(item) : null); });
      rows.appendChild(tr);
    });
    body.replaceChildren(rows);
  }

  function chart(id, series) {
    var el = $(id);
    var opts = {
      width: Math.max(300, el.clientWidth || 560), height: 220,
      scales: { x: { time: true } },
      series: [{}].concat(series.map(function (s) { return { label: s.label, stroke: s.color, width: 2 }; })),
      axes: [{}, { size: 80 }]
    };
    return new uPlot(opts, [[]].concat(series.map(function () { return []; })), el);
  }

  var eventsChart = null;
  var revenueChart = null;

  function drawCharts(windows) {
    if (typeof uPlot === 'undefined') { return; }
    if (!eventsChart) {
      eventsChart = chart('chart-events', [
        { label: 'page views', color: '#2e6bd9' }, { label: 'clicks', color: '#1f8a4c' },
        { label: 'add to cart', color: '#b54708' }, { label: 'purchases', color: '#7a2ed9' }]);
      revenueChart = chart('chart-revenue', [{ label: 'revenue', color: '#1d2330' }]);
    }
    var ordered = windows.slice().reverse();
    var xs = ordered.map(function (w) { return Date.parse(w.window_start) / 1000; });
    function col(f) { return ordered.map(function (w) { return w[f]; }); }
    eventsChart.setData([xs, col('page_views'), col('clicks'), col('add_to_cart'), col('purchases')]);
    revenueChart.setData([xs, col('revenue')]);
  }

  function render(snapshot) {
    lastMessageAt = Date.now();
    var problem = $('problem');
    if (snapshot.problem) {
      text(problem, snapshot.problem.title + ': ' + snapshot.problem.detail);
      problem.hidden = false;
      return;
    }
    problem.hidden = true;
    var windows = snapshot.windows || [];
    // A window still in progress holds only part of its minute, and one that just ended may still lack
    // the events of its last seconds (the job writes within a few seconds): the cards and charts show
    // windows ended at least SETTLE_MS ago, and the newest in progress only until one has.
    var now = snapshot.generated_at ? Date.parse(snapshot.generated_at) : Date.now();
    var ended = windows.filter(function (w) { return Date.parse(w.window_end) <= now - SETTLE_MS; });
    var shown = ended.length ? ended : windows.slice(0, 1);
    var newest = shown[0];
    if (newest) {
      CARDS.forEach(function (f) {
        var el = $('kpi-' + f);
        text(el, format(f, newest[f]));
        el.setAttribute('data-value', newest[f] == null ? '' : String(newest[f]));
      });
      var label = $('window');
      text(label, newest.window_start + ' – ' + newest.window_end + (ended.length ? '' : ' (in progress)'));
      label.setAttribute('data-window-start', newest.window_start);
    }
    if (windows[0]) {
      newestUpdatedAt = Date.parse(windows[0].updated_at);
    }
    drawCharts(shown);
    fillTable('top-pages', snapshot.top_pages || [], [
      { value: function (d) { return d.rank; } }, { value: function (d) { return d.key; } },
      { value: function (d) { return d.count; }, className: function () { return 'num'; } }]);
    fillTable('top-products', snapshot.top_products || [], [
      { value: function (d) { return d.rank; } }, { value: function (d) { return d.key; } },
      { value: function (d) { return d.count; }, className: function () { return 'num'; } },
      { value: function (d) { return format('revenue', d.revenue); }, className: function () { return 'num'; } }]);
    fillTable('alerts', snapshot.alerts || [], [
      { value: function (d) { return d.updated_at; } }, { value: function (d) { return d.rule; } },
      { value: function (d) { return d.severity; }, className: function (d) { return 'severity-' + d.severity; } },
      { value: function (d) { return d.entity; } },
      { value: function (d) { return d.observed + ' / ' + d.threshold; } }]);
    updateFreshness();
  }

  function updateFreshness() {
    var el = $('freshness');
    if (newestUpdatedAt == null) { return; }
    var age = Math.max(0, Math.round((Date.now() - newestUpdatedAt) / 1000));
    text(el, 'newest window updated ' + age + ' s ago');
    el.setAttribute('data-age-seconds', String(age));
    el.className = age > STALE_AFTER_S ? 'stale' : 'fresh';
  }

  function getJson(path) {
    return fetch(path, { headers: { Accept: 'application/json' } }).then(function (r) {
      return r.json().then(function (body) {
        if (!r.ok) { throw body; }
        return body;
      });
    });
  }

  function pollOnce() {
    Promise.all([getJson('/api/kpis'), getJson('/api/top?dimension=page'), getJson('/api/top?dimension=product'),
      getJson('/api/alerts?size=10')])
      .then(function (r) {
        render({ windows: r[0].windows, top_pages: r[1].items, top_products: r[2].items, alerts: r[3].alerts });
      })
      .catch(function (problem) {
        render({ problem: problem && problem.title ? problem : { title: 'Unavailable', detail: String(problem) } });
      });
  }

  function startPolling(reason) {
    if (pollTimer) { return; }
    if (source) { source.close(); source = null; }
    text($('mode'), 'polling every 5 s (' + reason + ')');
    pollOnce();
    pollTimer = setInterval(pollOnce, POLL_MS);
  }

  function startStream() {
    if (typeof EventSource === 'undefined') { startPolling('no EventSource'); return; }
    source = new EventSource('/api/stream');
    source.onopen = function () { text($('mode'), 'live (Server-Sent Events)'); };
    source.onmessage = function (e) { render(JSON.parse(e.data)); };
    source.onerror = function () {
      if (source && source.readyState === EventSource.CLOSED) { startPolling('stream refused'); }
    };
    lastMessageAt = Date.now();
  }

  setInterval(function () {
    updateFreshness();
    if (!pollTimer && Date.now() - lastMessageAt > SILENCE_MS) { startPolling('stream silent'); }
  }, 1000);

  startStream();
}());
