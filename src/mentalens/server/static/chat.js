// The Talk tab: a supportive conversation with the local server (POST /api/chat). The disclosure
// (software, offline, cannot call anyone) is always on screen. Once a turn has been a crisis turn
// the help lines stay in a panel above the conversation for the rest of the page's life: a "just
// kidding", a benign message, even a conversation the server has ended (404: a new one is started)
// never hides them. Every word of the person and of the replies is set as text, never as HTML.

import { $, ApiError, api, clearError, el, put, showError, showProblem, state, t } from "./core.js";
import { currentLocale } from "./analyse.js";

const MAX_MESSAGE = 4000;
const chat = {
  session: null,     // the server's id of this conversation (null until the first message)
  opening: null,     // the first reply: what the chat is (GET /api/chat/opening)
  turns: [],         // {role: "user", text} | {role: "assistant", reply}
  resources: null,   // the help lines of the latest crisis-active reply
  crisis: false,     // a crisis turn happened: the help panel stays
  busy: false,
  status: null,      // [key, vars] of the line under the form
};

export function setupChat() {
  $("chat-input").dataset.i18nPlaceholder = "chatPlaceholder";
  $("chat-form").addEventListener("submit", (ev) => {
    ev.preventDefault();
    send();
  });
  $("chat-input").addEventListener("keydown", (ev) => {
    if (ev.key === "Enter" && !ev.shiftKey && !ev.isComposing) {   // Shift+Enter: a new line
      ev.preventDefault();
      send();
    }
  });
  $("chat-end").addEventListener("click", end);
  state.onLanguage.push(() => {
    draw();
    if (!chat.session && !chat.turns.length && chat.opening) loadOpening();   // greet in the new language
  });
}

// Called when the tab opens: the opening reply, once.
export function openChat() {
  if (!chat.opening) loadOpening();
  $("chat-input").focus();
}

async function loadOpening() {
  try {
    const q = new URLSearchParams({ locale: currentLocale(), lang: "auto" });
    const data = await api(`/api/chat/opening?${q}`);
    chat.opening = data.reply;
    draw();
  } catch (err) {
    showError(err);
  }
}

async function post(text) {
  return api("/api/chat", { method: "POST", json: { session: chat.session, message: text, locale: currentLocale(),
    lang: "auto", memory: $("chat-memory").checked } });
}

async function send() {
  const input = $("chat-input");
  const text = input.value;
  if (chat.busy) return;
  if (!text.trim()) return showProblem(t("chatEmpty"));
  if (text.length > MAX_MESSAGE) return showProblem(t("chatTooLong", { n: MAX_MESSAGE }));
  clearError();
  chat.busy = true;
  chat.status = null;
  chat.turns.push({ role: "user", text });
  input.value = "";
  draw();
  try {
    let data;
    try {
      data = await post(text);
    } catch (err) {
      if (!(err instanceof ApiError && err.status === 404 && chat.session)) throw err;
      chat.session = null;                      // the server ended it: go on in a new one
      data = await post(text);
    }
    chat.session = data.session;
    const reply = data.reply || {};
    chat.turns.push({ role: "assistant", reply });
    if (reply.resources) chat.resources = reply.resources;
    if (reply.crisis || data.crisis_active) chat.crisis = true;
  } catch (err) {
    chat.turns.pop();
    if (!input.value) input.value = text;       // nothing is lost: the message is back in the box
    showError(err);
  } finally {
    chat.busy = false;
    draw();
    input.focus();
  }
}

async function end() {
  clearError();
  const session = chat.session;
  chat.session = null;
  chat.turns = [];
  chat.status = ["chatEnded"];
  if (session) {
    try {
      const data = await api(`/api/chat/${encodeURIComponent(session)}`, { method: "DELETE" });
      if (data && data.deleted_turns) chat.status = ["chatDeleted", { n: data.deleted_turns }];
    } catch (err) {
      if (!(err instanceof ApiError && err.status === 404)) showError(err);
    }
  }
  draw();
}

// -- drawing ---------------------------------------------------------------------------------

function draw() {
  const button = $("chat-send");
  button.disabled = chat.busy;
  button.textContent = t(chat.busy ? "chatSending" : "chatSend");
  $("chat-log").setAttribute("aria-busy", String(chat.busy));
  drawHelp();
  const items = [];
  if (chat.opening) items.push(bubble("assistant", chat.opening.text, chat.opening));
  for (const turn of chat.turns) {
    items.push(turn.role === "user" ? bubble("user", turn.text) : bubble("assistant", turn.reply.text, turn.reply));
  }
  const log = $("chat-log");
  put(log, items);
  log.scrollTop = log.scrollHeight;             // the latest turn in view, inside the log's own box
  $("chat-status").textContent = chat.status ? t(chat.status[0], chat.status[1]) : "";
}

function bubble(role, text, reply) {
  const who = role === "user" ? t("chatYou") : t("chatBot");
  return el("li", { class: `chat-turn chat-${role}`, "data-testid": `chat-${role}`,
    "data-kind": reply ? reply.kind : null, "data-crisis": reply && reply.crisis ? "true" : null,
    lang: reply && reply.lang ? (reply.lang === "zh" ? "zh-Hans" : "en") : null },
  el("span", { class: "chat-who", text: who }),
  el("p", { class: "chat-text", text: String(text || "") }));
}

function drawHelp() {
  const box = $("chat-resources");
  const res = chat.resources;
  box.hidden = !chat.crisis;
  if (!chat.crisis) return put(box);
  const lines = res ? (res.crisis_lines || []).map((c) => el("li", { "data-testid": "chat-crisis-line" },
    el("strong", { text: c.name }), ": ", el("span", { class: "contact", text: c.contact }),
    [c.hours, c.note].filter(Boolean).map((x) => ` (${x})`))) : [];
  put(box,
    el("h3", { text: t("chatHelpHeading") }),
    lines.length ? el("ul", { class: "lines" }, lines) : null,
    res && res.emergency ? el("p", { class: "emergency", "data-testid": "chat-emergency" },
      t("emergency"), " ", el("strong", { text: res.emergency })) : null,
    lines.length ? null : el("p", { text: res && res.message ? res.message : t("helpFallback") }),
    el("p", { class: "meta", text: t("chatHelpNote") }));
}
