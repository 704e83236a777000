"""chat/dialogues.py and the training rows of the chat recipe, on made-up dialogues written in
the ESConv and CPsyCounD formats (llm_fixtures.py); the real files are read in test_llm_data.py."""
from __future__ import annotations

import llm_fixtures
import pytest
from llm_fixtures import UNSAFE_EN, UNSAFE_ZH, write_synthetic_data

from mentalens.chat.dialogues import (
    cpsycoun_files,
    parse_cpsycoun,
    read_cpsycoun,
    read_esconv,
    screen_pairs,
    training_pairs,
)
from mentalens.errors import DataError, InputError

tiny_hf_dir = llm_fixtures.tiny_hf_dir   # a shared fixture: pytest finds it by its name here


@pytest.fixture(scope="module")
def data(tmp_path_factory):
    return write_synthetic_data(tmp_path_factory.mktemp("synthetic-data"))


def fake_check(text: str, lang: str) -> list[str]:
    return ["diagnosis"] if text in (UNSAFE_EN, UNSAFE_ZH) else []


def test_esconv_roles_merging_and_strategies(data):
    ds = read_esconv(data / "chat" / "esconv")
    assert [d.id for d in ds] == ["esconv/train/0", "esconv/train/1"]
    d = ds[0]
    assert d.source == "esconv" and d.lang == "en" and d.meta["problem_type"] == "job crisis"
    roles = [m["role"] for m in d.messages]
    assert roles == ["assistant", "user", "assistant", "user", "assistant", "user", "assistant", "user", "assistant"]
    assert d.messages[1]["content"] == "Not great. Work has been really stressful."   # two seeker lines joined
    assert d.messages[2]["content"] == "That sounds hard. What has been the most stressful part?"
    assert d.meta["strategies"][2] == ["Reflection of feelings", "Question"]
    assert len(d.meta["strategies"]) == len(d.messages)
    assert len(read_esconv(data / "chat" / "esconv", ["train", "valid", "test"])) == 4
    assert len(read_esconv(data / "chat" / "esconv" / "test.txt")) == 1
    with pytest.raises(InputError):
        read_esconv(data / "chat" / "esconv", ["dev"])


def test_esconv_errors_name_the_line(tmp_path):
    bad = tmp_path / "train.txt"
    bad.write_text('{"dialog": []}\n\nnot json\n', encoding="utf-8")
    with pytest.raises(DataError, match="train.txt line 3"):
        read_esconv(bad)
    bad.write_text('{"dialog": [{"speaker": "bot", "text": "x"}]}\n', encoding="utf-8")
    with pytest.raises(DataError, match="line 1"):
        read_esconv(bad)
    with pytest.raises(DataError, match="MENTALENS_DATA"):
        read_esconv(tmp_path / "nowhere")


def test_cpsycoun_turns_continuations_and_order(data):
    for where in (data / "chat" / "cpsycoun", data / "chat" / "cpsycoun" / "CPsyCounD",
                  data / "chat" / "cpsycoun" / "CPsyCounD" / "Data"):
        assert [f.name for f in cpsycoun_files(where)] == ["case_0.txt", "case_2.txt", "case_10.txt"]
    ds = read_cpsycoun(data / "chat" / "cpsycoun")
    assert [d.id for d in ds] == ["cpsycoun/case_0", "cpsycoun/case_2", "cpsycoun/case_10"]
    d = ds[0]
    assert d.lang == "zh" and [m["role"] for m in d.messages] == ["user", "assistant"] * 3
    assert d.messages[3]["content"] == "我们可以试试几个办法：\n1. 每天列出最重要的三件事。\n2. 睡前放下手机。"
    assert all("一段时间后" not in m["content"] for m in d.messages)        # stage direction dropped
    first = parse_cpsycoun("前言\n来访者：你好\n心理咨询师：你好", "x").messages[0]
    assert first == {"role": "user", "content": "你好"}
    assert parse_cpsycoun("来访者：嗯\n\n来访者：心理咨询师：很好", "x").messages[1] == {"role": "assistant",
                                                                                 "content": "很好"}
    with pytest.raises(DataError, match="case_"):
        cpsycoun_files(data / "chat" / "esconv")


def test_training_pairs_context_targets_and_skipped_strategies(data):
    d = read_esconv(data / "chat" / "esconv")[0]
    pairs = training_pairs(d)
    assert [p.turn for p in pairs] == [2, 4, 6, 8]           # the opening turn before any user turn is no target
    assert all(p.context[0]["role"] == "user" and p.context[-1]["role"] == "user" for p in pairs)
    assert pairs[0].context == [d.messages[1]] and pairs[-1].target == d.messages[8]["content"]
    assert [p.turn for p in training_pairs(d, skip_strategies=["Self-disclosure"])] == [2, 6, 8]
    short = training_pairs(d, context_turns=2)
    assert [len(p.context) for p in short] == [1, 1, 1, 1]   # 2 turns back would start with the assistant
    assert [len(p.context) for p in training_pairs(d, context_turns=3)] == [1, 3, 3, 3]


def test_screen_pairs_counts_what_it_drops(data):
    ds = read_esconv(data / "chat" / "esconv") + read_cpsycoun(data / "chat" / "cpsycoun")
    pairs = [p for d in ds for p in training_pairs(d)]
    s = screen_pairs(pairs, fake_check)
    assert s.dropped_turns == 2 and s.dropped == {"diagnosis": 2} and len(s.kept) == len(pairs) - 2
    assert all(p.target not in (UNSAFE_EN, UNSAFE_ZH) for p in s.kept)
    assert s.report()["examples"]["diagnosis"] == "esconv/train/0#6"


def test_rows_mask_everything_but_the_assistant_turn(tiny_hf_dir, data):
    from transformers import AutoTokenizer

    from mentalens.backends.llm.lora import IGNORE
    from mentalens.chat.finetune_train import ChatRowBuilder
    from mentalens.chat.llm import render_conversation

    tok = AutoTokenizer.from_pretrained(tiny_hf_dir)
    d = read_esconv(data / "chat" / "esconv")[0]
    pair = training_pairs(d)[1]
    b = ChatRowBuilder(tok, 512, {"en": "Listen.", "zh": "倾听。"})
    row = b.row(pair)
    n_prompt = sum(1 for x in row.labels if x == IGNORE)
    prompt = tok.decode(row.input_ids[:n_prompt])
    specials = {"bos_token": "<s>", "eos_token": "</s>"}
    assert prompt == render_conversation([{"role": "system", "content": "Listen."}] + pair.context,
                                         tok.chat_template, specials)   # what LlamaGenerator renders
    assert tok.decode(row.labels[n_prompt:]) == pair.target + "<|end|>\n"   # loss on the turn and its end
    small = ChatRowBuilder(tok, 90, {"en": None})
    r = small.row(training_pairs(d)[-1])
    assert r is not None and r.truncated and len(r.input_ids) <= 90 and small.shortened == 1
    assert ChatRowBuilder(tok, 20, {}).row(pair) is None


def test_rows_without_a_template_use_the_plain_form_and_end_of_text(tiny_hf_dir, data):
    from transformers import AutoTokenizer

    from mentalens.backends.llm.lora import IGNORE
    from mentalens.chat.finetune_train import ChatRowBuilder

    tok = AutoTokenizer.from_pretrained(tiny_hf_dir)
    tok.chat_template = None
    pair = training_pairs(read_cpsycoun(data / "chat" / "cpsycoun")[1])[0]
    row = ChatRowBuilder(tok, 512, {"zh": "倾听。"}).row(pair)
    n_prompt = sum(1 for x in row.labels if x == IGNORE)
    prompt = tok.decode(row.input_ids[:n_prompt], skip_special_tokens=True)
    assert prompt.endswith("User: 我和父母经常吵架。\nAssistant:")
    assert row.labels[-1] == tok.eos_token_id
    assert tok.decode(row.labels[n_prompt:-1]) == " 这让你感觉怎么样？"
