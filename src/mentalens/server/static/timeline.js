// The Upload and Timeline tabs. Upload: the file's bytes go to POST /api/upload?format=... (parse
// only), its posts to POST /api/subjects/{subject}/posts in batches (analysed and stored there),
// then that subject's timeline opens. Timeline: the stored subjects, and for one of them the
// chart, its alerts, its (redacted) posts and a delete that asks first.

import { $, api, clearError, el, formatDate, levelName, put, showError, showProblem, state, subjectPath, t }
  from "./core.js";
import { timelineChart } from "./chart.js";
import { currentLocale } from "./analyse.js";

const FORMATS = { csv: "csv", tsv: "tsv", tab: "tsv", jsonl: "jsonl", ndjson: "jsonl", txt: "txt" };
const BATCH = 64;
let shown = null;       // the timeline on screen: redrawn after a language switch
let subjects = null;    // the subject list on screen
let uploaded = null;    // the last upload's outcome

export function setupTimeline(selectTab) {
  $("upload-form").addEventListener("submit", (ev) => { ev.preventDefault(); upload(selectTab); });
  $("subjects-refresh").addEventListener("click", () => loadSubjects());
  state.onLanguage.push(() => { drawSubjects(); drawTimeline(); drawUpload(); });
}

function formatFor(file) {
  const chosen = $("upload-format").value;
  if (chosen) return chosen;
  const m = /\.([A-Za-z0-9]+)$/.exec(file.name);
  return m ? FORMATS[m[1].toLowerCase()] || null : null;
}

async function upload(selectTab) {
  const file = $("upload-file").files[0];
  const subject = $("upload-subject").value.trim();
  if (!file) return showProblem(t("noFile"));
  if (!subject) return showProblem(t("noSubject"));
  const fmt = formatFor(file);
  if (!fmt) return showProblem(t("badFormat", { name: file.name }));
  clearError();
  const button = $("upload-btn");
  button.disabled = true;
  const status = $("upload-status");
  put(status, el("p", { text: t("reading") }));
  try {
    const query = new URLSearchParams({ format: fmt });
    const column = $("upload-column").value.trim();
    if (column && column !== "text") query.set("text_column", column);
    const parsed = await api(`/api/upload?${query}`, { method: "POST", body: file,
      headers: { "Content-Type": "application/octet-stream" } });
    const posts = (parsed.posts || []).map((p) => {
      const post = { text: p.text };
      if (p.id !== null && p.id !== undefined) post.id = String(p.id);
      if (p.posted_at) post.posted_at = p.posted_at;
      return post;
    });
    const limits = (state.health && state.health.limits) || {};
    const size = Math.max(1, Math.min(BATCH, limits.max_batch || BATCH));
    const total = { added: 0, skipped: 0, alerts: [] };
    for (let i = 0; i < posts.length; i += size) {
      put(status, el("p", { text: t("storing", { done: i, total: posts.length }) }));
      const got = await api(`${subjectPath(subject)}/posts`, { method: "POST",
        json: { posts: posts.slice(i, i + size), keep_raw: false, locale: currentLocale() } });
      total.added += got.added || 0;
      total.skipped += got.skipped || 0;
      total.alerts.push(...(got.alerts || []));
    }
    uploaded = { subject, name: file.name, n: posts.length, warnings: parsed.warnings || [], ...total };
    drawUpload();
    await loadSubjects();
    selectTab("timeline");
    await openSubject(subject);
  } catch (err) {
    put(status);
    showError(err);
  } finally {
    button.disabled = false;
  }
}

function drawUpload() {
  const status = $("upload-status");
  if (!uploaded) return;
  const u = uploaded;
  put(status,
    el("p", { "data-testid": "upload-read", text: t("uploadRead", { n: u.n, name: u.name }) }),
    u.warnings.length ? el("ul", { class: "warn" }, u.warnings.map((w) => el("li", { text: w }))) : null,
    el("p", { "data-testid": "upload-counts", "data-added": u.added, "data-skipped": u.skipped,
      text: t("uploadDone", { added: u.added, skipped: u.skipped }) }),
    u.alerts.length ? el("div", { class: "alerts-box" }, el("h3", { text: t("alertsRaised") }),
      alertList(u.alerts, "upload-alerts")) : null,
    el("button", { type: "button", "data-testid": "upload-open", text: t("openTimeline"),
      onclick: () => { document.getElementById("tab-timeline").click(); openSubject(u.subject); } }));
}

function alertList(alerts, testid) {
  return el("ul", { class: "alerts", "data-testid": testid }, alerts.map((a) => el("li", {
    "data-testid": "alert-item", "data-rule": a.rule, "data-level": a.level },
  el("span", { class: `badge small lvl-${a.level}`, text: levelName(a.level) }), " ",
  el("strong", { text: formatDate(a.posted_at) }), " ", el("code", { text: a.rule }), ": ", a.message)));
}

// -- subjects ---------------------------------------------------------------------------------

export async function loadSubjects() {
  if (state.health && state.health.store === false) {
    subjects = null;
    put($("subjects"), el("p", { class: "warn", "data-testid": "no-store", text: t("noStore") }));
    return;
  }
  try {
    subjects = await api("/api/subjects");
    drawSubjects();
  } catch (err) {
    showError(err);
  }
}

function drawSubjects() {
  if (!subjects) return;
  const box = $("subjects");
  if (!subjects.length) {
    put(box, el("p", { class: "meta", text: t("noSubjects") }));
    return;
  }
  const cols = t("subjectCols");
  put(box, el("table", { class: "list", "data-testid": "subject-list" },
    el("thead", {}, el("tr", {}, cols.map((c) => el("th", { text: c })))),
    el("tbody", {}, subjects.map((s) => el("tr", { "data-subject": s.subject },
      el("td", {}, el("button", { type: "button", class: "link", "data-testid": "subject-open",
        "data-subject": s.subject, text: s.subject, onclick: () => openSubject(s.subject) })),
      el("td", { text: String(s.posts) }), el("td", { text: formatDate(s.first_at, false) }),
      el("td", { text: formatDate(s.last_at, false) }),
      el("td", {}, el("span", { class: `badge small lvl-${s.latest_level}`, text: levelName(s.latest_level) })),
      el("td", { text: String(s.alerts ?? 0) }))))));
}

// -- one subject ------------------------------------------------------------------------------

export async function openSubject(subject) {
  clearError();
  try {
    shown = await api(`${subjectPath(subject)}/timeline`);
    drawTimeline();
  } catch (err) {
    showError(err);
  }
}

function drawTimeline() {
  const box = $("timeline");
  if (!shown) return put(box);
  const tl = shown;
  const { node, legend } = timelineChart(tl);
  const cols = t("postCols");
  put(box,
    el("h2", { "data-testid": "timeline-subject", "data-subject": tl.subject,
      text: t("timelineHeading", { subject: tl.subject }) }),
    el("figure", { class: "chart-box" }, node, el("figcaption", {}, legend)),
    el("h3", { text: t("alertsHeading") }),
    (tl.alerts || []).length ? alertList(tl.alerts, "alerts-list")
      : el("p", { class: "meta", "data-testid": "alerts-list", text: t("noAlerts") }),
    el("details", { class: "posts" }, el("summary", { text: `${t("postsHeading")} (${(tl.points || []).length})` }),
      el("table", { class: "list" }, el("thead", {}, el("tr", {}, cols.map((c) => el("th", { text: c })))),
        el("tbody", {}, (tl.points || []).map((p) => el("tr", {},
          el("td", { text: formatDate(p.posted_at) }),
          el("td", {}, el("span", { class: `badge small lvl-${p.level}`, text: levelName(p.level) })),
          el("td", { class: "post-cell", text: p.text })))))),
    deleteBox(tl.subject, (tl.points || []).length));
}

function deleteBox(subject, n) {
  const box = el("div", { class: "danger-zone" });
  const ask = el("button", { type: "button", class: "danger", "data-testid": "delete-subject", text: t("deleteBtn") });
  ask.addEventListener("click", () => {
    put(box, el("p", { class: "confirm", text: t("deleteConfirm", { n, subject }) }),
      el("button", { type: "button", class: "danger", "data-testid": "delete-confirm", text: t("deleteYes"),
        onclick: async () => {
          try {
            const got = await api(subjectPath(subject), { method: "DELETE" });
            shown = null;
            drawTimeline();
            $("timeline").append(el("p", { class: "status", "data-testid": "deleted",
              text: t("deleted", { n: got.deleted, subject }) }));
            await loadSubjects();
          } catch (err) {
            showError(err);
          }
        } }),
      " ", el("button", { type: "button", "data-testid": "delete-cancel", text: t("cancel"),
        onclick: () => box.replaceWith(deleteBox(subject, n)) }));
  });
  box.append(ask);
  return box;
}
