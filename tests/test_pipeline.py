"""The analysis pipeline: backend -> labels -> evidence -> triage -> Result, and odd input."""
from __future__ import annotations

import numpy as np
import pytest

import mentalens
from mentalens.errors import InputError, ModelNotFoundError, UnknownNameError, UsageError
from mentalens.pipeline import EMPTY_WARNING, MAX_EVIDENCE_CHARS, analyze_batch
from mentalens.schema import Result
from mentalens.tasks import get_task

SUICIDAL = "I want to die, I can't see any reason to keep living."
CALM = "Had a lovely walk by the river with my sister this morning."


class Spy:
    """Wraps a backend; records what it was asked; can turn a task's output INVALID (NaN)."""

    def __init__(self, backend, nan_task: str | None = None) -> None:
        self._b, self.nan_task, self.calls = backend, nan_task, []
        self.name, self.capabilities = backend.name, backend.capabilities
        self.model_name, self.model_version, self.tasks = backend.model_name, backend.model_version, backend.tasks

    def predict_proba(self, texts, tasks=None):
        self.calls.append(list(texts))
        out = self._b.predict_proba(texts, tasks)
        if self.nan_task in out:
            out[self.nan_task] = np.full_like(out[self.nan_task], np.nan)
        return out

    def decide(self, task, proba):
        return self._b.decide(task, proba)

    def explain(self, texts, labels, top_k=5):
        return self._b.explain(texts, labels, top_k)


def test_one_result_per_text_in_order(analyzer):
    texts = [CALM, SUICIDAL, "", CALM]
    results = analyzer.analyze(texts, locale="en_US")
    assert [r.chars for r in results] == [len(t) for t in texts]
    assert results[1].tasks["suicidal_ideation"].label == "yes"
    assert results[0].tasks["suicidal_ideation"].label == "no"
    assert results[0].model_dump() == results[3].model_dump()


def test_results_are_valid_schema_objects(analyzer):
    for r in analyzer.analyze([CALM, SUICIDAL, "", "\x00"], locale="en_US"):
        again = Result.model_validate(r.model_dump())
        assert again == r
        Result.model_validate_json(r.model_dump_json())


def test_probabilities_in_task_spec_order(analyzer):
    r = analyzer.analyze(SUICIDAL)
    for t, tr in r.tasks.items():
        spec = get_task(t)
        assert list(tr.probabilities) == spec.label_ids
        assert tr.task_version == spec.version and tr.kind == spec.kind
        if spec.multilabel:
            assert tr.label is None and set(tr.labels) <= set(spec.label_ids)
        else:
            assert tr.labels == [tr.label]
            assert sum(tr.probabilities.values()) == pytest.approx(1.0)


def test_model_info(analyzer):
    r = analyzer.analyze(CALM)
    assert (r.model.name, r.model.version, r.model.backend) == ("lens-test", "0.0.1", "lens")


def test_evidence_quotes_the_callers_string(analyzer):
    text = "  I want to die,\tI can't   see any reason to keep living.\n\n"
    r = analyzer.analyze(text)
    spans = [e for tr in r.tasks.values() for e in tr.evidence]
    assert spans
    for e in spans:
        assert text[e.start:e.end] == e.text


def test_evidence_off_and_top_k(analyzer):
    r = analyzer.analyze(SUICIDAL, evidence=False)
    assert all(not tr.evidence for tr in r.tasks.values())
    r0 = analyzer.analyze(SUICIDAL, top_k=0)
    assert all(not tr.evidence for tr in r0.tasks.values())
    r1 = analyzer.analyze(SUICIDAL, top_k=1)
    assert all(sum(e.weight > 0 for e in tr.evidence) <= 1 for tr in r1.tasks.values())


def test_task_subset(analyzer):
    r = analyzer.analyze(SUICIDAL, tasks="suicidal_ideation, depression", locale="en_US")
    assert list(r.tasks) == ["suicidal_ideation", "depression"]
    assert r.triage.level in ("high", "imminent")
    assert any("not assessed" in reason for reason in r.triage.reasons)
    assert list(analyzer.analyze(CALM, tasks=["depression"]).tasks) == ["depression"]


def test_unknown_task_names_a_close_match(analyzer):
    with pytest.raises(UnknownNameError) as info:
        analyzer.analyze(CALM, tasks="depresion")
    assert "did you mean 'depression'" in str(info.value)


def test_task_the_model_does_not_score(analyzer):
    with pytest.raises(UsageError, match="does not score the task 'stress'"):
        analyzer.analyze(CALM, tasks="stress")


@pytest.mark.parametrize("tasks", [",", " , ", []])
def test_no_task_names(analyzer, tasks):
    with pytest.raises(UsageError, match="no task names"):
        analyzer.analyze(CALM, tasks=tasks)


@pytest.mark.parametrize("text", ["", " ", "\n\t  \r\n", "\u3000\u2003"])
def test_empty_or_whitespace_text_has_a_defined_result(analyzer, text):
    spy = Spy(analyzer.backend)
    (r,) = analyze_batch(spy, [text])
    assert spy.calls == []                       # the model is not called
    assert r.tasks == {} and r.triage.level == "none" and r.triage.resources is None
    assert r.warnings == [EMPTY_WARNING] and r.chars == len(text)


def test_empty_texts_are_not_sent_to_the_model(analyzer):
    spy = Spy(analyzer.backend)
    results = analyze_batch(spy, ["", CALM, " ", SUICIDAL], ids=["a", "b", "c", "d"])
    assert spy.calls == [[CALM, SUICIDAL]]
    assert [r.id for r in results] == ["a", "b", "c", "d"]
    assert [bool(r.tasks) for r in results] == [False, True, False, True]


def test_control_characters_and_nul_are_analysed_as_is(analyzer):
    text = "I want to die\x00\x07\x1b[31m\x7f, I can't see any reason\u200b to keep living."
    r = analyzer.analyze(text)
    assert r.tasks and r.chars == len(text)
    for tr in r.tasks.values():
        for e in tr.evidence:
            assert text[e.start:e.end] == e.text


def test_lone_surrogates_never_crash(analyzer):
    text = "\ud800I want to die\udfff, no reason to keep living \udbff"
    r = analyzer.analyze(text)
    assert r.chars == len(text)
    for tr in r.tasks.values():
        for e in tr.evidence:
            assert text[e.start:e.end] == e.text


def test_one_megabyte_of_text(analyzer):
    text = ("I feel empty and sad every single day and nothing interests me anymore. " * 14_000)[:1_000_000]
    r = analyzer.analyze(text)
    assert r.chars == 1_000_000 and r.tasks
    assert any(f"{MAX_EVIDENCE_CHARS:,}" in w for w in r.warnings)
    assert all(not tr.evidence for tr in r.tasks.values())


def test_nan_output_is_invalid_never_no(analyzer):
    spy = Spy(analyzer.backend, nan_task="suicidal_ideation")
    (r,) = analyze_batch(spy, [CALM], locale="en_US")
    tr = r.tasks["suicidal_ideation"]
    assert tr.status == "invalid" and tr.label is None and tr.labels == [] and tr.probabilities == {}
    assert any("INVALID" in w for w in r.warnings)
    assert r.tasks["depression"].status == "ok"
    Result.model_validate_json(r.model_dump_json())


def test_nan_output_of_every_suicide_task_is_reported_as_not_assessed(analyzer):
    spy = Spy(analyzer.backend, nan_task="suicidal_ideation")
    (r,) = analyze_batch(spy, [SUICIDAL], tasks=["suicidal_ideation", "depression"], locale="en_US")
    assert any("not assessed: suicide signals" in x and "no readable output" in x for x in r.triage.reasons)


def test_chinese_text_gets_a_language_warning(analyzer):
    r = analyzer.analyze("\u6211\u6700\u8fd1\u5f88\u96be\u8fc7\uff0c\u7761\u4e0d\u7740\u89c9")
    assert r.language == "zh"
    assert any("Chinese" in w and "English" in w for w in r.warnings)
    assert analyzer.analyze(CALM).language == "en" and analyzer.analyze(CALM).warnings == []


def test_ids_are_checked_and_kept(analyzer):
    assert [r.id for r in analyzer.analyze([CALM, CALM], ids=[7, "x"])] == ["7", "x"]
    assert analyzer.analyze(CALM).id is None
    with pytest.raises(UsageError, match="2 ids for 1 texts"):
        analyzer.analyze([CALM], ids=["a", "b"])


def test_batches_do_not_change_results(analyzer):
    texts = [CALM, SUICIDAL, "", "I panic before every meeting", "\x00"] * 3
    whole = analyzer.analyze(texts, locale="en_US")
    small = analyzer.analyze(texts, locale="en_US", batch_size=2)
    assert [r.model_dump() for r in whole] == [r.model_dump() for r in small]


@pytest.mark.parametrize("bad", [None, 3, b"bytes"])
def test_non_text_input_is_an_input_error(analyzer, bad):
    with pytest.raises(InputError) as info:
        analyzer.analyze([CALM, bad])
    assert "text 1" in str(info.value) and info.value.hint


def test_bad_options(analyzer):
    with pytest.raises(UsageError):
        analyzer.analyze(CALM, top_k=-1)
    with pytest.raises(UsageError):
        analyzer.analyze(CALM, batch_size=0)


def test_module_level_analyze(lens_model_dir):
    r = mentalens.analyze(CALM, model=str(lens_model_dir))
    assert isinstance(r, mentalens.Result)
    assert len(mentalens.analyze([CALM, SUICIDAL], model=str(lens_model_dir))) == 2


def test_load_without_a_built_in_model_says_where_it_looked(tmp_path, monkeypatch):
    import mentalens.api

    monkeypatch.setattr(mentalens.api, "MODELS_DIR", tmp_path / "models")
    monkeypatch.chdir(tmp_path)
    (tmp_path / "lens-en").mkdir()                 # never picked up from the working directory
    with pytest.raises(ModelNotFoundError) as info:
        mentalens.load()
    assert str(tmp_path / "models" / "lens-en") in str(info.value) and info.value.hint


def test_model_from_the_environment(lens_model_dir, monkeypatch):
    monkeypatch.setenv("MENTALENS_MODEL", str(lens_model_dir))
    assert mentalens.load().backend.model_name == "lens-test"
