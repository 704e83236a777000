// The post with every task's evidence marked at its exact offsets.
//
// Result offsets (evidence.start/end) are Python str indices, i.e. Unicode code points, so the
// text is cut as Array.from(text) (one entry per code point), never with String.slice (UTF-16).
// Overlapping spans (of one task or several) are drawn by cutting the text at every span
// boundary: each covered piece is one <mark> naming every span that covers it (data-ev), the
// tasks (data-tasks) and its own code-point offsets (data-start, data-end). A span's text is the
// concatenation of the pieces naming it. A span whose text does not match the post at its
// offsets is not drawn (and counted in data-skipped). Text goes in through text nodes only.

import { el, labelName, t, taskTitle } from "./core.js";

// Every drawable span of the result: {id, task, start, end, text, weight, label, side}.
export function spansOf(chars, result) {
  const out = [];
  let skipped = 0;
  for (const [task, tr] of Object.entries(result.tasks || {})) {
    for (const e of tr.evidence || []) {
      const ok = Number.isInteger(e.start) && Number.isInteger(e.end) && e.start >= 0 && e.start < e.end &&
        e.end <= chars.length && chars.slice(e.start, e.end).join("") === e.text;
      if (!ok) { skipped += 1; continue; }
      out.push({ id: `e${out.length}`, task, start: e.start, end: e.end, text: e.text, weight: e.weight,
        label: e.label, side: e.weight >= 0 ? "sup" : "opp" });
    }
  }
  return { spans: out, skipped };
}

// Pieces of the text: [{start, end, text, cover: [span...]}], in order, covering every code point.
export function pieces(chars, spans) {
  const cuts = new Set([0, chars.length]);
  for (const s of spans) { cuts.add(s.start); cuts.add(s.end); }
  const sorted = [...cuts].sort((a, b) => a - b);
  const out = [];
  for (let i = 0; i + 1 < sorted.length; i++) {
    const a = sorted[i];
    const b = sorted[i + 1];
    const cover = spans.filter((s) => s.start <= a && s.end >= b);
    out.push({ start: a, end: b, text: chars.slice(a, b).join(""), cover });
  }
  return out;
}

function kindOf(cover) {
  const sides = new Set(cover.map((s) => s.side));
  return sides.size === 1 ? [...sides][0] : "mix";
}

function tip(s) {
  const verb = s.side === "sup" ? t("supports") : t("against");
  const w = (s.weight >= 0 ? "+" : "\u2212") + Math.abs(s.weight).toFixed(2);
  return `${taskTitle(s.task)} \u2192 ${labelName(s.task, s.label)}: ${verb} (${t("weight")} ${w})`;
}

// {node, spans}: a <div> holding the text with its marks, and the spans drawn.
export function markedPost(text, result) {
  const chars = Array.from(text);
  const { spans, skipped } = spansOf(chars, result);
  const lang = result.language === "zh" || result.language === "en" ? result.language : null;
  const box = el("div", { class: "post-text", id: "marked-post", "data-testid": "marked-post", lang,
    "data-skipped": String(skipped) });
  for (const p of pieces(chars, spans)) {
    if (!p.cover.length) { box.append(p.text); continue; }
    const mark = el("mark", {
      class: `hl ${kindOf(p.cover)}${p.cover.length > 1 ? " multi" : ""}`,
      "data-ev": p.cover.map((s) => s.id).join(" "),
      "data-tasks": [...new Set(p.cover.map((s) => s.task))].join(" "),
      "data-start": String(p.start), "data-end": String(p.end),
      title: p.cover.map(tip).join("\n"),
    }, p.text);
    mark.spanCover = p.cover;
    box.append(mark);
  }
  return { node: box, spans };
}

// A select that limits the marks to one task's evidence (or all tasks').
export function evidenceFilter(box, spans) {
  const tasks = [...new Set(spans.map((s) => s.task))];
  if (tasks.length < 2) return null;
  const select = el("select", { id: "evidence-filter", "data-testid": "evidence-filter" },
    el("option", { value: "", text: t("allTasks") }),
    tasks.map((task) => el("option", { value: task, text: taskTitle(task) })));
  select.addEventListener("change", () => {
    for (const mark of box.querySelectorAll("mark.hl")) {
      const cover = select.value ? mark.spanCover.filter((s) => s.task === select.value) : mark.spanCover;
      mark.classList.remove("sup", "opp", "mix", "off", "multi");
      if (!cover.length) mark.classList.add("off");
      else {
        mark.classList.add(kindOf(cover));
        if (cover.length > 1) mark.classList.add("multi");
      }
    }
  });
  return el("label", { class: "filter" }, el("span", { text: t("showEvidence") }), " ", select);
}
