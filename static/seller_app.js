// The Seller app's link page (D5): poll the request once a second; reload when its status moves.
(function () {
  const box = document.getElementById("app-request");
  if (!box) return;
  const settled = new Set(["ready", "refused", "in_progress", "linked", "expired", "denied", "cancelled", "failed"]);
  if (settled.has(box.dataset.status)) return;
  async function poll() {
    try {
      const resp = await fetch(box.dataset.statusUrl, { headers: { Accept: "application/json" } });
      const body = await resp.json();
      if (body.status && body.status !== box.dataset.status) { location.reload(); return; }
    } catch (e) { /* try again */ }
    setTimeout(poll, 1000);
  }
  setTimeout(poll, 1000);
})();
