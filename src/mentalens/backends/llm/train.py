"""``mentalens train --backend llm``: Menta-style multi-task LoRA fine-tuning of a local model.

One adapter learns every task at once from the IMHI-style questions the llm backend asks
(lora.py renders them), with the class- and task-balanced loss of lora.py. The output folder
holds the adapter (``adapter/``, loadable by runtime_hf with the base folder), the merged
model (``merged/``, a plain Hugging Face folder, the input of GGUF export), training.json
(settings, loss curve, per-task label counts and weights) and, for research data,
leakage.json. Nothing is downloaded: the base model is a local folder.

Users' own data come as JSONL (``read_examples_jsonl``), checked against the task specs with
errors that name the line.
"""
from __future__ import annotations

import difflib
import json
import os
import random
import warnings
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

from ...data.example import Example
from ...errors import ExtraNotInstalledError, InputError, ModelNotFoundError, UsageError
from ...tasks import get_task, task_ids

DEFAULT_TARGETS = ("q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj")


def train_lora(base_dir: str | os.PathLike, examples_by_task: Mapping[str, Sequence[Example]],
               out_dir: str | os.PathLike, *, steps: int = 200, lr: float = 2e-4, rank: int = 8,
               alpha: float = 16.0, batch_size: int = 4, max_len: int = 512, seed: int = 0,
               target_modules: Sequence[str] | None = None, leakage=None, gguf: str | None = None,
               log: Callable[[str], None] = lambda m: None) -> Path:
    """Fine-tune a LoRA adapter on every task's examples; returns ``out_dir``."""
    try:
        import torch
        import transformers  # noqa: F401  (load_base uses it; checked here for the message)
        from peft import LoraConfig, get_peft_model
    except ImportError:
        raise ExtraNotInstalledError("torch, transformers and peft", "llm", "LoRA fine-tuning") from None
    from .lora import build_rows, class_task_weights, collate, weighted_lm_loss

    if steps < 1 or batch_size < 1 or rank < 1:
        raise UsageError("--steps, --batch-size and --rank must be at least 1")
    base, tok, model, device, dtype = load_base(base_dir)

    rows, skipped = build_rows(tok, examples_by_task, max_len)
    if skipped:
        log(f"left out {len(skipped)} questions whose answer does not fit --max-len {max_len}, e.g. {skipped[0]}")
    if not rows:
        raise UsageError("no training examples" + (f" fit --max-len {max_len}" if skipped else ""),
                         hint="raise --max-len" if skipped else "give --examples with labelled posts, "
                         "or a recipe with data")
    weights = class_task_weights([(r.task, r.label_key) for r in rows])
    log(f"{len(rows)} training rows over {len(examples_by_task)} tasks "
        f"({sum(r.truncated for r in rows)} posts shortened to fit --max-len {max_len}) on {device}")

    present = {name.rsplit(".", 1)[-1] for name, m in model.named_modules() if isinstance(m, torch.nn.Linear)}
    targets = [t for t in (target_modules or DEFAULT_TARGETS) if t in present]
    missing = sorted(set(target_modules or ()) - present)
    if missing or not targets:
        raise UsageError(f"target modules {', '.join(missing or DEFAULT_TARGETS)} are not in the model",
                         hint=f"its linear layers are: {', '.join(sorted(present))}")
    random.seed(seed)
    torch.manual_seed(seed)
    with warnings.catch_warnings():   # peft 0.21 still asks transformers 5 the deprecated name
        warnings.filterwarnings("ignore", message=".*is_gradient_checkpointing.*", category=FutureWarning)
        model = get_peft_model(model, LoraConfig(r=rank, lora_alpha=alpha, lora_dropout=0.0, bias="none",
                                                 target_modules=targets, task_type="CAUSAL_LM"))
    model.to(device).train()
    params = [p for p in model.parameters() if p.requires_grad]
    opt = torch.optim.AdamW(params, lr=lr, weight_decay=0.0)
    pad = tok.pad_token_id if tok.pad_token_id is not None else (tok.eos_token_id or 0)
    order: list[int] = []
    rng = torch.Generator().manual_seed(seed)
    curve: list[float] = []
    for step in range(steps):
        if len(order) < batch_size:
            order += torch.randperm(len(rows), generator=rng).tolist()
        batch, order = order[:batch_size], order[batch_size:]
        ids, mask, labels = collate([rows[i] for i in batch], pad)
        logits = model(input_ids=ids.to(device), attention_mask=mask.to(device)).logits
        loss = weighted_lm_loss(logits, labels.to(device), [weights[i] for i in batch])
        opt.zero_grad(set_to_none=True)
        loss.backward()
        opt.step()
        curve.append(round(float(loss.detach()), 6))
        if step == 0 or (step + 1) % max(1, steps // 10) == 0:
            log(f"step {step + 1}/{steps}: loss {curve[-1]:.4f}")

    out = save_adapter_and_merged(model, tok, base, out_dir, log)

    tasks: dict[str, dict] = {}
    for r, w in zip(rows, weights):
        lab = tasks.setdefault(r.task, {"rows": 0, "labels": {}})
        lab["rows"] += 1
        lab["labels"].setdefault(r.label_key, {"count": 0, "weight": round(w, 6)})["count"] += 1
    summary = {"base_model": str(base), "steps": steps, "lr": lr, "rank": rank, "alpha": alpha,
               "batch_size": batch_size, "max_len": max_len, "seed": seed, "target_modules": targets,
               "device": device, "dtype": str(dtype).removeprefix("torch."), "prompt_style": "imhi",
               "examples": {t: len(v) for t, v in examples_by_task.items()},
               "truncated_rows": sum(r.truncated for r in rows), "skipped_rows": skipped, "loss": curve, "tasks": tasks}
    (out / "training.json").write_text(json.dumps(summary, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    if leakage is not None:
        dump = getattr(leakage, "model_dump_json", None)
        text = dump(indent=2) if dump else json.dumps(leakage, indent=2)
        (out / "leakage.json").write_text(text + "\n", encoding="utf-8")
    if gguf:
        from .gguf_export import export_gguf

        path = export_gguf(out / "merged", out / f"model-{gguf}.gguf", quant=gguf, log=log)
        log(f"exported {path}")
    return out


def load_base(base_dir: str | os.PathLike):
    """``(folder, tokenizer, model, device, dtype)`` of a local Hugging Face causal LM; nothing is
    downloaded (local_files_only). bf16 on a CUDA device that has it, else float32."""
    import torch
    from transformers import AutoModelForCausalLM, AutoTokenizer

    base = Path(base_dir).expanduser().resolve()
    if not (base / "config.json").is_file():
        raise ModelNotFoundError(f"no Hugging Face model at {base} (looked for {base / 'config.json'})",
                                 hint="pass --base with a local causal-LM folder (config.json, weights, "
                                 "tokenizer), e.g. a small instruct model; nothing is downloaded")
    cuda = torch.cuda.is_available()
    dtype = torch.bfloat16 if cuda and torch.cuda.is_bf16_supported() else torch.float32
    try:
        tok = AutoTokenizer.from_pretrained(base, local_files_only=True)
        model = AutoModelForCausalLM.from_pretrained(base, local_files_only=True, dtype=dtype)
    except (OSError, ValueError) as exc:
        raise ModelNotFoundError(f"transformers could not load the model at {base}: {exc}",
                                 hint="the folder needs config.json, the weights and the tokenizer files") from exc
    return base, tok, model, "cuda" if cuda else "cpu", dtype


def save_adapter_and_merged(model, tok, base: Path, out_dir: str | os.PathLike, log: Callable[[str], None]) -> Path:
    """Save the LoRA adapter (pointing at ``base``) to OUT/adapter and the merged model with its
    tokenizer to OUT/merged; returns OUT."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    model.eval()
    model.save_pretrained(out / "adapter")
    _point_adapter_at(out / "adapter", base)
    merged = model.merge_and_unload()
    merged.save_pretrained(out / "merged", safe_serialization=True)
    tok.save_pretrained(out / "merged")
    log(f"saved the adapter to {out / 'adapter'} and the merged model to {out / 'merged'}")
    return out


def _point_adapter_at(adapter: Path, base: Path) -> None:
    """adapter_config.json names the local base folder (absolute), so runtime_hf finds it."""
    cfg_path = adapter / "adapter_config.json"
    cfg = json.loads(cfg_path.read_text(encoding="utf-8"))
    cfg["base_model_name_or_path"] = str(base)
    cfg_path.write_text(json.dumps(cfg, indent=2, sort_keys=True) + "\n", encoding="utf-8")


# -- users' own data ------------------------------------------------------------------
KEYS = ("id", "text", "labels", "explanation", "meta")


def read_examples_jsonl(path: str | os.PathLike) -> dict[str, list[Example]]:
    """Per task the examples of a JSONL file, one post a line::

        {"text": "...", "labels": {"stress": "yes", "wellness_dimensions": ["social"]},
         "explanation": "optional"}

    A single-label task takes a label id (or one of its phrasings); a multi-label task a list
    of the labels present (the others absent) or an object label -> true/false."""
    p = Path(path)
    if not p.is_file():
        raise InputError(f"no examples file at {p.resolve()}", hint="give --examples a .jsonl file")
    per_task: dict[str, list[Example]] = {}
    with p.open(encoding="utf-8-sig") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            where = f"{p.name} line {n}"
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as exc:
                raise InputError(f"{where}: not valid JSON ({exc.msg})", hint="one JSON object per line") from None
            ex = _example(obj, where, f"{p.name}/{n}")
            for task in ex.labels:
                per_task.setdefault(task, []).append(
                    Example(ex.id, ex.text, {task: ex.labels[task]}, ex.explanation, ex.source, ex.split))
    if not per_task:
        raise InputError(f"{p} holds no examples", hint="one JSON object per line with 'text' and 'labels'")
    return per_task


def _example(obj, where: str, default_id: str) -> Example:
    if not isinstance(obj, dict):
        raise InputError(f"{where}: expected a JSON object, got {type(obj).__name__}")
    for key in obj:
        if key not in KEYS:
            raise InputError(f"{where}: unknown field {key!r}{_did_you_mean(key, KEYS)}",
                             hint=f"fields: {', '.join(KEYS)}")
    text, labels, expl = obj.get("text"), obj.get("labels"), obj.get("explanation")
    if not isinstance(text, str) or not text.strip():
        raise InputError(f"{where}: 'text' must be a non-empty string")
    if not isinstance(labels, dict) or not labels:
        raise InputError(f"{where}: 'labels' must be an object of task -> label, e.g. {{\"stress\": \"yes\"}}")
    if expl is not None and not isinstance(expl, str):
        raise InputError(f"{where}: 'explanation' must be a string")
    out: dict = {}
    for task, value in labels.items():
        if task not in task_ids():
            raise InputError(f"{where}: unknown task {task!r}{_did_you_mean(task, task_ids())}",
                             hint="see `mentalens tasks` for the task ids")
        out[task] = _label(get_task(task), value, where)
    return Example(str(obj.get("id", default_id)), text, out, expl or None, source="own", split="train")


def _label(spec, value, where: str):
    known = spec.label_ids
    if not spec.multilabel:
        if not isinstance(value, str):
            raise InputError(f"{where}: task {spec.id} takes one label (a string), got {value!r}")
        lab = value if value in known else spec.match_phrasing(value)
        if lab is None:
            raise InputError(f"{where}: unknown label {value!r} of task {spec.id}{_did_you_mean(value, known)}",
                             hint=f"labels: {', '.join(known)}")
        return lab
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        value = {lab: lab in value for lab in known} | {v: True for v in value}   # the rest absent
    if not isinstance(value, dict) or not all(isinstance(v, bool) for v in value.values()):
        raise InputError(f"{where}: task {spec.id} is multi-label: give a list of the labels present "
                         "or an object label -> true/false", hint=f"labels: {', '.join(known)}")
    for lab in value:
        if lab not in known:
            raise InputError(f"{where}: unknown label {lab!r} of task {spec.id}{_did_you_mean(lab, known)}",
                             hint=f"labels: {', '.join(known)}")
    return {lab: value[lab] for lab in known if lab in value}


def _did_you_mean(name: str, known: Sequence[str]) -> str:
    close = difflib.get_close_matches(name, list(known), n=2, cutoff=0.6)
    return f"; did you mean {' or '.join(repr(c) for c in close)}?" if close else ""


def label_counts(examples_by_task: Mapping[str, Sequence[Example]]) -> dict[str, dict[str, int]]:
    """Per task its label counts (multi-label: per "<label>=yes|no"), for messages."""
    out = {}
    for task, rows in examples_by_task.items():
        c: Counter = Counter()
        for e in rows:
            v = e.labels[task]
            c.update([v] if isinstance(v, str) else [f"{k}={'yes' if b else 'no'}" for k, b in v.items()])
        out[task] = dict(sorted(c.items()))
    return out
