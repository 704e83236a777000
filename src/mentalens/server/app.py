"""``create_app(settings)``: the local REST server and its web page, as one FastAPI app.

The model is loaded here, once, before the server binds: a missing model is a clear error at
start rather than a 500 on the first request. No /docs or /redoc (they load scripts from a
CDN, which the page's CSP forbids and an offline machine cannot reach); the OpenAPI document
is at /api/openapi.json. Layers, outermost first: access log -> security (host, origin,
token, body size, headers) -> last-resort 500 -> FastAPI's handlers -> routes.
"""
from __future__ import annotations

import mimetypes
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI
from fastapi.responses import FileResponse
from starlette.staticfiles import StaticFiles

from .. import __version__
from . import errors
from .access_log import AccessLogMiddleware
from .errors import CatchAllMiddleware, error_response
from .pool import BoundedPool
from .security import SecurityMiddleware
from .settings import Settings
from .state import ServerState
from .store_access import StoreAccess

STATIC_DIR = Path(__file__).resolve().parent / "static"
# The page is served with nosniff: every asset needs its true type, whatever the OS's mime table says.
for _ext, _type in ((".js", "text/javascript"), (".mjs", "text/javascript"), (".css", "text/css"),
                    (".json", "application/json"), (".svg", "image/svg+xml"), (".html", "text/html"),
                    (".woff2", "font/woff2"), (".png", "image/png"), (".ico", "image/x-icon")):
    mimetypes.add_type(_type, _ext)

DESCRIPTION = ("Screen social-media posts for mental-health signals on this machine: per task a label, "
               "every label's probability and the words that drove it, plus a triage level with where to get "
               "help. Screening signals, not a diagnosis; this software cannot contact anyone.")


def create_app(settings: Settings | None = None, *, analyzer=None) -> FastAPI:
    """The app. ``analyzer``: an already loaded mentalens.Analyzer (else ``settings.model`` is loaded)."""
    settings = settings or Settings()
    if analyzer is None:
        from ..api import load

        analyzer = load(settings.model, settings.backend)
        analyzer.analyze(["Warming up.", "\u70ed\u8eab\u3002"])    # lazy tables load now, not in a first request
    ctx = ServerState(settings=settings, analyzer=analyzer,
                      pool=BoundedPool("analysis", settings.workers, settings.queue, settings.retry_after),
                      store=StoreAccess(settings.store, settings.store_key, queue=settings.queue,
                                        retry_after=settings.retry_after))

    @asynccontextmanager
    async def lifespan(_app):
        yield
        ctx.close()

    app = FastAPI(title="mentalens", version=__version__, description=DESCRIPTION, docs_url=None,
                  redoc_url=None, openapi_url="/api/openapi.json", lifespan=lifespan)
    app.state.mentalens = ctx
    errors.install(app)
    from .routes_analysis import router as analysis
    from .routes_chat import router as chat
    from .routes_store import router as store

    app.include_router(analysis)
    app.include_router(store)
    app.include_router(chat)
    _page(app)
    app.add_middleware(CatchAllMiddleware)               # added first: innermost of the three
    app.add_middleware(SecurityMiddleware, settings=settings)
    app.add_middleware(AccessLogMiddleware)
    return app


def _page(app: FastAPI) -> None:
    @app.get("/", include_in_schema=False)
    def index():
        page = STATIC_DIR / "index.html"
        if not page.is_file():
            return error_response(404, "the web page is not installed with this copy of mentalens "
                                  f"(no {page.name} in {STATIC_DIR})",
                                  "reinstall mentalens; the REST API under /api/ works without the page")
        return FileResponse(page, media_type="text/html; charset=utf-8")

    app.mount("/static", StaticFiles(directory=STATIC_DIR, check_dir=False), name="static")
