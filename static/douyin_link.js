// Douyin Shop's QR page (J4): poll the binding request until it settles; show the account and
// its case prompt with "Confirm binding", or the refusal with its rule and code.
(function () {
  const panel = document.getElementById("dy-panel");
  if (!panel) return;
  const words = JSON.parse(panel.dataset.words || "{}");
  const refusals = JSON.parse(panel.dataset.refusals || "{}");
  const settled = new Set(["ready", "refused", "in_progress", "linked", "expired", "denied", "cancelled", "failed"]);
  const $ = (id) => document.getElementById(id);

  function show(view) {
    const status = $("status");
    status.dataset.status = view.status;
    status.textContent = words[view.status] || view.status;
    $("qr-box").hidden = view.status !== "qr_shown" && view.status !== "scanned";
    const acc = view.account;
    if (acc && acc.open_id) {
      $("account").hidden = false;
      $("acc-nick").textContent = acc.display_name || "—";
      $("acc-user").textContent = "@" + (acc.username || "");
      document.querySelectorAll(".case-prompt").forEach((el) => {
        el.hidden = String(acc.douyin_case) !== el.dataset.case;
      });
      $("account").dataset.case = acc.douyin_case || "";
    }
    $("confirm-form").hidden = view.status !== "ready";
    $("restart").hidden = !["refused", "expired", "denied", "cancelled", "failed"].includes(view.status);
    if (view.error) {
      $("refusal").hidden = false;
      $("refusal").dataset.code = view.error.code || "";
      $("refusal-rule").textContent = view.error.rule || "—";
      $("refusal-message").textContent = refusals[view.error.code] || view.error.message || "";
      $("refusal-code").textContent = view.error.code || "";
    }
  }

  async function poll() {
    try {
      const resp = await fetch(panel.dataset.statusUrl, { headers: { Accept: "application/json" } });
      const view = await resp.json();
      if (view.status) show(view);
      if (!settled.has(view.status)) setTimeout(poll, 1000);
    } catch (e) {
      setTimeout(poll, 2000);
    }
  }
  poll();
})();
