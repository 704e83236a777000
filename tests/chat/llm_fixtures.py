"""Tiny models for the tests of the chat's language-model side (tests/chat/test_llm_*.py).

``tiny_random_gguf``: random_gguf.py's "tiny" shape (vocabulary 1,024, hidden 256, two layers;
SentencePiece-style vocabulary, no chat template), F32, written once per session (a fraction of a
second). ``tiny_hf_dir``: tests/llm/tiny.py's tiny Llama (byte-level BPE, a chat template) as a
Hugging Face folder, the base model of the fine-tuning tests. Nothing is downloaded.
"""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "llm"))   # tests/llm/tiny.py


@pytest.fixture(scope="session")
def tiny_random_gguf(tmp_path_factory) -> Path:
    pytest.importorskip("llama_cpp")
    pytest.importorskip("gguf")
    from mentalens.backends.llm.random_gguf import write_random_gguf

    return write_random_gguf("tiny", tmp_path_factory.mktemp("chat-gguf") / "tiny-random.gguf", quant="f32", seed=0)


@pytest.fixture(scope="session")
def tiny_hf_dir(tmp_path_factory) -> Path:
    pytest.importorskip("torch")
    pytest.importorskip("transformers")
    pytest.importorskip("peft")
    from tiny import build_tiny_llama

    return build_tiny_llama(tmp_path_factory.mktemp("chat-tiny-llama") / "hf")


def gbnf_literal(text: str) -> str:
    """A GBNF grammar whose only sentence is ``text``."""
    from mentalens.backends.llm.runtime_llamacpp import gbnf_answers

    return gbnf_answers([text])


# -- synthetic dialogues in the ESConv and CPsyCounD formats (written here; no research data) --------
UNSAFE_EN = "It sounds like you have depression, that is my diagnosis."
UNSAFE_ZH = "你这是抑郁症，我可以确诊。"

ESCONV_ROWS = [
    {"experience_type": "Current Experience", "emotion_type": "anxiety", "problem_type": "job crisis",
     "situation": "Worried about work.",
     "dialog": [{"speaker": "sys", "text": "Hi, how are you today?", "strategy": "Question"},
                {"speaker": "usr", "text": "Not great."},
                {"speaker": "usr", "text": "Work has been really stressful."},
                {"speaker": "sys", "text": "That sounds hard.", "strategy": "Reflection of feelings"},
                {"speaker": "sys", "text": "What has been the most stressful part?", "strategy": "Question"},
                {"speaker": "usr", "text": "My manager keeps changing the plan."},
                {"speaker": "sys", "text": "I went through the same thing at my old job.",
                 "strategy": "Self-disclosure"},
                {"speaker": "usr", "text": "How did you cope?"},
                {"speaker": "sys", "text": UNSAFE_EN, "strategy": "Information"},
                {"speaker": "usr", "text": "Thanks for listening."},
                {"speaker": "sys", "text": "Would a short walk after work help you unwind?",
                 "strategy": "Providing Suggestions"}]},
    {"experience_type": "Past Experience", "emotion_type": "sadness", "problem_type": "breakup",
     "situation": "A breakup.",
     "dialog": [{"speaker": "usr", "text": "My partner left last month."},
                {"speaker": "sys", "text": "I'm sorry. How have you been feeling since?", "strategy": "Question"},
                {"speaker": "usr", "text": "Lonely, mostly."},
                {"speaker": "sys", "text": "Feeling lonely after a loss makes sense.",
                 "strategy": "Affirmation and Reassurance"}]},
]

CPSYCOUN_CASES = {
    "case_0.txt": "来访者：我最近工作压力很大，晚上睡不好。\n\n"
                  "心理咨询师：听起来你最近很辛苦。能说说压力主要来自哪里吗？\n\n"
                  "来访者：主要是项目太多。\n\n（一段时间后）\n\n"
                  "心理咨询师：我们可以试试几个办法：\n1. 每天列出最重要的三件事。\n2. 睡前放下手机。\n\n"
                  "来访者：好的，我试试。\n\n心理咨询师：" + UNSAFE_ZH + "\n",
    "case_2.txt": "来访者：我和父母经常吵架。\n\n心理咨询师：这让你感觉怎么样？\n\n"
                  "来访者：很委屈。\n\n心理咨询师：感到委屈是很自然的。\n",
    "case_10.txt": "来访者：我总是担心考试。\n\n心理咨询师：担心的时候，你通常会做什么？\n",
}


def write_synthetic_data(root: Path) -> Path:
    """A research-data-shaped folder: chat/esconv/{train,valid,test}.txt and
    chat/cpsycoun/CPsyCounD/Data/case_*.txt, with the made-up dialogues above."""
    import json

    es = root / "chat" / "esconv"
    es.mkdir(parents=True)
    (es / "train.txt").write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in ESCONV_ROWS),
                                  encoding="utf-8")
    for split in ("valid", "test"):
        (es / f"{split}.txt").write_text(json.dumps(ESCONV_ROWS[1]) + "\n", encoding="utf-8")
    cp = root / "chat" / "cpsycoun" / "CPsyCounD" / "Data"
    cp.mkdir(parents=True)
    for name, text in CPSYCOUN_CASES.items():
        (cp / name).write_text(text, encoding="utf-8")
    (root / "MANIFEST.md").write_text("synthetic test data\n", encoding="utf-8")
    return root
