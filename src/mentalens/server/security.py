"""The server's front door: one pure-ASGI middleware that every HTTP request passes first.

Pure ASGI (not BaseHTTPMiddleware) because it must see the body as it streams in: a body is
counted chunk by chunk and refused past ``max_body`` without ever being held whole, and a
declared Content-Length over the limit is refused before a byte of it is read.

In order: the Host header (DNS rebinding), the Origin header (other sites' pages; there is no
CORS, so nothing cross-origin is ever allowed), the bearer token on /api/* when auth is on, the
body size. Every response, errors included, gets the security headers below.
"""
from __future__ import annotations

import hmac
import json

from starlette.exceptions import HTTPException

CSP = ("default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; connect-src 'self'; "
       "base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
SECURITY_HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"cross-origin-resource-policy", b"same-origin"),
]
NO_STORE = (b"cache-control", b"no-store")        # API answers hold screening results: never cached
OPEN_PATHS = ("/api/health",)                     # tells the page whether to ask for a token


class BodyTooLarge(HTTPException):
    """Raised from ``receive`` once a streamed body passes the limit; an HTTPException so that every
    layer between here and the route lets it through to the 413 handler."""

    def __init__(self, limit: int) -> None:
        super().__init__(413, f"the body is larger than the server's limit of {limit} bytes")
        self.limit = limit


def too_large_hint(limit: int) -> str:
    return f"send less per request (split a batch), or start the server with a larger --max-body (now {limit})"


class SecurityMiddleware:
    def __init__(self, app, *, settings) -> None:
        self.app, self.hosts, self.max_body = app, settings.expected_hosts(), settings.max_body
        self.token = settings.token.encode() if settings.token else None
        self._shown_hosts = ", ".join(settings.host_names()) + f" (port {settings.port})"

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path = scope.get("path", "")
        started = False

        async def send_secured(message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                have = {k.lower() for k, _ in message.get("headers", [])}
                extra = [h for h in SECURITY_HEADERS if h[0] not in have]
                if path.startswith("/api/") and NO_STORE[0] not in have:
                    extra.append(NO_STORE)
                message = {**message, "headers": [*message.get("headers", []), *extra]}
            await send(message)

        refusal = self._check(scope, path)
        if refusal is not None:
            await send_json(send_secured, *refusal)
            return
        received = 0

        async def limited_receive():
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_body:
                    raise BodyTooLarge(self.max_body)
            return message

        try:
            await self.app(scope, limited_receive, send_secured)
        except BodyTooLarge as exc:           # raised where no handler turned it into a response
            if not started:
                await send_json(send_secured, 413, str(exc.detail), too_large_hint(exc.limit))

    def _check(self, scope, path: str):
        """(status, error, hint, headers) of a refused request, else None."""
        headers = _headers(scope)
        host = headers.get(b"host", b"").decode("latin-1").strip().lower()
        if host not in self.hosts:
            return (400, f"unexpected Host header {host!r}; this server answers to: {self._shown_hosts}",
                    "open the address the server printed at start, or start it with --allow-host NAME", ())
        origin = headers.get(b"origin")
        if origin is not None:
            seen = origin.decode("latin-1").strip().lower()
            netloc = seen.split("://", 1)[-1].rstrip("/")
            if not seen.startswith(("http://", "https://")) or netloc not in self.hosts:
                return (403, f"requests from other sites' pages are refused (Origin {seen!r})",
                        "use the page this server serves, or a client that sends no Origin header", ())
        if self.token is not None and path.startswith("/api/") and path not in OPEN_PATHS:
            auth = headers.get(b"authorization", b"")
            scheme, _, given = auth.partition(b" ")
            if scheme.lower() != b"bearer" or not hmac.compare_digest(given.strip(), self.token):
                what = "no bearer token" if not auth else "a wrong or malformed token"
                return (401, f"this server needs a token and the request has {what}",
                        "send the header 'Authorization: Bearer <token>'; the token was printed when the server "
                        "first started and is kept in the server-token file of the mentalens home folder "
                        "(or $MENTALENS_TOKEN)", ((b"www-authenticate", b'Bearer realm="mentalens"'),))
        length = headers.get(b"content-length")
        if length is not None:
            try:
                declared = int(length)
            except ValueError:
                return 400, "the Content-Length header is not a number", None, ()
            if declared > self.max_body:
                return (413, f"the body ({declared} bytes) is larger than the server's limit of {self.max_body} "
                        "bytes", too_large_hint(self.max_body), ())
        return None


def _headers(scope) -> dict[bytes, bytes]:
    out: dict[bytes, bytes] = {}
    for k, v in scope.get("headers", []):
        out.setdefault(k.lower(), v)          # the first of repeated headers counts
    return out


async def send_json(send, status: int, error: str, hint: str | None, headers=()) -> None:
    """A complete JSON error response {"error", "hint"}, sent straight through ``send``."""
    body = json.dumps({"error": error, "hint": hint}, ensure_ascii=False).encode("utf-8")
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
                            *headers]})
    await send({"type": "http.response.body", "body": body})
