"""The lens backend: the embedded default model (CPU, no extra install).

Scores are linear in two views of the text (features.py), so each logit is an exact sum of
per-token contributions; explain() turns those into evidence spans (evidence.py). Weights
live in ``weights.safetensors`` beside a ``config.json``; no pickle anywhere.
"""
from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from ...errors import ModelNotFoundError, NotFittedError, UsageError
from ...schema import Evidence
from ...tasks import get_task
from ..base import Backend, Capabilities
from . import tokenize, zh
from .features import Vocabulary, mean_embeddings, sparse_logits, tfidf
from .heads import Head
from .view import config as view_config
from .view import make_view

FORMAT = "mentalens-lens/2"
LANGUAGES = ("en", "zh")


def _view_version(language: str) -> int:
    return zh.VIEW_VERSION if language == "zh" else view_config().version


class LensBackend(Backend):
    name = "lens"
    capabilities = Capabilities(trainable=True, evidence_spans=True)

    def __init__(self, *, nmax: int = 2, min_df: int = 2, name: str = "lens", version: str = "0",
                 language: str = "en") -> None:
        if language not in LANGUAGES:
            raise UsageError(f"the lens backend reads {' and '.join(LANGUAGES)} posts, not {language!r}",
                             hint="set language to one of: " + ", ".join(LANGUAGES))
        self.nmax, self.min_df, self.language = nmax, min_df, language
        self._name, self._version = name, version
        self.heads: dict[str, Head] = {}
        self.vocab: Vocabulary | None = None
        self.w_sparse: np.ndarray | None = None    # (F, K)
        self.w_token: np.ndarray | None = None     # (V, K): dense head folded into a per-token table (en only)
        self.bias: np.ndarray | None = None        # (K,)
        self.meta: dict = {}
        self.speller = None    # spelling.Speller: the word list learned with the model
        self._last = None      # (texts, features) of the last batch scored

    # -- identity -------------------------------------------------------------
    @property
    def model_name(self) -> str:
        return self._name

    @property
    def model_version(self) -> str:
        return self._version

    @property
    def tasks(self) -> list[str]:
        return list(self.heads)

    @property
    def languages(self) -> list[str]:
        return [self.language]

    # -- fitting --------------------------------------------------------------
    def fit(self, examples, tasks, **params) -> LensBackend:
        """Fit on ``examples`` for ``tasks``; ``params``: see train.fit_lens (per-task HeadParams, folds, seed)."""
        from .train import by_task, fit_lens

        fit_lens(self, by_task(list(examples), list(tasks)), **params)
        return self

    # -- scoring --------------------------------------------------------------
    def _check_fitted(self) -> None:
        if self.vocab is None or self.bias is None:
            raise NotFittedError("this lens model is not fitted",
                                 hint="call fit(examples, tasks) or LensBackend.load(path) first")

    def features(self, texts: Sequence[str]):
        """(tokens with offsets, what the model reads of them (view.py), tf-idf rows) of a batch.
        The last batch is remembered, so that explain() right after predict_proba() on the same
        texts does not tokenise them again."""
        self._check_fitted()
        key = tuple(texts)
        cached = self._last
        if cached is not None and cached[0] == key:
            return cached[1]
        if self.language == "zh":
            tokens = zh.encode(list(texts))
            read = zh.make_view(list(texts), tokens)
        else:
            tokens = tokenize.encode(list(texts), offsets=True)
            read = make_view(list(texts), tokens, self.speller)
        feats = (tokens, read, tfidf(read, self.vocab, self.nmax))
        self._last = (key, feats)
        return feats

    def raw_scores(self, texts: Sequence[str]) -> np.ndarray:
        _, read, sp = self.features(texts)
        z = sparse_logits(sp, self.w_sparse) + self.bias
        if self.w_token is not None:
            z += mean_embeddings(read.dense_tokens(), self.w_token)
        return z

    def predict_proba(self, texts: Sequence[str], tasks: Sequence[str] | None = None) -> dict[str, np.ndarray]:
        return self.proba_from_scores(self.raw_scores(texts), tasks)

    def proba_from_scores(self, z: np.ndarray, tasks: Sequence[str] | None = None) -> dict[str, np.ndarray]:
        from .derive import group_matrix

        out: dict[str, np.ndarray] = {}

        def head_proba(t: str) -> np.ndarray:
            if t not in out:
                h = self.heads[t]
                if h.source is None:
                    out[t] = h.calibrate(z[:, h.start:h.stop])
                else:
                    src = head_proba(h.source)
                    out[t] = src @ group_matrix(h, src.shape[1])
            return out[t]

        wanted = self._tasks(tasks)
        for t in wanted:
            head_proba(t)
        return {t: out[t] for t in wanted}

    def decide(self, task: str, proba: np.ndarray) -> list[list[str]]:
        return self._head(task).decide(proba)

    # -- evidence -------------------------------------------------------------
    def explain(self, texts: Sequence[str], labels: Sequence[dict[str, list[str]]],
                top_k: int = 5) -> list[dict[str, list[Evidence]]]:
        from .evidence import explain_batch

        self._check_fitted()
        return explain_batch(self, list(texts), list(labels), top_k, self.features(texts))

    # -- persistence ----------------------------------------------------------
    def save(self, path: str | Path) -> None:
        from safetensors.numpy import save_file

        self._check_fitted()
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        tensors = {
            "ngram_keys": self.vocab.keys,
            "ngram_idf": self.vocab.idf.astype(np.float32),
            "w_sparse": self.w_sparse.astype(np.float16),
            "bias": self.bias.astype(np.float32),
        }
        if self.w_token is not None:
            tensors["w_token"] = self.w_token.astype(np.float16)
        save_file(tensors, str(path / "weights.safetensors"), metadata={"format": FORMAT})
        (path / "weights.safetensors").chmod(0o644)
        if self.speller is not None:        # the word list learned with an English model
            (path / "words.txt").write_text("".join(w + "\n" for w in self.speller.words), encoding="utf-8")
            (path / "pairs.txt").write_text(self.speller.pairs_text(), encoding="utf-8")
        config = {
            "format": FORMAT, "backend": "lens", "name": self._name, "version": self._version,
            **({"language": self.language} if self.language != "en" else {}),
            "nmax": self.nmax, "min_df": self.min_df, "view_version": _view_version(self.language),
            "tasks": {t: {"version": get_task(t).version, **h.to_json()} for t, h in self.heads.items()},
            "meta": self.meta,
        }
        (path / "config.json").write_text(json.dumps(config, indent=2, sort_keys=True) + "\n", encoding="utf-8")

    @classmethod
    def load(cls, path: str | Path) -> LensBackend:
        from safetensors.numpy import load_file

        path = Path(path)
        cfg_path, w_path = path / "config.json", path / "weights.safetensors"
        if not cfg_path.is_file() or not w_path.is_file():
            raise ModelNotFoundError(f"no lens model at {path} (looked for config.json and weights.safetensors)",
                                     hint="pass the folder a `mentalens train` run wrote, or omit --model "
                                     "for the built-in model" + ("; a GGUF file or language-model folder needs "
                                     "--backend llm" if path.suffix == ".gguf" or path.is_file() else ""))
        cfg = json.loads(cfg_path.read_text(encoding="utf-8"))
        if cfg.get("format") != FORMAT:
            raise ModelNotFoundError(f"{path} holds a model of format {cfg.get('format')!r}, not {FORMAT!r}",
                                     hint="use a model trained by this version of mentalens")
        language = cfg.get("language", "en")
        if language not in LANGUAGES:
            raise ModelNotFoundError(f"{path} is a lens model for {language!r} posts; this install reads "
                                     f"{' and '.join(LANGUAGES)}", hint="use the mentalens version it was made for")
        _check_assets(cfg.get("meta", {}).get("assets", {}))  # the tokenizer file; ~3 ms
        if cfg.get("view_version") != _view_version(language):
            raise ModelNotFoundError(
                f"model {path} reads posts with view v{cfg.get('view_version')}, this install has "
                f"v{_view_version(language)} (backends/lens/{'zh.py' if language == 'zh' else 'view.en.yaml'})",
                hint="retrain the model with `mentalens train` or install the mentalens version it was made for")
        w = load_file(str(w_path))
        self = cls(nmax=cfg["nmax"], min_df=cfg["min_df"], name=cfg["name"], version=cfg["version"], language=language)
        self.vocab = Vocabulary(keys=w["ngram_keys"], idf=w["ngram_idf"])
        self.w_sparse = w["w_sparse"].astype(np.float32)
        self.w_token = w["w_token"].astype(np.float32) if "w_token" in w else None
        self.bias = w["bias"].astype(np.float64)
        self.meta = cfg.get("meta", {})
        words_file = path / "words.txt"
        if words_file.is_file():
            from .spelling import Speller

            pairs_file = path / "pairs.txt"
            pairs = (lambda: Speller.parse_pairs(pairs_file.read_text(encoding="utf-8"))) if pairs_file.is_file() else None
            self.speller = Speller(words_file.read_text(encoding="utf-8").split(), pairs)
        for t, d in cfg["tasks"].items():
            spec_version = d.pop("version")
            if get_task(t).version != spec_version:
                raise ModelNotFoundError(
                    f"model {path} was trained for task {t} v{spec_version}, but this install has v{get_task(t).version}",
                    hint="retrain the model with `mentalens train` or install the mentalens version it was made for")
            self.heads[t] = Head.from_json(d)
        return self

    # -- helpers --------------------------------------------------------------
    def _head(self, task: str) -> Head:
        if task not in self.heads:
            from ...errors import UnknownNameError

            raise UnknownNameError(f"task of model {self._name}", task, self.heads)
        return self.heads[task]

    def _tasks(self, tasks: Sequence[str] | None) -> list[str]:
        if tasks is None:
            return list(self.heads)
        for t in tasks:
            self._head(t)
        return list(tasks)


def _check_assets(expected: dict) -> None:
    """The tokenizer and embedding files a model was trained with must be the installed ones."""
    for rel, digest in expected.items():
        found = tokenize.sha256(tokenize.asset(rel))
        if found != digest:
            raise UsageError(
                f"the installed wordllama file {rel} differs from the one this model was trained with",
                hint="install the wordllama release named in the model card (pip install 'wordllama==0.4.0.post1')")
