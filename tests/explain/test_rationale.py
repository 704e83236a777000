"""Rationales: built only from the decided label, the evidence and the symptoms; every quote is
a span of the post; no method details and no stigmatising words in anything generated (the
lint runs over every template, every triage reason and message, and real rationales)."""
from __future__ import annotations

import pytest

from mentalens.explain import rationale as R
from mentalens.explain.rationale import rationale, unsafe_words
from mentalens.schema import Evidence, Symptom, TaskResult
from mentalens.tasks import get_task

POST = "I haven't enjoyed anything in weeks and I keep thinking about the pills in the cabinet. I feel crazy."


def result(task: str, label: str, probs: dict[str, float], evidence=(), symptoms=(), labels=None) -> TaskResult:
    spec = get_task(task)
    return TaskResult(task=task, task_version=spec.version, kind=spec.kind, label=None if spec.multilabel else label,
                      labels=labels if labels is not None else [label], probabilities=probs,
                      evidence=list(evidence), symptoms=list(symptoms))


def span(text: str, weight: float, label: str = "yes") -> Evidence:
    start = POST.index(text)
    return Evidence(start=start, end=start + len(text), text=text, weight=weight, label=label)


def test_templates_are_lint_clean():
    from mentalens.explain import rationale_zh as Z

    texts = [*R.EVIDENCE, *R.AGAINST, *R.SYMPTOMS, *R.NOT_OWN.values(), *R.NOT_OWN_TAIL]
    texts += [t for options in R.OPEN.values() for t in options]
    texts += [*Z.EVIDENCE, *Z.AGAINST, *Z.SYMPTOMS, *Z.CONTEXT, *Z.NOT_OWN.values(), *Z.NOT_OWN_TAIL, Z.RUNNER]
    texts += [t for options in Z.OPEN.values() for t in options]
    assert all(unsafe_words(t) == [] for t in texts)


def test_triage_wording_is_lint_clean():
    from mentalens.triage.policy import policy
    from mentalens.triage.resources import resources_for

    pol = policy()
    texts = [s.reason for s in pol.signals] + [pol.imminent.reason]
    for locale in ("en_US", "en_GB", "zh_CN", "zh_HK", "zh_TW", "fr_FR", ""):
        texts.append(resources_for(locale).message)
    assert all(unsafe_words(t) == [] for t in texts), [t for t in texts if unsafe_words(t)]


def test_binary_yes_quotes_the_evidence_and_names_backing_symptoms():
    ev = [span("haven't enjoyed anything in weeks", 1.2)]
    sym = [Symptom(id="phq9.anhedonia", name="loss of interest or pleasure (PHQ-9 item 1)", start=ev[0].start,
                   end=ev[0].end, text=ev[0].text, status="present")]
    r = result("depression", "yes", {"no": 0.1, "yes": 0.9}, ev, sym)
    text = rationale(r, get_task("depression"), POST, lambda s: {"depression": ["yes"]})
    assert "0.90" in text and "“haven't enjoyed anything in weeks”" in text
    assert "loss of interest or pleasure" in text and unsafe_words(text) == []


def test_quotes_with_method_or_stigmatising_words_are_left_out():
    ev = [span("thinking about the pills in the cabinet", 2.0), span("I feel crazy", 1.0),
          span("haven't enjoyed anything", 0.5)]
    r = result("suicidal_ideation", "yes", {"no": 0.2, "yes": 0.8}, ev)
    text = rationale(r, get_task("suicidal_ideation"), POST)
    assert "pills" not in text and "crazy" not in text.lower()
    assert "“haven't enjoyed anything”" in text and unsafe_words(text) == []


def test_negative_and_multilabel_and_multiclass_openings():
    no = rationale(result("stress", "no", {"no": 0.8, "yes": 0.2}), get_task("stress"), POST)
    assert "0.20" in no and "stress" in no
    none = rationale(result("wellness_dimensions", "", {k: 0.1 for k in get_task("wellness_dimensions").label_ids},
                            labels=[]), get_task("wellness_dimensions"), POST)
    assert "spiritual" in none and "emotional" in none
    probs = {k: 0.05 for k in get_task("stress_cause").label_ids} | {"work": 0.6, "school": 0.2}
    mc = rationale(result("stress_cause", "work", probs), get_task("stress_cause"), POST)
    assert "work" in mc and "school" in mc and "0.60" in mc


def test_someone_elses_words_are_said_not_to_count():
    post = "My friend said she wants to die and I feel helpless."
    start = post.index("wants to die")
    sym = [Symptom(id="cssrs.wish_dead", name="wish to be dead (C-SSRS 1)", start=start, end=start + 12,
                   text="wants to die", status="other_person")]
    r = result("suicidal_ideation", "no", {"no": 0.9, "yes": 0.1}, (), sym)
    text = rationale(r, get_task("suicidal_ideation"), post)
    assert "someone else" in text and "“wants to die”" in text


def test_invalid_results_have_no_rationale():
    spec = get_task("stress")
    r = TaskResult(task="stress", task_version=spec.version, kind=spec.kind, status="invalid", label=None,
                   labels=[], probabilities={})
    assert rationale(r, spec, POST) is None


@pytest.mark.parametrize("post", [
    "I keep thinking about jumping off the bridge near my house. Nobody would care.",
    "my ex called me crazy and a psycho and honestly I've been cutting again",
    "haven't slept in days, everything is grey, I just want it all to stop",
    "This exam is killing me lol",
])
def test_rationales_from_a_real_model_are_lint_clean(analyzer, post):
    result_ = analyzer.analyze(post, explain=True)
    for tr in result_.tasks.values():
        assert tr.rationale, tr.task
        assert unsafe_words(tr.rationale) == [], (tr.task, tr.rationale)
        for q in [q for q in tr.rationale.split("“")[1:]]:
            assert q.split("”")[0].rstrip("…") in " ".join(post.split())


@pytest.mark.parametrize("label, probs", [("yes", {"no": 0.2, "yes": 0.8}), ("no", {"no": 0.8, "yes": 0.2})])
def test_openings_read_naturally_for_every_binary_task(label, probs):
    for task in ("depression", "stress", "loneliness", "suicidal_ideation", "suicide_risk"):
        text = rationale(result(task, label, probs), get_task(task), POST)
        assert "signs of signs" not in text.lower() and "sign of signs" not in text.lower(), text


def test_a_quote_about_someone_else_keeps_its_case():
    post = "My friend said I should Call Him. Sometimes I wonder if anyone would notice if I disappeared."
    start = post.index("anyone would notice if I disappeared")
    sym = [Symptom(id="irf.belongingness", name="thwarted belongingness (IRF)", start=start,
                   end=start + len("anyone would notice if I disappeared"),
                   text="anyone would notice if I disappeared", status="hypothetical")]
    r = result("loneliness", "yes", {"no": 0.2, "yes": 0.8}, (), sym)
    assert "“anyone would notice if I disappeared” is hypothetical" in rationale(r, get_task("loneliness"), post)
