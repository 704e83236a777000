"""The llm backend: small and large generative language models, on-device.

``--backend llm --model PATH`` where PATH is a GGUF file (llama.cpp), a Hugging Face model
folder or a PEFT adapter folder (transformers), or a folder holding ``mentalens-llm.json``
(written by ``save``: the model it points at, its tasks, prompt style, decoding and the
temperatures fitted on validation data).

Labels come from the model's own probabilities of each answer (scoring.py) or from
grammar-constrained generation; never from reading free text. Evidence spans are the
built-in model's for the labels this model decided (they ground the rationale the model
generates, rationales.py); the faithfulness benchmark measures them against this model's
probabilities like any other backend's.
"""
from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from ...errors import MentalensError, ModelNotFoundError, UsageError
from ...schema import Evidence
from ...tasks import all_tasks, get_task
from ..base import Backend, Capabilities
from .prompts import STYLES
from .runtime import Runtime
from .scoring import DECODES, grammar_answer, task_logits, to_proba

CONFIG = "mentalens-llm.json"
FORMAT = "mentalens-llm/1"


def open_runtime(path: Path, *, n_ctx: int = 2048, n_threads: int | None = None, seed: int = 0) -> Runtime:
    """The runtime for a GGUF file (llama.cpp) or a Hugging Face / PEFT folder (transformers)."""
    if path.is_file():
        if path.suffix.lower() != ".gguf":
            raise UsageError(f"{path} is not a .gguf file", hint="pass a GGUF file, a Hugging Face model folder, "
                             "a PEFT adapter folder or a folder with " + CONFIG)
        from .runtime_llamacpp import LlamaCppRuntime

        return LlamaCppRuntime(path, n_ctx=n_ctx, n_threads=n_threads, seed=seed)
    if path.is_dir():
        from .runtime_hf import HFRuntime

        return HFRuntime(path, n_threads=n_threads, seed=seed)
    raise ModelNotFoundError(f"no language model at {path.resolve()}",
                             hint="pass --model with a local .gguf file or model folder; nothing is downloaded")


class LLMBackend(Backend):
    name = "llm"
    capabilities = Capabilities(trainable=True, evidence_spans=True, rationales=True)

    def __init__(self, runtime: Runtime, *, tasks: Sequence[str] | None = None, style: str = "imhi",
                 decode: str = "score", temperatures: dict[str, float] | None = None, name: str | None = None,
                 version: str = "0", source: Path | None = None, max_answer_tokens: int = 16) -> None:
        if style not in STYLES:
            raise UsageError(f"unknown prompt style {style!r}", hint=f"use one of: {', '.join(STYLES)}")
        if decode not in DECODES:
            raise UsageError(f"unknown decoding {decode!r}", hint=f"use one of: {', '.join(DECODES)}")
        self.runtime, self.style, self.decode = runtime, style, decode
        self.max_answer_tokens = max_answer_tokens     # grammar path: an answer not finished by then is INVALID
        self._tasks = list(tasks) if tasks else [s.id for s in all_tasks() if "en" in s.languages]
        for t in self._tasks:
            get_task(t)
        self.temperatures = dict(temperatures or {})
        self._name = name or f"llm:{runtime.model_id}"
        self._version = version
        self.source = source
        self.languages = sorted({lang for t in self._tasks for lang in get_task(t).languages})
        self._lens = None
        self.last_errors: dict[tuple[int, str], str] = {}

    # -- identity -------------------------------------------------------------
    @property
    def model_name(self) -> str:
        return self._name

    @property
    def model_version(self) -> str:
        return self._version

    @property
    def tasks(self) -> list[str]:
        return list(self._tasks)

    # -- scoring --------------------------------------------------------------
    def logits(self, text: str, task: str) -> np.ndarray:
        return task_logits(self.runtime, get_task(task), text, self.style)

    def predict_proba(self, texts: Sequence[str], tasks: Sequence[str] | None = None) -> dict[str, np.ndarray]:
        run = list(tasks) if tasks is not None else self.tasks
        out = {t: np.full((len(texts), len(get_task(t).labels)), np.nan) for t in run}
        self.last_errors = {}
        for i, text in enumerate(texts):
            for t in run:
                spec = get_task(t)
                try:
                    if self.decode == "grammar":
                        out[t][i] = grammar_answer(self.runtime, spec, text, self.style, self.max_answer_tokens)
                    else:
                        out[t][i] = to_proba(spec, self.logits(text, t), self.temperatures.get(t, 1.0))
                except MentalensError as exc:   # INVALID for this post and task, said why
                    self.last_errors[(i, t)] = exc.args[0] if exc.args else str(exc)
        return out

    def decide(self, task: str, proba: np.ndarray) -> list[list[str]]:
        spec = get_task(task)
        p = np.asarray(proba, dtype=np.float64)
        if spec.multilabel:
            return [[lab for lab, v in zip(spec.label_ids, row) if v >= 0.5] for row in p]
        return [[spec.label_ids[int(np.nanargmax(row))]] if np.isfinite(row).all() else [] for row in p]

    # -- evidence and rationales ----------------------------------------------
    def lens(self):
        """The built-in model, whose evidence grounds this model's rationales."""
        if self._lens is None:
            from ...api import load_backend

            self._lens = load_backend(None, "lens")
        return self._lens

    def explain(self, texts: Sequence[str], labels: Sequence[dict[str, list[str]]],
                top_k: int = 5) -> list[dict[str, list[Evidence]]]:
        lens = self.lens()
        known = set(lens.tasks)
        asked = [{t: v for t, v in lab.items() if t in known} for lab in labels]
        return lens.explain(list(texts), asked, top_k=top_k)

    def write_rationales(self, results, texts: Sequence[str]) -> None:
        """Generate each task's rationale from its evidence, then check it (rationales.py)."""
        from .rationales import add_rationales

        add_rationales(self, results, texts)

    # -- calibration ----------------------------------------------------------
    def calibrate(self, examples_by_task: dict[str, list], log=lambda m: None) -> dict[str, float]:
        """Fit each task's temperature on validation examples (negative log-likelihood)."""
        from .scoring import fit_temperature

        for t, rows in examples_by_task.items():
            spec = get_task(t)
            zs, ys = [], []
            for e in rows:
                gold = e.labels.get(t)
                if gold is None:
                    continue
                zs.append(self.logits(e.text, t))
                ys.append([bool(gold.get(lab)) for lab in spec.label_ids] if spec.multilabel
                          else spec.label_ids.index(gold))
            if zs:
                self.temperatures[t] = fit_temperature(zs, ys, spec.multilabel)
                log(f"{t}: temperature {self.temperatures[t]:.3f} from {len(zs)} validation examples")
        return dict(self.temperatures)

    # -- persistence ----------------------------------------------------------
    def save(self, path: str | Path) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        if self.source is None:
            raise UsageError("this model has no file to point at", hint="load it from a path first")
        cfg = {"format": FORMAT, "backend": "llm", "name": self._name, "version": self._version,
               "model": str(self.source.resolve()), "tasks": self.tasks, "style": self.style,
               "decode": self.decode, "temperatures": self.temperatures}
        (path / CONFIG).write_text(json.dumps(cfg, indent=2) + "\n", encoding="utf-8")

    @classmethod
    def load(cls, path: str | Path, **options) -> LLMBackend:
        path = Path(path).expanduser()
        runtime_opts = {k: options.pop(k) for k in ("n_ctx", "n_threads", "seed") if k in options}
        if path.is_dir() and (path / CONFIG).is_file():
            try:
                cfg = json.loads((path / CONFIG).read_text(encoding="utf-8"))
            except ValueError as exc:
                raise MentalensError(f"{path / CONFIG} is not valid JSON: {exc}") from exc
            model = Path(cfg["model"])
            model = model if model.is_absolute() else (path / model)
            kw = {"tasks": cfg.get("tasks"), "style": cfg.get("style", "imhi"), "decode": cfg.get("decode", "score"),
                  "temperatures": cfg.get("temperatures"), "name": cfg.get("name"),
                  "version": str(cfg.get("version", "0"))}
            kw.update(options)
            return cls(open_runtime(model, **runtime_opts), source=model, **kw)
        return cls(open_runtime(path, **runtime_opts), source=path, **options)
