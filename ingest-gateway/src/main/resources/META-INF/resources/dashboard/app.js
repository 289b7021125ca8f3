// The live page of /dashboard. Every value that comes from events (page paths, product ids, entities,
// rules) is written with textContent, never parsed as markup. Data arrives by Server-Sent Events from
// /api/stream; when the stream cannot be opened (or stays silent) the page polls /api/* every 5 s.
(function () {
  'use strict';

  var POLL_MS = 5000;
  var SILENCE_MS = 12000;
  var STALE_AFTER_S = 30;
  var SETTLE_MS = 15000;
  var CARDS = ['page_views', 'clicks', 'add_to_cart', 'purchases', 'revenue', 'conversion_rate', 'unique_visitors',
    'sessions', 'bounce_rate', 'avg_session_duration_s', 'pages_per_session', 'open_sessions'];

  var newestUpdatedAt = null;
  var lastMessageAt = 0;
  var pollTimer = null;
  var source = null;
  // The newest breakdowns by dimension: the selector redraws from them without waiting for the next snapshot.
  var breakdowns = {};

  function $(id) { return document.getElementById(id); }

  function text(el, value) { el.textContent = value == null ? '' : String(value); }

  function format(field, value) {
    if (value == null) { return '—'; }
    if (field === 'revenue' || field === 'avg_order_value') { return Number(value).toFixed(2); }
    if (field === 'conversion_rate' || field === 'ctr' || field === 'cart_rate' || field === 'bounce_rate') {
      return (Number(value) * 100).toFixed(2) + ' %';
    }
    if (field === 'avg_session_duration_s') { return Number(value).toFixed(1) + ' s'; }
    if (field === 'pages_per_session') { return Number(value).toFixed(2); }
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

  function percent(part, whole) {
    return whole > 0 ? (part / whole * 100).toFixed(2) + ' %' : '—';
  }

  // The funnel as horizontal bars, each step's width relative to step 1, with the sessions that reached
  // the previous step (for step 1: the window's sessions) but not this one.
  function drawFunnel(steps) {
    var box = $('funnel');
    var rows = document.createDocumentFragment();
    var first = steps.length ? Number(steps[0].sessions) : 0;
    steps.forEach(function (s) {
      var sessions = Number(s.sessions);
      var dropOff = Number(s.drop_off);
      var row = document.createElement('div');
      row.className = 'funnel-step';
      row.setAttribute('role', 'listitem');
      row.setAttribute('data-step', String(s.step));
      row.setAttribute('data-sessions', String(sessions));
      row.setAttribute('data-drop-off', String(dropOff));
      var label = document.createElement('div');
      label.className = 'funnel-label';
      text(label, s.step + '. ' + s.step_name);
      var track = document.createElement('div');
      track.className = 'funnel-track';
      var bar = document.createElement('div');
      bar.className = 'funnel-bar';
      // CSSOM, not a style attribute: allowed by the page's style-src 'self'.
      bar.style.width = (first > 0 ? Math.min(100, sessions / first * 100) : 0).toFixed(1) + '%';
      track.appendChild(bar);
      var figures = document.createElement('div');
      var reached = document.createElement('span');
      reached.className = 'funnel-sessions';
      text(reached, sessions + ' (' + percent(sessions, first) + ')');
      var drop = document.createElement('span');
      drop.className = 'funnel-drop';
      text(drop, ' −' + dropOff + ' dropped (' + percent(dropOff, sessions + dropOff) + ')');
      figures.appendChild(reached);
      figures.appendChild(drop);
      row.appendChild(label);
      row.appendChild(track);
      row.appendChild(figures);
      rows.appendChild(row);
    });
    box.replaceChildren(rows);
    $('funnel-empty').hidden = steps.length > 0;
    text($('funnel-window'), steps.length ? steps[0].window_start + ' – ' + steps[0].window_end : '');
  }

  function drawBreakdown() {
    var dimension = $('breakdown-dimension').value;
    var items = breakdowns[dimension] || [];
    $('breakdown').setAttribute('data-dimension', dimension);
    fillTable('breakdown', items, [
      { value: function (d) { return d.rank; } }, { value: function (d) { return d.key; } },
      { value: function (d) { return d.page_views; }, className: function () { return 'num'; } },
      { value: function (d) { return d.clicks; }, className: function () { return 'num'; } },
      { value: function (d) { return d.add_to_cart; }, className: function () { return 'num'; } },
      { value: function (d) { return d.purchases; }, className: function () { return 'num'; } },
      { value: function (d) { return format('revenue', d.revenue); }, className: function () { return 'num'; } },
      { value: function (d) { return format('conversion_rate', d.conversion_rate); }, className: function () { return 'num'; } },
      { value: function (d) { return d.unique_visitors; }, className: function () { return 'num'; } }]);
    $('breakdown-empty').hidden = items.length > 0;
    text($('breakdown-window'), items.length ? items[0].window_start + ' – ' + items[0].window_end : '');
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
    drawFunnel(snapshot.funnel || []);
    breakdowns = snapshot.breakdowns || {};
    drawBreakdown();
    updateFreshness();
    // When the newest snapshot was drawn: scripts and tests can tell a drawn page from a waiting one.
    document.querySelector('main').setAttribute('data-generated-at', snapshot.generated_at || new Date().toISOString());
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
    // Polling asks for the selected dimension only; a change of the selector polls again at once.
    var dimension = $('breakdown-dimension').value;
    Promise.all([getJson('/api/kpis'), getJson('/api/top?dimension=page'), getJson('/api/top?dimension=product'),
      getJson('/api/alerts?size=10'), getJson('/api/funnel'), getJson('/api/breakdowns?dimension=' + encodeURIComponent(dimension))])
      .then(function (r) {
        var byDimension = {};
        byDimension[r[5].dimension] = r[5].items;
        render({ windows: r[0].windows, top_pages: r[1].items, top_products: r[2].items, alerts: r[3].alerts,
          funnel: r[4].steps, breakdowns: byDimension });
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

  $('breakdown-dimension').addEventListener('change', function () {
    drawBreakdown();
    if (pollTimer) { pollOnce(); }
  });

  setInterval(function () {
    updateFreshness();
    if (!pollTimer && Date.now() - lastMessageAt > SILENCE_MS) { startPolling('stream silent'); }
  }, 1000);

  startStream();
}());
