"""Alert rules (store/alerts.py, alerts.yaml): a single post at a level, a sustained rise, a user's
own rules, and clear errors for bad rule files."""
from __future__ import annotations

import pytest
from store_helpers import posts_with_levels

from mentalens.errors import StoreError
from mentalens.store import Store
from mentalens.store.alerts import load_rules


def rules_of(alerts):
    return [(a["post_id"], a["rule"], a["level"]) for a in alerts]


def test_the_built_in_rules():
    rules = load_rules()
    assert rules["version"] == 1
    assert rules["rules"]["single_post"] == {"enabled": True, "level": "imminent"}
    assert rules["rules"]["sustained_rise"] == {"enabled": True, "window": 3, "min_rise": 1.0, "min_level": "moderate"}


def test_a_single_imminent_post(store, fake):
    out = store.add_posts("alice", posts_with_levels(["low", "imminent", "high"]), fake)
    assert rules_of(out["alerts"]) == [("p1", "single_post", "imminent")]
    alert = out["alerts"][0]
    assert alert["subject"] == "alice" and alert["posted_at"] == "2024-01-02T00:00:00Z"
    assert "imminent" in alert["message"]
    t = store.timeline("alice")
    assert rules_of(t["alerts"]) == [("p1", "single_post", "imminent")]
    assert store.subjects()[0]["alerts"] == 1


def test_alerts_are_not_raised_twice(store, fake):
    posts = posts_with_levels(["imminent", "low"])
    assert len(store.add_posts("alice", posts, fake)["alerts"]) == 1
    assert store.add_posts("alice", posts, fake)["alerts"] == []
    assert len(store.timeline("alice")["alerts"]) == 1


def test_a_sustained_rise_fires_once_when_it_begins(store, fake):
    levels = ["none", "low", "none", "moderate", "high", "high", "high", "high"]
    out = store.add_posts("alice", posts_with_levels(levels), fake, batch_size=3)
    # at p5 the last three (2, 3, 3: mean 2.67) rose from 0.33 (0, 1, 0); it stays true after, unsaid
    assert rules_of(out["alerts"]) == [("p5", "sustained_rise", "high")]
    assert "mean 2.67 over the last 3 posts, up 2.33 from 0.33" in out["alerts"][0]["message"]


def test_no_rise_when_the_latest_post_is_low(store, fake):
    levels = ["none", "none", "none", "high", "high", "low"]
    out = store.add_posts("alice", posts_with_levels(levels), fake)
    assert out["alerts"] == []                        # mean rose by 1.33, but the latest post is low


def test_a_rise_is_seen_across_calls(store, fake):
    store.add_posts("alice", posts_with_levels(["none", "none", "none"]), fake)
    out = store.add_posts("alice", posts_with_levels(["moderate", "moderate", "moderate"], start_day=4, prefix="q"),
                          fake)
    assert rules_of(out["alerts"]) == [("q2", "sustained_rise", "moderate")]


def test_a_user_file_overrides_the_rules(store_file, fake, tmp_path):
    custom = tmp_path / "rules.yaml"
    custom.write_text("version: 1\nrules:\n  single_post: {level: high}\n"
                      "  sustained_rise: {enabled: false}\n", encoding="utf-8")
    with Store.open(store_file, rules=custom) as s:
        out = s.add_posts("alice", posts_with_levels(["none", "none", "none", "high", "high", "high"]), fake)
        assert rules_of(out["alerts"]) == [("p3", "single_post", "high"), ("p4", "single_post", "high"),
                                           ("p5", "single_post", "high")]
        assert s.timeline("alice")["rules"]["rules"]["single_post"]["level"] == "high"
        assert s.timeline("alice")["rules"]["rules"]["sustained_rise"]["window"] == 3    # kept from alerts.yaml
    with Store.open(store_file, rules={"rules": {"sustained_rise": {"window": 2, "min_rise": 2}}}) as s:
        out = s.add_posts("bob", posts_with_levels(["none", "none", "high", "high"]), fake)
        assert rules_of(out["alerts"]) == [("p3", "sustained_rise", "high")]


@pytest.mark.parametrize("text, message", [
    ("version: 1\nrules:\n  sustained_rise: {windw: 3}\n", r"rules\.sustained_rise\.windw is not a setting"),
    ("version: 1\nrules:\n  single_post: {level: severe}\n", r"rules\.single_post\.level must be one of none"),
    ("version: 1\nrules:\n  sustained_rise: {window: 0}\n", r"rules\.sustained_rise\.window must be a whole number"),
    ("version: 1\nrules:\n  sustained_rise: {min_rise: yes}\n", r"rules\.sustained_rise\.min_rise must be a number"),
    ("version: 1\nrules:\n  single_post: {enabled: 1}\n", r"rules\.single_post\.enabled must be true or false"),
    ("version: 1\nrules:\n  panic: {}\n", r"rules\.panic is not a rule"),
    ("version: 2\n", r"version is 2; this mentalens reads alert rules of version 1"),
    ("versoin: 1\n", r"'versoin' is not a key"),
    ("- just\n- a list\n", r"must be a mapping"),
    ("rules: [unclosed\n", r"not valid YAML \(line"),
])
def test_bad_rules_are_clear_errors(tmp_path, store_file, text, message):
    bad = tmp_path / "bad.yaml"
    bad.write_text(text, encoding="utf-8")
    with pytest.raises(StoreError, match=message) as e:
        Store.open(store_file, rules=bad)
    assert str(bad) in e.value.message or "not valid YAML" in e.value.message
    assert "alerts.yaml" in e.value.hint


def test_a_missing_rules_file(tmp_path, store_file):
    with pytest.raises(StoreError, match="cannot read the alert rules"):
        Store.open(store_file, rules=tmp_path / "nope.yaml")
