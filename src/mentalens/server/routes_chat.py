"""The supportive chat over HTTP (the page's Talk tab): POST /api/chat, DELETE /api/chat/{session}.

Conversations live in this server's memory only: a bounded number of them, each ended after
``IDLE_SECONDS`` without a message (the crisis state lives as long as the conversation does; the
page keeps its resources panel on screen even past that). Nothing reaches the disk unless a
request says ``"memory": true``; then that turn and its reply are kept in the store
(chat/memory.py), on the store's own thread, and DELETE removes them again. Every turn runs on
the analysis pool, one at a time per conversation. Nothing said in a conversation is logged.
"""
from __future__ import annotations

import dataclasses
import secrets
import threading
import time

from fastapi import APIRouter, Path, Query, Request
from pydantic import BaseModel, ConfigDict, Field

from .body import JSONBodyRoute
from .errors import ApiError
from .schemas import Lang
from .state import state

router = APIRouter(route_class=JSONBodyRoute)
MAX_MESSAGE = 4000           # characters in one message
MAX_SESSIONS = 256           # conversations held at once
IDLE_SECONDS = 30 * 60       # a conversation ends after this long without a message
SESSION = Path(min_length=1, max_length=64, pattern="^[A-Za-z0-9_-]+$", description="the conversation's id")


class ChatRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")
    session: str | None = Field(default=None, max_length=64, pattern="^[A-Za-z0-9_-]+$",
                                description="the conversation's id from an earlier answer; null starts one")
    message: str = Field(description=f"what the person wrote (at most {MAX_MESSAGE} characters)")
    locale: str | None = Field(default=None, max_length=64, description="where the person is, for the help "
                               "lines, e.g. en_US, zh_CN (used when the conversation starts); null: the server's")
    lang: Lang = Field(default="auto", description="the language the person writes in: auto, en or zh")
    memory: bool = Field(default=False, description="keep this turn and its reply in the store (off by default)")


class _Conversation:
    def __init__(self, session) -> None:
        self.session, self.lock, self.last, self.stored = session, threading.Lock(), time.monotonic(), False

    def respond(self, text: str):
        with self.lock:                          # one turn at a time per conversation
            return self.session.respond(text)


class ChatSessions:
    """The conversations in memory: at most ``limit``, each forgotten after ``idle`` seconds unused."""

    def __init__(self, limit: int = MAX_SESSIONS, idle: float = IDLE_SECONDS) -> None:
        self.limit, self.idle, self._items, self._lock = limit, idle, {}, threading.Lock()

    def _expire(self, now: float) -> None:
        for key in [k for k, c in self._items.items() if now - c.last > self.idle and not c.lock.locked()]:
            del self._items[key]

    def get(self, key: str) -> _Conversation | None:
        now = time.monotonic()
        with self._lock:
            self._expire(now)
            conv = self._items.get(key)
            if conv is not None:
                conv.last = now
            return conv

    def add(self, session) -> tuple[str, _Conversation]:
        with self._lock:
            self._expire(time.monotonic())
            if len(self._items) >= self.limit:
                raise ApiError(503, f"this server holds {self.limit} conversations already", "try again in a few "
                               "minutes: a conversation ends after 30 minutes without a message",
                               headers={"Retry-After": "60"})
            key = secrets.token_urlsafe(18)
            self._items[key] = conv = _Conversation(session)
            return key, conv

    def drop(self, key: str) -> _Conversation | None:
        with self._lock:
            return self._items.pop(key, None)

    def __len__(self) -> int:
        return len(self._items)


def sessions(request: Request) -> ChatSessions:
    app_state = request.app.state
    if getattr(app_state, "mentalens_chat", None) is None:     # made on first use (on the event loop)
        app_state.mentalens_chat = ChatSessions()
    return app_state.mentalens_chat


def reply_json(reply) -> dict:
    """A chat Reply as JSON: its fields, the resources as the library's Resources shape."""
    out = {}
    for f in dataclasses.fields(reply):
        value = getattr(reply, f.name)
        out[f.name] = value.model_dump(mode="json") if hasattr(value, "model_dump") else value
    return out


def _new_session(analyzer, locale: str | None, lang: str):
    from ..chat import ChatSession

    return ChatSession(analyzer, locale=locale, lang=lang)


@router.get("/api/chat/opening", summary="The chat's first words: what it is (software, offline, cannot call "
            "anyone); starts nothing")
async def opening(request: Request, locale: str | None = Query(None, max_length=64),
                  lang: Lang = Query("auto")) -> dict:
    ctx = state(request)
    session = await ctx.pool.run(_new_session, ctx.analyzer, locale, lang)
    return {"reply": reply_json(session.opening())}


@router.post("/api/chat", summary="One turn of the supportive chat: the reply, with the help lines on every "
             "turn once the conversation has been in crisis",
             responses={404: {"description": "no such conversation (it ended)"},
                        413: {"description": "the message is too long"}})
async def chat(body: ChatRequest, request: Request) -> dict:
    ctx = state(request)
    if len(body.message) > MAX_MESSAGE:
        raise ApiError(413, f"the message has {len(body.message)} characters; a chat message may have at most "
                       f"{MAX_MESSAGE}", "send a shorter message")
    if not body.message.strip():
        raise ApiError(422, "the message is empty", "write something first")
    chats = sessions(request)
    if body.session is None:
        key, conv = chats.add(await ctx.pool.run(_new_session, ctx.analyzer, body.locale, body.lang))
    else:
        key, conv = body.session, chats.get(body.session)
        if conv is None:
            raise ApiError(404, "no such conversation: it has ended (after 30 minutes without a message, or when "
                           "the server restarted)", 'start a new one with "session": null')
    reply = await ctx.pool.run(conv.respond, body.message)
    if body.memory:
        await ctx.store.call(lambda st: _keep(st, key, body.message, reply), create=True)
        conv.stored = True
    return {"session": key, "crisis_active": bool(conv.session.crisis_active), "reply": reply_json(reply)}


def _keep(store, key: str, message: str, reply) -> None:
    from ..chat.memory import ChatMemory

    memory = ChatMemory(store)
    memory.save_turn(key, "user", message, reply.level)
    memory.save_turn(key, "assistant", reply.text, reply.level)


@router.delete("/api/chat/{session}", summary="End a conversation and delete what the store kept of it")
async def end_chat(request: Request, session: str = SESSION) -> dict:
    from ..chat.memory import ChatMemory

    ctx = state(request)
    conv = sessions(request).drop(session)
    deleted = await ctx.store.call(lambda st: ChatMemory(st).delete(session), missing=0)
    if conv is None and not deleted:
        raise ApiError(404, "no such conversation", "it has ended already, and the store keeps nothing of it")
    return {"session": session, "ended": conv is not None, "deleted_turns": deleted}
