"""What the store shows: the list of subjects and one subject's timeline (the server's JSON and the
CLI's tables read these). Everything here is already redacted; points come in time order
(posted_at, then the order they were added)."""
from __future__ import annotations

import json

_LATEST = "JOIN analyses a ON a.id = (SELECT max(id) FROM analyses WHERE post_id = p.id)"


def subjects(conn) -> list[dict]:
    """{"subject", "posts", "first_at", "last_at", "latest_level", "alerts"} per subject, by name."""
    rows = conn.execute(
        "SELECT s.name, "
        "(SELECT count(*) FROM posts WHERE subject_id = s.id), "
        "(SELECT posted_at FROM posts WHERE subject_id = s.id ORDER BY posted_ts, id LIMIT 1), "
        "(SELECT posted_at FROM posts WHERE subject_id = s.id ORDER BY posted_ts DESC, id DESC LIMIT 1), "
        f"(SELECT a.level FROM posts p {_LATEST} WHERE p.subject_id = s.id "
        "ORDER BY p.posted_ts DESC, p.id DESC LIMIT 1), "
        "(SELECT count(*) FROM alerts WHERE subject_id = s.id) "
        "FROM subjects s ORDER BY s.name").fetchall()
    return [{"subject": r[0], "posts": r[1], "first_at": r[2], "last_at": r[3], "latest_level": r[4],
             "alerts": r[5]} for r in rows]


def timeline(conn, subject_id: int, subject: str, rules: dict) -> dict:
    """The subject's points, alerts and the alert rules in force."""
    points = [{"post_id": r[0], "posted_at": r[1], "text": r[2], "level": r[3], "risk": r[4],
               "scores": json.loads(r[5]), "model": {"name": r[6], "version": r[7], "backend": r[8]},
               "result": json.loads(r[9])}
              for r in conn.execute(
                  "SELECT p.post_key, p.posted_at, p.text, a.level, a.risk, a.scores, a.model_name, a.model_version, "
                  f"a.backend, a.result FROM posts p {_LATEST} WHERE p.subject_id = ? ORDER BY p.posted_ts, p.id",
                  (subject_id,))]
    return {"subject": subject, "points": points, "alerts": alerts(conn, subject_id), "rules": rules}


def alerts(conn, subject_id: int | None = None) -> list[dict]:
    """{"id", "post_id", "posted_at", "rule", "level", "message"} per alert, in time order."""
    where, args = ("WHERE al.subject_id = ?", (subject_id,)) if subject_id is not None else ("", ())
    rows = conn.execute(
        "SELECT al.id, p.post_key, p.posted_at, al.rule, al.level, al.message FROM alerts al "
        f"JOIN posts p ON p.id = al.post_id {where} ORDER BY p.posted_ts, p.id, al.id", args).fetchall()
    return [{"id": r[0], "post_id": r[1], "posted_at": r[2], "rule": r[3], "level": r[4], "message": r[5]}
            for r in rows]
