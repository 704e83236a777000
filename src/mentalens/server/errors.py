"""Every error the server answers is JSON ``{"error": str, "hint": str | null}`` with the right status.

Library errors (MentalensError) keep their message and hint: a usage or input problem is the
client's (422), an unknown subject is 404 (UnknownSubjectError), a store it cannot open 503, a
missing optional package 501. A 500 is the last resort, for a bug: the log gets the exception's type and where it was
raised, never its message (a message can quote a post) and never a body.
"""
from __future__ import annotations

import logging
import traceback

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException

from ..errors import (
    ExtraNotInstalledError,
    InputError,
    MentalensError,
    StoreError,
    UnknownNameError,
    UnknownSubjectError,
    UsageError,
)
from .access_log import shown_path
from .pool import Overloaded
from .security import BodyTooLarge, send_json, too_large_hint

log = logging.getLogger("mentalens.server")
SHAPE_HINT = "the request shapes are in /api/openapi.json"


class ApiError(Exception):
    """An error a route raises on purpose, with its status."""

    def __init__(self, status: int, message: str, hint: str | None = None, headers: dict | None = None) -> None:
        super().__init__(message)
        self.status, self.message, self.hint, self.headers = status, message, hint, headers


def error_response(status: int, error: str, hint: str | None = None, headers: dict | None = None) -> JSONResponse:
    return JSONResponse({"error": error, "hint": hint}, status_code=status, headers=headers)


def library_status(exc: MentalensError) -> int:
    """The HTTP status of a library error."""
    if isinstance(exc, UnknownSubjectError):
        return 404
    if isinstance(exc, (UnknownNameError, InputError, UsageError)):
        return 422
    if isinstance(exc, ExtraNotInstalledError):
        return 501
    if isinstance(exc, StoreError):
        return 503                 # a wrong key, a file that is not a store: the store cannot serve
    return 500                     # the server's own set-up (its model, its files): said plainly


def _library(_: Request, exc: MentalensError) -> JSONResponse:
    message = exc.message
    if isinstance(exc, UnknownNameError) and exc.kind == "task":
        message += f"; valid tasks: {', '.join(exc.known)}"
    status = library_status(exc)
    if status >= 500:
        log.error("library error %s answered %d", type(exc).__name__, status)
    return error_response(status, message, exc.hint)


def _readable(errors) -> str:
    parts = []
    for e in errors:
        loc = [str(x) for x in e.get("loc", ()) if x != "body"]
        where = ".".join(loc) or "the body"
        parts.append(f"{where}: {e.get('msg', 'invalid')}")
    return "the request is not valid: " + "; ".join(parts[:10]) + (f" (and {len(parts) - 10} more)"
                                                                      if len(parts) > 10 else "")


def _validation(_: Request, exc: RequestValidationError) -> JSONResponse:
    return error_response(422, _readable(exc.errors()), SHAPE_HINT)      # the values sent are never echoed


def _http(request: Request, exc: HTTPException) -> JSONResponse:
    if isinstance(exc, BodyTooLarge):
        return error_response(413, str(exc.detail), too_large_hint(exc.limit))
    if exc.status_code == 404 and exc.detail == "Not Found":
        return error_response(404, f"nothing at {request.url.path}", "the endpoints are listed in /api/openapi.json")
    if exc.status_code == 405:
        return error_response(405, f"{request.method} is not allowed on {request.url.path}", SHAPE_HINT,
                              headers=dict(exc.headers or {}))
    return error_response(exc.status_code, str(exc.detail), None, headers=dict(exc.headers or {}))


def _api(_: Request, exc: ApiError) -> JSONResponse:
    return error_response(exc.status, exc.message, exc.hint, exc.headers)


def _overloaded(_: Request, exc: Overloaded) -> JSONResponse:
    return error_response(503, str(exc), f"try again in {exc.retry_after} s",
                          headers={"Retry-After": str(exc.retry_after)})


def install(app: FastAPI) -> None:
    app.add_exception_handler(MentalensError, _library)
    app.add_exception_handler(RequestValidationError, _validation)
    app.add_exception_handler(HTTPException, _http)
    app.add_exception_handler(ApiError, _api)
    app.add_exception_handler(Overloaded, _overloaded)


class CatchAllMiddleware:
    """The last resort: an unexpected exception becomes a JSON 500 here and goes no further, so
    that neither Starlette nor uvicorn logs its message or traceback text."""

    def __init__(self, app) -> None:
        self.app = app

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def tracking_send(message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, receive, tracking_send)
        except BodyTooLarge:
            raise
        except Exception as exc:
            frames = " < ".join(f"{f.filename.rsplit('/', 1)[-1]}:{f.lineno} {f.name}"
                                for f in reversed(traceback.extract_tb(exc.__traceback__)[-8:]))
            log.error("unexpected %s on %s %s (a bug), raised at %s", type(exc).__name__, scope.get("method"),
                      shown_path(scope.get("path", "")), frames)
            if not started:
                await send_json(send, 500, f"internal error ({type(exc).__name__})",
                                "this is a bug in mentalens; the server log names where it happened")
