"""The llm backend on hand-built models whose right answers are known.

``rig_first_token`` makes the tiny Llama's next-token logits after the assistant hand-over
exactly what the test says and uniform everywhere else, so label scoring has an exact
expected distribution, and the grammar path must pick an allowed answer that is not the
model's favourite token. Both runtimes (transformers, and llama.cpp after GGUF export) are
held to the same numbers.
"""
from __future__ import annotations

import math

import numpy as np
import pytest

pytest.importorskip("torch")
pytest.importorskip("transformers")

from tiny import build_tiny_llama, rig_first_token  # noqa: E402

from mentalens.api import Analyzer  # noqa: E402
from mentalens.backends.llm.model import LLMBackend  # noqa: E402
from mentalens.backends.llm.prompts import questions, target  # noqa: E402
from mentalens.backends.llm.rationales import contradicts, invented_quotes  # noqa: E402
from mentalens.backends.llm.runtime_hf import HFRuntime  # noqa: E402
from mentalens.tasks import get_task  # noqa: E402

POST = "My exams are next week and I am so stressed."
YES, NO, FAVOURITE = 40.0, 20.0, 60.0


@pytest.fixture(scope="module")
def rigged(tmp_path_factory):
    path = build_tiny_llama(tmp_path_factory.mktemp("rigged") / "model")
    rt = HFRuntime(path)
    prompt = rt.render(questions(get_task("stress"), POST)[0].instruction)
    base = rt.tokenize(prompt)
    firsts = {a: rt._continuation_tokens(prompt, base, target(a))[0] for a in ("yes", "no")}
    assert firsts["yes"] != firsts["no"]
    fav = next(t for t in range(10, 200) if t not in firsts.values())
    rig_first_token(path, {firsts["yes"]: YES, firsts["no"]: NO, fav: FAVOURITE})
    return path, firsts, fav


def expected_proba(rt: HFRuntime, prompt: str, firsts: dict[str, int]) -> float:
    """P(yes) from the rig: the first token's softmax, then -log V for every further token."""
    vocab = rt.model.config.vocab_size
    log_z = FAVOURITE + math.log(sum(math.exp(v - FAVOURITE) for v in (FAVOURITE, YES, NO))
                                 + (vocab - 3) * math.exp(-FAVOURITE))
    base = rt.tokenize(prompt)
    lp = {}
    for a, first_val in (("yes", YES), ("no", NO)):
        n = len(rt._continuation_tokens(prompt, base, target(a)))
        lp[a] = first_val - log_z - (n - 1) * math.log(vocab)
    return 1.0 / (1.0 + math.exp(lp["no"] - lp["yes"]))


def test_label_scoring_gives_the_known_distribution(rigged):
    path, firsts, _ = rigged
    backend = LLMBackend.load(path, tasks=["stress", "wellness_dimensions"])
    proba = backend.predict_proba([POST], ["stress", "wellness_dimensions"])
    prompt = backend.runtime.render(questions(get_task("stress"), POST)[0].instruction)
    want = expected_proba(backend.runtime, prompt, firsts)
    assert want > 0.99
    assert proba["stress"][0] == pytest.approx([1 - want, want], abs=1e-4)
    assert backend.decide("stress", proba["stress"]) == [["yes"]]
    # multi-label: one yes/no question per label, each ending at the same hand-over token
    assert (proba["wellness_dimensions"][0] > 0.99).all()
    assert backend.decide("wellness_dimensions", proba["wellness_dimensions"])[0] == \
        get_task("wellness_dimensions").label_ids


def test_temperature_flattens_but_keeps_the_order(rigged):
    backend = LLMBackend.load(rigged[0], tasks=["stress"], temperatures={"stress": 10.0})
    p = backend.predict_proba([POST], ["stress"])["stress"][0]
    assert 0.5 < p[1] < 0.99


def test_grammar_picks_an_allowed_answer_not_the_favourite_token(rigged):
    path, firsts, fav = rigged
    rt = HFRuntime(path)
    prompt = rt.render(questions(get_task("stress"), POST)[0].instruction)
    free = rt.generate(prompt, None, max_tokens=3)
    assert rt.tokenize(free.text, bos=False)[:1] == [fav] or free.text.startswith(rt.tok.decode([fav]))
    assert rt.generate(prompt, ["yes", "no"], max_tokens=8).answer == "yes"
    assert rt.generate(prompt, ["no"], max_tokens=8).answer == "no"
    backend = LLMBackend.load(path, tasks=["stress"], decode="grammar")
    assert backend.predict_proba([POST], ["stress"])["stress"][0].tolist() == [0.0, 1.0]


def test_an_unfinished_answer_is_invalid_never_no(rigged):
    backend = LLMBackend.load(rigged[0], tasks=["stress", "depression"], decode="grammar", max_answer_tokens=0)
    result = Analyzer(backend).analyze(POST, locale="en_US")
    for t in ("stress", "depression"):
        assert result.tasks[t].status == "invalid" and result.tasks[t].label is None
    assert any("INVALID" in w for w in result.warnings)


def test_rationale_checks(rigged):
    post = "I can't sleep and my exams are next week."
    assert invented_quotes('The writer says "can\'t sleep" and "exams are next week".', post) == []
    assert invented_quotes('The writer says "I hate my job".', post) == ["I hate my job"]
    backend = LLMBackend.load(rigged[0], tasks=["stress"])
    # the rigged model answers yes to anything: a rationale cannot support "no"
    assert contradicts(backend, "stress", "There is nothing stressful here.", ["no"])
    assert not contradicts(backend, "stress", "The exams weigh on the writer.", ["yes"])


def test_explain_adds_a_checked_generated_rationale(rigged):
    backend = LLMBackend.load(rigged[0], tasks=["stress"])
    result = Analyzer(backend).analyze(POST, explain=True, locale="en_US")
    tr = result.tasks["stress"]
    assert tr.label == "yes" and tr.rationale
    assert all(POST[e.start:e.end] == e.text for e in tr.evidence)


def test_chat_prompt_matches_the_tokenizers_own_rendering(rigged):
    rt = HFRuntime(rigged[0])
    user = questions(get_task("depression"), POST)[0].instruction
    assert rt.render(user) == rt.tok.apply_chat_template([{"role": "user", "content": user}], tokenize=False,
                                                         add_generation_prompt=True)


def test_llama_cpp_runtime_agrees_with_transformers(rigged, tmp_path):
    pytest.importorskip("llama_cpp")
    export = pytest.importorskip("mentalens.backends.llm.gguf_export")
    path = rigged[0]
    gguf = export.export_gguf(path, tmp_path / "rigged-f32.gguf", quant="f32")
    hf = LLMBackend.load(path, tasks=["stress", "stress_cause"])
    cpp = LLMBackend.load(gguf, tasks=["stress", "stress_cause"])
    assert cpp.runtime.name == "llama.cpp"
    assert cpp.runtime.render("hi") == hf.runtime.render("hi")
    for t in ("stress", "stress_cause"):
        a = hf.predict_proba([POST], [t])[t]
        b = cpp.predict_proba([POST], [t])[t]
        np.testing.assert_allclose(a, b, atol=1e-3)
    prompt = cpp.runtime.render(questions(get_task("stress"), POST)[0].instruction)
    assert cpp.runtime.generate(prompt, ["yes", "no"], max_tokens=8).answer == "yes"
    assert cpp.runtime.generate(prompt, ["no"], max_tokens=8).answer == "no"
    assert LLMBackend.load(gguf, tasks=["stress"], decode="grammar").predict_proba(
        [POST], ["stress"])["stress"][0].tolist() == [0.0, 1.0]


@pytest.mark.data
def test_benchmarks_count_unfinished_answers_as_invalid(rigged, data_dir):
    from mentalens.bench.runner import run_suite

    backend = LLMBackend.load(rigged[0], tasks=["stress", "depression"], decode="grammar", max_answer_tokens=0)
    res = run_suite("imhi", model=backend, data_dir=data_dir, limit=3, n_resamples=10)
    sets = {s["name"]: s for s in res["sets"]}
    assert {"DR", "dreaddit"} <= set(sets)
    for name in ("DR", "dreaddit"):
        assert sets[name]["invalid"] == sets[name]["n"] == 3
        predicted = sets[name]["label_counts"]["predicted"]
        assert predicted["INVALID"] == 3 and sum(v for k, v in predicted.items() if k != "INVALID") == 0
        assert sets[name]["metrics"]["accuracy"]["value"] == 0          # INVALID is wrong, never "no"
    ok = run_suite("imhi", model=LLMBackend.load(rigged[0], tasks=["stress", "depression"]), data_dir=data_dir,
                   limit=3, n_resamples=10)
    assert all(s["invalid"] == 0 for s in ok["sets"])
