"""The chat over HTTP (server/routes_chat.py), in process (FastAPI's TestClient, no socket) with
the built-in models: the crisis protocol depends on the real analyzer, not the tiny test model.

A round trip; the help lines sticky across the turns of one conversation ("just kidding" keeps
them) and absent from another; the limits (too long 413, empty / malformed 422, unknown 404, full
503); nothing on disk unless a turn asks for memory, and DELETE takes it off the disk again.
"""
from __future__ import annotations

import pytest

from mentalens.server.routes_chat import MAX_MESSAGE, ChatSessions

CRISIS = "I want to kill myself tonight. I have decided."
BENIGN = "I had a long day at work and I'm a bit tired."
MARKER = "okapi-marble-5521"


@pytest.fixture(scope="module")
def builtin():
    import mentalens

    return mentalens.load()


@pytest.fixture
def served(builtin, tmp_path):
    from fastapi.testclient import TestClient

    from mentalens.server.app import create_app
    from mentalens.server.settings import Settings

    store = tmp_path / "store.db"
    app = create_app(Settings(store=str(store), max_body=64 * 1024), analyzer=builtin)
    with TestClient(app, base_url="http://127.0.0.1:8765", raise_server_exceptions=False) as client:
        yield client, store, app


def say(client, message, session=None, **extra):
    res = client.post("/api/chat", json={"session": session, "message": message, **extra})
    assert res.status_code == 200, res.text
    data = res.json()
    return data["session"], data["reply"], data


def test_opening_says_what_the_chat_is(served):
    client, store, _ = served
    res = client.get("/api/chat/opening", params={"locale": "en_US"})
    assert res.status_code == 200
    reply = res.json()["reply"]
    assert reply["kind"] == "opening" and reply["lang"] == "en" and reply["text"]
    assert reply["resources"] is None and not store.exists()
    zh = client.get("/api/chat/opening", params={"locale": "zh_CN"}).json()["reply"]
    assert zh["lang"] == "zh"


def test_round_trip_and_sticky_resources(served):
    client, store, _ = served
    sid, reply, data = say(client, BENIGN, locale="en_US")
    assert sid and reply["crisis"] is False and reply["resources"] is None and data["crisis_active"] is False
    assert set(reply) >= {"text", "kind", "lang", "level", "crisis", "resources", "resources_text", "skill",
                          "generated", "replaced", "problems"}
    same, reply, data = say(client, CRISIS, sid)
    assert same == sid and reply["crisis"] is True and data["crisis_active"] is True
    assert "988" in reply["text"] and "911" in reply["text"]
    res = reply["resources"]
    assert res["emergency"] == "911" and any("988" in c["contact"] for c in res["crisis_lines"])
    _, reply, data = say(client, "just kidding", sid)                 # does not clear them
    assert reply["resources"] is not None and reply["resources"]["emergency"] == "911"
    assert data["crisis_active"] is True and reply["resources_text"]
    _, reply, _ = say(client, "What should I cook for dinner?", sid)
    assert reply["resources"] is not None
    other, reply, data = say(client, BENIGN, locale="en_US")         # another conversation: its own state
    assert other != sid and reply["resources"] is None and data["crisis_active"] is False
    assert not store.exists()                                          # nothing asked to be kept


def test_chinese_resources(served):
    client, _, _ = served
    sid, reply, _ = say(client, "我不想活了，今晚就想结束自己的生命。", locale="zh_CN")
    assert reply["crisis"] is True and reply["lang"] == "zh"
    assert "12356" in reply["text"] and "120" in reply["text"]
    _, reply, _ = say(client, "开玩笑的", sid)
    assert reply["resources"]["emergency"].startswith("120")


def test_limits(served):
    client, _, _ = served
    res = client.post("/api/chat", json={"session": None, "message": "x" * (MAX_MESSAGE + 1)})
    assert res.status_code == 413 and str(MAX_MESSAGE) in res.json()["error"]
    for body in ({"session": None, "message": "   "}, {"message": "hi", "colour": "red"}, {"session": None},
                 {"session": "../etc", "message": "hi"}, {"message": "hi", "lang": "fr"}):
        res = client.post("/api/chat", json=body)
        assert res.status_code == 422, (body, res.text)
        assert MARKER not in res.text
    res = client.post("/api/chat", json={"session": "no-such-talk", "message": "hi"})
    assert res.status_code == 404 and "null" in res.json()["hint"]
    res = client.post("/api/chat", content=b'{"message": "' + b"y" * 70_000 + b'"}',
                      headers={"Content-Type": "application/json"})
    assert res.status_code == 413                                      # the server's body limit
    res = client.post("/api/chat", content=b"message=hi", headers={"Content-Type": "text/plain"})
    assert res.status_code == 415
    assert client.delete("/api/chat/no-such-talk").status_code == 404


def test_memory_only_when_asked_and_delete_scrubs(served):
    client, store, _ = served
    sid, _, _ = say(client, f"my note is {MARKER}")
    assert not store.exists()
    say(client, f"please keep this: {MARKER} again", sid, memory=True)
    from mentalens.chat.memory import ChatMemory

    with ChatMemory.open(store) as m:
        turns = m.transcript(sid)
    assert [t["role"] for t in turns] == ["user", "assistant"]        # only the turn that asked
    assert MARKER in turns[0]["content"]
    res = client.delete(f"/api/chat/{sid}")
    assert res.status_code == 200 and res.json() == {"session": sid, "ended": True, "deleted_turns": 2}
    data = b"".join(p.read_bytes() for p in (store, store.with_name("store.db-wal")) if p.exists())
    assert MARKER.encode() not in data
    res = client.post("/api/chat", json={"session": sid, "message": "hello?"})
    assert res.status_code == 404                                      # the conversation has ended


def test_the_registry_is_bounded_and_forgets_idle_conversations():
    from mentalens.server.errors import ApiError

    chats = ChatSessions(limit=2, idle=3600)
    a, _ = chats.add(object())
    chats.add(object())
    with pytest.raises(ApiError) as exc:
        chats.add(object())
    assert exc.value.status == 503 and exc.value.headers["Retry-After"]
    assert chats.get(a) is not None and chats.drop(a) is not None and chats.get(a) is None
    idle = ChatSessions(limit=2, idle=0)
    b, _ = idle.add(object())
    assert idle.get(b) is None and len(idle) == 0


def test_nothing_said_reaches_the_log(served, caplog):
    client, _, _ = served
    import logging

    with caplog.at_level(logging.DEBUG):
        say(client, f"{CRISIS} {MARKER}")
    assert MARKER not in caplog.text
