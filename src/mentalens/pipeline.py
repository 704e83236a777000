"""The analysis pipeline: texts -> backend probabilities -> decided labels -> evidence ->
triage -> Result, a batch at a time.

Texts are never modified: evidence offsets index the caller's strings. Odd input has a
defined result: an empty or whitespace-only text gives a Result with no task results, triage
"none" and a warning (the model is not called for it); control characters and lone
surrogates are analysed as they are; a backend row of NaN is an INVALID task result,
never "no".

This path is benchmarked (>= 1,000 posts/s on one core for all tasks): everything is done a
batch at a time. Results are built with the ordinary validating constructors, which
pydantic-core runs faster than ``model_construct`` (measured: 2.7 us vs 6.2 us a TaskResult);
nested model instances are accepted without being validated again.
"""
from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from . import language
from .backends.base import Backend
from .config import default_locale
from .errors import InputError, MentalensError, UnknownNameError, UsageError
from .schema import Evidence, ModelInfo, Result, TaskResult, Triage
from .tasks import TaskSpec, get_task, resolve_tasks, task_ids
from .triage import triage

# Evidence for a text longer than this is skipped (with a warning): scoring stays exact,
# but per-word spans of a huge text take seconds and are not readable anyway.
MAX_EVIDENCE_CHARS = 100_000

EMPTY_WARNING = "the text is empty or only whitespace; nothing was analysed"
EMPTY_REASON = "no text to analyse"


def analyze_batch(backend: Backend, texts: Sequence[str], tasks: str | Sequence[str] | None = None, *,
                  locale: str | None = None, evidence: bool = True, top_k: int = 3,
                  ids: Sequence[object] | None = None, batch_size: int = 256,
                  explain: bool = False, lang: str = "auto") -> list[Result]:
    """Analyse ``texts`` with ``backend``; one Result per text, in order.

    ``tasks``: task ids (a list or a comma-separated string); default all of the backend's.
    ``locale``: picks crisis resources (default: $MENTALENS_LOCALE, then LC_ALL / LC_MESSAGES /
    LANG). ``evidence``: add evidence spans (backends with the capability), ``top_k`` per
    decided label. ``ids``: the caller's id per text, copied into Result.id. ``explain``: add
    symptoms and a rationale per task (explain/layer.py; implies evidence). ``lang``: "auto"
    (each post's language is guessed), "en" or "zh": which model of a routed backend
    (backends/routed.py) reads the posts; a single model must cover the language named.
    """
    from .backends.routed import LANGS, RoutedBackend

    if lang not in LANGS:
        raise UsageError(f"unknown language {lang!r}", hint=f"use one of: {', '.join(LANGS)}")
    texts = _check_texts(texts)
    options = dict(locale=locale, evidence=evidence, top_k=top_k, batch_size=batch_size, explain=explain)
    if isinstance(backend, RoutedBackend):
        return _analyze_routed(backend, texts, tasks, lang, ids, options)
    covered = list(getattr(backend, "languages", None) or [])
    if lang != "auto" and covered and lang not in covered:
        raise UsageError(f"the model {backend.model_name!r} reads {' and '.join(map(language.name, covered))} "
                         f"posts, not {language.name(lang)}",
                         hint="leave --model out (the built-in models route each post by its language) "
                         f"or use a model trained for {language.name(lang)}")
    return _analyze(backend, texts, tasks, ids, **options)


def _analyze(backend: Backend, texts: list[str], tasks, ids, *, locale, evidence, top_k, batch_size, explain,
             covered: list[str] | None = None) -> list[Result]:
    run = select_tasks(backend, tasks)
    if ids is not None and len(ids) != len(texts):
        raise UsageError(f"got {len(ids)} ids for {len(texts)} texts", hint="pass one id per text, or none")
    if isinstance(top_k, bool) or not isinstance(top_k, int) or top_k < 0:
        raise UsageError(f"top_k must be a whole number >= 0, not {top_k!r}", hint="e.g. top_k=3; 0 turns evidence off")
    if isinstance(batch_size, bool) or not isinstance(batch_size, int) or batch_size < 1:
        raise UsageError(f"batch_size must be a whole number >= 1, not {batch_size!r}", hint="e.g. batch_size=256")
    ctx = _Context(backend, run, default_locale() if locale is None else locale,
                   (evidence or explain) and top_k > 0 and backend.capabilities.evidence_spans, top_k, explain, covered)
    out: list[Result] = []
    for start in range(0, len(texts), batch_size):
        chunk = texts[start:start + batch_size]
        chunk_ids = None if ids is None else ids[start:start + batch_size]
        out.extend(ctx.run(chunk, chunk_ids))
    return out


def _analyze_routed(backend, texts: list[str], tasks, lang: str, ids, options: dict) -> list[Result]:
    """Each post to the models of its language (all of a code-mixed post's), merged per post."""
    from .backends.routed import route

    if ids is not None and len(ids) != len(texts):
        raise UsageError(f"got {len(ids)} ids for {len(texts)} texts", hint="pass one id per text, or none")
    plan: dict[int, tuple[Backend, list[str] | None]] = {}      # id(backend) -> (backend, tasks)
    per_text: list[list[int]] = []
    if tasks is not None:          # named tasks: every post goes to the models that own them
        by_owner: dict[int, tuple[Backend, list[str]]] = {}
        for t in select_tasks(backend, tasks):
            b = backend.owner(t)
            by_owner.setdefault(id(b), (b, []))[1].append(t)
        plan = {k: (b, ts) for k, (b, ts) in by_owner.items()}
        per_text = [list(plan) for _ in texts]
    else:
        for text in texts:
            keys = []
            for code in route(text, backend.languages, lang):
                b = backend.backend_for(code)
                plan.setdefault(id(b), (b, None))
                keys.append(id(b))
            per_text.append(keys)
    covered = backend.languages if lang == "auto" else [lang]
    parts: list[list[Result]] = [[] for _ in texts]
    for key, (b, ts) in plan.items():
        idx = [i for i, keys in enumerate(per_text) if key in keys]
        if not idx:
            continue
        sub_ids = None if ids is None else [ids[i] for i in idx]
        for i, r in zip(idx, _analyze(b, [texts[i] for i in idx], ts, sub_ids, covered=covered, **options)):
            parts[i].append(r)
    locale = default_locale() if options["locale"] is None else options["locale"]
    return [_merge(rs, text, locale) for rs, text in zip(parts, texts)]


def _merge(results: list[Result], text: str, locale: str) -> Result:
    """One Result from the Results of several models for the same post: all tasks, one triage."""
    if len(results) == 1:
        return results[0]
    tasks: dict[str, TaskResult] = {}
    warnings: list[str] = []
    for r in results:
        tasks.update(r.tasks)
        warnings += [w for w in r.warnings if w not in warnings]
    if not tasks:
        return results[0]
    probs = {t: tr.probabilities for t, tr in tasks.items()}
    labels = {t: list(tr.labels) for t, tr in tasks.items()}
    model = ModelInfo(name="+".join(r.model.name for r in results), version="+".join(r.model.version for r in results),
                      backend=results[0].model.backend)
    return results[0].model_copy(update={"tasks": tasks, "triage": triage(probs, labels, text, locale),
                                         "warnings": warnings, "model": model})


def select_tasks(backend: Backend, tasks: str | Sequence[str] | None) -> list[str]:
    """The task ids to run: validated against the backend's tasks, with "did you mean"."""
    available = list(backend.tasks)
    if isinstance(tasks, str) and tasks.strip() and not [n for n in tasks.split(",") if n.strip()]:
        tasks = []
    if tasks is not None and not isinstance(tasks, str) and len(tasks) == 0:
        raise UsageError("no task names given", hint=f"name tasks with commas, e.g. {','.join(available[:2])}; "
                         "or leave the option out to run all of the model's tasks")
    try:
        return resolve_tasks(list(tasks) if tasks is not None and not isinstance(tasks, str) else tasks, available)
    except UnknownNameError as exc:
        if exc.name in task_ids():
            raise UsageError(
                f"the model {backend.model_name!r} does not score the task {exc.name!r}",
                hint=f"its tasks are: {', '.join(available)}; use a model trained for {exc.name}") from None
        raise


def _check_texts(texts) -> list[str]:
    if isinstance(texts, (str, bytes)):
        raise InputError("expected a list of texts, got a single " + type(texts).__name__,
                         hint="wrap it in a list, or use Analyzer.analyze(text) for one text")
    texts = list(texts)
    for i, t in enumerate(texts):
        if not isinstance(t, str):
            kind = type(t).__name__
            raise InputError(f"text {i} is {kind}, not a string",
                             hint="decode bytes first, e.g. data.decode('utf-8', errors='replace')"
                             if kind in ("bytes", "bytearray") else "pass every text as a str")
    return texts


class _Context:
    """What stays the same across the batches of one call."""

    def __init__(self, backend: Backend, tasks: list[str], locale: str, evidence: bool, top_k: int,
                 explain: bool = False, covered: list[str] | None = None) -> None:
        self.backend, self.tasks, self.locale, self.evidence, self.top_k = backend, tasks, locale, evidence, top_k
        self.explain = explain
        self.specs: dict[str, TaskSpec] = {t: get_task(t) for t in tasks}
        self.model = ModelInfo(name=backend.model_name, version=backend.model_version, backend=backend.name)
        langs = covered or getattr(backend, "languages", None)
        self.languages = list(langs) if langs else sorted({lang for s in self.specs.values() for lang in s.languages})

    def run(self, texts: list[str], ids) -> list[Result]:
        keep = [i for i, t in enumerate(texts) if t and not t.isspace()]
        analysed = iter(self._analyse([texts[i] for i in keep], None if ids is None else [ids[i] for i in keep])
                        if keep else ())
        kept = set(keep)
        return [next(analysed) if i in kept else self._empty(t, None if ids is None else ids[i])
                for i, t in enumerate(texts)]

    def _empty(self, text: str, rid) -> Result:
        return Result(
            id=None if rid is None else str(rid), language="unknown", chars=len(text), tasks={},
            triage=Triage(level="none", reasons=[EMPTY_REASON], resources=None),
            model=self.model.model_copy(), warnings=[EMPTY_WARNING])

    def _analyse(self, texts: list[str], ids) -> list[Result]:
        n = len(texts)
        proba = self.backend.predict_proba(texts, self.tasks)
        rows: dict[str, list[list[float]]] = {}
        ok: dict[str, list[bool]] = {}
        decided: dict[str, list[list[str]]] = {}
        for t in self.tasks:
            p = np.asarray(proba[t], dtype=np.float64)
            width = len(self.specs[t].labels)
            if p.shape != (n, width):
                raise MentalensError(
                    f"backend {self.backend.name!r} returned probabilities of shape {p.shape} for task {t}; "
                    f"expected {(n, width)}", hint="this is a bug in the backend; please report it")
            rows[t] = p.tolist()
            ok[t] = np.isfinite(p).all(axis=1).tolist()
            decided[t] = [d if good else [] for d, good in zip(self.backend.decide(t, p), ok[t])]
        warnings: list[list[str]] = [[] for _ in range(n)]
        guesses = [language.guess(t) for t in texts]
        for w, g in zip(warnings, guesses):
            msg = language.coverage_warning(g, self.languages)
            if msg:
                w.append(msg)
        spans = self._evidence(texts, decided, ok, warnings)
        errors = getattr(self.backend, "last_errors", None) or {}
        out = []
        for i, text in enumerate(texts):
            task_results: dict[str, TaskResult] = {}
            probs_i: dict[str, dict[str, float]] = {}
            labels_i: dict[str, list[str]] = {}
            for t in self.tasks:
                spec = self.specs[t]
                if ok[t][i]:
                    probs = dict(zip(spec.label_ids, rows[t][i]))
                    labs = decided[t][i]
                    status, label = "ok", (None if spec.multilabel else (labs[0] if labs else None))
                else:
                    probs, labs, status, label = {}, [], "invalid", None
                    why = errors.get((i, t))
                    warnings[i].append(f"task {t}: the model gave no readable output (INVALID"
                                       + (f": {why}" if why else "") + "); this is not a 'no'")
                probs_i[t], labels_i[t] = probs, labs
                task_results[t] = TaskResult(
                    task=t, task_version=spec.version, kind=spec.kind, status=status, label=label,
                    labels=list(labs), probabilities=probs,
                    evidence=_valid_spans(text, spans[i].get(t, ()) if spans else ()), rationale=None)
            result = Result(
                id=None if ids is None else str(ids[i]), language=guesses[i].language, chars=len(text),
                tasks=task_results, triage=triage(probs_i, labels_i, text, self.locale),
                model=self.model.model_copy(), warnings=warnings[i])
            if self.explain:
                from .explain.layer import explain_result

                explain_result(result, text)
            out.append(result)
        if self.explain and self.backend.capabilities.rationales:
            self.backend.write_rationales(out, texts)    # generated, then checked (backends/llm/rationales.py)
        return out

    def _evidence(self, texts, decided, ok, warnings) -> list[dict[str, list[Evidence]]] | None:
        if not self.evidence:
            return None
        short = [i for i, t in enumerate(texts) if len(t) <= MAX_EVIDENCE_CHARS]
        for i in range(len(texts)):
            if len(texts[i]) > MAX_EVIDENCE_CHARS:
                warnings[i].append(f"the text has {len(texts[i]):,} characters; evidence spans are given only "
                                   f"for texts up to {MAX_EVIDENCE_CHARS:,} characters (scores cover the whole text)")
        spans: list[dict[str, list[Evidence]]] = [{} for _ in texts]
        if short:
            labels = [{t: decided[t][i] for t in self.tasks if ok[t][i] and decided[t][i]} for i in short]
            for i, ev in zip(short, self.backend.explain([texts[i] for i in short], labels, top_k=self.top_k)):
                spans[i] = ev
        return spans


def _valid_spans(text: str, spans) -> list[Evidence]:
    """Spans that quote the text exactly (a backend bug must not reach the user as a wrong quote)."""
    n = len(text)
    return [e for e in spans if 0 <= e.start < e.end <= n and text[e.start:e.end] == e.text]
