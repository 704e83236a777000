// Shared pieces of the page: state, words, DOM building, and the one way to call the server.
// Everything the server or a post supplies reaches the page through textContent or an attribute
// value, never through innerHTML.

import { STRINGS, pickLanguage, translate } from "./strings.js";

const TOKEN_KEY = "mentalens.token";
const LANG_KEY = "mentalens.lang";
const SVG_NS = "http://www.w3.org/2000/svg";

export const state = {
  lang: pickLanguage(storageGet(localStorage, LANG_KEY) || navigator.language),
  health: null,      // GET /api/health
  tasks: [],         // GET /api/tasks (the tasks the loaded model runs, when /api/models says)
  onLanguage: [],    // callbacks that redraw dynamic content after a language switch
};

function storageGet(store, key) {
  try { return store.getItem(key); } catch { return null; }
}

function storageSet(store, key, value) {
  try {
    if (value) store.setItem(key, value); else store.removeItem(key);
  } catch { /* storage turned off: the value lives for this page only */ }
}

export function t(key, vars) {
  return translate(state.lang, key, vars);
}

export function setLanguage(lang) {
  state.lang = lang in STRINGS ? lang : "en";
  storageSet(localStorage, LANG_KEY, state.lang);
  document.documentElement.lang = state.lang === "zh" ? "zh-Hans" : "en";
  for (const node of document.querySelectorAll("[data-i18n]")) node.textContent = t(node.dataset.i18n);
  for (const node of document.querySelectorAll("[data-i18n-placeholder]")) {
    node.placeholder = t(node.dataset.i18nPlaceholder);
  }
  for (const b of document.querySelectorAll(".lang-switch button")) {
    b.setAttribute("aria-pressed", String(b.dataset.lang === state.lang));
  }
  document.title = t("appTitle");
  for (const redraw of state.onLanguage) redraw();
}

export function getToken() {
  return storageGet(sessionStorage, TOKEN_KEY) || "";
}

export function setToken(token) {
  storageSet(sessionStorage, TOKEN_KEY, (token || "").trim());
}

// -- DOM ---------------------------------------------------------------------------------------

function fill(node, attrs, kids) {
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === "text") node.textContent = String(v);
    else if (k === "class") node.setAttribute("class", v);
    else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v === true ? "" : String(v));
  }
  for (const kid of kids.flat(Infinity)) {
    if (kid === null || kid === undefined || kid === false) continue;
    node.append(kid instanceof Node ? kid : String(kid));
  }
  return node;
}

// el("p", {class: "x", text: "..."}, child, "more text"): strings become text nodes.
export function el(tag, attrs, ...kids) {
  return fill(document.createElement(tag), attrs, kids);
}

// Replace a node's children: like replaceChildren, but arrays are flattened and null/false skipped.
export function put(node, ...kids) {
  node.replaceChildren();
  return fill(node, null, kids);
}

export function svg(tag, attrs, ...kids) {
  return fill(document.createElementNS(SVG_NS, tag), attrs, kids);
}

export function $(id) {
  return document.getElementById(id);
}

// -- words for values from the server --------------------------------------------------------

export function levelName(level) {
  return (t("levels") || {})[level] || level;
}

// The server's /api/tasks names tasks and labels in each UI language ("titles", label "names").
const uiKey = () => (state.lang === "zh" ? "zh-Hans" : "en");

export function taskTitle(id) {
  const task = state.tasks.find((x) => x.id === id);
  if (!task) return id;
  return (task.titles && task.titles[uiKey()]) || task.title || id;
}

export function labelName(taskId, labelId) {
  const task = state.tasks.find((x) => x.id === taskId);
  const label = task && (task.labels || []).find((l) => (typeof l === "string" ? l : l.id) === labelId);
  if (!label || typeof label === "string") return labelId;
  return (label.names && label.names[uiKey()]) || label.name || labelId;
}

export function formatDate(iso, withTime = true) {
  if (!iso) return t("noDate");
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return String(iso);
  const opts = withTime ? { dateStyle: "medium", timeStyle: "short" } : { dateStyle: "medium" };
  return d.toLocaleString(state.lang === "zh" ? "zh-CN" : "en", opts);
}

export function formatProb(p) {
  return typeof p === "number" && Number.isFinite(p) ? p.toFixed(2) : "–";
}

// -- the server ------------------------------------------------------------------------------

export class ApiError extends Error {
  constructor(status, body, retryAfter) {
    super((body && body.error) || `HTTP ${status}`);
    this.status = status;
    this.error = body && typeof body.error === "string" ? body.error : null;
    this.hint = body && typeof body.hint === "string" ? body.hint : null;
    this.retryAfter = retryAfter;
  }
}

// fetch /api/... with the token (when one is set); JSON in and out. Throws ApiError on a non-2xx
// answer (with the server's {"error","hint"}), TypeError when the server cannot be reached.
export async function api(path, { method = "GET", json, body, headers = {} } = {}) {
  const h = { Accept: "application/json", ...headers };
  const token = getToken();
  if (token) h.Authorization = `Bearer ${token}`;
  if (json !== undefined) {
    h["Content-Type"] = "application/json";
    body = JSON.stringify(json);
  }
  const res = await fetch(path, { method, headers: h, body, credentials: "same-origin", cache: "no-store" });
  const type = res.headers.get("Content-Type") || "";
  const data = type.includes("json") ? await res.json().catch(() => null) : null;
  if (!res.ok) throw new ApiError(res.status, data, res.headers.get("Retry-After"));
  return data;
}

export function subjectPath(subject) {
  return `/api/subjects/${encodeURIComponent(subject)}`;
}

// -- messages --------------------------------------------------------------------------------

export function clearError() {
  const box = $("error");
  box.hidden = true;
  box.replaceChildren();
  delete box.dataset.status;
}

export function showError(err, where = $("error")) {
  const errors = t("errors");
  const box = where;
  box.replaceChildren();
  if (err instanceof ApiError) {
    box.dataset.status = String(err.status);
    const what = errors[err.status] || errors.other.replace("{status}", String(err.status));
    box.append(el("p", { class: "error-what", text: what }));
    if (err.error) box.append(el("p", { class: "error-detail", "data-testid": "error-detail", text: err.error }));
    if (err.hint) box.append(el("p", { class: "error-hint" }, el("strong", { text: t("hint") }), " ", err.hint));
    if (err.status === 503 && err.retryAfter) box.append(el("p", { text: t("retryAfter", { s: err.retryAfter }) }));
    if (err.status === 401) {
      $("token-box").hidden = false;
      $("token").focus();
    }
  } else if (err instanceof TypeError) {
    box.dataset.status = "network";
    box.append(el("p", { class: "error-what", text: errors.network }));
  } else {
    box.dataset.status = "page";
    box.append(el("p", { class: "error-what", text: String(err && err.message ? err.message : err) }));
  }
  box.hidden = false;
  if (box === $("error")) box.scrollIntoView({ block: "nearest" });
}

// A plain message (not from the server) in the error box: for input the page refuses itself.
export function showProblem(message) {
  const box = $("error");
  box.replaceChildren(el("p", { class: "error-what", text: message }));
  box.dataset.status = "input";
  box.hidden = false;
}
