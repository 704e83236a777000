"""Endpoints over the store: subjects, their posts and timelines, deletion and export.

Every call runs on the store's own thread (store_access.py). Adding posts analyses them there
too, in the store's batches, so a post is stored with the analysis made of it.
"""
from __future__ import annotations

import re

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import StreamingResponse

from .body import JSONBodyRoute
from .errors import ApiError
from .export_stream import Pipe, first_chunk
from .schemas import AddPostsRequest
from .state import state

router = APIRouter(route_class=JSONBodyRoute)
SUBJECT = Path(min_length=1, max_length=200, description="the subject's name (a person, an account, a case)")
MEDIA = {"csv": "text/csv; charset=utf-8", "jsonl": "application/x-ndjson", "parquet": "application/vnd.apache.parquet"}


def _unknown(subject: str) -> ApiError:
    return ApiError(404, f"unknown subject {subject!r}", "GET /api/subjects lists the subjects in the store")


@router.get("/api/subjects", summary="The subjects in the store, with a summary of each")
async def subjects(request: Request) -> list[dict]:
    return await state(request).store.call(lambda s: s.subjects(), missing=[])


@router.post("/api/subjects/{subject}/posts", summary="Analyse posts and add them to a subject's timeline "
             "(posts already stored are skipped)")
async def add_posts(body: AddPostsRequest, request: Request, subject: str = SUBJECT) -> dict:
    ctx = state(request)
    ctx.check_batch(len(body.posts))
    ctx.check_tasks(body.tasks)
    posts = [p.model_dump() for p in body.posts]

    def add(store):
        return store.add_posts(subject, posts, ctx.analyzer, tasks=body.tasks, locale=body.locale,
                               keep_raw=body.keep_raw)

    return await ctx.store.call(add, create=True)


@router.get("/api/subjects/{subject}/timeline", summary="A subject's posts over time, with alerts")
async def timeline(request: Request, subject: str = SUBJECT) -> dict:
    out = await state(request).store.call(lambda s: s.timeline(subject), missing=None)
    if out is None:
        raise _unknown(subject)
    return out


@router.delete("/api/subjects/{subject}", summary="Delete a subject and everything stored about it")
async def delete_subject(request: Request, subject: str = SUBJECT) -> dict:
    n = await state(request).store.call(lambda s: s.delete_subject(subject), missing=None)
    if n is None:
        raise _unknown(subject)
    return {"deleted": n}


@router.get("/api/export", summary="Download the store (or one subject) as csv, jsonl or parquet",
            responses={200: {"content": {m: {} for m in MEDIA.values()}, "description": "the file"}})
async def export(request: Request, fmt: str = Query("csv", alias="format", pattern="^(csv|jsonl|parquet)$"),
                 subject: str | None = Query(None, min_length=1, max_length=200)):
    ctx = state(request)
    pipe = Pipe()

    def produce(store):
        with pipe.writer() as out:
            store.export(fmt, out, subject=subject)
        return True

    future = ctx.store.submit(produce, missing=None)
    future.add_done_callback(pipe.finish_from)
    head = await first_chunk(pipe)
    if future.done() and future.exception() is None and future.result() is None:
        raise ApiError(404, "there is no store yet",
                       "add posts to a subject first (POST /api/subjects/{subject}/posts)")
    name = "mentalens-export" + (f"-{_safe(subject)}" if subject else "") + f".{fmt}"
    return StreamingResponse(pipe.chunks(head), media_type=MEDIA[fmt],
                             headers={"Content-Disposition": f'attachment; filename="{name}"'})


def _safe(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "_", name)[:60].strip("._") or "subject"
