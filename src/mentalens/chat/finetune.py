"""The chat's phrasing model: a LoRA fine-tune on support dialogues, exported as GGUF.

The EmoSApp recipe: a small instruct model learns the supporter's turns of ESConv (English) and
the counsellor's turns of CPsyCounD (Chinese) with a LoRA adapter, which is merged and exported
to a quantised GGUF for on-device use (``mentalens chat --model FILE.gguf``). Each training row
is one supporter turn: the chat engine's own system prompt (chat/content/replies.*.yaml) and the
dialogue so far as the prompt, rendered with the base model's chat template (or the plain form
of chat/llm.py), and the turn itself as the target; the loss covers the target's tokens only.

A safety filter drops every target that fails the engine's ``check_reply`` (method details,
diagnoses, diet plans, stigma), the recipe's own ``drop`` rules (what software must not pretend:
hypnosis sessions, appointments, medication advice, diagnosis-like wording, promises) and ESConv's
"Self-disclosure" turns (software has no life story); training.json reports how many of each. The
fine-tuned model is still checked on every turn.

Data licences travel with the model: ESConv is CC BY-NC 4.0, so a model trained on it is for
non-commercial use (training.json and the model folder's LICENCE-DATA.txt say so).
"""
from __future__ import annotations

import os
import random
import re
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, field_validator

from ..errors import MentalensError, UsageError
from .dialogues import LICENCES, Dialogue, Pair, read_cpsycoun, read_esconv, screen_pairs, training_pairs

Log = Callable[[str], None]


class Source(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    corpus: Literal["esconv", "cpsycoun"]
    path: str                                   # relative to the research data folder
    splits: list[str] = Field(default_factory=lambda: ["train"])   # ESConv only
    limit: int | None = Field(default=None, ge=1)                  # at most N dialogues (a seeded sample)


class ChatRecipe(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    name: str
    version: str
    backend: Literal["chat"]
    description: str
    seed: int = 0
    data: list[Source]
    system_prompt: Literal["engine", "none"] | dict[str, str] = "engine"
    context_turns: int = Field(default=8, ge=1)
    skip_strategies: list[str] = Field(default_factory=list)
    # more targets to drop beyond the engine's check: id -> {lang: regex (case-insensitive)}
    drop: dict[str, dict[Literal["en", "zh"], str]] = Field(default_factory=dict)
    max_len: int = Field(default=512, ge=16)
    steps: int = Field(default=200, ge=1)
    lr: float = Field(default=2e-4, gt=0)
    rank: int = Field(default=8, ge=1)
    alpha: float = Field(default=16.0, gt=0)
    batch_size: int = Field(default=4, ge=1)
    target_modules: list[str] | None = None
    gguf: str | None = "q4_k_m"
    notes: list[str] = Field(default_factory=list)

    @field_validator("drop")
    @classmethod
    def _compiles(cls, v: dict) -> dict:
        for rule, pats in v.items():
            for lang, pat in pats.items():
                try:
                    re.compile(pat)
                except re.error as exc:
                    raise ValueError(f"drop.{rule}.{lang}: not a regular expression ({exc})") from None
        return v


def recipe_path(name_or_path: str | os.PathLike) -> Path:
    p = Path(name_or_path)
    if p.suffix in (".yaml", ".yml") or p.is_file():
        return p
    from ..recipes import RECIPE_DIR

    return RECIPE_DIR / f"{name_or_path}.yaml"


def is_chat_recipe(name_or_path: str | os.PathLike) -> bool:
    """Whether the recipe (built-in name or YAML file) says ``backend: chat``."""
    p = recipe_path(name_or_path)
    try:
        return p.is_file() and (yaml.safe_load(p.read_text(encoding="utf-8")) or {}).get("backend") == "chat"
    except (yaml.YAMLError, AttributeError):
        return False


def load_chat_recipe(name_or_path: str | os.PathLike) -> ChatRecipe:
    p = recipe_path(name_or_path)
    if not p.is_file():
        from ..errors import UnknownNameError
        from ..recipes import recipe_names

        raise UnknownNameError("recipe", str(name_or_path), recipe_names())
    try:
        return ChatRecipe.model_validate(yaml.safe_load(p.read_text(encoding="utf-8")))
    except Exception as exc:
        raise MentalensError(f"chat recipe {p} is invalid: {exc}",
                             hint="compare it with mentalens/recipes/chat-support.yaml") from exc


def system_prompts(recipe: ChatRecipe) -> dict[str, str | None]:
    """Per language the system prompt the rows start with: the engine's own (what it gives the model
    at run time), none, or the recipe's."""
    if recipe.system_prompt == "none":
        return {"en": None, "zh": None}
    if recipe.system_prompt == "engine":
        from .texts import replies

        return {lang: replies(lang)["system_prompt"] for lang in ("en", "zh")}   # as engine.py gives it
    return dict(recipe.system_prompt)


def load_dialogues(recipe: ChatRecipe, data_root: str | os.PathLike, log: Log = lambda m: None
                   ) -> tuple[list[Dialogue], dict]:
    """The recipe's dialogues (each source's seeded sample when it has a ``limit``) and, per
    source, what was read (files, dialogues, licence)."""
    root = Path(data_root)
    rng = random.Random(recipe.seed)
    out: list[Dialogue] = []
    info: dict = {}
    for src in recipe.data:
        path = root / src.path
        ds = read_esconv(path, src.splits) if src.corpus == "esconv" else read_cpsycoun(path)
        total = len(ds)
        if src.limit is not None and src.limit < total:
            ds = [ds[i] for i in sorted(rng.sample(range(total), src.limit))]
        key = f"{src.corpus}:{src.path}" + (f":{'+'.join(src.splits)}" if src.corpus == "esconv" else "")
        info[key] = {"dialogues": len(ds), "of": total, "licence": LICENCES[src.corpus]}
        log(f"{key}: {len(ds)} of {total} dialogues ({LICENCES[src.corpus]})")
        out += ds
    return out, info


def default_check(text: str, lang: str) -> list[str]:
    """The engine's check of a generated reply on an ordinary (non-crisis) turn."""
    from .safety import check_reply

    return list(check_reply(text, crisis=False, lang=lang, resources=None))


def recipe_check(recipe: ChatRecipe, check: Callable[[str, str], list[str]]) -> Callable[[str, str], list[str]]:
    """``check`` and then the recipe's own ``drop`` rules (their ids are the problem ids)."""
    rules = [(rule, lang, re.compile(pat, re.IGNORECASE)) for rule, pats in recipe.drop.items()
             for lang, pat in pats.items()]

    def combined(text: str, lang: str) -> list[str]:
        return list(check(text, lang)) + [rule for rule, lg, rx in rules if lg == lang and rx.search(text)]
    return combined


def build_pairs(recipe: ChatRecipe, dialogues: Sequence[Dialogue], check: Callable[[str, str], list[str]],
                log: Log = lambda m: None) -> tuple[list[Pair], dict]:
    """The training pairs that pass the safety filter (``check`` and the recipe's ``drop`` rules),
    and the filter's report."""
    pairs = [p for d in dialogues
             for p in training_pairs(d, context_turns=recipe.context_turns, skip_strategies=recipe.skip_strategies)]
    skipped = sum(1 for d in dialogues for m in d.messages if m["role"] == "assistant") - len(pairs)
    screened = screen_pairs(pairs, recipe_check(recipe, check))
    report = screened.report() | {"candidates": len(pairs), "not_targets": skipped,
                                  "skip_strategies": list(recipe.skip_strategies)}
    log(f"{len(pairs)} supporter turns; the safety filter dropped {screened.dropped_turns}"
        + (f" ({', '.join(f'{k} {n}' for k, n in sorted(screened.dropped.items()))})" if screened.dropped else "")
        + f"; {skipped} turns were not targets (opening turns, {', '.join(recipe.skip_strategies) or 'none'})")
    return screened.kept, report


def run_recipe(recipe: ChatRecipe | str | os.PathLike, data_root: str | os.PathLike, base_dir: str | os.PathLike,
               out_dir: str | os.PathLike, *, overrides: Mapping | None = None,
               check: Callable[[str, str], list[str]] | None = None, log: Log = lambda m: None) -> Path:
    """Read the recipe's data, filter it, fine-tune ``base_dir`` and export; returns ``out_dir``.
    ``overrides`` replaces recipe settings (steps, lr, rank, alpha, batch_size, max_len, seed,
    gguf; ``limit`` caps every source's dialogues)."""
    if not isinstance(recipe, ChatRecipe):
        recipe = load_chat_recipe(recipe)
    over = {k: v for k, v in (overrides or {}).items() if v is not None}
    if str(over.get("gguf", "")).lower() == "none":
        over["gguf"] = None
    limit = over.pop("limit", None)
    unknown = set(over) - set(ChatRecipe.model_fields)
    if unknown:
        raise UsageError(f"unknown recipe settings: {', '.join(sorted(unknown))}")
    if limit is not None:
        over["data"] = [s.model_copy(update={"limit": min(limit, s.limit or limit)}) for s in recipe.data]
    recipe = ChatRecipe.model_validate(recipe.model_dump() | over)
    dialogues, info = load_dialogues(recipe, data_root, log)
    pairs, report = build_pairs(recipe, dialogues, check or default_check, log)
    if not pairs:
        raise UsageError("no training turns left", hint="check the recipe's data paths and --limit-per-task")
    from .finetune_train import train_chat

    return train_chat(base_dir, pairs, out_dir, recipe=recipe, systems=system_prompts(recipe),
                      extra={"data": info, "safety_filter": report}, log=log)
