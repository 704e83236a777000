"""A Result computed on a post's raw text, carried over to its redacted text before it is stored.

Offsets of evidence and symptoms are mapped (redact.map_span) and their ``text`` re-read from the
redacted text, so ``text == redacted[start:end]`` holds in the store as it does for a fresh
Result; a span touching a redaction covers the placeholder. Free-text fields (rationales, triage
reasons, warnings) can quote the post, whole sentences or spans cut with "…": every quote found in
the raw text is replaced by the same stretch of the redacted text, then each redacted item still
left verbatim is replaced by its placeholder, then the field is redacted as any text. Crisis
resources (the project's own data, numbers included) and the model block are left as they are.
"""
from __future__ import annotations

import re

from ..schema import RISK_LEVELS, Result
from ..tasks import get_task
from .redact import PLACEHOLDERS, Span, map_span, no_surrogates, redact

_QUOTE = re.compile(r"“([^“”]*)”")
_KEEP = ("resources", "model")                 # subtrees that never hold post text
_ABSENT = ("none", "no")                       # a first label that means "not present"


def redact_result(result: Result, raw: str, redacted: str, spans: list[Span], *, post_id: str | None = None
                  ) -> Result:
    """``result`` (computed on ``raw``) as it is stored beside ``redacted`` (= redact(raw))."""
    data = result.model_dump(mode="json")
    data["chars"] = len(redacted)
    if post_id is not None:
        data["id"] = post_id
    for task in data.get("tasks", {}).values():
        for item in [*task.get("evidence", []), *task.get("symptoms", [])]:
            start, end = map_span(item["start"], item["end"], spans)
            item.update(start=start, end=end, text=redacted[start:end])
    scrub = _Scrubber(raw, redacted, spans)
    return Result.model_validate(_walk(data, scrub, ()))


def _walk(value, scrub, path: tuple):
    if isinstance(value, dict):
        out = {}
        for k, v in value.items():
            keep = k in _KEEP or (k == "text" and len(path) >= 2 and path[-2] in ("evidence", "symptoms"))
            out[k] = v if keep else _walk(v, scrub, (*path, k))
        return out
    if isinstance(value, list):
        return [_walk(v, scrub, (*path, i)) for i, v in enumerate(value)]
    return no_surrogates(scrub(value)) if isinstance(value, str) else value


class _Scrubber:
    """Removes what redaction removed from a free-text field that may quote the post."""

    def __init__(self, raw: str, redacted: str, spans: list[Span]) -> None:
        self.raw, self.redacted, self.spans = raw, redacted, spans
        pieces = {raw[s.start:s.end]: PLACEHOLDERS[s.kind] for s in spans}
        pieces.update({" ".join(k.split()): v for k, v in list(pieces.items())})
        self.pieces = sorted(pieces.items(), key=lambda kv: -len(kv[0]))

    def __call__(self, text: str) -> str:
        if not self.spans:
            return redact(text)[0]
        text = _QUOTE.sub(self._requote, text)
        for piece, placeholder in self.pieces:
            if piece:
                text = text.replace(piece, placeholder)
        return redact(text)[0]

    def _requote(self, m: re.Match) -> str:
        inner = m.group(1)
        cut = inner.endswith("…")
        core = inner[:-1] if cut else inner
        words = core.split()
        found = re.search(r"\s+".join(map(re.escape, words)), self.raw) if words else None
        if found is None:
            return m.group(0)
        start, end = map_span(found.start(), found.end(), self.spans)
        return "“" + " ".join(self.redacted[start:end].split()) + ("…" if cut else "") + "”"


def risk_index(level: str) -> int:
    """A triage level's place in RISK_LEVELS (0 none .. 4 imminent)."""
    return RISK_LEVELS.index(level)


def scores(result: Result) -> dict[str, float | None]:
    """Per task the probability of its risk-side answer: binary P(yes); ordinal and multiclass
    1 - P(first label); multilabel the largest label probability (the first label left out when it
    means absence). None for a task the backend could not answer (status invalid)."""
    out: dict[str, float | None] = {}
    for tid, tr in result.tasks.items():
        probs = tr.probabilities
        if tr.status != "ok" or not probs:
            out[tid] = None
            continue
        try:
            labels = [x for x in get_task(tid).label_ids if x in probs] or list(probs)
        except Exception:                       # a task only the model knows: its own label order
            labels = list(probs)
        if tr.kind == "binary":
            value = probs["yes"] if "yes" in probs else 1.0 - probs[labels[0]]
        elif tr.kind == "multilabel":
            rest = labels[1:] if labels[0] in _ABSENT and len(labels) > 1 else labels
            value = max(probs[x] for x in rest)
        else:
            value = 1.0 - probs[labels[0]]
        out[tid] = round(min(1.0, max(0.0, float(value))), 6)
    return out
