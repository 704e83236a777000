"""Training rows and the LoRA loop of the chat recipe (finetune.py reads the data and filters it).

A row is one supporter turn: the prompt (system prompt + the dialogue so far) rendered exactly as
chat/llm.LlamaGenerator renders it at run time, masked out of the loss, then the turn and the
template's end of turn (or, without a template, the end-of-text token), which carry the loss.
A prompt too long for ``max_len`` loses its oldest turns (the last user turn always stays); a
turn that does not fit even then is left out and counted. The loop, the adapter layout and the
merge follow backends/llm/train.py; the merged model is exported with gguf_export.export_gguf.
"""
from __future__ import annotations

import json
import os
import random
import warnings
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

from ..backends.llm.lora import IGNORE, Row, collate, weighted_lm_loss
from ..backends.llm.train import DEFAULT_TARGETS, load_base, save_adapter_and_merged
from ..errors import ExtraNotInstalledError, UsageError
from .dialogues import Pair
from .llm import render_conversation

Log = Callable[[str], None]


class ChatRowBuilder:
    """Tokenised rows for one Hugging Face tokenizer."""

    def __init__(self, tokenizer, max_len: int, systems: Mapping[str, str | None]) -> None:
        self.tok = tokenizer
        self.max_len = max_len
        self.systems = systems
        self.template = getattr(tokenizer, "chat_template", None) or None
        self.specials = {"bos_token": tokenizer.bos_token or "", "eos_token": tokenizer.eos_token or ""}
        self.add_bos = not (self.template and "bos_token" in self.template)
        self.skipped: list[str] = []          # "<dialogue>#<turn>": too long for max_len
        self.shortened = 0                    # rows whose oldest context turns were left out

    def encode(self, text: str, special: bool) -> list[int]:
        return list(self.tok(text, add_special_tokens=special, verbose=False)["input_ids"])

    def split(self, messages: list[dict], target: str) -> tuple[list[int], list[int]]:
        """(prompt ids, target ids) for the assistant turn ``target`` after ``messages``."""
        prompt = render_conversation(messages, self.template, self.specials)
        eos: list[int] = []
        if self.template:
            full = render_conversation(messages + [{"role": "assistant", "content": target}], self.template,
                                       self.specials, add_generation_prompt=False)
            cont = full[len(prompt):] if full.startswith(prompt) else target + self.specials["eos_token"]
        else:
            cont = " " + target
            eos = [self.tok.eos_token_id] if self.tok.eos_token_id is not None else []
        p = self.encode(prompt, self.add_bos)
        f = self.encode(prompt + cont, self.add_bos)
        a = f[len(p):] if len(f) > len(p) and f[: len(p)] == p else self.encode(cont, False)
        return p, a + eos

    def row(self, pair: Pair) -> Row | None:
        system = self.systems.get(pair.lang)
        head = [{"role": "system", "content": system}] if system else []
        context = list(pair.context)
        shortened = False
        while True:
            p, a = self.split(head + context, pair.target)
            if len(p) + len(a) <= self.max_len:
                break
            users = [i for i, m in enumerate(context) if m["role"] == "user"]
            if len(users) < 2:               # only the last user turn is left: the turn does not fit
                self.skipped.append(f"{pair.dialogue}#{pair.turn}")
                return None
            context = context[users[1]:]
            shortened = True
        self.shortened += shortened
        return Row(pair.lang, pair.lang, p + a, [IGNORE] * len(p) + a, shortened)


def train_chat(base_dir: str | os.PathLike, pairs: Sequence[Pair], out_dir: str | os.PathLike, *, recipe,
               systems: Mapping[str, str | None], extra: Mapping | None = None, log: Log = lambda m: None) -> Path:
    """Fine-tune a LoRA adapter on ``pairs``, merge it, save ``adapter/``, ``merged/``,
    ``training.json`` and (``recipe.gguf``) ``model-<quant>.gguf`` in ``out_dir``."""
    try:
        import torch
        import transformers  # noqa: F401  (load_base uses it; checked here for the message)
        from peft import LoraConfig, get_peft_model
    except ImportError:
        raise ExtraNotInstalledError("torch, transformers and peft", "llm", "LoRA fine-tuning") from None
    base, tok, model, device, dtype = load_base(base_dir)

    builder = ChatRowBuilder(tok, recipe.max_len, systems)
    rows = [r for r in (builder.row(p) for p in pairs) if r is not None]
    if builder.skipped:
        log(f"left out {len(builder.skipped)} turns that do not fit --max-len {recipe.max_len}, "
            f"e.g. {builder.skipped[0]}")
    if not rows:
        raise UsageError(f"no training turn fits --max-len {recipe.max_len}", hint="raise --max-len")
    langs = Counter(r.task for r in rows)
    log(f"{len(rows)} training rows ({', '.join(f'{k} {n}' for k, n in sorted(langs.items()))}; "
        f"{builder.shortened} with their oldest turns left out) on {device}")

    present = {n.rsplit(".", 1)[-1] for n, m in model.named_modules() if isinstance(m, torch.nn.Linear)}
    wanted = recipe.target_modules or DEFAULT_TARGETS
    targets = [t for t in wanted if t in present]
    if not targets or (recipe.target_modules and len(targets) < len(wanted)):
        raise UsageError(f"target modules {', '.join(sorted(set(wanted) - present))} are not in the model",
                         hint=f"its linear layers are: {', '.join(sorted(present))}")
    random.seed(recipe.seed)
    torch.manual_seed(recipe.seed)
    with warnings.catch_warnings():   # peft 0.21 still asks transformers 5 the deprecated name
        warnings.filterwarnings("ignore", message=".*is_gradient_checkpointing.*", category=FutureWarning)
        model = get_peft_model(model, LoraConfig(r=recipe.rank, lora_alpha=recipe.alpha, lora_dropout=0.0,
                                                 bias="none", target_modules=targets, task_type="CAUSAL_LM"))
    model.to(device).train()
    opt = torch.optim.AdamW([p for p in model.parameters() if p.requires_grad], lr=recipe.lr, weight_decay=0.0)
    pad = tok.pad_token_id if tok.pad_token_id is not None else (tok.eos_token_id or 0)
    rng = torch.Generator().manual_seed(recipe.seed)
    order: list[int] = []
    curve: list[float] = []
    for step in range(recipe.steps):
        if len(order) < recipe.batch_size:
            order += torch.randperm(len(rows), generator=rng).tolist()
        batch, order = order[:recipe.batch_size], order[recipe.batch_size:]
        ids, mask, labels = collate([rows[i] for i in batch], pad)
        logits = model(input_ids=ids.to(device), attention_mask=mask.to(device)).logits
        loss = weighted_lm_loss(logits, labels.to(device), [1.0] * len(batch))
        opt.zero_grad(set_to_none=True)
        loss.backward()
        opt.step()
        curve.append(round(float(loss.detach()), 6))
        if step == 0 or (step + 1) % max(1, recipe.steps // 10) == 0:
            log(f"step {step + 1}/{recipe.steps}: loss {curve[-1]:.4f}")

    out = save_adapter_and_merged(model, tok, base, out_dir, log)
    summary = {"recipe": recipe.name, "recipe_version": recipe.version, "base_model": str(base),
               "device": device, "dtype": str(dtype).removeprefix("torch."), "target_modules": targets,
               "settings": recipe.model_dump(exclude={"description", "notes", "data"}),
               "prompt_style": "chat_template" if builder.template else "plain", "system_prompts": dict(systems),
               "rows": dict(sorted(langs.items())), "shortened_rows": builder.shortened,
               "skipped_rows": builder.skipped, "loss": curve, **dict(extra or {})}
    (out / "training.json").write_text(json.dumps(summary, indent=2, sort_keys=True, ensure_ascii=False) + "\n",
                                       encoding="utf-8")
    _licence_note(out, (extra or {}).get("data", {}))
    if recipe.gguf:
        from ..backends.llm.gguf_export import export_gguf

        path = export_gguf(out / "merged", out / f"model-{recipe.gguf}.gguf", quant=recipe.gguf, log=log)
        log(f"exported {path}")
    return out


def _licence_note(out: Path, data: Mapping) -> None:
    lines = ["This model was fine-tuned on the dialogue data below; their licences apply to it.", ""]
    lines += [f"- {key}: {v['dialogues']} dialogues, {v['licence']}" for key, v in data.items()]
    if any("NC" in v["licence"] for v in data.values()):
        lines += ["", "A licence above is non-commercial (NC): use the model for non-commercial purposes only."]
    (out / "LICENCE-DATA.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
