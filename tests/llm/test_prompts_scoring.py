"""Prompts come from the TaskSpecs; temperatures fit what they should; grammars say exactly the answers."""
from __future__ import annotations

import math

import numpy as np
import pytest

from mentalens.backends.llm.prompts import MAX_POST_CHARS, answers, clip_post, questions, target
from mentalens.backends.llm.scoring import fit_temperature, softmax, to_proba
from mentalens.tasks import all_tasks, get_task


@pytest.mark.parametrize("spec", all_tasks(), ids=lambda s: s.id)
def test_every_task_renders_from_its_spec(spec):
    for style in ("imhi", "menta"):
        qs = questions(spec, "a post about my week", style)
        assert all("a post about my week" in q.instruction for q in qs)
        if spec.multilabel:
            assert [q.label for q in qs] == spec.label_ids
            assert all(q.options == ("no", "yes") for q in qs)
            assert all(spec.label(q.label).name in q.instruction for q in qs)
        else:
            (q,) = qs
            assert q.options == answers(spec) and len(set(q.options)) == len(spec.labels)
            assert spec.question in q.instruction
            assert all(o in q.instruction for o in q.options)


def test_canonical_answers_are_the_first_phrasings_and_targets_carry_reasoning():
    spec = get_task("stress_cause")
    assert answers(spec)[0] == spec.labels[0].phrasings[0]
    assert target("school") == "school."
    assert target("school", "Exams are close.") == "school. Reasoning: Exams are close."


def test_long_posts_are_cut_at_a_word_and_marked():
    post = "word " * 1000
    cut = clip_post(post)
    assert len(cut) <= MAX_POST_CHARS + 6 and cut.endswith(" [...]") and "wor [" not in cut


def test_temperature_fits_the_frequency_it_should():
    # the model always says 1 logit for yes over no; yes is right 3 times in 4: P(yes) should be 0.75
    z = [np.array([0.0, 1.0])] * 4
    t = fit_temperature(z, [1, 1, 1, 0], multilabel=False)
    assert t == pytest.approx(1 / math.log(3), rel=1e-3)
    assert softmax(z[0], t)[1] == pytest.approx(0.75, abs=1e-3)
    # multi-label log-odds, the same fact
    t2 = fit_temperature([np.array([1.0])] * 4, [[1], [1], [1], [0]], multilabel=True)
    assert t2 == pytest.approx(1 / math.log(3), rel=1e-3)
    assert to_proba(get_task("wellness_dimensions"), np.ones(6), t2) == pytest.approx(np.full(6, 0.75), abs=1e-3)


def test_gbnf_grammar_spells_exactly_the_answers():
    pytest.importorskip("llama_cpp")
    from llama_cpp import LlamaGrammar

    from mentalens.backends.llm.runtime_llamacpp import gbnf_answers

    g = gbnf_answers(["yes", 'say "no"', "back\\slash"])
    assert g.startswith("root ::= ") and '"yes"' in g and "\\x22" in g and "\\x5c" in g
    LlamaGrammar.from_string(g, verbose=False)           # llama.cpp parses it
