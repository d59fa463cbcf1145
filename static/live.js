// Live pages: ONE long poll of the logged-in user's world event log. A page includes
//   <script src="/static/live.js" data-live-types="invitation.,link." data-live-after="{{ live_after() }}" defer></script>
// (or puts the data- attributes on <body>); when an event whose type starts with a listed prefix
// arrives, the page fetches its own URL again and swaps <main> (scroll kept), pausing while a
// form field is focused; what the user typed and has not sent is carried into the fresh <main>.
(function () {
  "use strict";
  if (window.__sandboxLive) return;
  window.__sandboxLive = true;
  var script = document.currentScript || document.querySelector("script[data-live-types]");
  var conf = function (name) {
    return (script && script.getAttribute(name)) || document.body.getAttribute(name) || "";
  };
  var types = conf("data-live-types");
  var after = parseInt(conf("data-live-after"), 10) || 0;
  var feed = conf("data-live-url") || (location.pathname.indexOf("/phone") === 0
    ? "/phone/live/events" : "/live/events");
  var pending = false, refreshing = false, failures = 0;

  function typing() {
    var el = document.activeElement;
    if (!el || !el.form && !/^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName)) return false;
    return !/^(button|submit|reset|hidden|checkbox|radio)$/.test(el.type || "");
  }

  // Fields whose value the user changed and has not sent (a form filled, then a click away).
  function edits(root) {
    var kept = [];
    Array.prototype.forEach.call(root.querySelectorAll("input, textarea, select"), function (el) {
      if (!el.name || el.type === "hidden") return;
      var toggle = el.type === "checkbox" || el.type === "radio";
      var changed = toggle ? el.checked !== el.defaultChecked
        : el.tagName === "SELECT" ? Array.prototype.some.call(el.options, function (o) {
          return o.selected !== o.defaultSelected; })
        : el.value !== el.defaultValue;
      if (changed) kept.push({form: el.form ? el.form.id : "", name: el.name, value: el.value,
                              toggle: toggle, checked: el.checked});
    });
    return kept;
  }

  function restore(root, kept) {
    kept.forEach(function (k) {
      var scope = k.form ? root.querySelector("form#" + CSS.escape(k.form)) : root;
      var which = "[name='" + CSS.escape(k.name) + "']" +
        (k.toggle ? "[value='" + CSS.escape(k.value) + "']" : "");
      var el = scope && scope.querySelector(which);
      if (!el) return;
      if (k.toggle) el.checked = k.checked; else el.value = k.value;
    });
  }

  function cursorOf(doc) {
    var el = doc.querySelector("[data-live-after]");
    return el ? parseInt(el.getAttribute("data-live-after"), 10) || 0 : 0;
  }

  function refresh() {
    if (typing() || refreshing) { pending = true; return Promise.resolve(); }
    pending = false; refreshing = true;
    return fetch(location.href, {credentials: "same-origin", headers: {"X-Live-Refresh": "1"}})
      .then(function (resp) {
        if (!resp.ok || resp.url.split("#")[0] !== location.href.split("#")[0]) {
          throw new Error("moved");
        }
        return resp.text();
      })
      .then(function (html) {
        var doc = new DOMParser().parseFromString(html, "text/html");
        var fresh = doc.querySelector("main"), here = document.querySelector("main");
        if (!fresh || !here) throw new Error("no main");
        if (typing()) { pending = true; return; }  // the user started typing meanwhile
        var x = window.scrollX, y = window.scrollY, kept = edits(here);
        here.innerHTML = fresh.innerHTML;
        restore(here, kept);
        if (doc.title) document.title = doc.title;
        window.scrollTo(x, y);
        after = Math.max(after, cursorOf(doc));
        document.dispatchEvent(new CustomEvent("live:refreshed"));
      })
      // Load the page again by GET (never reload(): a page shown after a POST would post again).
      .catch(function () { location.replace(location.href.split("#")[0]); })
      .then(function () { refreshing = false; if (pending) return refresh(); });
  }

  function poll() {
    var started = Date.now();
    var url = feed + "?wait=25&after=" + after + "&types=" + encodeURIComponent(types);
    fetch(url, {credentials: "same-origin", headers: {"Accept": "application/json"}})
      .then(function (resp) {
        if (resp.status === 401) throw new Error("stop");
        if (!resp.ok) throw new Error("retry");
        return resp.json();
      })
      .then(function (body) {
        failures = 0;
        after = Math.max(after, body.last_seq || 0);
        if (body.events && body.events.length) return refresh().then(function () { poll(); });
        // An answer at once with nothing new (the server holds few polls): wait a little.
        setTimeout(poll, Date.now() - started < 1000 ? 2000 : 0);
      })
      .catch(function (err) {
        if (err && err.message === "stop") return;
        failures += 1;
        setTimeout(poll, Math.min(30000, 1000 * Math.pow(2, failures)));
      });
  }

  document.addEventListener("focusout", function () {
    setTimeout(function () { if (pending && !typing()) refresh(); }, 0);
  });
  poll();
})();
