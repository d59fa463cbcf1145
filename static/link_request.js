// Seller Center's QR page: poll the link request until it settles, then show what happened.
(function () {
  const panel = document.getElementById("qr-panel");
  if (!panel) return;
  const url = panel.dataset.statusUrl;
  const words = {
    qr_shown: "Waiting for the TikTok app to scan the QR code…",
    scanned: "Scanned. Waiting for Authorize in the TikTok app…",
    checking: "Checking the account…",
    ready: "The account passed every check. Link it?",
    refused: "This account cannot be linked.",
    in_progress: "Linking in progress.",
    linked: "Linked.",
    expired: "The QR code expired. Start again for a new one.",
    denied: "The TikTok app cancelled the authorization.",
    cancelled: "Cancelled.",
    failed: "Something went wrong while checking the account.",
  };
  const settled = new Set(["ready", "refused", "in_progress", "linked", "expired", "denied", "cancelled", "failed"]);
  const $ = (id) => document.getElementById(id);
  function show(view) {
    const status = $("status");
    status.dataset.status = view.status;
    status.textContent = words[view.status] || view.status;
    const acc = view.account;
    if (acc && acc.open_id) {
      $("account").hidden = false;
      $("acc-avatar").src = acc.avatar_url || "";
      $("acc-nick").textContent = acc.display_name || "";
      $("acc-user").textContent = "@" + (acc.username || "");
      $("acc-phone").textContent = "Phone " + (acc.phone_number || "—");
      $("acc-time").textContent = "Authorized " + new Date(view.updated_at).toUTCString();
    }
    if (view.status !== "qr_shown" && view.status !== "scanned") $("qr-box").hidden = true;
    $("confirm-form").hidden = view.status !== "ready";
    if (view.error) {
      const e = $("refusal");
      e.hidden = false;
      e.textContent = view.error.message + (view.error.rule ? " (rule " + view.error.rule + ", " + view.error.code + ")" : "");
    }
    if (view.status === "in_progress" && view.error == null) {
      status.textContent = words.in_progress;
    }
  }
  async function poll() {
    try {
      const resp = await fetch(url, { headers: { Accept: "application/json" } });
      const view = await resp.json();
      if (view.status) show(view);
      if (!settled.has(view.status)) setTimeout(poll, 1000);
    } catch (e) {
      setTimeout(poll, 2000);
    }
  }
  poll();
})();
