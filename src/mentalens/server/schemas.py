"""Request bodies of the REST API (``extra="forbid"``: a misspelt field is an error, not ignored).

Answers reuse the library's own schema (mentalens.schema.Result) so that the API, the CLI and
the store all speak one shape.
"""
from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from ..schema import Result

Lang = Literal["auto", "en", "zh"]


class _In(BaseModel):
    model_config = ConfigDict(extra="forbid")


class _Options(_In):
    tasks: list[str] | None = Field(default=None, description="task ids; null: every task of the loaded model")
    locale: str | None = Field(default=None, description="where the reader is, for crisis resources, e.g. en_US, "
                               "zh_TW; null: the server's locale")
    lang: Lang = Field(default="auto", description="the posts' language: auto (guessed per post), en or zh")
    explain: bool = Field(default=False, description="add a rationale and the symptoms mentioned, per task")


class AnalyzeRequest(_Options):
    text: str = Field(description="the post")


class BatchPost(_In):
    text: str
    id: str | None = None


class BatchRequest(_Options):
    posts: list[BatchPost]


class StoredPost(_In):
    text: str
    id: str | None = None
    posted_at: str | None = Field(default=None, description="when it was posted, ISO 8601")


class AddPostsRequest(_In):
    posts: list[StoredPost]
    keep_raw: bool = Field(default=False, description="also keep the raw text (by default only a redacted copy)")
    locale: str | None = None
    tasks: list[str] | None = None


class BatchResults(BaseModel):
    results: list[Result]


class Explained(BaseModel):
    result: Result
    explanation: str = Field(description="the result in plain language: triage, where to get help, and per "
                             "task the decision, its evidence and the symptoms mentioned")


class UploadedPost(BaseModel):
    id: str | None = Field(description="the file's id column; none without one (the store then knows a post by "
                           "its text and time)")
    text: str
    posted_at: str | None = None


class Uploaded(BaseModel):
    posts: list[UploadedPost]
    warnings: list[str]
