"""GGUF export and random-weight GGUFs, checked against llama.cpp itself.

The F32 export of the tiny Llama must tokenize exactly like the Hugging Face tokenizer and give
the same logits as transformers' LlamaForCausalLM at every position: the proof that tensor
names, the q/k permutation and the hyperparameters are right. Quantised exports and random
models must load (extra CPU buffer types off, see runtime_llamacpp.py) and decode.
"""
from __future__ import annotations

import json
import shutil

import numpy as np
import pytest

pytest.importorskip("llama_cpp")
pytest.importorskip("torch")
pytest.importorskip("gguf")

from tiny import CHAT_TEMPLATE  # noqa: E402

from mentalens.backends.llm.gguf_export import export_gguf  # noqa: E402
from mentalens.backends.llm.random_gguf import SHAPES, write_random_gguf  # noqa: E402
from mentalens.backends.llm.runtime_llamacpp import open_llama  # noqa: E402
from mentalens.errors import MentalensError, UsageError  # noqa: E402

TEXTS = [
    "Consider this post. Question: does the poster suffer from depression? Answer with one of: no, yes.",
    "I can't sleep... nobody cares!!! 😢💔 (3 weeks now, 100% exhausted) -- naïve café",
    "  two  spaces,\ttabs\n\nand new lines\r\n",
    "<|system|>\nBe brief.<|end|>\n<|user|>\nI feel alone<|end|>\n<|assistant|>\nyes</s>",
]


@pytest.fixture(scope="module")
def hf_tokenizer(tiny_llama_dir):
    from transformers import AutoTokenizer

    return AutoTokenizer.from_pretrained(tiny_llama_dir)


@pytest.fixture(scope="module")
def f32_llm(tiny_gguf_f32):
    return open_llama(tiny_gguf_f32, n_ctx=512, logits_all=True)


def greedy(llm, ids, n=6):
    out = []
    for tok in llm.generate(list(ids), top_k=1, temp=0.0, reset=True):
        out.append(tok)
        if len(out) == n:
            return out
    return out


def test_f32_export_tokenizes_like_transformers(f32_llm, hf_tokenizer):
    for text in TEXTS:
        want = hf_tokenizer(text)["input_ids"]
        assert list(f32_llm.tokenize(text.encode("utf-8"), add_bos=True, special=True)) == want, text
    for text in TEXTS[:3]:   # and back, byte for byte
        assert f32_llm.detokenize(hf_tokenizer(text)["input_ids"][1:]).decode("utf-8") == text


def test_f32_export_metadata(f32_llm, tiny_llama_dir):
    md = f32_llm.metadata
    cfg = json.loads((tiny_llama_dir / "config.json").read_text())
    assert md["general.architecture"] == "llama"
    assert md["tokenizer.ggml.model"] == "gpt2" and md["tokenizer.ggml.pre"] == "gpt-2"
    assert md["tokenizer.chat_template"] == CHAT_TEMPLATE
    assert int(md["tokenizer.ggml.bos_token_id"]) == cfg["bos_token_id"] == f32_llm.token_bos()
    assert int(md["tokenizer.ggml.eos_token_id"]) == cfg["eos_token_id"] == f32_llm.token_eos()
    assert md["tokenizer.ggml.add_bos_token"] == "true"
    assert int(md["llama.block_count"]) == 2 and int(md["llama.attention.head_count_kv"]) == 2
    assert f32_llm.n_vocab() == cfg["vocab_size"]


def test_f32_export_logits_match_transformers_at_every_position(f32_llm, hf_tokenizer, tiny_llama_dir):
    import torch
    from transformers import LlamaForCausalLM

    model = LlamaForCausalLM.from_pretrained(tiny_llama_dir, dtype=torch.float32).eval()
    prompt = hf_tokenizer.apply_chat_template([{"role": "user", "content": TEXTS[0]}], tokenize=False,
                                              add_generation_prompt=True)
    ids = hf_tokenizer(prompt, add_special_tokens=False)["input_ids"]
    assert len(ids) > 20 and ids[0] == hf_tokenizer.bos_token_id
    with torch.no_grad():
        want = model(torch.tensor([ids])).logits[0].numpy()
    f32_llm.reset()
    f32_llm.eval(ids)
    got = np.asarray(f32_llm.scores[: len(ids)])
    scale = float(np.abs(want).max())
    assert scale > 1.0   # the tiny model's logits differ by input
    assert np.abs(got - want).max() < 1e-2 * scale
    assert (got.argmax(-1) == want.argmax(-1)).all()


@pytest.mark.parametrize("arch", ["qwen2", "qwen3"])
def test_qwen_exports_match_transformers(arch, tiny_llama_dir, hf_tokenizer, tmp_path):
    """Qwen2 (q/k/v biases) and Qwen3 (per-head q/k norms, head_dim != hidden / heads, which
    llama.cpp's qwen2 does not allow), both with tied embeddings and NeoX RoPE (no permutation)."""
    import torch
    import transformers

    name = {"qwen2": "Qwen2", "qwen3": "Qwen3"}[arch]
    config = getattr(transformers, f"{name}Config")(
        vocab_size=640, hidden_size=64, intermediate_size=128, num_hidden_layers=2, num_attention_heads=4,
        num_key_value_heads=2, head_dim=32 if arch == "qwen3" else 16, max_position_embeddings=512, tie_word_embeddings=True,
        bos_token_id=hf_tokenizer.bos_token_id, eos_token_id=hf_tokenizer.eos_token_id)
    torch.manual_seed(1)
    model = getattr(transformers, f"{name}ForCausalLM")(config).eval()
    with torch.no_grad():
        for p in model.parameters():   # biases and norms too, so that a misplaced one shows
            p.normal_(0.0, 0.2) if p.dim() == 2 else p.normal_(1.0, 0.3)
    model.save_pretrained(tmp_path / "hf")
    for f in ("tokenizer.json", "tokenizer_config.json", "chat_template.jinja"):
        shutil.copy(tiny_llama_dir / f, tmp_path / "hf" / f)
    llm = open_llama(export_gguf(tmp_path / "hf", tmp_path / f"{arch}.gguf", quant="f32"), n_ctx=256)
    assert llm.metadata["general.architecture"] == arch
    ids = hf_tokenizer(TEXTS[1])["input_ids"]
    with torch.no_grad():
        want = model(torch.tensor([ids])).logits[0].numpy()
    llm.eval(ids)
    got = np.asarray(llm.scores[: len(ids)])
    assert np.abs(got - want).max() < 1e-2 * float(np.abs(want).max())


def test_q8_0_export_loads_decodes_and_tracks_f32(tiny_llama_dir, f32_llm, tmp_path):
    path = export_gguf(tiny_llama_dir, tmp_path / "tiny-q8.gguf", quant="q8_0")
    assert path.is_file() and not list(tmp_path.glob("*.tmp"))
    llm = open_llama(path, n_ctx=256, logits_all=True)
    assert llm.metadata["general.file_type"] == "7"   # LLAMA_FTYPE_MOSTLY_Q8_0
    ids = llm.tokenize(TEXTS[0].encode(), add_bos=True, special=True)
    assert len(greedy(llm, ids)) == 6
    llm.reset()
    llm.eval(ids)
    f32_llm.reset()
    f32_llm.eval(ids)
    a, b = np.asarray(llm.scores[len(ids) - 1]), np.asarray(f32_llm.scores[len(ids) - 1])
    assert np.corrcoef(a, b)[0, 1] > 0.99


@pytest.mark.parametrize("shape,quant", [("tiny", "q4_k_m"), ("tiny-qwen3", "q4_0")])
def test_random_gguf_loads_and_decodes(shape, quant, tmp_path):
    path = write_random_gguf(shape, tmp_path / f"{shape}.gguf", quant=quant, seed=3)
    llm = open_llama(path, n_ctx=256, logits_all=False)
    assert llm.metadata["general.architecture"] == SHAPES[shape]["arch"]
    assert llm.metadata["tokenizer.ggml.model"] == "llama" and "tokenizer.chat_template" not in llm.metadata
    assert llm.n_vocab() == SHAPES[shape]["vocab"]
    ids = llm.tokenize(b"the post says nothing at all", add_bos=True)
    assert ids[0] == llm.token_bos() and len(ids) > 3
    assert len(greedy(llm, ids, n=8)) == 8


def test_random_gguf_is_reproducible(tmp_path):
    a = write_random_gguf("tiny", tmp_path / "a.gguf", quant="f16", seed=1).read_bytes()
    assert a == write_random_gguf("tiny", tmp_path / "b.gguf", quant="f16", seed=1).read_bytes()
    assert a != write_random_gguf("tiny", tmp_path / "c.gguf", quant="f16", seed=2).read_bytes()


def test_cli_writes_both_kinds_of_file(tiny_llama_dir, tmp_path):
    from typer.testing import CliRunner

    from mentalens.cli.main import app

    runner = CliRunner()
    out = tmp_path / "tiny-f16.gguf"
    res = runner.invoke(app, ["llm", "export-gguf", str(tiny_llama_dir), "--out", str(out), "--quant", "f16"])
    assert res.exit_code == 0, res.output
    assert out.is_file() and f"wrote {out} (" in res.stdout and "MiB)" in res.stdout
    out = tmp_path / "rand.gguf"
    res = runner.invoke(app, ["llm", "random-gguf", "--shape", "tiny", "--out", str(out), "--quant", "q8_0"])
    assert res.exit_code == 0, res.output
    assert out.is_file() and f"wrote {out} (" in res.stdout
    assert open_llama(out, n_ctx=64, vocab_only=True).n_vocab() == SHAPES["tiny"]["vocab"]


def test_cli_errors_are_short_messages_with_a_hint(tmp_path, capsys):
    from mentalens.cli.main import main

    code = main(["llm", "export-gguf", str(tmp_path / "nowhere"), "--out", str(tmp_path / "x.gguf")])
    err = capsys.readouterr().err
    assert code == 1 and "no model folder" in err and "how to fix" in err and "Traceback" not in err
    code = main(["llm", "random-gguf", "--shape", "llama-9b", "--out", str(tmp_path / "x.gguf")])
    err = capsys.readouterr().err
    assert code == 2 and "unknown shape" in err and "llama-3.2-1b" in err


def test_missing_folder_and_files(tmp_path, tiny_llama_dir):
    with pytest.raises(MentalensError, match="no model folder") as exc:
        export_gguf(tmp_path / "absent", tmp_path / "x.gguf")
    assert exc.value.hint
    bare = tmp_path / "bare"
    shutil.copytree(tiny_llama_dir, bare)
    (bare / "model.safetensors").unlink()
    with pytest.raises(MentalensError, match="safetensors") as exc:
        export_gguf(bare, tmp_path / "x.gguf")
    assert exc.value.hint and not (tmp_path / "x.gguf").exists()


def test_unsupported_architecture_and_tokenizer(tmp_path, tiny_llama_dir):
    other = tmp_path / "gpt2"
    shutil.copytree(tiny_llama_dir, other)
    cfg = json.loads((other / "config.json").read_text())
    (other / "config.json").write_text(json.dumps({**cfg, "model_type": "gpt2", "architectures": ["GPT2LMHeadModel"]}))
    with pytest.raises(MentalensError, match="GPT2LMHeadModel.*not supported") as exc:
        export_gguf(other, tmp_path / "x.gguf")
    assert "LlamaForCausalLM" in exc.value.hint
    wp = tmp_path / "wordpiece"
    shutil.copytree(tiny_llama_dir, wp)
    tok = json.loads((wp / "tokenizer.json").read_text())
    tok["pre_tokenizer"] = {"type": "Whitespace"}
    (wp / "tokenizer.json").write_text(json.dumps(tok))
    with pytest.raises(MentalensError, match="not a byte-level BPE") as exc:
        export_gguf(wp, tmp_path / "x.gguf")
    assert exc.value.hint


def test_unknown_quant_is_a_usage_error(tmp_path, tiny_llama_dir):
    with pytest.raises(UsageError, match="q3_k") as exc:
        export_gguf(tiny_llama_dir, tmp_path / "x.gguf", quant="q3_k")
    assert "q4_k_m" in exc.value.hint
    with pytest.raises(UsageError):
        write_random_gguf("tiny", tmp_path / "x.gguf", quant="int4")
