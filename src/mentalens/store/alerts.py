"""Alert rules over a subject's posts: when the screening levels call for a person to look.

The rules and their defaults live in alerts.yaml (versioned) beside this file; a user YAML
overrides any value, and every key is checked, so a typo names itself instead of being ignored.
Two rules:

- ``single_post``: a post whose triage level is ``level`` or higher (default imminent).
- ``sustained_rise``: over the subject's posts in time order, the mean risk (0 none .. 4 imminent)
  of the last ``window`` posts exceeds the mean of the ``window`` before by ``min_rise`` levels or
  more, and the latest post is ``min_level`` or higher. It fires when the condition becomes true
  (not again on every following post while it stays true), so a long bad stretch is one alert.

Alerts are computed when posts are added, inside the transaction that stores them, and kept in
the alerts table (one per post and rule); adding the same posts again raises nothing new.
"""
from __future__ import annotations

import copy
from pathlib import Path

import yaml

from ..errors import StoreError
from ..schema import RISK_LEVELS
from .db import now

RULES_FILE = Path(__file__).resolve().with_name("alerts.yaml")
VERSION = 1
_TYPES = {
    "single_post": {"enabled": "switch", "level": "level"},
    "sustained_rise": {"enabled": "switch", "window": "count", "min_rise": "levels", "min_level": "level"},
}
_WANT = {"switch": "true or false", "level": f"one of {', '.join(RISK_LEVELS)}",
         "count": "a whole number of 1 or more", "levels": "a number above 0 (levels, e.g. 1.0)"}


def load_rules(override: str | Path | dict | None = None) -> dict:
    """The rules: alerts.yaml, with ``override`` (a YAML file or a mapping) laid over it."""
    rules = _read(RULES_FILE)
    _check(rules, str(RULES_FILE))
    if override is None:
        return rules
    source = "the alert rules given" if isinstance(override, dict) else str(override)
    user = copy.deepcopy(override) if isinstance(override, dict) else _read(Path(override))
    _check(user, source, partial=True)
    for name, values in (user.get("rules") or {}).items():
        rules["rules"][name].update(values)
    return rules


def _read(path: Path) -> dict:
    try:
        data = yaml.safe_load(Path(path).expanduser().read_text(encoding="utf-8"))
    except OSError as exc:
        raise StoreError(f"cannot read the alert rules {path}: {exc.strerror or exc}",
                         hint="check the path given to --alerts") from None
    except yaml.YAMLError as exc:
        where = getattr(exc, "problem_mark", None)
        at = f" (line {where.line + 1})" if where is not None else ""
        raise StoreError(f"the alert rules {path} are not valid YAML{at}",
                         hint="see src/mentalens/store/alerts.yaml for the format") from None
    if not isinstance(data, dict):
        raise StoreError(f"the alert rules {path} must be a mapping with 'version' and 'rules'",
                         hint="see src/mentalens/store/alerts.yaml for the format")
    return data


def _check(data: dict, source: str, *, partial: bool = False) -> None:
    def bad(key: str, why: str) -> StoreError:
        return StoreError(f"{source}: {key} {why}", hint="see src/mentalens/store/alerts.yaml for the keys and values")

    for key in data:
        if key not in ("version", "rules"):
            raise bad(repr(key), "is not a key of the alert rules; known: version, rules")
    version = data.get("version", VERSION if partial else None)
    if version != VERSION:
        raise bad("version", f"is {version!r}; this mentalens reads alert rules of version {VERSION}")
    rules = data.get("rules", {} if partial else None)
    if not isinstance(rules, dict):
        raise bad("rules", "must be a mapping of rule names to their settings")
    for name, values in rules.items():
        if name not in _TYPES:
            raise bad(f"rules.{name}", f"is not a rule; known: {', '.join(_TYPES)}")
        if not isinstance(values, dict):
            raise bad(f"rules.{name}", "must be a mapping of settings")
        for key, value in values.items():
            kind = _TYPES[name].get(key)
            if kind is None:
                raise bad(f"rules.{name}.{key}", f"is not a setting of {name}; known: {', '.join(_TYPES[name])}")
            if not _valid(kind, value):
                raise bad(f"rules.{name}.{key}", f"must be {_WANT[kind]}, not {value!r}")
        missing = [k for k in _TYPES[name] if k not in values]
        if missing and not partial:
            raise bad(f"rules.{name}", f"lacks {', '.join(missing)}")


def _valid(kind: str, value) -> bool:
    if kind == "switch":
        return isinstance(value, bool)
    if kind == "level":
        return value in RISK_LEVELS
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return False
    return (isinstance(value, int) and value >= 1) if kind == "count" else value > 0


# -- evaluation -----------------------------------------------------------------------------------

def evaluate(conn, subject_id: int, new_ids: set[int], rules: dict) -> list[dict]:
    """Raise the alerts that the posts ``new_ids`` (just inserted) call for; returns those stored
    now. Runs inside the caller's transaction."""
    rows = conn.execute(
        "SELECT p.id, p.post_key, p.posted_at, a.level, a.risk FROM posts p "
        "JOIN analyses a ON a.id = (SELECT max(id) FROM analyses WHERE post_id = p.id) "
        "WHERE p.subject_id = ? ORDER BY p.posted_ts, p.id", (subject_id,)).fetchall()
    found: list[tuple[tuple, str, str]] = []
    single, rise = rules["rules"]["single_post"], rules["rules"]["sustained_rise"]
    if single["enabled"]:
        floor = RISK_LEVELS.index(single["level"])
        found += [(r, "single_post", f"a post at screening level {r[3]} (this rule: {single['level']} or higher)")
                  for r in rows if r[0] in new_ids and r[4] >= floor]
    if rise["enabled"] and new_ids:
        found += _rises(rows, new_ids, rise)
    raised = []
    for row, rule, message in found:
        cur = conn.execute("INSERT OR IGNORE INTO alerts (subject_id, post_id, rule, level, message, created_at) "
                           "VALUES (?, ?, ?, ?, ?, ?)", (subject_id, row[0], rule, row[3], message, now()))
        if cur.rowcount == 1:
            raised.append({"id": cur.lastrowid, "post_id": row[1], "posted_at": row[2], "rule": rule,
                           "level": row[3], "message": message})
    return raised


def _rises(rows: list[tuple], new_ids: set[int], rule: dict) -> list[tuple[tuple, str, str]]:
    n, floor = rule["window"], RISK_LEVELS.index(rule["min_level"])
    first_new = min(i for i, r in enumerate(rows) if r[0] in new_ids)
    out, before_true = [], False
    for i in range(len(rows)):
        true, detail = False, ""
        if i >= 2 * n - 1:
            recent = sum(r[4] for r in rows[i - n + 1:i + 1]) / n
            earlier = sum(r[4] for r in rows[i - 2 * n + 1:i - n + 1]) / n
            true = recent - earlier >= rule["min_rise"] - 1e-9 and rows[i][4] >= floor
            detail = (f"screening levels rose: mean {recent:.2f} over the last {n} posts, up {recent - earlier:.2f} "
                      f"from {earlier:.2f} over the {n} before; latest post {rows[i][3]}")
        if true and not before_true and i >= first_new:
            out.append((rows[i], "sustained_rise", detail))
        before_true = true
    return out
