"""kill -9 in the middle of `mentalens store add`: every committed batch is whole, and running the
command again completes the store to exactly the posts of the input."""
from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time

import pytest

N = 3000
BATCH = 3
OPENERS = ["Had a lovely walk by the river", "I feel empty and sad every single day", "I want to die",
           "My heart races and I panic before every meeting", "Finally fixed the leaking kitchen tap"]


def count(db) -> int:
    if not db.exists():
        return 0
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)
    try:
        return conn.execute("SELECT count(*) FROM posts").fetchone()[0]
    except sqlite3.OperationalError:           # the schema is not there yet
        return 0
    finally:
        conn.close()


@pytest.mark.slow
def test_kill_9_during_store_add_keeps_committed_batches_whole(lens_model_dir, tmp_path):
    src = tmp_path / "big.jsonl"
    src.write_text("".join(json.dumps({"id": f"p{i}", "text": f"{OPENERS[i % 5]} (note {i})",
                                       "posted_at": f"2024-01-01T00:00:{i % 60:02d}"}) + "\n"
                           for i in range(N)), encoding="utf-8")
    db = tmp_path / "store.db"
    env = {**os.environ, "MENTALENS_MODEL": str(lens_model_dir)}
    env.pop("MENTALENS_STORE_KEY", None)
    cmd = [sys.executable, "-m", "mentalens", "store", "add", "-s", "s", "-i", str(src), "--store", str(db)]
    proc = subprocess.Popen([*cmd, "--batch-size", str(BATCH)], env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 120
        while count(db) < 60 and time.monotonic() < deadline and proc.poll() is None:
            time.sleep(0.02)
        assert proc.poll() is None, "the command ended before it could be killed: make the input larger"
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL

    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        stored = conn.execute("SELECT count(*) FROM posts").fetchone()[0]
        orphans = conn.execute("SELECT count(*) FROM posts WHERE id NOT IN (SELECT post_id FROM analyses)").fetchone()
        assert 60 <= stored < N and stored % BATCH == 0       # whole batches only
        assert orphans[0] == 0 and conn.execute("SELECT count(*) FROM analyses").fetchone()[0] == stored
    finally:
        conn.close()

    done = subprocess.run([*cmd, "--batch-size", "500"], env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert f"stored {N - stored} posts" in done.stdout and f"{stored} posts were stored already" in done.stderr
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("SELECT count(*), count(DISTINCT post_key) FROM posts").fetchone() == (N, N)
        assert conn.execute("SELECT count(*) FROM analyses").fetchone()[0] == N
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        conn.close()
