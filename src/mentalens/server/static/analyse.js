// The Analyse tab: a post, the tasks to run, the region whose help lines to show; the answer
// (POST /api/explain: the Result with rationales, plus a plain-language explanation) drawn as the
// triage badge with crisis resources first, then the marked post and one card per task.

import { $, api, clearError, el, formatProb, labelName, levelName, put, showError, showProblem, state, t, taskTitle }
  from "./core.js";
import { evidenceFilter, markedPost } from "./marks.js";

const REGIONS = ["US", "CA", "GB", "IE", "CN", "HK", "TW"];
const HELP_LEVELS = new Set(["moderate", "high", "imminent"]);
let last = null;   // {text, data}: redrawn after a language switch

// The browser's territory ("en-US" -> "US"), or "" when it names none.
function browserRegion() {
  for (const tag of navigator.languages || [navigator.language]) {
    const m = /^[a-z]{2,3}(?:-[A-Za-z]{4})?-([A-Z]{2}|[0-9]{3})\b/i.exec(tag || "");
    if (m) return m[1].toUpperCase();
  }
  return "";
}

// The locale sent to the server: the UI language (reasons and resources are worded in it) and
// the chosen region (whose help lines are shown); no region -> no number is named.
export function currentLocale() {
  const choice = $("region").value;
  const region = choice === "auto" ? browserRegion() : choice;
  const lang = state.lang === "zh" ? "zh" : "en";
  return region ? `${lang}_${region}` : lang;
}

export function fillRegions() {
  const select = $("region");
  const keep = select.value || "auto";
  const names = t("regions");
  const auto = browserRegion();
  put(select,
    el("option", { value: "auto", text: t("regionAuto", { region: names[auto] || auto || "–" }) }),
    REGIONS.map((r) => el("option", { value: r, text: names[r] })),
    el("option", { value: "", text: t("regionNone") }));
  select.value = keep;
}

export function fillTasks() {
  const list = $("task-list");
  const checked = new Set([...list.querySelectorAll("input:checked")].map((i) => i.value));
  const first = !list.children.length;
  put(list, ...state.tasks.map((task) => el("label", { class: "task-choice", title: task.description },
    el("input", { type: "checkbox", value: task.id, name: "task", "data-testid": `task-${task.id}`,
      checked: first || checked.has(task.id) }),
    " ", taskTitle(task.id))));
}

function chosenTasks() {
  const boxes = [...$("task-list").querySelectorAll("input")];
  const on = boxes.filter((b) => b.checked).map((b) => b.value);
  return on.length === boxes.length ? null : on;   // null: every task of the model
}

export function setupAnalyse() {
  $("post-text").dataset.i18nPlaceholder = "postPlaceholder";
  $("analyse-form").addEventListener("submit", (ev) => {
    ev.preventDefault();
    const text = $("post-text").value;
    const tasks = chosenTasks();
    if (!text.trim()) return showProblem(t("emptyPost"));
    if (tasks && !tasks.length) return showProblem(t("noTasks"));
    run({ text, tasks, lang: $("text-lang").value });
  });
  state.onLanguage.push(() => {
    fillRegions();
    fillTasks();
    drawResult();
    // the server words the reasons, help lines and rationales in the UI language: ask again
    if (last && last.locale !== currentLocale()) run(last.request);
  });
}

async function run(request) {
  clearError();
  const button = $("analyse-btn");
  button.disabled = true;
  button.textContent = t("analysing");
  $("result").setAttribute("aria-busy", "true");
  try {
    const locale = currentLocale();
    const data = await api("/api/explain", { method: "POST", json: { ...request, locale } });
    last = { text: request.text, data, request, locale };
    drawResult();
  } catch (err) {
    showError(err);
  } finally {
    button.disabled = false;
    button.textContent = t("analyseBtn");
    $("result").removeAttribute("aria-busy");
  }
}

function drawResult() {
  const box = $("result");
  if (!last) return put(box);
  const { text, data } = last;
  const result = data.result || data;
  const { node, spans } = markedPost(text, result);
  const m = result.model || {};
  put(box,
    triage(result.triage || { level: "none", reasons: [] }),
    data.explanation ? el("details", { class: "explanation", "data-testid": "explanation" },
      el("summary", { text: t("explanation") }), el("pre", { text: data.explanation })) : null,
    (result.warnings || []).map((w) => el("p", { class: "warn", text: t("warning", { text: w }) })),
    el("section", { class: "marked" },
      el("h3", { text: t("postHeading") }),
      el("p", { class: "meta", text: t("marksLegend") }),
      evidenceFilter(node, spans), node),
    el("section", { class: "cards" }, el("h3", { text: t("perTask") }),
      Object.entries(result.tasks || {}).map(([id, tr]) => card(id, tr))),
    el("p", { class: "meta", text: t("modelLine", { model: `${m.name || "?"} ${m.version || ""} (${m.backend || "?"})`,
      language: result.language, chars: result.chars }) }));
}

function triage(tri) {
  const level = tri.level || "none";
  const out = el("section", { class: "triage", "data-level": level, "data-testid": "triage" },
    el("div", { class: `badge lvl-${level}`, id: "triage-badge", "data-testid": "triage-badge", "data-level": level },
      `${t("riskLevel")}: `, el("strong", { text: levelName(level).toUpperCase() })));
  const res = tri.resources;
  if (res) out.append(resources(res));
  else if (HELP_LEVELS.has(level)) {
    out.append(el("div", { class: "resources", role: "note", "data-testid": "resources" },
      el("h3", { text: t("helpHeading") }), el("p", { text: t("helpFallback") })));
  }
  if (tri.reasons && tri.reasons.length) {
    out.append(el("div", { class: "reasons" }, el("h3", { text: t("reasons") }),
      el("ul", { "data-testid": "reasons" }, tri.reasons.map((r) => el("li", { text: r })))));
  }
  return out;
}

function resources(res) {
  // the region in the UI language when the page knows its name, else as the server wrote it
  const territory = /_([A-Za-z]{2})$/.exec(res.locale || "");
  const region = res.region && ((territory && t("regions")[territory[1].toUpperCase()]) || res.region);
  const where = region ? t("helpRegion", { region, date: res.checked })
    : t("helpNoRegion", { date: res.checked });
  const lines = (res.crisis_lines || []).map((c) => el("li", { "data-testid": "crisis-line" },
    el("strong", { text: c.name }), ": ", el("span", { class: "contact", text: c.contact }),
    [c.hours, c.note].filter(Boolean).map((x) => ` (${x})`)));
  return el("div", { class: "resources", role: "note", id: "resources", "data-testid": "resources" },
    el("h3", {}, t("helpHeading"), " ", el("span", { class: "meta", text: `(${where})` })),
    lines.length ? el("ul", { class: "lines" }, lines) : null,
    res.emergency ? el("p", { class: "emergency", "data-testid": "emergency" },
      t("emergency"), " ", el("strong", { text: res.emergency })) : null,
    el("p", { text: res.message }));
}

function card(id, tr) {
  const head = el("h4", {}, taskTitle(id), " ", el("code", { class: "meta", text: id }));
  const out = el("article", { class: "card", "data-testid": "task-result", "data-task": id }, head);
  if (tr.status && tr.status !== "ok") {
    out.append(el("p", { class: "invalid", text: t("invalid") }));
    return out;
  }
  const decided = tr.labels || (tr.label ? [tr.label] : []);
  out.append(el("p", { class: "decision", "data-testid": "decision" }, `${t("decision")}: `,
    el("strong", { text: decided.length ? decided.map((l) => labelName(id, l)).join(", ") : t("noneDetected") })));
  const probs = Object.entries(tr.probabilities || {}).sort((a, b) => b[1] - a[1]).slice(0, 6);
  out.append(el("div", { class: "bars" }, probs.map(([label, p]) => bar(id, label, p, decided.includes(label)))));
  if (tr.rationale) {
    out.append(el("p", { class: "rationale", "data-testid": "rationale" },
      el("strong", { text: `${t("rationale")}: ` }), tr.rationale));
  }
  if (tr.symptoms && tr.symptoms.length) {
    const words = t("symptomStatus");
    out.append(el("p", { class: "symptoms" }, el("strong", { text: `${t("symptoms")}: ` }),
      tr.symptoms.map((s, i) => [i ? "; " : "", s.name, " ",
        el("span", { class: `st st-${s.status}`, text: words[s.status] || s.status })])));
  }
  return out;
}

function bar(task, label, p, decided) {
  const name = labelName(task, label);
  const fill = el("span", { class: "bar-fill" });
  fill.style.width = `${Math.max(0, Math.min(1, p)) * 100}%`;     // CSSOM: allowed by style-src 'self'
  return el("div", { class: `bar${decided ? " decided" : ""}`, "data-label": label },
    el("span", { class: "bar-label", title: name, text: name }),
    el("span", { class: "bar-track", role: "meter", "aria-valuemin": "0", "aria-valuemax": "1",
      "aria-valuenow": String(p), "aria-label": name }, fill),
    el("span", { class: "bar-value", text: formatProb(p) }));
}
