"""The Store API: adding posts (batches, idempotence, times), reading them back, deleting a subject
for good, and exports that hold no personal data and no spreadsheet formulas."""
from __future__ import annotations

import csv
import io
import json

import pytest
from store_files import file_bytes
from store_helpers import EMAIL, PHONE, posts_with_levels

from mentalens.errors import StoreError
from mentalens.store import Store


def test_add_then_read_back(store, fake):
    posts = [{"id": "b", "text": "second level=low", "posted_at": "2024-01-02T08:00:00+08:00"},
             {"id": "a", "text": "first level=none", "posted_at": "2024-01-01"},
             {"id": "c", "text": "third level=high", "posted_at": "2024-01-02T00:30:00Z"}]
    out = store.add_posts("alice", posts, fake, batch_size=2)
    assert out == {"added": 3, "skipped": 0, "alerts": []}
    assert [len(b) for b in fake.batches] == [2, 1]
    t = store.timeline("alice")
    assert [p["post_id"] for p in t["points"]] == ["a", "b", "c"]          # time order (UTC)
    assert [p["posted_at"] for p in t["points"]] == ["2024-01-01T00:00:00Z", "2024-01-02T00:00:00Z",
                                                     "2024-01-02T00:30:00Z"]
    p = t["points"][2]
    assert (p["level"], p["risk"], p["model"]) == ("high", 3, {"name": "fake", "version": "1", "backend": "test"})
    assert p["scores"] == {"suicidal_ideation": 0.75} and p["result"]["id"] == "c"
    assert t["rules"]["version"] == 1 and t["alerts"] == []
    assert store.subjects() == [{"subject": "alice", "posts": 3, "first_at": "2024-01-01T00:00:00Z",
                                 "last_at": "2024-01-02T00:30:00Z", "latest_level": "high", "alerts": 0}]


def test_running_again_adds_nothing_and_analyses_nothing(store, fake):
    posts = [{"id": "1", "text": "same id level=low"}, {"text": "no id", "posted_at": "2024-03-01"},
             {"text": "no id, no time"}, {"text": "no id", "posted_at": "2024-03-01T00:00:00Z"}]  # same as the 2nd
    assert store.add_posts("alice", posts, fake)["added"] == 3
    before = fake.analysed
    assert store.add_posts("alice", posts, fake) == {"added": 0, "skipped": 4, "alerts": []}
    assert fake.analysed == before                    # nothing analysed again
    assert store.subjects()[0]["posts"] == 3
    again = store.add_posts("bob", posts, fake)       # another subject is another timeline
    assert again["added"] == 3


def test_a_missing_time_is_the_insertion_time_and_a_bad_one_names_the_row(store, fake):
    store.add_posts("alice", [{"text": "undated"}], fake)
    when = store.timeline("alice")["points"][0]["posted_at"]
    assert when.startswith("20") and when.endswith("Z")
    with pytest.raises(StoreError, match=r"post 2 \(id 'x'\): posted_at 'yesterday' is not an ISO 8601") as e:
        store.add_posts("alice", [{"text": "ok"}, {"id": "x", "text": "bad", "posted_at": "yesterday"}], fake)
    assert "2024-05-01" in e.value.hint
    assert store.subjects()[0]["posts"] == 1          # nothing of the bad call was stored
    with pytest.raises(StoreError, match="a subject is a name"):
        store.add_posts("  ", [{"text": "x"}], fake)
    with pytest.raises(StoreError, match="'text' string"):
        store.add_posts("alice", [{"id": "1"}], fake)


def test_unknown_subject(store):
    with pytest.raises(StoreError, match="no subject 'nobody'"):
        store.timeline("nobody")
    with pytest.raises(StoreError, match="no subject 'nobody'"):
        store.delete_subject("nobody")


def test_progress_is_called_per_committed_batch(store, fake):
    seen = []
    store.add_posts("alice", posts_with_levels(["low"] * 5), fake, batch_size=2,
                    progress=lambda done, total: seen.append((done, total)))
    assert seen == [(2, 5), (4, 5), (5, 5)]


def test_a_failing_batch_leaves_the_committed_ones(store, fake):
    class Flaky:
        def __init__(self):
            self.n = 0

        def analyze(self, texts, tasks=None, **options):
            self.n += 1
            if self.n == 3:
                raise RuntimeError("boom")
            return fake.analyze(texts)

    posts = posts_with_levels(["low"] * 10)
    with pytest.raises(RuntimeError):
        store.add_posts("alice", posts, Flaky(), batch_size=3)
    assert store.subjects()[0]["posts"] == 6
    assert store.add_posts("alice", posts, fake, batch_size=3)["added"] == 4      # resumes
    assert store.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


# -- personal data ----------------------------------------------------------------------------

SECRET_TEXT = f"I can't sleep. Write to {EMAIL} or call {PHONE}, I'm @sleepless_jane. level=high"
SECRETS = [EMAIL, PHONE, "013-4477", "jane.doe", "sleepless_jane"]


def test_personal_data_never_reaches_the_file(store, store_file, fake):
    store.add_posts("alice", [{"id": "1", "text": SECRET_TEXT}], fake)
    data = file_bytes(store_file)                     # the file and the -wal, while open
    assert store_file.with_name("store.db-wal").exists()
    assert [s for s in SECRETS if s.encode() in data] == []
    assert b"[email]" in data and b"[phone]" in data
    point = store.timeline("alice")["points"][0]
    assert point["text"] == "I can't sleep. Write to [email] or call [phone], I'm [handle]. level=high"
    assert point["result"]["chars"] == len(point["text"])


def test_the_raw_text_only_when_asked(store, store_file, fake):
    store.add_posts("alice", [{"id": "1", "text": SECRET_TEXT}], fake, keep_raw=True)
    assert EMAIL.encode() in file_bytes(store_file)
    assert store.conn.execute("SELECT raw_text FROM posts").fetchone()[0] == SECRET_TEXT
    buf = io.BytesIO()
    store.export("jsonl", buf)
    assert EMAIL.encode() not in buf.getvalue()       # exports carry the redacted text only


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "parquet"])
def test_exports_hold_no_personal_data(store, fake, tmp_path, fmt):
    store.add_posts("alice", [{"id": "1", "text": SECRET_TEXT, "posted_at": "2024-01-01"}], fake)
    store.add_posts("bob", posts_with_levels(["low", "none"]), fake)
    path = tmp_path / f"out.{fmt}"
    assert store.export(fmt, path) == 3
    assert store.export(fmt, tmp_path / f"alice.{fmt}", subject="alice") == 1
    data = path.read_bytes()
    assert [s for s in SECRETS if s.encode() in data] == []
    assert oct(path.stat().st_mode & 0o777) == "0o600"
    if fmt == "parquet":
        import pyarrow.parquet as pq

        rows = pq.read_table(path).to_pylist()
    elif fmt == "csv":
        rows = list(csv.DictReader(io.StringIO(data.decode())))
    else:
        rows = [json.loads(x) for x in data.decode().splitlines()]
    assert [(r["subject"], r["post_id"]) for r in rows] == [("alice", "1"), ("bob", "p0"), ("bob", "p1")]
    assert "[email]" in rows[0]["text"] and str(rows[0]["level"]) == "high"
    if fmt == "jsonl":
        assert rows[0]["scores"] == {"suicidal_ideation": 0.75}
    else:
        assert float(rows[0]["score_suicidal_ideation"]) == 0.75 and rows[0]["model_name"] == "fake"


def test_csv_cells_cannot_run_as_formulas(store, fake):
    evil = ["=HYPERLINK(\"x\",\"y\") level=high", "+1+1 level=low", "-2+3 level=low", "@SUM(A1) level=low",
            "\t=1 level=low"]
    store.add_posts("=cmd|' /C calc'!A0", [{"id": f"=1+{i}", "text": t} for i, t in enumerate(evil)], fake)
    buf = io.BytesIO()
    store.export("csv", buf)
    rows = list(csv.reader(io.StringIO(buf.getvalue().decode())))
    cells = [c for r in rows for c in r]
    assert [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r")] == []
    assert "'=cmd|' /C calc'!A0" in cells and "'+1+1 level=low" in cells


def test_unknown_export_format(store):
    with pytest.raises(StoreError, match="unknown export format 'xlsx'"):
        store.export("xlsx", io.BytesIO())


# -- deleting ---------------------------------------------------------------------------------

def test_delete_subject_leaves_no_trace(store_file, fake):
    marker = "UNIQUE-MARKER-QX7731"
    with Store.open(store_file) as s:
        s.add_posts("victim", [{"id": f"v{i}", "text": f"{marker} {i} level=imminent " + "x" * 500}
                               for i in range(40)], fake, batch_size=7)
        s.add_posts("other", posts_with_levels(["low"] * 3), fake)
        assert marker.encode() in file_bytes(store_file)
        assert s.delete_subject("victim") == 40
        assert marker.encode() not in file_bytes(store_file)      # file and -wal, still open
        assert [x["subject"] for x in s.subjects()] == ["other"]
        counts = [s.conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("posts", "analyses", "alerts")]
        assert counts == [3, 3, 0]
    assert marker.encode() not in file_bytes(store_file)
    assert b"victim" not in file_bytes(store_file)
