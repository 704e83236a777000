"""Endpoints that read posts and answer at once; nothing here is stored.

Analysis runs on the bounded pool (pool.py), never on the event loop; task names are checked
first, on the loop, so that a bad request costs no worker. Results are serialised by the
library's own ``to_json`` (the same bytes as ``mentalens analyze --format json``).
"""
from __future__ import annotations

import io
import json

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from .. import __version__, i18n
from ..io.outputs import to_json
from ..schema import Result
from .body import JSONBodyRoute
from .errors import ApiError
from .schemas import AnalyzeRequest, BatchRequest, BatchResults, Explained, Uploaded
from .state import state
from .upload import parse_upload

router = APIRouter(route_class=JSONBodyRoute)
UI_LANGS = ("en", "zh-Hans", "zh-Hant")           # the page's languages: titles and label names in each


def json_bytes(text: str) -> Response:
    return Response(text, media_type="application/json")


@router.get("/api/health", summary="Is the server up; which models; is auth on")
def health(request: Request) -> dict:
    ctx = state(request)
    s = ctx.settings
    return {"status": "ok", "version": __version__, "models": ctx.model_names(), "store": ctx.store.available,
            "auth": s.auth, "limits": {"max_body": s.max_body, "max_batch": s.max_batch}}


@router.get("/api/tasks", summary="The tasks of the loaded model")
def tasks(request: Request) -> list[dict]:
    from ..tasks import get_task

    out = []
    for t in state(request).analyzer.backend.tasks:
        spec = get_task(t)
        out.append({"id": spec.id, "title": spec.title, "titles": {x: i18n.task_title(t, x) for x in UI_LANGS},
                    "description": spec.description, "kind": spec.kind, "languages": list(spec.languages),
                    "labels": [{"id": lab.id, "name": lab.name, "description": lab.description,
                                "names": {x: i18n.label_name(t, lab.id, x) for x in UI_LANGS}} for lab in spec.labels]})
    return out


@router.get("/api/models", summary="The loaded model and the built-in ones")
def models(request: Request) -> dict:
    from ..cli.models import builtin_models

    b = state(request).analyzer.backend
    return {"loaded": {"name": b.model_name, "version": b.model_version, "backend": b.name, "tasks": list(b.tasks)},
            "builtin": [m["name"] for m in builtin_models()]}


@router.post("/api/analyze", summary="Screen one post", responses={200: {"model": Result}})
async def analyze(body: AnalyzeRequest, request: Request) -> Response:
    ctx = state(request)
    ctx.check_tasks(body.tasks)
    r = await ctx.pool.run(ctx.analyzer.analyze, body.text, body.tasks, locale=body.locale, lang=body.lang,
                           explain=body.explain)
    return json_bytes(to_json(r))


@router.post("/api/analyze/batch", summary="Screen several posts (at most --max-batch)",
             responses={200: {"model": BatchResults}, 413: {"description": "more posts than --max-batch"}})
async def analyze_batch(body: BatchRequest, request: Request) -> Response:
    ctx = state(request)
    ctx.check_batch(len(body.posts))
    ctx.check_tasks(body.tasks)
    if not body.posts:
        return json_bytes('{"results": []}')
    ids = [p.id if p.id is not None else str(i + 1) for i, p in enumerate(body.posts)]
    results = await ctx.pool.run(ctx.analyzer.analyze, [p.text for p in body.posts], body.tasks, ids=ids,
                                 locale=body.locale, lang=body.lang, explain=body.explain)
    return json_bytes('{"results": [' + ", ".join(to_json(r) for r in results) + "]}")


@router.post("/api/explain", summary="Screen one post and say why, in plain language",
             responses={200: {"model": Explained}})
async def explain(body: AnalyzeRequest, request: Request) -> Response:
    ctx = state(request)
    run = ctx.check_tasks(body.tasks)
    r, text = await ctx.pool.run(_explained, ctx.analyzer, body, run)
    return json_bytes('{"result": ' + to_json(r) + ', "explanation": ' + json.dumps(text, ensure_ascii=False) + "}")


def _explained(analyzer, body: AnalyzeRequest, run: list[str]) -> tuple[Result, str]:
    from ..io.explain_text import ExplainTextWriter

    r = analyzer.analyze(body.text, body.tasks, locale=body.locale, lang=body.lang, explain=True)
    buf = io.StringIO()
    writer = ExplainTextWriter(buf, run, texts=[body.text], locale=body.locale)
    writer.write([r])
    writer.close()
    return r, buf.getvalue()


@router.post("/api/upload", summary="Read a file of posts (csv, tsv, jsonl, txt); nothing is stored",
             response_model=Uploaded,
             openapi_extra={"requestBody": {"required": True, "description": "the file itself, as the raw body",
                                            "content": {t: {"schema": {"type": "string"}} for t in (
                                                "text/csv", "text/tab-separated-values", "application/x-ndjson",
                                                "text/plain")}}})
async def upload(request: Request,
                 fmt: str | None = Query(None, alias="format", description="csv, tsv, jsonl or txt (default: from "
                                         "the Content-Type)"),
                 text_column: str = Query("text", description="the column / field holding the post"),
                 id_column: str | None = Query(None, description="the column / field holding each post's id")):
    ctx = state(request)
    raw = await request.body()
    if not raw:
        raise ApiError(400, "the body is empty", "send the file itself as the request body")
    return await ctx.pool.run(parse_upload, raw, fmt, request.headers.get("content-type"), text_column, id_column)
