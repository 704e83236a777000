"""The chat recipe end to end: made-up ESConv/CPsyCounD files -> safety filter -> LoRA on the tiny
random Llama -> merged -> GGUF -> LlamaGenerator replies. Through the command line, as a user runs it."""
from __future__ import annotations

import json

import pytest

pytest.importorskip("torch")
pytest.importorskip("peft")
pytest.importorskip("llama_cpp")

import llm_fixtures  # noqa: E402
from llm_fixtures import UNSAFE_EN, UNSAFE_ZH, write_synthetic_data  # noqa: E402

from mentalens.chat.finetune import (  # noqa: E402
    default_check,
    is_chat_recipe,
    load_chat_recipe,
    recipe_path,
    system_prompts,
)
from mentalens.errors import MentalensError  # noqa: E402

tiny_hf_dir = llm_fixtures.tiny_hf_dir   # a shared fixture: pytest finds it by its name here


def invoke(*args: str):
    from typer.testing import CliRunner

    from mentalens.cli.main import app

    return CliRunner().invoke(app, list(args))


@pytest.fixture(scope="module")
def run(tiny_hf_dir, tmp_path_factory):
    """`mentalens train --recipe chat-support` on the synthetic data, a few steps, F32 GGUF."""
    root = tmp_path_factory.mktemp("chat-recipe")
    data = write_synthetic_data(root / "data")
    res = invoke("train", "--recipe", "chat-support", "--base", str(tiny_hf_dir), "--data-dir", str(data),
                 "--out", str(root / "run"), "--steps", "3", "--rank", "2", "--gguf", "f32")
    assert res.exit_code == 0, res.output
    return root / "run", res.output


def test_builtin_recipe_is_a_chat_recipe():
    r = load_chat_recipe("chat-support")
    assert r.backend == "chat" and r.gguf == "q4_k_m" and "Self-disclosure" in r.skip_strategies
    assert [s.corpus for s in r.data] == ["esconv", "cpsycoun"] and r.data[0].splits == ["train"]
    assert is_chat_recipe("chat-support") and is_chat_recipe(recipe_path("chat-support"))
    assert not is_chat_recipe("lens-en") and not is_chat_recipe("no-such-recipe")
    prompts = system_prompts(r)
    assert set(prompts) == {"en", "zh"} and all(prompts.values())


def test_invalid_recipe_is_explained(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("name: x\nversion: '1'\nbackend: chat\ndescription: d\ndata: []\nsteps: 0\n", encoding="utf-8")
    with pytest.raises(MentalensError, match="invalid"):
        load_chat_recipe(bad)


def test_the_engines_check_rejects_the_synthetic_unsafe_turns():
    assert default_check(UNSAFE_EN, "en") and default_check(UNSAFE_ZH, "zh")
    assert default_check("That sounds hard. What has been the most stressful part?", "en") == []
    assert default_check("感到委屈是很自然的。", "zh") == []


@pytest.mark.slow
def test_recipe_trains_filters_and_exports(run):
    out, output = run
    for name in ("adapter/adapter_config.json", "merged/config.json", "training.json", "LICENCE-DATA.txt",
                 "model-f32.gguf"):
        assert (out / name).is_file(), name
        assert f"wrote {out / name.split('/')[0]}" in output
    info = json.loads((out / "training.json").read_text(encoding="utf-8"))
    f = info["safety_filter"]
    assert f["dropped_turns"] == 2 and f["dropped"].get("diagnosis") == 2, f   # UNSAFE_EN and UNSAFE_ZH
    assert f["not_targets"] == 2                   # ESConv's opening turn and its Self-disclosure turn
    assert info["rows"] == {"en": 4, "zh": 5} and len(info["loss"]) == 3
    assert info["data"]["esconv:chat/esconv:train"]["licence"] == "CC BY-NC 4.0"
    assert info["prompt_style"] == "chat_template" and info["settings"]["rank"] == 2
    assert info["system_prompts"] == system_prompts(load_chat_recipe("chat-support"))
    assert "non-commercial" in (out / "LICENCE-DATA.txt").read_text(encoding="utf-8")
    assert json.loads((out / "adapter" / "adapter_config.json").read_text())["r"] == 2


@pytest.mark.slow
def test_the_exported_model_phrases_a_reply(run, tiny_hf_dir):
    from tiny import CHAT_TEMPLATE

    from mentalens.chat.llm import LlamaGenerator

    g = LlamaGenerator(run[0] / "model-f32.gguf", n_ctx=512)
    assert g.template == CHAT_TEMPLATE
    msgs = [{"role": "system", "content": system_prompts(load_chat_recipe("chat-support"))["en"]},
            {"role": "user", "content": "Work has been really stressful."}]
    reply = g.generate(msgs, max_tokens=16)
    assert isinstance(reply, str) and reply == g.generate(msgs, max_tokens=16)


def test_chat_recipe_needs_a_base_and_no_check(tmp_path, capsys):
    from mentalens.cli.main import main

    assert main(["train", "--recipe", "chat-support", "--data-dir", str(tmp_path)]) == 2
    assert "--base" in capsys.readouterr().err
    assert main(["train", "--backend", "chat", "--check", "--base", str(tmp_path)]) == 2
    assert "--check" in capsys.readouterr().err
    assert main(["train", "--backend", "chat", "--base", str(tmp_path), "--data-dir", str(tmp_path)]) != 0
    assert "no ESConv file" in capsys.readouterr().err


def test_recipe_drop_rules_add_to_the_engines_check(tmp_path):
    from mentalens.chat.dialogues import Dialogue
    from mentalens.chat.finetune import build_pairs

    r = load_chat_recipe("chat-support")
    zh = Dialogue("z", "cpsycoun", "zh", [
        {"role": "user", "content": "我睡不好。"}, {"role": "assistant", "content": "我们下次咨询时做一次催眠。"},
        {"role": "user", "content": "好。"}, {"role": "assistant", "content": "听起来你最近很累。"},
        {"role": "user", "content": "嗯。"}, {"role": "assistant", "content": UNSAFE_ZH}])
    en = Dialogue("e", "esconv", "en", [
        {"role": "user", "content": "I feel low."}, {"role": "assistant", "content": "I promise it gets better."},
        {"role": "user", "content": "Ok."}, {"role": "assistant", "content": "What has helped before?"}])
    kept, report = build_pairs(r, [zh, en], default_check)
    assert [p.target for p in kept] == ["听起来你最近很累。", "What has helped before?"]
    assert report["dropped"] == {"therapy_procedure": 1, "diagnosis": 1, "promise": 1}
    assert report["dropped_turns"] == 3
    bad = tmp_path / "bad.yaml"
    bad.write_text("name: x\nversion: '1'\nbackend: chat\ndescription: d\ndata: []\ndrop: {r: {en: '(('}}\n",
                   encoding="utf-8")
    with pytest.raises(MentalensError, match=r"drop\.r\.en"):
        load_chat_recipe(bad)
