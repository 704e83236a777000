"""BARTScore (Yuan et al. 2021): how likely a seq2seq LM finds a target text given a source text.

score(source -> target) = (1 / m) * sum_t log p(y_t | y_<t, source), over the target's m tokens
(its special tokens included, as in the authors' implementation), in nats; higher is better.

The model is a local Hugging Face directory the user names (a BART checkpoint with its
tokenizer, e.g. facebook/bart-large-cnn saved with ``save_pretrained``); nothing is
downloaded. torch and transformers are imported only here (extra "torch").
"""
from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from ..errors import ModelNotFoundError, UsageError, require

_HINT = ("pass a local folder holding a Hugging Face BART model and its tokenizer (config.json, the weights, "
         "tokenizer files), e.g. one written by save_pretrained(); nothing is downloaded")


class BartScorer:
    """Loads a local seq2seq model once; ``score(sources, targets)`` gives one number per pair."""

    def __init__(self, path: str | os.PathLike, *, batch_size: int = 8) -> None:
        folder = Path(path).expanduser()
        where = folder.resolve()
        if not folder.is_dir():
            raise ModelNotFoundError(f"no BART model at {where}: the folder does not exist", hint=_HINT)
        if not (folder / "config.json").is_file():
            raise ModelNotFoundError(f"no BART model at {where}: looked for {where / 'config.json'}, not found",
                                     hint=_HINT)
        if batch_size < 1:
            raise UsageError(f"batch_size must be >= 1, not {batch_size}", hint="e.g. 8")
        self.torch = require("torch", "torch", "BARTScore")
        transformers = require("transformers", "torch", "BARTScore")
        try:
            self.tokenizer = transformers.AutoTokenizer.from_pretrained(str(folder), local_files_only=True)
            self.model = transformers.AutoModelForSeq2SeqLM.from_pretrained(str(folder), local_files_only=True)
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise ModelNotFoundError(f"{where} does not hold a usable seq2seq model with its tokenizer: {exc}",
                                     hint=_HINT) from None
        if self.tokenizer.pad_token_id is None:
            raise ModelNotFoundError(f"the tokenizer at {where} has no padding token", hint=_HINT)
        self.model.eval()
        self.path, self.batch_size = where, batch_size
        limits = [getattr(self.model.config, "max_position_embeddings", None), self.tokenizer.model_max_length]
        self.max_length = int(min(x for x in limits if isinstance(x, int) and x > 0))

    def score(self, sources: Sequence[str], targets: Sequence[str]) -> np.ndarray:
        """Mean log-likelihood per target token of each target given its source (texts truncated to the
        model's length)."""
        if len(sources) != len(targets):
            raise ValueError(f"got {len(sources)} sources for {len(targets)} targets")
        torch = self.torch
        out = np.zeros(len(sources), dtype=np.float64)
        order = np.argsort([-len(t) - len(s) for s, t in zip(sources, targets)], kind="stable")
        with torch.no_grad():
            for lo in range(0, len(order), self.batch_size):
                idx = order[lo:lo + self.batch_size]
                enc = self._encode([sources[i] for i in idx])
                dec = self._encode([targets[i] for i in idx])
                logits = self.model(input_ids=enc["input_ids"], attention_mask=enc["attention_mask"],
                                    labels=dec["input_ids"]).logits
                logp = torch.log_softmax(logits.float(), dim=-1)
                token = logp.gather(-1, dec["input_ids"].unsqueeze(-1)).squeeze(-1)
                mask = dec["attention_mask"].to(token.dtype)
                out[idx] = ((token * mask).sum(dim=1) / mask.sum(dim=1).clamp(min=1)).double().numpy()
        return out

    def _encode(self, texts: list[str]):
        return self.tokenizer(texts, max_length=self.max_length, truncation=True, padding=True, return_tensors="pt")
