// The world-clock widget (templates: world_clock.html): shows the world's time, ticking when it
// runs; operators move it (+2 min … +15 days, a free duration, freeze) and see what fired.
(function () {
  "use strict";
  var el = document.getElementById("world-clock");
  if (!el) return;
  var MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
  var nowEl = document.getElementById("world-clock-now");
  var stateEl = document.getElementById("world-clock-state");
  var firedEl = document.getElementById("world-clock-fired");
  var freezeBtn = document.getElementById("world-clock-freeze");
  var base = Date.parse(el.dataset.now), loadedAt = Date.now();
  var frozen = el.dataset.frozen === "true";
  var words = {};
  try { words = JSON.parse(el.dataset.words || "{}"); } catch (e) { words = {}; }
  // The page's words (data-words, e.g. Chinese on the Douyin backend), {n} filled in.
  function word(key, n) { return (words[key] || key).replace("{n}", String(n)); }

  function pad(n) { return (n < 10 ? "0" : "") + n; }
  function human(ms) {
    var d = new Date(ms);
    return d.getUTCDate() + " " + MONTHS[d.getUTCMonth()] + " " + d.getUTCFullYear() + " " +
      pad(d.getUTCHours()) + ":" + pad(d.getUTCMinutes()) + " UTC";
  }
  function show(state) {
    base = Date.parse(state.now); loadedAt = Date.now(); frozen = !!state.frozen;
    el.dataset.now = state.now; el.dataset.frozen = String(frozen);
    render();
  }
  function render() {
    var ms = frozen ? base : base + (Date.now() - loadedAt);
    nowEl.textContent = human(ms);
    nowEl.setAttribute("datetime", new Date(ms).toISOString());
    stateEl.textContent = word(frozen ? "frozen" : "running");
    if (freezeBtn) freezeBtn.textContent = word(frozen ? "Unfreeze" : "Freeze");
  }
  function refresh() {
    fetch(el.dataset.stateUrl, {headers: {"Accept": "application/json"}, credentials: "same-origin"})
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (state) { if (state && state.now) show(state); })
      .catch(function () {});
  }
  // Every change the move's due jobs made (`changes`, in words, from the server), or why none.
  function summary(body) {
    var changes = body.changes || [];
    if (!body.fired_count) {
      return body.jobs_fired ? word("{n} due job(s) ran; nothing changed.", body.jobs_fired)
        : word("Nothing fell due.");
    }
    var box = document.createDocumentFragment(), head = document.createElement("span");
    head.className = "wc-fired-count";
    head.textContent = body.fired_count === 1 ? word("1 change:") : word("{n} changes:", body.fired_count);
    var list = document.createElement("ul");
    list.className = "wc-changes";
    changes.forEach(function (line) {
      var item = document.createElement("li");
      item.textContent = line;
      list.appendChild(item);
    });
    box.appendChild(head); box.appendChild(list);
    return box;
  }
  function say(what) {
    firedEl.textContent = "";
    if (typeof what === "string") firedEl.textContent = what; else firedEl.appendChild(what);
  }
  function move(body) {
    var headers = {"Content-Type": "application/json", "Accept": "application/json"};
    if (el.dataset.csrf) headers["X-CSRFToken"] = el.dataset.csrf;
    firedEl.textContent = "…";
    fetch(el.dataset.controlUrl, {method: "POST", headers: headers, credentials: "same-origin",
                                  body: JSON.stringify(body)})
      .then(function (r) {
        return r.json().catch(function () { return {error: {message: "HTTP " + r.status}}; });
      })
      .then(function (answer) {
        if (answer.error) { say(answer.error.message || answer.error.code); return; }
        show(answer);
        say("advance" in body ? summary(answer) : word(answer.frozen ? "Frozen." : "Running."));
      })
      .catch(function (err) { firedEl.textContent = String(err); });
  }
  el.addEventListener("click", function (ev) {
    var btn = ev.target.closest("[data-advance]");
    if (btn) move({advance: btn.dataset.advance});
    else if (ev.target.closest("[data-freeze]")) move({freeze: !frozen});
  });
  var free = document.getElementById("world-clock-free");
  if (free) free.addEventListener("submit", function (ev) {
    ev.preventDefault();
    var raw = free.elements.duration.value.trim();
    if (!raw) return;
    move({advance: /^\d+(\.\d+)?$/.test(raw) ? Number(raw) : raw});
  });
  setInterval(render, 1000);
  setInterval(refresh, 30000);
})();
