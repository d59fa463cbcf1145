// Seller Center's QR page (D1-D4): poll the link request until it settles and show each step
// as it happens: QR shown -> scanned -> authorized and checked -> the account card -> "Link this
// account", or the refusal naming its rule and code.
(function () {
  const panel = document.getElementById("qr-panel");
  if (!panel) return;
  const url = panel.dataset.statusUrl;
  const words = JSON.parse(panel.dataset.words || "{}");
  const settled = new Set(["ready", "refused", "in_progress", "linked", "expired", "denied", "cancelled", "failed"]);
  // Per status: the steps done, the step now under way, and a step that failed.
  const STEPS = ["scan", "authorize", "check", "link"];
  const progress = {
    qr_shown: { done: 0, current: "scan" },
    scanned: { done: 1, current: "authorize" },
    checking: { done: 2, current: "check" },
    ready: { done: 3, current: "link" },
    refused: { done: 2, failed: "check" },
    failed: { done: 2, failed: "check" },
    in_progress: { done: 3, held: "link" },
    linked: { done: 4 },
    denied: { done: 1, failed: "authorize" },
    expired: { done: 0, failed: "scan" },
    cancelled: { done: 0, failed: "scan" },
  };
  const $ = (id) => document.getElementById(id);

  // World time as "YYYY-MM-DD HH:MM:SS UTC" (the same style as the rest of Seller Center).
  function utc(iso) {
    const d = new Date(iso);
    if (isNaN(d)) return iso || "";
    return d.toISOString().slice(0, 19).replace("T", " ") + " UTC";
  }

  function showSteps(view) {
    const p = progress[view.status];
    if (!p) return;
    const time = utc(view.updated_at).slice(11, 19);
    STEPS.forEach((name, i) => {
      const li = document.querySelector('#stepper li[data-step="' + name + '"]');
      if (!li) return;
      const wasDone = li.classList.contains("done");
      li.classList.toggle("done", i < p.done);
      li.classList.toggle("current", name === p.current);
      li.classList.toggle("failed", name === p.failed);
      li.classList.toggle("held", name === p.held);
      const stamp = li.querySelector("time");
      if (stamp && (i < p.done || name === p.failed) && !wasDone && !stamp.textContent) {
        stamp.textContent = time;
      }
    });
  }

  function showAccount(view) {
    const acc = view.account;
    if (!acc || !acc.open_id) return;
    $("account").hidden = false;
    const avatar = $("acc-avatar");
    if (acc.avatar_url && avatar.getAttribute("src") !== acc.avatar_url) avatar.src = acc.avatar_url;
    avatar.alt = "Avatar of @" + (acc.username || "");
    $("acc-nick").textContent = acc.display_name || "—";
    $("acc-user").textContent = "@" + (acc.username || "");
    $("acc-phone").textContent = acc.phone_number || "none on the account";
    $("acc-time").textContent = utc(view.updated_at);
    $("acc-followers").textContent =
      acc.follower_count == null ? "—" : Number(acc.follower_count).toLocaleString("en-US");
  }

  function showRefusal(error) {
    const box = $("refusal");
    box.hidden = false;
    $("refusal-rule").textContent = error.rule || "—";
    $("refusal-rule").hidden = !error.rule;
    $("refusal-message").textContent = error.message || "";
    $("refusal-code").textContent = error.code || "";
    if (!error.rule) {
      box.querySelector(".refusal-title").textContent = "Not linked";
    }
    const others = (error.all || []).filter((r) => r.code !== error.code);
    $("refusal-more").hidden = others.length === 0;
    $("refusal-others").replaceChildren(...others.map((r) => {
      const li = document.createElement("li");
      li.textContent = "rule " + r.rule + " (" + r.code + ")";
      return li;
    }));
  }

  function show(view) {
    const status = $("status");
    status.dataset.status = view.status;
    status.textContent = words[view.status] || view.status;
    showSteps(view);
    showAccount(view);
    $("qr-box").hidden = view.status !== "qr_shown" && view.status !== "scanned";
    $("confirm-form").hidden = view.status !== "ready";
    $("in-progress-note").hidden = view.status !== "in_progress";
    $("restart").hidden = !["refused", "expired", "denied", "cancelled", "failed"].includes(view.status);
    if (view.error) {
      showRefusal(view.error);
      if (view.error.rule) status.textContent += " Rule " + view.error.rule + " is not met.";
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
