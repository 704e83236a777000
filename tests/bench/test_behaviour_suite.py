"""The behavioural suite's case files: size, category minimums, safety of the wording, and the
loader's errors (which name the file and the case)."""
from __future__ import annotations

import re
import textwrap
from collections import Counter

import pytest

from mentalens.bench.behaviour.suite import CATEGORIES, INVARIANCE, SUITE_DIR, load_suite
from mentalens.errors import DataError, UsageError
from mentalens.tasks import get_task, task_ids

MINIMUMS = {"negation": 30, "third_person": 30, "past": 30, "hyperbole": 30, "lyrics": 20, "jokes": 20, "crisis": 20}

# method, means, dose or place words that no case may contain (safe messaging, SAFETY.md)
METHOD = re.compile(
    r"\b(overdos\w*|pills?|tablets?|rope|noose|hang(ing)? (myself|themselves)|bridge|jump(ing)? (off|from|in front)|"
    r"guns?|shoot(ing)? (myself|me)|pistol|blades?|razors?|cut(ting)? (myself|herself|himself)|slit|wrists?|"
    r"poison\w*|bleach|tracks|ledge|roof(top)?|carbon monoxide|\d+ ?mg|doses?|lethal dose)\b", re.IGNORECASE)


@pytest.fixture(scope="module")
def suite():
    return load_suite("en")


def test_suite_size_and_category_minimums(suite):
    counts = Counter(c.category for c in suite.cases)
    assert len(suite.cases) >= 260
    for cat, least in MINIMUMS.items():
        assert counts[cat] >= least, (cat, counts[cat])
    assert sum(counts[c] for c in INVARIANCE) >= 100
    assert all(counts[c] > 0 for c in INVARIANCE), counts
    assert set(counts) <= set(CATEGORIES)


def test_mft_covers_every_task_with_four_to_eight_cases(suite):
    per_task = Counter(t for c in suite.cases if c.category == "mft" for t in c.expect.tasks)
    assert set(per_task) == {t for t in task_ids() if "en" in get_task(t).languages}   # the English suite
    assert all(4 <= n <= 8 for n in per_task.values()), per_task


def test_ids_unique_and_every_case_expects_something(suite):
    ids = [c.id for c in suite.cases]
    assert len(ids) == len(set(ids))
    assert all(c.expect.describe() for c in suite.cases)


def test_directional_cases_pair_a_first_person_base(suite):
    for c in suite.cases:
        if c.category in ("negation", "third_person", "past", "hypothetical"):
            assert c.expect.lower_than_base and c.base and c.base != c.text
            assert re.search(r"\b(i|i'm|i've|my|me)\b", c.base.lower()), c.id
    crisis = [c for c in suite.cases if c.category == "crisis"]
    assert all(c.expect.min_level == "high" for c in crisis)
    assert all(re.search(r"\b(i|i'm|i've|ive|im|my|me)\b", c.text.lower()) or c.text.isupper() for c in crisis)
    caps = {c.category: c.expect.max_level for c in suite.cases if c.category in ("hyperbole", "jokes", "lyrics")}
    assert caps == {"hyperbole": "low", "jokes": "low", "lyrics": "moderate"}


def test_invariance_variants_come_from_their_base(suite):
    inv = [c for c in suite.cases if c.category in INVARIANCE]
    assert all(c.base and c.base_id and c.perturbation and c.text != c.base for c in inv)
    assert all(c.expect.same_as_base for c in inv)
    per_base = Counter(c.base_id for c in inv)
    assert min(per_base.values()) >= 5


def test_no_method_means_dose_or_place_in_any_case(suite):
    for c in suite.cases:
        for text in (c.text, c.base or ""):
            assert not METHOD.search(text), (c.id, text)


def test_every_file_is_versioned_marked_en_and_names_the_chinese_mirror(suite):
    for path in sorted((SUITE_DIR / "en").glob("*.yaml")):
        raw = path.read_text(encoding="utf-8")
        assert re.search(r"^lang: en$", raw, re.M) and re.search(r"^version: \d+$", raw, re.M), path.name
        header = raw.split("\nlang:")[0]
        assert all(w in header for w in ("Chinese", "我没有想死", "我朋友说她不想活了", "笑死", "code-mixed")), path.name
        assert len(raw.splitlines()) < 300, path.name
    assert set(suite.files) == {p.name for p in (SUITE_DIR / "en").glob("*.yaml")}


def test_expected_labels_exist_in_the_task_specs(suite):
    for c in suite.cases:
        for task in c.expect.tasks:
            assert get_task(task)          # the loader already checks; this guards the fixture


def test_unknown_language_says_which_exist():
    with pytest.raises(UsageError, match="no behavioural cases for language 'xx'.*") as err:
        load_suite("xx")
    assert "en" in str(err.value)


# -- loader errors -----------------------------------------------------------------------

def _load(tmp_path, body: str, name: str = "cases.yaml"):
    folder = tmp_path / "en"
    folder.mkdir(exist_ok=True)
    (folder / name).write_text(textwrap.dedent(body), encoding="utf-8")
    load_suite.cache_clear()
    try:
        return load_suite("en", folder)
    finally:
        load_suite.cache_clear()


HEAD = "lang: en\nversion: 1\n"


def test_a_small_valid_file_loads(tmp_path):
    s = _load(tmp_path, HEAD + """\
        category: negation
        expect: {lower_than_base: true}
        cases:
          - {id: n1, base: "I want to die", text: "I don't want to die"}
    """.replace("        ", ""))
    assert [c.id for c in s.cases] == ["n1"] and s.cases[0].category == "negation"


@pytest.mark.parametrize("body, pattern", [
    ("category: mft\ncases:\n  - {id: m1, text: hi, expect: {tasks: {depresion: \"yes\"}}}\n",
     r"cases.yaml, case m1: unknown task 'depresion'; did you mean 'depression'"),
    ("category: mft\ncases:\n  - {id: m2, text: hi, expect: {tasks: {depression: maybe}}}\n",
     r"cases.yaml, case m2: task depression has no label 'maybe'"),
    ("category: mft\ncases:\n  - {id: m3, text: hi, expect: {tasks: {depression: yes}}}\n",
     r"cases.yaml, case m3: .*in quotes"),
    ("category: mft\ncases:\n  - {id: m4, text: hi, expect: {tasks: {wellness_dimensions: social}}}\n",
     r"case m4: task wellness_dimensions is multilabel"),
    ("category: crisis\ncases:\n  - {id: c1, text: hi, expect: {min_level: hihg}}\n",
     r"cases.yaml, case c1: expect.min_level"),
    ("category: negation\ncases:\n  - {id: n2, text: hi, expect: {lower_than_base: true}}\n",
     r"case n2: lower_than_base needs a base post"),
    ("category: negations\ncases: []\n", r"unknown category 'negations'; did you mean 'negation'"),
    ("category: jokes\ncases:\n  - {id: j1, text: hi}\n", r"case j1: .*expects nothing"),
    ("category: jokes\ncases:\n  - {id: j2, text: hi, expect: {max_level: low}, colour: red}\n", r"case j2: colour"),
    ("category: invariance\nchecks: [depression]\nbases:\n  - {id: b1, text: \"no names here\", perturb: [names]}\n",
     r"base b1: perturbation 'names' changes nothing"),
    ("category: invariance\nchecks: [depression]\nbases:\n  - {id: b2, text: \"Hello there\", perturb: [typos]}\n",
     r"base b2: unknown perturbation 'typos'; did you mean 'typo'"),
    ("category: invariance\nchecks: [depression]\nbases:\n"
     "  - {id: b3, text: \"Hello there\", key: [bye], perturb: [typo_key]}\n",
     r"base b3: key words not in the post: bye"),
])
def test_loader_errors_name_the_file_and_the_case(tmp_path, body, pattern):
    with pytest.raises(DataError, match=pattern):
        _load(tmp_path, HEAD + body)


def test_language_and_duplicate_errors(tmp_path):
    with pytest.raises(DataError, match=r"lang is 'zh' but the file is in the 'en' folder"):
        _load(tmp_path, "lang: zh\nversion: 1\ncategory: jokes\ncases: []\n")
    (tmp_path / "en" / "cases.yaml").unlink()
    one = HEAD + "category: jokes\ncases:\n  - {id: dup, text: hi, expect: {max_level: low}}\n"
    (tmp_path / "en").mkdir(exist_ok=True)
    (tmp_path / "en" / "a.yaml").write_text(one, encoding="utf-8")
    with pytest.raises(DataError, match=r"b.yaml: case dup: the id is used twice \(also in a.yaml\)"):
        _load(tmp_path, one, "b.yaml")
