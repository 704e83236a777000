// mentalens web page: the entry point (a module; no build step, no framework, nothing external).
// It asks the local server what it offers (/api/health, /api/models, /api/tasks), wires the
// language switch, the token field and the four tabs (analyse.js, timeline.js, chat.js).

import { $, ApiError, api, clearError, getToken, setLanguage, setToken, showError, showProblem, state, t }
  from "./core.js";
import { fillRegions, fillTasks, setupAnalyse } from "./analyse.js";
import { loadSubjects, setupTimeline } from "./timeline.js";
import { openChat, setupChat } from "./chat.js";

const TABS = ["analyse", "upload", "timeline", "talk"];

function selectTab(name) {
  for (const tab of TABS) {
    const on = tab === name;
    $(`tab-${tab}`).setAttribute("aria-selected", String(on));
    $(`panel-${tab}`).hidden = !on;
  }
  if (name === "timeline") loadSubjects();
  if (name === "talk") openChat();
}

function setupTabs() {
  for (const tab of TABS) $(`tab-${tab}`).addEventListener("click", () => selectTab(tab));
  $("tab-analyse").parentElement.addEventListener("keydown", (ev) => {
    if (ev.key !== "ArrowRight" && ev.key !== "ArrowLeft") return;
    const now = TABS.findIndex((tab) => $(`tab-${tab}`).getAttribute("aria-selected") === "true");
    const next = TABS[(now + (ev.key === "ArrowRight" ? 1 : TABS.length - 1)) % TABS.length];
    selectTab(next);
    $(`tab-${next}`).focus();
  });
}

function setupToken() {
  $("token").value = getToken();
  $("token-box").addEventListener("submit", (ev) => {
    ev.preventDefault();
    setToken($("token").value);
    clearError();
    start();
  });
  $("token-clear").addEventListener("click", () => {
    setToken("");
    $("token").value = "";
  });
}

function drawServerInfo() {
  const h = state.health;
  if (!h) return;
  const models = Array.isArray(h.models) ? h.models.map((m) => (typeof m === "string" ? m : m.name)).join(", ") : "";
  $("server-info").textContent = t("serverInfo", { version: h.version || "", model: models || "–" });
}

// What the server offers; the token field shows when the server asks for one.
async function start() {
  try {
    state.health = await api("/api/health");
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) state.health = { auth: true };
    showError(err);
    if (!(err instanceof ApiError && err.status === 401)) return;
  }
  $("token-box").hidden = !state.health.auth;
  drawServerInfo();
  if (state.health.auth && !getToken()) {          // ask first rather than fire requests bound to fail
    showProblem(t("tokenNeeded"));
    $("token").focus();
    return;
  }
  const store = state.health.store !== false;
  $("upload-btn").disabled = !store;
  $("tab-upload").title = store ? "" : t("noStore");
  try {
    const [tasks, models] = await Promise.all([api("/api/tasks"), api("/api/models").catch(() => null)]);
    const runs = models && models.loaded && Array.isArray(models.loaded.tasks) ? new Set(models.loaded.tasks) : null;
    state.tasks = (tasks || []).filter((task) => !runs || runs.has(task.id));
    fillTasks();
  } catch (err) {
    showError(err);
  }
}

function init() {
  for (const b of document.querySelectorAll(".lang-switch button")) {
    b.addEventListener("click", () => setLanguage(b.dataset.lang));
  }
  state.onLanguage.push(drawServerInfo);
  setupTabs();
  setupToken();
  setupAnalyse();
  setupTimeline(selectTab);
  setupChat();
  fillRegions();
  setLanguage(state.lang);
  document.body.dataset.ready = "starting";
  start().finally(() => { document.body.dataset.ready = "yes"; });
}

init();
