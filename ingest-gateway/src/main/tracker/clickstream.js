/*! Clickstream tracker: page views (single-page apps too), clicks, track(), identify(); batched, retried, sendBeacon on page hide. */
// Served minified at GET /sdk/clickstream.js (build.mjs; the build fails past 2560 bytes gzipped).
// It posts the gateway's own contract: POST {host}/v1/events?writeKey=…, a JSON array as text/plain
// (a CORS-safelisted type, so neither fetch nor sendBeacon needs a preflight). The README of
// ingest-gateway documents the options and the API.
(function (w, d) {
  'use strict';
  var nav = navigator;
  var loc = location;
  var script = d.currentScript || {};
  var data = script.dataset || {};
  var cfg = {
    host: script.src ? new URL(script.src).origin : loc.origin,
    clickSelector: 'a,button,[data-track]',
    autoPageviews: true,
    flushInterval: 1000,
    batchSize: 20,
    sessionMinutes: 30
  };
  var queue = [];
  var timer = 0;
  var attempt = 0;
  var started = 0;
  var lastUrl = '';
  var store;
  var anonymousId;
  var userId;
  var k;

  // data-write-key="k" → cfg.writeKey = "k"; "true"/"false" are booleans, numbers only for numeric
  // options (a write key such as "0123" stays text).
  for (k in data) {
    var v = data[k];
    cfg[k] = v == 'true' ? true : v == 'false' ? false : typeof cfg[k] == 'number' ? +v : v;
  }

  try {
    store = w.localStorage;
    store.setItem('cs_t', 1);
    store.removeItem('cs_t');
  } catch (e) {
    store = 0; // private mode or storage blocked: a first-party cookie holds the ids instead
  }

  function get(key) {
    if (store) return store.getItem(key);
    var m = d.cookie.match('(?:^|; )' + key + '=([^;]*)');
    return m && decodeURIComponent(m[1]);
  }

  function set(key, value) {
    if (store) store.setItem(key, value);
    else d.cookie = key + '=' + encodeURIComponent(value) + ';path=/;max-age=31536000;samesite=lax';
  }

  // crypto.randomUUID exists only in secure contexts (https, localhost); getRandomValues everywhere.
  function uuid() {
    var c = w.crypto;
    return c && c.randomUUID ? c.randomUUID() : '10000000-1000-4000-8000-100000000000'.replace(/[018]/g, function (x) {
      return (x ^ (c ? c.getRandomValues(new Uint8Array(1))[0] : Math.random() * 256) & 15 >> x / 4).toString(16);
    });
  }

  // "<id>.<last activity ms>": a new id after sessionMinutes without an event.
  function session() {
    var now = Date.now();
    var s = (get('cs_sid') || '').split('.');
    if (!s[1] || now - s[1] > cfg.sessionMinutes * 6e4) s[0] = uuid();
    set('cs_sid', s[0] + '.' + now);
    return s[0];
  }

  function pageInfo(full) {
    var p = { url: loc.href.slice(0, 2048), path: loc.pathname.slice(0, 1024) };
    if (full) {
      p.referrer = (lastUrl || d.referrer).slice(0, 2048) || undefined;
      p.title = d.title.slice(0, 1024) || undefined;
    }
    return p;
  }

  // Debug only: what happened to each event, in sessionStorage so that it outlives a navigation.
  function note(batch, field, value) {
    if (!cfg.debug) return;
    var ss = w.sessionStorage;
    var log = JSON.parse(ss.getItem('cs_debug') || '{}');
    batch.forEach(function (e) {
      var entry = log[e.event_id] = log[e.event_id] || { type: e.type, key: e.user_id || e.anonymous_id };
      entry[field] = value;
    });
    ss.setItem('cs_debug', JSON.stringify(log));
  }

  function track(type, fields) {
    if (!started || cfg.off) return;
    var e = {
      event_id: uuid(),
      type: type,
      ts: new Date().toISOString(),
      anonymous_id: anonymousId,
      session_id: session(),
      page: pageInfo(),
      context: { locale: nav.language, screen: screen.width + 'x' + screen.height, user_agent: nav.userAgent }
    };
    if (userId) e.user_id = userId;
    for (k in fields) e[k] = fields[k];
    queue.push(e);
    note([e], 'via', '');
    if (queue.length >= cfg.batchSize) send();
    else if (!timer) timer = setTimeout(send, cfg.flushInterval);
    return e.event_id;
  }

  function pageView() {
    // After the router's own code ran, so that the title is the new page's.
    setTimeout(function () {
      if (loc.href != lastUrl) {
        track('page_view', { page: pageInfo(1) });
        lastUrl = loc.href;
      }
    });
  }

  function url() {
    return cfg.host + '/v1/events' + (cfg.writeKey ? '?writeKey=' + encodeURIComponent(cfg.writeKey) : '');
  }

  // Every queued event leaves in batches: by sendBeacon when the page is hidden (the browser delivers
  // it after the page is gone), else by a keepalive fetch whose answer says what happened to each.
  function send(beacon) {
    clearTimeout(timer);
    timer = 0;
    while (queue.length) {
      var batch = queue.splice(0, cfg.batchSize);
      var now = new Date().toISOString();
      batch.forEach(function (e) {
        e.sent_at = now;
      });
      var body = JSON.stringify(batch);
      if (beacon && nav.sendBeacon && nav.sendBeacon(url(), body)) {
        note(batch, 'via', 'beacon');
      } else {
        note(batch, 'via', 'fetch');
        post(body, batch);
      }
    }
  }

  function post(body, batch) {
    fetch(url(), { method: 'POST', body: body, keepalive: true }).then(function (r) {
      var retryAfter = r.headers.get('Retry-After');
      return r.json().then(function (j) {
        done(batch, r.status, j, retryAfter);
      }, function () {
        done(batch, r.status, {}, retryAfter);
      });
    }, function () {
      done(batch, 0, {});
    });
  }

  // Only what the gateway did not store is sent again: on a network error, 429 or 5xx, the events
  // without a per-event result or marked "unknown". Accepted, duplicate, dropped and rejected events
  // (and whole-request 4xx answers) are final. The wait doubles from 1 s up to 30 s, or is the
  // answer's Retry-After (seconds) when that is longer.
  function done(batch, status, answer, retryAfter) {
    var results = answer.results || [];
    var retry = batch.filter(function (e, i) {
      var s = (results[i] || {}).status;
      note([e], 'status', s || status);
      return (!status || status == 429 || status > 499) && (!s || s == 'unknown');
    });
    if (retry.length) {
      queue = retry.concat(queue);
      clearTimeout(timer);
      timer = setTimeout(send, Math.max(retryAfter * 1e3 || 0,
        Math.min(3e4, 1e3 * Math.pow(2, attempt++)) * (0.5 + Math.random() / 2)));
    } else {
      attempt = 0;
    }
  }

  function hidden() {
    send(1);
  }

  function start() {
    if (started) return;
    started = 1;
    cfg.off = cfg.respectDnt && (nav.doNotTrack == '1' || w.doNotTrack == '1' || nav.globalPrivacyControl);
    if (cfg.off) return;
    anonymousId = get('cs_aid') || uuid();
    set('cs_aid', anonymousId);
    userId = get('cs_uid');
    d.addEventListener('visibilitychange', function () {
      if (d.visibilityState == 'hidden') hidden();
    });
    w.addEventListener('pagehide', hidden);
    d.addEventListener('click', function (ev) {
      var el = cfg.clickSelector && ev.target.closest && ev.target.closest(cfg.clickSelector);
      var cls = el && typeof el.className == 'string' && el.className.trim();
      if (el) {
        track('click', {
          element: (el.getAttribute('data-track') || (el.id ? '#' + el.id
            : el.tagName.toLowerCase() + (cls ? '.' + cls.split(/\s+/).join('.') : ''))).slice(0, 256)
        });
      }
    }, true);
    if (cfg.autoPageviews) {
      ['pushState', 'replaceState'].forEach(function (name) {
        var original = history[name];
        history[name] = function () {
          var result = original.apply(this, arguments);
          pageView();
          return result;
        };
      });
      w.addEventListener('popstate', pageView);
      w.addEventListener('hashchange', pageView);
      pageView();
    }
  }

  w.clickstream = {
    init: function (options) {
      for (k in options) cfg[k] = options[k];
      start();
    },
    track: track,
    page: function () {
      track('page_view', { page: pageInfo(1) });
    },
    identify: function (id) {
      userId = id ? '' + id : '';
      set('cs_uid', userId);
    },
    flush: send
  };
  if (cfg.manual == null) start();
})(window, document);
