"""The lens backend reading Chinese (backends/lens/zh.py): the backend contract on a tiny
Chinese model, tokens and offsets, traditional = simplified, and evidence at word granularity."""
from __future__ import annotations

import numpy as np
import pytest
from contract import BackendContract

from mentalens.backends.lens import zh
from mentalens.backends.lens.model import LensBackend
from mentalens.chinese import simplify

TRADITIONAL = "我真的不想活了，每天都在想怎麼結束這一切。我就是個徹底的廢物。"
SIMPLIFIED = "我真的不想活了，每天都在想怎么结束这一切。我就是个彻底的废物。"


@pytest.fixture(scope="module")
def zh_dir(tmp_path_factory):
    from lens_zh_fixture import build

    return build(tmp_path_factory.mktemp("models") / "lens-zh-test")


@pytest.fixture(scope="module")
def backend(zh_dir):
    return LensBackend.load(zh_dir)


@pytest.fixture(scope="module")
def fit_backend():
    from lens_zh_fixture import fit

    return fit


class TestLensZhContract(BackendContract):
    KNOWN = [
        ("我想死，没有人需要我，我撑不下去了。我必须让所有人满意。", "high_suicide_risk", "yes"),
        ("今天和朋友去公园散步，阳光很好。都怪他们把我害成这样。", "high_suicide_risk", "no"),
        ("今天和朋友去公园散步，阳光很好。都怪他们把我害成这样。", "cognitive_distortion", "blaming"),
    ]


def test_simplify_keeps_every_offset():
    assert simplify(TRADITIONAL) == simplify(SIMPLIFIED) == SIMPLIFIED.replace("，", ",")
    assert len(simplify("裏面 著 ＡＢＣ！")) == len("裏面 著 ＡＢＣ！")
    assert simplify("ＡＢＣ！") == "ABC!"


def test_tokens_are_characters_and_latin_words_with_offsets():
    text = "我真的撐不下去了, I just want everything to STOP 😭"
    tok = zh.encode([text])
    pieces = [text[s:e] for s, e in tok.offsets.tolist()]
    assert pieces[:8] == list("我真的撐不下去了")
    assert ["I", "just", "want", "everything", "to", "STOP"] == [p for p in pieces if p.isascii() and p.isalpha()]
    assert "😭" in pieces and " " not in pieces
    # the same word in any case is one id; a character's id is its simplified code point
    assert zh.encode(["stop"]).ids.tolist() == zh.encode(["STOP"]).ids.tolist()
    assert zh.encode(["撐"]).ids.tolist() == [ord("撑")]


def test_traditional_and_simplified_read_the_same(backend):
    p_trad = backend.predict_proba([TRADITIONAL])
    p_simp = backend.predict_proba([SIMPLIFIED])
    for t in backend.tasks:
        np.testing.assert_array_equal(p_trad[t], p_simp[t])
        assert backend.decide(t, p_trad[t]) == backend.decide(t, p_simp[t])


def test_evidence_spans_are_whole_words(backend):
    text = "我想死，没有人需要我，我撑不下去了。"
    labels = [{"high_suicide_risk": ["yes"]}]
    spans = backend.explain([text], labels, top_k=3)[0]["high_suicide_risk"]
    assert spans and all(text[e.start:e.end] == e.text for e in spans)
    words = zh.Words([text], zh.encode([text]))
    bounds = set(words.start.tolist()) | set(words.end.tolist())
    assert all(e.start in bounds and e.end in bounds for e in spans)


def test_a_chinese_model_has_no_dense_view_and_says_so_in_its_config(zh_dir):
    import json

    cfg = json.loads((zh_dir / "config.json").read_text(encoding="utf-8"))
    assert cfg["language"] == "zh" and cfg["view_version"] == zh.VIEW_VERSION
    from safetensors.numpy import load_file

    assert "w_token" not in load_file(str(zh_dir / "weights.safetensors"))
    assert not (zh_dir / "words.txt").exists()


def test_unknown_language_is_refused():
    from mentalens.errors import UsageError

    with pytest.raises(UsageError, match="reads en and zh"):
        LensBackend(language="fr")
