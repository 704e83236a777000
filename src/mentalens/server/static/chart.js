// The timeline chart, drawn as inline SVG: the risk level (0..4, left axis) of every post over
// time, a few key task scores (0..1, right axis) as dashed lines, and each alert as a red
// diamond above its post with a <title> (the tooltip) naming the rule and the message.
// x is the post's posted_at; when a post has no date, every post is placed by its order instead.

import { el, formatDate, levelName, svg, t, taskTitle } from "./core.js";

const W = 820;
const H = 340;
const M = { left: 92, right: 52, top: 50, bottom: 44 };
const PREFERRED = ["suicidal_ideation", "suicide_risk", "high_suicide_risk", "depression", "depression_severity",
  "interpersonal_risk", "stress"];
const MAX_SCORES = 3;
const LEVELS = ["none", "low", "moderate", "high", "imminent"];

// The tasks drawn as score lines: the preferred ones first, then the rest by name; three at most.
export function keyTasks(points) {
  const seen = new Set();
  for (const p of points) for (const k of Object.keys(p.scores || {})) seen.add(k);
  const first = PREFERRED.filter((k) => seen.has(k));
  const rest = [...seen].filter((k) => !first.includes(k)).sort();
  return [...first, ...rest].slice(0, MAX_SCORES);
}

function xScale(points) {
  const times = points.map((p) => (p.posted_at ? Date.parse(p.posted_at) : NaN));
  const dated = times.every((x) => Number.isFinite(x));
  const xs = dated ? times : points.map((_, i) => i);
  const lo = Math.min(...xs);
  const hi = Math.max(...xs);
  const span = hi - lo;
  const inner = W - M.left - M.right;
  return { dated, at: (i) => (span > 0 ? M.left + ((xs[i] - lo) / span) * inner : M.left + inner / 2) };
}

const yRisk = (r) => H - M.bottom - (r / 4) * (H - M.top - M.bottom);
const yScore = (s) => H - M.bottom - Math.max(0, Math.min(1, s)) * (H - M.top - M.bottom);

function path(coords) {
  return coords.map(([x, y], i) => `${i ? "L" : "M"}${x.toFixed(1)},${y.toFixed(1)}`).join(" ");
}

// {node, legend}: the <svg> and an HTML legend for it.
export function timelineChart(timeline) {
  const points = timeline.points || [];
  const x = xScale(points);
  const tasks = keyTasks(points);
  const chart = svg("svg", { viewBox: `0 0 ${W} ${H}`, class: "chart", id: "chart", "data-testid": "chart",
    role: "img", "aria-labelledby": "chart-title", preserveAspectRatio: "xMidYMid meet" },
  svg("title", { id: "chart-title", text: t("chartTitle", { subject: timeline.subject }) }));

  // grid: one line per risk level (left), score ticks (right)
  const grid = svg("g", { class: "grid" });
  LEVELS.forEach((level, r) => {
    const y = yRisk(r);
    grid.append(svg("line", { x1: M.left, x2: W - M.right, y1: y, y2: y, class: "gridline" }),
      svg("text", { x: M.left - 8, y: y + 4, class: "axis-label", "text-anchor": "end", text: levelName(level) }));
  });
  [0, 0.5, 1].forEach((s) => grid.append(svg("text", { x: W - M.right + 8, y: yScore(s) + 4, class: "axis-label",
    text: s.toFixed(1) })));
  grid.append(svg("text", { x: 12, y: 16, class: "axis-title", text: t("chartRisk") }),
    svg("text", { x: W - 8, y: 16, class: "axis-title", "text-anchor": "end", text: t("chartScore") }));
  chart.append(grid);

  // x ticks: at most five posts' dates, first and last included
  const ticks = svg("g", { class: "ticks" });
  const n = points.length;
  const every = Math.max(1, Math.ceil(n / 5));
  points.forEach((p, i) => {
    if (i % every && i !== n - 1) return;
    if (i !== n - 1 && n - 1 - i < every / 2) return;   // too close to the last tick
    const label = x.dated ? formatDate(p.posted_at, false) : `#${i + 1}`;
    ticks.append(svg("line", { x1: x.at(i), x2: x.at(i), y1: H - M.bottom, y2: H - M.bottom + 5, class: "tick" }),
      svg("text", { x: x.at(i), y: H - M.bottom + 20, class: "axis-label", "text-anchor": "middle", text: label }));
  });
  chart.append(ticks);

  // key task scores: one dashed line each
  tasks.forEach((task, k) => {
    const coords = [];
    points.forEach((p, i) => {
      const s = (p.scores || {})[task];
      if (typeof s === "number") coords.push([x.at(i), yScore(s)]);
    });
    if (coords.length) {
      chart.append(svg("path", { d: path(coords), class: `score-line s${k}`, "data-task": task, fill: "none" },
        svg("title", { text: taskTitle(task) })));
    }
  });

  // risk level: a solid line with one dot per post
  chart.append(svg("path", { d: path(points.map((p, i) => [x.at(i), yRisk(p.risk || 0)])), class: "risk-line",
    fill: "none" }));
  const dots = svg("g", { class: "dots" });
  points.forEach((p, i) => {
    dots.append(svg("circle", { cx: x.at(i), cy: yRisk(p.risk || 0), r: 5, class: `dot lvl-${p.level}`,
      "data-testid": "chart-point", "data-post": p.post_id },
    svg("title", { text: `${formatDate(p.posted_at)}: ${t("riskLevel")} ${levelName(p.level)}` })));
  });
  chart.append(dots);

  // alerts: one diamond above each post that raised any, a dashed guide down to the post, and a
  // tooltip naming every alert of that post
  const byPoint = new Map();
  for (const a of timeline.alerts || []) {
    let i = points.findIndex((p) => a.post_id !== undefined && p.post_id === a.post_id);
    if (i < 0) i = points.findIndex((p) => a.posted_at && p.posted_at === a.posted_at);
    if (i >= 0) byPoint.set(i, [...(byPoint.get(i) || []), a]);
  }
  const marks = svg("g", { class: "alerts" });
  for (const [i, alerts] of byPoint) {
    const cx = x.at(i);
    const cy = M.top - 12;
    marks.append(svg("g", { class: "alert-marker", "data-testid": "alert-marker", "data-post": points[i].post_id,
      "data-alerts": alerts.map((a) => a.id).join(" "), "data-rules": alerts.map((a) => a.rule).join(" ") },
    svg("title", { text: alerts.map((a) => t("alertMarker", { rule: a.rule, message: a.message })).join("\n") }),
    svg("line", { x1: cx, x2: cx, y1: cy + 8, y2: yRisk(points[i].risk || 0) - 6, class: "alert-guide" }),
    svg("path", { d: `M${cx},${cy - 8} L${cx + 8},${cy} L${cx},${cy + 8} L${cx - 8},${cy} Z`,
      class: "alert-diamond" })));
  }
  chart.append(marks);

  const legend = el("ul", { class: "legend", id: "chart-legend", "data-testid": "chart-legend" },
    el("li", {}, swatch("risk-line"), t("legendRisk")),
    tasks.map((task, k) => el("li", { "data-task": task }, swatch(`score-line s${k}`), taskTitle(task))),
    el("li", {}, diamond(), t("legendAlert")));
  return { node: chart, legend };
}

function swatch(cls) {
  return svg("svg", { viewBox: "0 0 30 10", class: "swatch", "aria-hidden": "true" },
    svg("line", { x1: 0, x2: 30, y1: 5, y2: 5, class: cls }));
}

function diamond() {
  return svg("svg", { viewBox: "0 0 30 16", class: "swatch", "aria-hidden": "true" },
    svg("path", { d: "M15,1 L22,8 L15,15 L8,8 Z", class: "alert-diamond" }));
}
