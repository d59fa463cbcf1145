// Partner Center (I1-I4): the Link TikTok Account QR page polls its request until it settles
// (the linked account card, or the refusal with its rule and code); invitation rows poll their
// status until the creator answers.
(function () {
  const $ = (id) => document.getElementById(id);

  async function getJSON(url) {
    const resp = await fetch(url, { headers: { Accept: "application/json" } });
    return resp.json();
  }

  function linkPage(panel) {
    const words = JSON.parse(panel.dataset.words || "{}");
    const settled = new Set(["linked", "refused", "expired", "denied", "failed"]);

    function show(view) {
      const status = $("status");
      status.dataset.status = view.status;
      status.textContent = words[view.status] || view.status;
      $("qr-box").hidden = view.status !== "qr_shown" && view.status !== "scanned";
      $("restart").hidden = !["refused", "expired", "denied", "failed"].includes(view.status);
      const acc = view.account;
      if (acc && acc.open_id) {
        $("account").hidden = false;
        const avatar = $("acc-avatar");
        if (acc.avatar_url && avatar.getAttribute("src") !== acc.avatar_url) avatar.src = acc.avatar_url;
        avatar.alt = "Avatar of @" + (acc.username || "");
        $("acc-nick").textContent = acc.display_name || "—";
        $("acc-user").textContent = "@" + (acc.username || "");
      }
      const error = view.error;
      if (error) {
        $("refusal").hidden = false;
        $("refusal-rule-box").hidden = !error.rule;
        $("refusal-rule").textContent = error.rule || "";
        $("refusal-message").textContent = error.message || "";
        $("refusal-code").textContent = error.code || "";
        if (error.rule) status.textContent += " Rule " + error.rule + " is not met.";
      }
    }

    async function poll() {
      try {
        const view = await getJSON(panel.dataset.statusUrl);
        if (view.status) show(view);
        if (!settled.has(view.status)) setTimeout(poll, 1000);
      } catch (e) {
        setTimeout(poll, 2000);
      }
    }
    poll();
  }

  function invitationRow(row) {
    const settled = new Set(["accepted", "declined", "expired", "failed"]);
    async function poll() {
      try {
        const view = await getJSON(row.dataset.statusUrl);
        if (view.status) {
          row.dataset.status = view.status;
          row.querySelector(".inv-status").textContent = view.status;
        }
        if (!settled.has(view.status)) setTimeout(poll, 1000);
      } catch (e) {
        setTimeout(poll, 2000);
      }
    }
    if (!settled.has(row.dataset.status)) poll();
  }

  const panel = $("partner-link");
  if (panel) linkPage(panel);
  document.querySelectorAll("li.invitation[data-status-url]").forEach(invitationRow);
})();
