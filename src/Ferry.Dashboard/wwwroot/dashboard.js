// The operator dashboard: reads and drives runs through the HTTP API with the user's bearer token. The API checks
// every call against the caller's role; the page only hides the buttons a role may not use.
(() => {
  "use strict";
  const state = { token: null, roles: [], selected: null, msal: null, scope: null };
  const $ = (id) => document.getElementById(id);
  const el = (tag, attrs = {}, ...children) => {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs)) {
      if (k === "class") node.className = v; else if (k.startsWith("on")) node.addEventListener(k.slice(2), v); else node.setAttribute(k, v);
    }
    for (const c of children) node.append(c instanceof Node ? c : document.createTextNode(c ?? ""));
    return node;
  };
  const fmt = (n) => (n ?? 0).toLocaleString("en-US");
  const isOperator = () => state.roles.includes("Migration.Operator");

  async function token() {
    if (state.msal) {
      const account = state.msal.getAllAccounts()[0];
      const result = await state.msal.acquireTokenSilent({ account, scopes: [state.scope] });
      return result.accessToken;
    }
    return state.token;
  }

  async function api(method, path, body) {
    const response = await fetch(path, {
      method,
      headers: { Authorization: `Bearer ${await token()}`, ...(body ? { "Content-Type": "application/json" } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await response.text();
    const data = text ? JSON.parse(text) : null;
    if (!response.ok) throw new Error(data?.detail || data?.title || `${method} ${path}: ${response.status}`);
    return data;
  }

  function rolesOf(jwt) {
    try {
      const payload = JSON.parse(atob(jwt.split(".")[1].replace(/-/g, "+").replace(/_/g, "/")));
      return { name: payload.name || payload.preferred_username || payload.sub, roles: [].concat(payload.roles || []) };
    } catch { return { name: "?", roles: [] }; }
  }

  async function signedIn(jwt) {
    const who = rolesOf(jwt);
    state.roles = who.roles;
    $("who").textContent = `${who.name} (${who.roles.join(", ") || "no role"})`;
    $("signin").hidden = true;
    $("app").hidden = false;
    $("start-run").hidden = !isOperator();
    await refresh();
    setInterval(refresh, 3000);
  }

  function bar(done, total, failed) {
    const pct = total > 0 ? Math.min(100, Math.floor((done * 100) / total)) : 0;
    const outer = el("div", { class: failed ? "bar failed" : "bar", role: "progressbar", "aria-valuenow": String(pct), title: `${pct}%` });
    const inner = el("span");
    inner.style.width = `${pct}%`;
    outer.append(inner);
    return outer;
  }

  // Seconds left as the terminal shows them (4:05, 1:02:03); "?" while there is no rate or the totals are not known.
  function eta(seconds) {
    if (seconds === null || seconds === undefined) return "?";
    const h = Math.floor(seconds / 3600), m = Math.floor((seconds % 3600) / 60), s = Math.floor(seconds % 60);
    return h > 0 ? `${h}:${String(m).padStart(2, "0")}:${String(s).padStart(2, "0")}` : `${m}:${String(s).padStart(2, "0")}`;
  }

  function overall(o) {
    const of = o.plannedRows === null || o.plannedRows === undefined ? "planning" : `${fmt(o.plannedRows)} (${o.percent}%)`;
    return `${fmt(o.doneRows)} / ${of} rows, ${fmt(Math.round(o.rowsPerSecond))} rows/s over the last ${o.windowSeconds} s, ETA ${eta(o.etaSeconds)}`;
  }

  function totals(details) {
    const rows = details?.progress || [];
    return { planned: rows.reduce((s, e) => s + e.planned, 0), loaded: rows.reduce((s, e) => s + e.loaded + e.quarantined, 0) };
  }

  async function refresh() {
    try {
      const page = await api("GET", "api/runs");
      const body = $("runs").querySelector("tbody");
      const rows = await Promise.all(page.runs.slice(0, 20).map(async (run) => {
        const details = await api("GET", `api/runs/${encodeURIComponent(run.id)}`).catch(() => null);
        const t = totals(details);
        const tr = el("tr", { class: run.id === state.selected ? "run selected" : "run", "data-run": run.id, onclick: () => select(run.id) },
          el("td", {}, run.id),
          el("td", { class: `status-${run.runtimeStatus}` }, run.runtimeStatus),
          el("td", {}, run.mode || ""),
          el("td", {}, (run.districts || []).join(", ") || "all"),
          el("td", {}, bar(t.loaded, t.planned, run.runtimeStatus === "Failed"), `${fmt(t.loaded)} / ${fmt(t.planned)}`),
          el("td", {}, new Date(run.lastUpdatedAt).toLocaleString()));
        return tr;
      }));
      body.replaceChildren(...rows);
      if (state.selected) await showDetail(state.selected);
    } catch (e) {
      $("notice").textContent = e.message;
    }
  }

  async function select(id) {
    state.selected = id;
    await refresh();
  }

  async function showDetail(id) {
    const d = await api("GET", `api/runs/${encodeURIComponent(id)}`);
    const section = $("detail");
    section.hidden = false;
    const districts = Object.entries(d.customStatus?.districts || {});
    const children = [
      el("h2", {}, `Run ${id}: ${d.runtimeStatus}${d.customStatus?.phase ? `, ${d.customStatus.phase}` : ""}`),
    ];
    if (d.overall) children.push(el("p", { id: "overall" }, overall(d.overall)));
    if (d.failure) children.push(el("p", { class: "failure" }, d.failure));
    if (districts.length) {
      children.push(el("table", { id: "districts" },
        el("thead", {}, el("tr", {}, el("th", {}, "district"), el("th", {}, "state"), el("th", {}, "entities"), el("th", { class: "num" }, "loaded"), el("th", { class: "num" }, "quarantined"), el("th", { class: "num" }, "rows/s"), el("th", { class: "num" }, "ETA"), el("th", {}, "failure"))),
        el("tbody", {}, ...districts.map(([name, s]) => el("tr", { "data-district": name },
          el("td", {}, name), el("td", {}, s.state),
          el("td", {}, bar(s.entitiesDone, s.entitiesPlanned, !!s.failure), `${s.entitiesDone}/${s.entitiesPlanned}`),
          el("td", { class: "num" }, fmt(s.rowsLoaded)), el("td", { class: "num" }, fmt(s.rowsQuarantined)),
          el("td", { class: "num" }, s.rowsPerSecond ? fmt(Math.round(s.rowsPerSecond)) : ""), el("td", { class: "num" }, s.state === "loading" ? eta(s.etaSeconds) : ""),
          el("td", { class: "failure" }, s.failure || ""))))));
    }
    if ((d.progress || []).length) {
      children.push(el("table", { id: "entities" },
        el("thead", {}, el("tr", {}, el("th", {}, "district"), el("th", {}, "entity"), el("th", {}, "state"), el("th", {}, "progress"), el("th", { class: "num" }, "quarantined"))),
        el("tbody", {}, ...d.progress.map((e) => el("tr", {},
          el("td", {}, e.district), el("td", {}, e.entity), el("td", {}, e.state),
          el("td", {}, bar(e.loaded + e.quarantined, e.planned, false), `${fmt(e.loaded)} / ${fmt(e.planned)}`),
          el("td", { class: "num" }, fmt(e.quarantined)))))));
    }
    const buttons = el("p", { id: "run-actions" });
    if (isOperator()) {
      const act = (label, action) => el("button", { type: "button", onclick: () => operate(id, action) }, label);
      if (["Running", "Pending"].includes(d.runtimeStatus)) buttons.append(act("Suspend", "suspend"), act("Terminate", "terminate"));
      if (d.runtimeStatus === "Suspended") buttons.append(act("Resume", "resume"), act("Terminate", "terminate"));
      if (["Completed", "Failed", "Terminated"].includes(d.runtimeStatus)) buttons.append(act("Roll back", "rollback"));
    }
    buttons.append(el("button", { type: "button", onclick: () => reports(id) }, "Reports"));
    children.push(buttons, el("ul", { id: "report-links" }));
    const kept = section.querySelector("#report-links")?.innerHTML;
    section.replaceChildren(...children);
    if (kept) section.querySelector("#report-links").innerHTML = kept;
  }

  async function operate(id, action) {
    const reason = action === "rollback" ? null : prompt(`Reason to ${action} run ${id}`, "");
    if (reason === null && action !== "rollback") return;
    try {
      const path = `api/runs/${encodeURIComponent(id)}/${action}${reason ? `?reason=${encodeURIComponent(reason)}` : ""}`;
      await api("POST", path, action === "rollback" ? {} : undefined);
      $("notice").textContent = `${action}: requested`;
    } catch (e) { $("notice").textContent = e.message; }
    await refresh();
  }

  async function reports(id) {
    try {
      const r = await api("GET", `api/runs/${encodeURIComponent(id)}/reports`);
      const list = $("report-links");
      list.replaceChildren(...r.files.map((f) => el("li", {}, el("a", { href: f.link, target: "_blank", rel: "noopener" }, f.path))));
    } catch (e) { $("notice").textContent = e.message; }
  }

  $("start-run").addEventListener("click", async () => {
    try {
      const started = await api("POST", "api/runs", { mode: "full" });
      state.selected = started.id;
      $("notice").textContent = `run ${started.id} started`;
    } catch (e) { $("notice").textContent = e.message; }
    await refresh();
  });

  $("dev-signin").addEventListener("submit", async (event) => {
    event.preventDefault();
    state.token = $("dev-token").value.trim();
    sessionStorage.setItem("ferry-dev-token", state.token);
    await signedIn(state.token);
  });

  async function start() {
    const config = await (await fetch("dashboard/config.json")).json();
    $("signin").hidden = false;
    if (config.entra) {
      await new Promise((resolve, reject) => document.head.append(el("script", { src: "dashboard/msal-browser.min.js", onload: resolve, onerror: reject })));
      state.scope = config.entra.scope;
      // The popup comes back to redirect.html, which hands the response to this page and closes (MSAL.js's
      // redirect bridge); that address is the redirect URI to register for the single-page application.
      state.msal = await msal.createStandardPublicClientApplication({
        auth: {
          clientId: config.entra.clientId,
          authority: config.entra.authority,
          knownAuthorities: config.entra.knownAuthorities || [],
          redirectUri: new URL("dashboard/redirect.html", location.href).href,
        },
      });
      const button = $("entra-signin");
      button.hidden = false;
      button.addEventListener("click", async () => {
        try {
          const login = await state.msal.loginPopup({ scopes: [state.scope] });
          state.msal.setActiveAccount(login.account);
          await signedIn(await token());
        } catch (e) {
          $("signin-error").textContent = `sign-in failed: ${e.message}`;
        }
      });
      if (state.msal.getAllAccounts().length) await signedIn(await token());
    }
    if (config.developmentSignIn) {
      $("dev-signin").hidden = false;
      const kept = sessionStorage.getItem("ferry-dev-token");
      if (kept) { state.token = kept; await signedIn(kept); }
    }
  }

  start().catch((e) => { $("signin-error").textContent = e.message; });
})();
