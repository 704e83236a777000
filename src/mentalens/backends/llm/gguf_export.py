"""Convert a local Hugging Face causal LM folder to a GGUF file that llama.cpp runs.

Why here and not llama.cpp's ``convert_hf_to_gguf.py``: that script is not part of any wheel,
and the on-device path (runtime_llamacpp.py) only needs the few architectures this project
fine-tunes. Supported: LlamaForCausalLM (gguf arch ``llama``; q/k rows permuted from Hugging
Face's rotate-half RoPE layout to llama.cpp's interleaved one, as ``LlamaModel.permute`` does
there), Qwen2ForCausalLM and Qwen3ForCausalLM (NeoX RoPE in llama.cpp: no permutation), each
with a byte-level BPE tokenizer (``tokenizer.ggml.model = gpt2``). Weights are read tensor by
tensor with safetensors and streamed to the file, so memory stays near one tensor. ``f32`` and
``f16`` are written as such (norms stay F32); ``q8_0``, ``q4_0`` and ``q4_k_m`` write an F16
file first and quantise it with llama.cpp's own quantiser. The output appears only when complete.
"""
from __future__ import annotations

import contextlib
import json
import os
import re
import warnings
from collections.abc import Callable
from pathlib import Path

from ...errors import MentalensError, ModelNotFoundError, UsageError, require

QUANTS = {"f32": None, "f16": None, "q8_0": "LLAMA_FTYPE_MOSTLY_Q8_0", "q4_0": "LLAMA_FTYPE_MOSTLY_Q4_0",
          "q4_k_m": "LLAMA_FTYPE_MOSTLY_Q4_K_M"}
ARCHS = {"LlamaForCausalLM": ("llama", True), "Qwen2ForCausalLM": ("qwen2", False),
         "Qwen3ForCausalLM": ("qwen3", False)}   # HF class -> (gguf arch, permute q/k)
_LAYER = {"input_layernorm": "attn_norm", "self_attn.q_proj": "attn_q", "self_attn.k_proj": "attn_k",
          "self_attn.v_proj": "attn_v", "self_attn.o_proj": "attn_output", "self_attn.q_norm": "attn_q_norm",
          "self_attn.k_norm": "attn_k_norm", "post_attention_layernorm": "ffn_norm", "mlp.gate_proj": "ffn_gate",
          "mlp.up_proj": "ffn_up", "mlp.down_proj": "ffn_down"}
_TOP = {"model.embed_tokens": "token_embd", "model.norm": "output_norm", "lm_head": "output"}
# Split regexes of byte-level tokenizers that llama.cpp knows, to its pre-tokenizer names.
_RE = r"(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}%s| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+"
_PRE = {_RE % "{1,3}": "llama-bpe", _RE % "": "qwen2"}
Log = Callable[[str], None]


def _say(log: Log | None, msg: str, warn: bool = False) -> None:
    """Progress to ``log``; warnings to ``log`` or, without one, to the warnings module."""
    if log is not None:
        log(("warning: " if warn else "") + msg)
    elif warn:
        warnings.warn(msg, stacklevel=3)


def check_quant(quant: str) -> str:
    q = quant.lower()
    if q not in QUANTS:
        raise UsageError(f"unknown quantisation {quant!r}", hint=f"use one of: {', '.join(QUANTS)}")
    return q


def write_streaming(writer, plan: list[tuple[str, tuple[int, ...], str, Callable]]) -> None:
    """Write a GGUF whose tensors are ``(name, shape, numpy dtype, make)``: every tensor's header
    first, then each tensor's data as ``make()`` returns it, one at a time."""
    import numpy as np

    try:
        for name, shape, dtype, _ in plan:
            writer.add_tensor_info(name, shape, np.dtype(dtype), int(np.prod(shape)) * np.dtype(dtype).itemsize)
        writer.write_header_to_file()
        writer.write_kv_data_to_file()
        writer.write_ti_data_to_file()
        for name, shape, dtype, make in plan:
            arr = np.ascontiguousarray(make(), dtype=dtype)
            if arr.shape != tuple(shape):
                raise MentalensError(f"tensor {name} has shape {arr.shape}, expected {tuple(shape)}")
            writer.write_tensor_data(arr)
    finally:
        writer.close()


def write_then_quantize(out: Path, quant: str, write_f16: Callable[[Path], None], log: Log | None) -> Path:
    """``write_f16(path)`` writes an F16 (or F32) GGUF to a temporary file next to ``out``, which is
    then renamed to ``out`` (f16, f32) or quantised into it by llama.cpp and removed."""
    out = Path(out).expanduser()
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(out.name + ".part")
    try:
        write_f16(tmp)
        if QUANTS[quant] is None:
            os.replace(tmp, out)
            return out
        llama_cpp = require("llama_cpp", "llm", "quantising a GGUF")
        params = llama_cpp.llama_model_quantize_default_params()
        params.ftype = getattr(llama_cpp, QUANTS[quant])
        params.nthread = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
        _say(log, f"quantising to {quant} ...")
        with open(os.devnull, "w") as devnull, contextlib.redirect_stderr(devnull):
            rc = llama_cpp.llama_model_quantize(str(tmp).encode(), str(out).encode(), params)
        if rc != 0 or not out.is_file():
            out.unlink(missing_ok=True)
            raise MentalensError(f"llama.cpp could not quantise the model to {quant} (code {rc})",
                                 hint="check the free disk space next to the output file; try --quant f16")
        return out
    finally:
        tmp.unlink(missing_ok=True)


def export_gguf(hf_dir: str | os.PathLike, out_path: str | os.PathLike, quant: str = "f16",
                log: Log | None = None) -> Path:
    """Write the model in ``hf_dir`` to ``out_path`` as GGUF (``quant``: f32, f16, q8_0, q4_0, q4_k_m)."""
    quant = check_quant(quant)
    src = Path(hf_dir).expanduser()
    if not src.is_dir():
        raise ModelNotFoundError(f"no model folder at {src.resolve()}",
                                 hint="pass a local Hugging Face model folder (config.json, *.safetensors, "
                                      "tokenizer.json); nothing is downloaded")
    files = sorted(src.glob("model*.safetensors"))   # model.safetensors or model-0000N-of-0000M.safetensors
    if not files and (src / "adapter_config.json").is_file():
        raise ModelNotFoundError(f"{src} holds a LoRA adapter, not a whole model", hint="merge it into its base "
                                 "model first (peft: merge_and_unload(), then save_pretrained())")
    missing = [n for n in ("config.json", "tokenizer.json") if not (src / n).is_file()]
    missing += [] if files else ["model*.safetensors weights"]
    if missing:
        raise ModelNotFoundError(f"{src} has no {', '.join(missing)}", hint="save the model and its tokenizer "
                                 "into that folder with save_pretrained() (safetensors weights)")
    cfg = json.loads((src / "config.json").read_text(encoding="utf-8"))
    hf_arch = (cfg.get("architectures") or [None])[0]
    if hf_arch not in ARCHS:
        raise MentalensError(f"architecture {hf_arch or cfg.get('model_type')!r} is not supported for GGUF export",
                             hint=f"supported: {', '.join(ARCHS)}; for others use llama.cpp's convert_hf_to_gguf.py")
    arch, permute = ARCHS[hf_arch]
    gguf = require("gguf", "llm", "GGUF export")
    require("torch", "llm", "GGUF export")   # safetensors reads bfloat16 weights through torch

    def write(path: Path) -> None:   # nothing is written before write_streaming's header
        writer = gguf.GGUFWriter(path, arch)
        add_hparams(writer, cfg, src.name, ftype=0 if quant == "f32" else 1)
        _add_bpe_vocab(writer, src, cfg, log)
        write_streaming(writer, _plan(files, cfg, permute, "float32" if quant == "f32" else "float16"))

    _say(log, f"writing {arch} GGUF from {src} ...")
    return write_then_quantize(Path(out_path), quant, write, log)


def add_hparams(w, cfg: dict, name: str, ftype: int) -> None:
    """The model hyperparameters, from a Hugging Face style ``config.json`` dict."""
    heads = cfg["num_attention_heads"]
    head_dim = cfg.get("head_dim") or cfg["hidden_size"] // heads
    rope = cfg.get("rope_parameters") or cfg.get("rope_scaling") or {}
    for add, value in ((w.add_name, name), (w.add_context_length, cfg.get("max_position_embeddings", 2048)),
                       (w.add_embedding_length, cfg["hidden_size"]), (w.add_block_count, cfg["num_hidden_layers"]),
                       (w.add_feed_forward_length, cfg["intermediate_size"]), (w.add_head_count, heads),
                       (w.add_head_count_kv, cfg.get("num_key_value_heads") or heads),
                       (w.add_key_length, head_dim), (w.add_value_length, head_dim),
                       (w.add_layer_norm_rms_eps, cfg.get("rms_norm_eps", 1e-6)),
                       (w.add_rope_freq_base, float(rope.get("rope_theta", cfg.get("rope_theta", 10000.0)))),
                       (w.add_rope_dimension_count, head_dim), (w.add_vocab_size, cfg["vocab_size"]),
                       (w.add_file_type, ftype)):
        add(value)
    kind = rope.get("rope_type", rope.get("type", "default"))
    if kind not in ("default", "llama3"):   # llama3: the rope_freqs tensor, see _rope_freqs
        raise MentalensError(f"RoPE scaling {kind!r} is not supported for GGUF export",
                             hint="supported: none (default) and llama3; use llama.cpp's convert_hf_to_gguf.py")


def _plan(files: list[Path], cfg: dict, permute: bool, dtype: str) -> list:
    from safetensors import safe_open

    heads = cfg["num_attention_heads"]
    kv_heads = cfg.get("num_key_value_heads") or heads
    plan = []
    for f in files:
        with safe_open(f, framework="pt") as st:
            keys = list(st.keys())
            shapes = {k: tuple(st.get_slice(k).get_shape()) for k in keys}
        for key in keys:
            base, _, kind = key.rpartition(".")
            m = re.fullmatch(r"model\.layers\.(\d+)\.(.+)", base)
            name = f"blk.{m.group(1)}.{_LAYER.get(m.group(2), '?')}" if m else _TOP.get(base, "?")
            if key.endswith("rotary_emb.inv_freq") or (name == "output" and cfg.get("tie_word_embeddings")):
                continue   # recomputed by llama.cpp / tied to token_embd
            if "?" in name or kind not in ("weight", "bias"):
                raise MentalensError(f"tensor {key!r} has no GGUF counterpart in this exporter",
                                     hint="the checkpoint differs from the supported architectures")
            n = heads if name.endswith("attn_q") else kv_heads if name.endswith("attn_k") else 0
            shape = shapes[key]
            plan.append((f"{name}.{kind}", shape, dtype if len(shape) == 2 else "float32",
                         _loader(f, key, n if permute else 0)))
    plan += _rope_freqs(cfg)
    return plan


def _loader(path: Path, key: str, n_head: int) -> Callable:
    def load():
        from safetensors import safe_open

        with safe_open(path, framework="pt") as st:
            t = st.get_tensor(key).float().numpy()
        if n_head:   # llama.cpp's LlamaModel.permute: rotate-half rows -> interleaved pairs
            t = t.reshape(n_head, 2, t.shape[0] // n_head // 2, *t.shape[1:]).swapaxes(1, 2).reshape(t.shape)
        return t
    return load


def _rope_freqs(cfg: dict) -> list:
    """Llama 3.1+ RoPE scaling: the per-frequency factors llama.cpp reads from ``rope_freqs``
    (as convert_hf_to_gguf.py computes them)."""
    import numpy as np

    rope = cfg.get("rope_parameters") or cfg.get("rope_scaling") or {}
    if rope.get("rope_type", rope.get("type")) != "llama3":
        return []
    base = float(rope.get("rope_theta", cfg.get("rope_theta", 10000.0)))
    dim = cfg.get("head_dim") or cfg["hidden_size"] // cfg["num_attention_heads"]
    factor, lo, hi = rope.get("factor", 8.0), rope.get("low_freq_factor", 1.0), rope.get("high_freq_factor", 4.0)
    old = rope.get("original_max_position_embeddings", 8192)
    wavelen = 2 * np.pi * base ** (np.arange(0, dim, 2, dtype=np.float32) / dim)
    smooth = (old / wavelen - lo) / (hi - lo)
    arr = np.where(wavelen < old / hi, 1.0, np.where(wavelen > old / lo, factor, 1 / ((1 - smooth) / factor + smooth)))
    arr = arr.astype(np.float32)
    return [("rope_freqs.weight", arr.shape, "float32", lambda: arr)]


def _add_bpe_vocab(w, src: Path, cfg: dict, log: Log | None) -> None:
    """The ``gpt2`` tokenizer keys from tokenizer.json, tokenizer_config.json, chat_template.jinja."""
    tj = json.loads((src / "tokenizer.json").read_text(encoding="utf-8"))
    tc_file = src / "tokenizer_config.json"
    tc = json.loads(tc_file.read_text(encoding="utf-8")) if tc_file.is_file() else {}
    model, pre = tj.get("model") or {}, _pre_name(tj.get("pre_tokenizer"))
    if model.get("type") != "BPE" or pre is None:
        raise MentalensError(f"the tokenizer in {src} ({model.get('type')}, pre-tokenizer "
                             f"{(tj.get('pre_tokenizer') or {}).get('type')}) is not a byte-level BPE tokenizer",
                             hint="GGUF export supports byte-level BPE tokenizers (GPT-2, Llama 3, Qwen style)")
    if pre == "?":
        _say(log, "unrecognised byte-level pre-tokenizer; llama.cpp will use its default one, so its "
                  "tokenization may differ from the Hugging Face tokenizer's", warn=True)
        pre = "default"
    n = cfg["vocab_size"]
    ids = dict(model["vocab"]) | {a["content"]: a["id"] for a in tj.get("added_tokens", [])}
    if max(ids.values()) >= n:
        raise MentalensError(f"the tokenizer has token id {max(ids.values())} but the model only {n} embeddings",
                             hint="resize the token embeddings (model.resize_token_embeddings) before saving")
    import gguf

    tokens, types = [f"[PAD{i}]" for i in range(n)], [gguf.TokenType.UNUSED] * n
    for text, i in model["vocab"].items():
        tokens[i], types[i] = text, gguf.TokenType.NORMAL
    for a in tj.get("added_tokens", []):
        tokens[a["id"]] = a["content"]
        types[a["id"]] = gguf.TokenType.CONTROL if a.get("special") else gguf.TokenType.USER_DEFINED
    merges = [m if isinstance(m, str) else " ".join(m) for m in model.get("merges", [])]

    def special(key: str) -> int | None:
        v = tc.get(key)
        v = v.get("content") if isinstance(v, dict) else v
        if isinstance(v, str) and v in ids:
            return ids[v]
        c = cfg.get(key + "_id")
        return c[0] if isinstance(c, list) else c

    bos, eos, pad = special("bos_token"), special("eos_token"), special("pad_token")
    add_bos = tc.get("add_bos_token")
    if add_bos is None:
        add_bos = bos is not None and _adds_first(tj.get("post_processor"), tokens[bos])
    template = tc.get("chat_template")
    if not template and (src / "chat_template.jinja").is_file():
        template = (src / "chat_template.jinja").read_text(encoding="utf-8")

    for add, value in ((w.add_tokenizer_model, "gpt2"), (w.add_tokenizer_pre, pre), (w.add_token_list, tokens),
                       (w.add_token_types, types), (w.add_token_merges, merges), (w.add_bos_token_id, bos),
                       (w.add_eos_token_id, eos), (w.add_pad_token_id, pad), (w.add_chat_template, template)):
        if value is not None and value != "":
            add(value)
    w.add_add_bos_token(bool(add_bos))


def _pre_name(pt: dict | None) -> str | None:
    """llama.cpp's pre-tokenizer name; "?" for an unknown byte-level one; None if not byte-level."""
    if not pt:
        return None
    if pt.get("type") == "ByteLevel":
        return "gpt-2" if pt.get("use_regex", True) and not pt.get("add_prefix_space") else "?"
    items = pt.get("pretokenizers") or [] if pt.get("type") == "Sequence" else []
    if not any(p.get("type") == "ByteLevel" for p in items):
        return None
    regex = [(p.get("pattern") or {}).get("Regex") for p in items if p.get("type") == "Split"]
    return _PRE.get(regex[0], "?") if len(regex) == 1 else "?"


def _adds_first(post: dict | None, bos: str) -> bool:
    """Whether the tokenizer's post-processor puts ``bos`` in front of every single sequence."""
    if not post:
        return False
    if post.get("type") == "Sequence":
        return any(_adds_first(p, bos) for p in post.get("processors", []))
    single = post.get("single") if post.get("type") == "TemplateProcessing" else None
    return bool(single) and (single[0].get("SpecialToken") or {}).get("id") == bos
