"""JSON request bodies checked before FastAPI reads them, so that each fault has its own clear answer.

FastAPI alone answers bytes that are not UTF-8 with "There was an error parsing the body" and
malformed JSON with a position only; here they become 400s that say what is wrong and where
(line and column). A JSON endpoint also insists on ``Content-Type: application/json``: a page of
another site can send a text/plain or form body without asking first (a "simple" request), but
never a JSON one, so this is a second wall against cross-site requests besides the Origin check.
The body is read once (Starlette keeps it for the route) and only up to the size limit.
"""
from __future__ import annotations

import json

from fastapi import Request
from fastapi.routing import APIRoute

from .errors import ApiError

JSON_TYPES = ("application/json",)
EXAMPLE = '{"text": "some post"}'


class JSONBodyRoute(APIRoute):
    """An APIRoute whose JSON body (when it declares one) is checked for UTF-8 and JSON first."""

    def get_route_handler(self):
        handler = super().get_route_handler()
        if self.body_field is None:
            return handler

        async def checked(request: Request):
            raw = await request.body()
            check_json(raw, request.headers.get("content-type"))
            return await handler(request)

        return checked


def check_json(raw: bytes, content_type: str | None) -> None:
    mime = (content_type or "").split(";", 1)[0].strip().lower()
    if mime not in JSON_TYPES and not mime.endswith("+json"):
        raise ApiError(415, f"the body must be JSON, sent as Content-Type: application/json (got {mime or 'none'})",
                       "e.g. curl -H 'Content-Type: application/json' -d '" + EXAMPLE + "' ...")
    if not raw.strip():
        raise ApiError(400, "the body is empty", f"send a JSON object, e.g. {EXAMPLE}")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ApiError(400, f"the body is not valid UTF-8 (byte {exc.start} cannot be decoded)",
                       "send the JSON encoded as UTF-8") from None
    try:
        json.loads(text)
    except json.JSONDecodeError as exc:
        raise ApiError(400, f"the body is not valid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})",
                       f"send a JSON object, e.g. {EXAMPLE}") from None
    except RecursionError:
        raise ApiError(400, "the body is not valid JSON: nested too deeply", f"send a JSON object, e.g. {EXAMPLE}"
                       ) from None
