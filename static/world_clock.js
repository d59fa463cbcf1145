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
    stateEl.textContent = frozen ? "frozen" : "running";
    if (freezeBtn) freezeBtn.textContent = frozen ? "Unfreeze" : "Freeze";
  }
  function refresh() {
    fetch(el.dataset.stateUrl, {headers: {"Accept": "application/json"}, credentials: "same-origin"})
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (state) { if (state && state.now) show(state); })
      .catch(function () {});
  }
  function summary(body) {
    var counts = {}, order = [];
    (body.fired || []).forEach(function (e) {
      if (!(e.type in counts)) { counts[e.type] = 0; order.push(e.type); }
      counts[e.type] += 1;
    });
    if (!body.fired_count) return "Nothing fell due.";
    var items = order.map(function (t) { return t + (counts[t] > 1 ? " ×" + counts[t] : ""); });
    return "Fired " + body.fired_count + ": " + items.join(", ") + (body.fired_truncated ? ", …" : "");
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
        if (answer.error) { firedEl.textContent = answer.error.message || answer.error.code; return; }
        show(answer);
        firedEl.textContent = "advance" in body ? summary(answer) : (answer.frozen ? "Frozen." : "Running.");
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
