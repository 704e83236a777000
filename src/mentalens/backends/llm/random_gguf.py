"""Random-weight GGUF files with the exact shapes of real models, for speed tests.

llama.cpp's speed depends on tensor shapes and types, not on the weights' values, so a
random Llama-3.2-1B- or Qwen3-4B-shaped file measures what the real one would on this machine
without downloading anything. Tensors are F16 normals (std 0.02; norms are ones), each made
from its own seed and streamed to disk one at a time (peak memory is the largest tensor, the
token embeddings); the file is then quantised with llama.cpp's quantiser (gguf_export.py). The
vocabulary is SentencePiece-style (``tokenizer.ggml.model = llama``): ``<unk> <s> </s>``, the
256 byte-fallback tokens and filler word pieces. No chat template.
"""
from __future__ import annotations

import itertools
import os
from pathlib import Path

from .gguf_export import Log, _say, add_hparams, check_quant, write_streaming, write_then_quantize

_BASE = dict(arch="llama", head_dim=None, qk_norm=False, tied=True, rope_base=10000.0, ctx=2048, eps=1e-5)
SHAPES: dict[str, dict] = {
    "llama-3.2-1b": {**_BASE, "vocab": 128256, "hidden": 2048, "ffn": 8192, "layers": 16, "heads": 32,
                     "kv_heads": 8, "rope_base": 500000.0, "ctx": 131072},
    "qwen3-4b": {**_BASE, "arch": "qwen3", "vocab": 151936, "hidden": 2560, "ffn": 9728, "layers": 36,
                 "heads": 32, "kv_heads": 8, "head_dim": 128, "qk_norm": True, "rope_base": 1000000.0,
                 "ctx": 40960, "eps": 1e-6},
    # Small, for tests; every dimension a multiple of 256 so K-quants apply to every matrix.
    "tiny": {**_BASE, "vocab": 1024, "hidden": 256, "ffn": 512, "layers": 2, "heads": 4, "kv_heads": 2,
             "tied": False},
    "tiny-qwen3": {**_BASE, "arch": "qwen3", "vocab": 1024, "hidden": 256, "ffn": 512, "layers": 2, "heads": 4,
                   "kv_heads": 2, "head_dim": 128, "qk_norm": True, "eps": 1e-6},
}
_STD = 0.02


def write_random_gguf(shape: str, out_path: str | os.PathLike, quant: str = "q4_k_m", seed: int = 0,
                      log: Log | None = None) -> Path:
    """Write a random-weight model of the named ``shape`` (see SHAPES) to ``out_path``."""
    from ...errors import UnknownNameError

    if shape not in SHAPES:
        raise UnknownNameError("shape", shape, SHAPES)
    quant = check_quant(quant)
    s = SHAPES[shape]
    import gguf

    cfg = {"num_attention_heads": s["heads"], "num_key_value_heads": s["kv_heads"], "hidden_size": s["hidden"],
           "head_dim": s["head_dim"] or s["hidden"] // s["heads"], "max_position_embeddings": s["ctx"],
           "num_hidden_layers": s["layers"], "intermediate_size": s["ffn"], "rms_norm_eps": s["eps"],
           "rope_theta": s["rope_base"], "vocab_size": s["vocab"]}

    def write(path: Path) -> None:
        writer = gguf.GGUFWriter(path, s["arch"])
        add_hparams(writer, cfg, f"random-{shape}", ftype=0 if quant == "f32" else 1)
        _add_vocab(writer, s["vocab"])
        write_streaming(writer, _plan(s, cfg["head_dim"], seed, "float32" if quant == "f32" else "float16"))

    _say(log, f"writing random {shape} ({s['arch']}) weights ...")
    return write_then_quantize(Path(out_path), quant, write, log)


def _plan(s: dict, hd: int, seed: int, dtype: str) -> list:
    import numpy as np

    h, q, kv = s["hidden"], s["heads"] * hd, s["kv_heads"] * hd
    mats = [("token_embd", (s["vocab"], h))] + ([] if s["tied"] else [("output", (s["vocab"], h))])
    norms = [("output_norm", (h,))]
    for i in range(s["layers"]):
        b = f"blk.{i}."
        mats += [(b + "attn_q", (q, h)), (b + "attn_k", (kv, h)), (b + "attn_v", (kv, h)),
                 (b + "attn_output", (h, q)), (b + "ffn_gate", (s["ffn"], h)), (b + "ffn_up", (s["ffn"], h)),
                 (b + "ffn_down", (h, s["ffn"]))]
        norms += [(b + "attn_norm", (h,)), (b + "ffn_norm", (h,))]
        norms += [(b + "attn_q_norm", (hd,)), (b + "attn_k_norm", (hd,))] if s["qk_norm"] else []
    plan = [(f"{n}.weight", shp, dtype, _normal(shp, dtype, seed, k)) for k, (n, shp) in enumerate(mats)]
    return plan + [(f"{n}.weight", shp, "float32", lambda shp=shp: np.ones(shp, np.float32)) for n, shp in norms]


def _normal(shape: tuple[int, int], dtype: str, seed: int, k: int):
    def make():
        import numpy as np

        rng = np.random.default_rng([seed, k])
        out = np.empty(shape, dtype)
        step = max(1, (1 << 22) // shape[1])   # ~4M values at a time: no full-size float32 copy
        for i in range(0, shape[0], step):
            chunk = rng.standard_normal((min(step, shape[0] - i), shape[1]), dtype=np.float32)
            chunk *= _STD
            out[i:i + step] = chunk
        return out
    return make


def _add_vocab(w, n: int) -> None:
    import gguf

    T = gguf.TokenType
    tokens = ["<unk>", "<s>", "</s>"] + [f"<0x{b:02X}>" for b in range(256)]
    types = [T.UNKNOWN, T.CONTROL, T.CONTROL] + [T.BYTE] * 256
    if n < len(tokens) + 26:
        raise ValueError(f"vocabulary of {n} is too small")

    def pieces():   # "▁e", "e", "▁t", "t", ..., then two letters, three ...
        letters = "etaoinshrdlcumwfgypbvkjxqz"
        for size in itertools.count(1):
            for combo in itertools.product(letters, repeat=size):
                yield "\u2581" + "".join(combo)
                yield "".join(combo)

    tokens += itertools.islice(pieces(), n - len(tokens))
    types += [T.NORMAL] * (n - len(types))
    w.add_tokenizer_model("llama")
    w.add_token_list(tokens)
    w.add_token_types(types)
    w.add_token_scores([0.0] * 259 + [-float(i) for i in range(n - 259)])
    w.add_unk_token_id(0)
    w.add_bos_token_id(1)
    w.add_eos_token_id(2)
    w.add_add_bos_token(True)
    w.add_add_eos_token(False)
