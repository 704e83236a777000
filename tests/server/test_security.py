"""The server's front door, against real servers: host and origin checks, the token beyond
loopback, body limits (declared and streamed), security headers, no CORS, and logs without posts."""
from __future__ import annotations

import stat
import time

import httpx
import pytest

pytestmark = pytest.mark.enable_socket

CSP = ("default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; connect-src 'self'; "
       "base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
PLANTED_TEXT = "zebra-quartz-marmalade my flatmate keeps crying at night"
PLANTED_MAIL = "planted.person@example.org"


def test_every_response_has_the_security_headers(api):
    for r in (api.get("/"), api.get("/api/health"), api.get("/api/nothing"),
              api.post("/api/analyze", content=b"{", headers={"content-type": "application/json"})):
        assert r.headers["content-security-policy"] == CSP
        assert r.headers["x-content-type-options"] == "nosniff" and r.headers["referrer-policy"] == "no-referrer"
    assert api.get("/api/health").headers["cache-control"] == "no-store"


def test_foreign_host_header_is_400(server, api):
    r = api.get("/api/health", headers={"host": "attacker.example"})
    assert r.status_code == 400
    err = r.json()["error"]
    assert "attacker.example" in err and "127.0.0.1" in err and "localhost" in err
    assert r.headers["content-security-policy"] == CSP
    for ok in (f"localhost:{server.port}", f"127.0.0.1:{server.port}", f"[::1]:{server.port}", "localhost"):
        assert api.get("/api/health", headers={"host": ok}).status_code == 200, ok
    assert api.get("/api/health", headers={"host": "localhost:1"}).status_code == 400


def test_no_cors_and_other_sites_are_refused(server, api):
    r = api.get("/api/health", headers={"origin": "https://evil.example"})
    assert r.status_code == 403 and "access-control-allow-origin" not in r.headers
    r = api.options("/api/analyze", headers={"origin": "https://evil.example", "access-control-request-method": "POST"})
    assert "access-control-allow-origin" not in r.headers and r.status_code >= 400
    r = api.post("/api/analyze", json={"text": "x"}, headers={"origin": server.url})   # the page itself
    assert r.status_code == 200 and "access-control-allow-origin" not in r.headers


def test_declared_body_over_the_limit_is_413(api):
    r = api.post("/api/analyze", content=b"x" * (1024 * 1024 + 1), headers={"content-type": "application/json"})
    assert r.status_code == 413 and "1048576" in r.json()["error"]


def test_streamed_body_is_cut_off_without_buffering(server, api):
    """50 MB sent chunked (no Content-Length): refused with 413 once past 1 MiB, and the server's
    peak memory does not grow by anything like the body."""
    before = server.rss_kb()

    def body():
        for _ in range(50):
            yield b" " * (1024 * 1024)

    r = api.post("/api/analyze", content=body(), headers={"content-type": "application/json"})
    assert r.status_code == 413 and "limit" in r.json()["error"]
    grew_mb = (server.rss_kb("VmHWM") - before) / 1024
    assert grew_mb < 15, f"peak memory grew {grew_mb:.1f} MB for a 50 MB body"
    assert api.get("/api/health").status_code == 200


def test_small_limits_apply(launch):
    s = launch("--max-body", "2000", "--max-batch", "3", name="small")
    with s.client() as c:
        r = c.post("/api/analyze", json={"text": "y" * 3000})
        assert r.status_code == 413
        r = c.post("/api/analyze/batch", json={"posts": [{"text": "a"}] * 4})
        assert r.status_code == 413 and "at most 3" in r.json()["error"]
        r = c.post("/api/subjects/s/posts", json={"posts": [{"text": "a"}] * 4})
        assert r.status_code == 413
        assert c.post("/api/analyze/batch", json={"posts": [{"text": "a"}] * 3}).status_code == 200


def test_beyond_loopback_a_token_is_required(launch):
    s = launch("--log-level", "info", name="wide", host="0.0.0.0")
    token_file = s.home / "server-token"
    token = token_file.read_text().strip()
    assert len(token) >= 32 and stat.S_IMODE(token_file.stat().st_mode) == 0o600
    assert token in s.log_text() and str(token_file) in s.log_text()      # said once, at first start
    with s.client(headers={"host": f"127.0.0.1:{s.port}"}) as c:
        health = c.get("/api/health")
        assert health.status_code == 200 and health.json()["auth"] is True
        for headers in ({}, {"authorization": "Bearer wrong"}, {"authorization": token},
                        {"authorization": f"Basic {token}"}):
            r = c.get("/api/tasks", headers=headers)
            assert r.status_code == 401 and r.headers["www-authenticate"].startswith("Bearer")
            assert r.json()["hint"]
        ok = {"authorization": f"Bearer {token}"}
        assert c.get("/api/tasks", headers=ok).status_code == 200
        assert c.post("/api/analyze", json={"text": "hello"}, headers=ok).status_code == 200
        assert c.get("/", headers={}).status_code == 200          # the page itself asks for the token
        assert c.get("/api/tasks", headers={**ok, "host": "evil.example"}).status_code == 400


def test_token_from_the_environment(launch):
    s = launch(name="envtoken", host="0.0.0.0", env={"MENTALENS_TOKEN": "a-token-from-the-environment"})
    assert not (s.home / "server-token").exists()
    assert "a-token-from-the-environment" not in s.log_text()
    with s.client() as c:
        assert c.get("/api/models").status_code == 401
        r = c.get("/api/models", headers={"authorization": "Bearer a-token-from-the-environment"})
        assert r.status_code == 200


def test_logs_never_hold_posts(server, api):
    text = f"{PLANTED_TEXT}, write to me at {PLANTED_MAIL}"
    assert api.post("/api/analyze", json={"text": text}).status_code == 200
    assert api.post("/api/explain", json={"text": text}).status_code == 200
    assert api.post("/api/analyze/batch", json={"posts": [{"text": text, "id": PLANTED_MAIL}]}).status_code == 200
    assert api.post("/api/upload?format=txt", content=text.encode()).status_code == 200
    r = api.post("/api/subjects/logcheck/posts", json={"posts": [{"text": text, "posted_at": "2024-01-01"}]})
    assert r.status_code == 200
    assert api.post("/api/subjects/logcheck/posts",
                    json={"posts": [{"text": text, "posted_at": PLANTED_MAIL}]}).status_code == 422
    assert api.post("/api/analyze", json={"text": text, "tasks": [PLANTED_MAIL]}).status_code == 422
    assert api.post("/api/analyze", content=f'{{"text": "{text}"'.encode(),
                    headers={"content-type": "application/json"}).status_code == 400
    assert api.get("/api/subjects/logcheck/timeline").status_code == 200
    deadline = time.monotonic() + 10                # the access line is written just after the answer
    while "/api/subjects/<subject>/timeline 200" not in server.log_text() and time.monotonic() < deadline:
        time.sleep(0.05)
    log = server.log_text()
    assert "POST /api/analyze 200" in log and "/api/subjects/<subject>/timeline 200" in log
    for planted in ("zebra-quartz", "marmalade", PLANTED_MAIL, "example.org", "logcheck"):
        assert planted not in log
    assert "Traceback" not in log


def test_overload_answers_503_never_500(launch):
    s = launch("--workers", "1", "--workers-queue", "1", "--log-level", "warning", name="busy")
    posts = [{"text": f"post number {i}: I feel empty and sad every single day"} for i in range(256)]

    async def hammer():
        async with httpx.AsyncClient(base_url=s.url, timeout=60) as c:
            import asyncio

            return await asyncio.gather(*(c.post("/api/analyze/batch", json={"posts": posts, "explain": True})
                                          for _ in range(24)))

    import asyncio

    replies = asyncio.run(hammer())
    codes = [r.status_code for r in replies]
    assert set(codes) <= {200, 503} and 200 in codes and 503 in codes, codes
    busy = next(r for r in replies if r.status_code == 503)
    assert busy.headers["retry-after"] == "1" and "busy" in busy.json()["error"]
    with s.client() as c:
        assert c.get("/api/health").status_code == 200
