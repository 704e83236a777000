"""The store's endpoints on a real server with a real store: add, list, timeline, export, delete."""
from __future__ import annotations

import csv
import io
import json

import pytest

pytestmark = pytest.mark.enable_socket

CALM = "Had a lovely walk by the river with my sister this morning."
LOW = "I feel empty and sad every single day and nothing interests me anymore."
CRISIS = "I want to die, I can't see any reason to keep living. Mail me at someone.private@example.com"


def posts():
    return [{"id": "p1", "text": CALM, "posted_at": "2024-05-01T09:00:00Z"},
            {"id": "p2", "text": LOW, "posted_at": "2024-05-03"},
            {"id": "p3", "text": CRISIS, "posted_at": "2024-05-02T10:00:00+08:00"}]


def test_a_new_server_has_no_store_and_makes_none_on_reads(launch):
    s = launch(name="nostore")
    with s.client() as c:
        assert c.get("/api/subjects").json() == []
        r = c.get("/api/subjects/nobody/timeline")
        assert r.status_code == 404 and "nobody" in r.json()["error"]
        assert c.delete("/api/subjects/nobody").status_code == 404
        assert c.get("/api/export").status_code == 404
    assert not s.store.exists()


def test_add_list_timeline_export_delete(api):
    r = api.post("/api/subjects/alice/posts", json={"posts": posts(), "locale": "en_US"})
    assert r.status_code == 200, r.text
    added = r.json()
    assert added["added"] == 3 and added["skipped"] == 0 and isinstance(added["alerts"], list)
    again = api.post("/api/subjects/alice/posts", json={"posts": posts()}).json()
    assert again["added"] == 0 and again["skipped"] == 3

    listed = {x["subject"]: x for x in api.get("/api/subjects").json()}
    assert listed["alice"]["posts"] == 3

    tl = api.get("/api/subjects/alice/timeline").json()
    assert tl["subject"] == "alice" and [p["post_id"] for p in tl["points"]] == ["p1", "p3", "p2"]
    crisis = tl["points"][1]
    assert "someone.private@example.com" not in json.dumps(tl) and "[email]" in crisis["text"]
    assert crisis["level"] in ("high", "imminent") and 0 <= crisis["scores"]["suicidal_ideation"] <= 1

    r = api.get("/api/export", params={"format": "csv", "subject": "alice"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    assert r.headers["content-disposition"] == 'attachment; filename="mentalens-export-alice.csv"'
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert [x["post_id"] for x in rows] == ["p1", "p3", "p2"] and "example.com" not in r.text

    r = api.get("/api/export", params={"format": "jsonl"})
    assert r.status_code == 200 and 'filename="mentalens-export.jsonl"' in r.headers["content-disposition"]
    assert "alice" in {json.loads(line)["subject"] for line in r.text.splitlines()}

    r = api.delete("/api/subjects/alice")
    assert r.status_code == 200 and r.json() == {"deleted": 3}
    assert api.get("/api/subjects/alice/timeline").status_code == 404
    assert "alice" not in {x["subject"] for x in api.get("/api/subjects").json()}


def test_parquet_export(api):
    pa = pytest.importorskip("pyarrow.parquet")
    assert api.post("/api/subjects/pq/posts", json={"posts": posts()[:2]}).status_code == 200
    r = api.get("/api/export", params={"format": "parquet", "subject": "pq"})
    assert r.status_code == 200 and r.headers["content-disposition"].endswith('.parquet"')
    table = pa.read_table(io.BytesIO(r.content))
    assert table.num_rows == 2 and "post_id" in table.column_names
    api.delete("/api/subjects/pq")


def test_large_export_streams_whole(api):
    many = [{"id": f"m{i}", "text": f"{LOW} number {i} " + "filler " * 40} for i in range(250)]
    assert api.post("/api/subjects/many/posts", json={"posts": many}).json()["added"] == 250
    with api.stream("GET", "/api/export", params={"format": "jsonl", "subject": "many"}) as r:
        assert r.status_code == 200 and "content-length" not in r.headers
        lines = b"".join(r.iter_bytes()).decode().splitlines()
    assert [json.loads(x)["post_id"] for x in lines] == [f"m{i}" for i in range(250)]
    api.delete("/api/subjects/many")


def test_store_errors(api):
    r = api.post("/api/subjects/bob/posts", json={"posts": [{"text": "x", "posted_at": "yesterday"}]})
    assert r.status_code == 422 and "posted_at" in r.json()["error"]
    r = api.post("/api/subjects/bob/posts", json={"posts": [{"text": "x"}], "tasks": ["nope"]})
    assert r.status_code == 422 and "valid tasks" in r.json()["error"]
    r = api.post("/api/subjects/%20/posts", json={"posts": [{"text": "x"}]})
    assert r.status_code == 422
    r = api.get("/api/subjects/nobody-at-all/timeline")
    assert r.status_code == 404 and r.json()["hint"]
    assert api.get("/api/export", params={"format": "xlsx"}).status_code == 422
    assert api.get("/api/export", params={"subject": "nobody-at-all"}).status_code == 404
    assert api.delete("/api/subjects/nobody-at-all").status_code == 404


def test_an_encrypted_store_and_a_wrong_key(launch):
    pytest.importorskip("sqlcipher3")
    s = launch("--encrypt", name="enc", env={"MENTALENS_STORE_KEY": "correct horse battery staple"})
    with s.client() as c:
        assert c.post("/api/subjects/carol/posts", json={"posts": posts()[:1]}).json()["added"] == 1
        assert [x["subject"] for x in c.get("/api/subjects").json()] == ["carol"]
    s.stop()
    assert not s.store.read_bytes().startswith(b"SQLite format 3")
    wrong = launch("--store", str(s.store), name="enc-wrong", env={"MENTALENS_STORE_KEY": "another key"})
    with wrong.client() as c:
        r = c.get("/api/subjects")
        assert r.status_code == 503 and "key is wrong" in r.json()["error"] and r.json()["hint"]


def test_two_uploads_without_ids_are_both_kept(api):
    """A file without an id column gives posts without ids, so the store knows them by text and time:
    a second file's first row is not mistaken for the first file's (row numbers would be)."""
    first = api.post("/api/upload?format=csv", content=b"text,date\nfirst file row one,2024-05-01\n"
                     b"first file row two,2024-05-02\n").json()["posts"]
    second = api.post("/api/upload?format=csv", content=b"text,date\nsecond file row one,2024-05-03\n").json()["posts"]
    assert [p["id"] for p in first + second] == [None, None, None]
    assert first[0]["posted_at"] == "2024-05-01"
    for posts_ in (first, second, first):
        r = api.post("/api/subjects/uploads/posts", json={"posts": posts_})
        assert r.status_code == 200, r.text
    tl = api.get("/api/subjects/uploads/timeline").json()
    assert [p["text"] for p in tl["points"]] == ["first file row one", "first file row two", "second file row one"]
    assert api.delete("/api/subjects/uploads").json() == {"deleted": 3}
