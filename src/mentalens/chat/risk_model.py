"""A learned second opinion for the chat's safety layer: how likely a message is to need the crisis
protocol, from character and word n-grams.

Why: the word patterns of chat/safety_*.py miss a third to a half of crisis wordings nobody has
written down yet (the blind sets' first runs). A linear model over hashed (crc32) character
2-5-grams and word 1-2-grams of the message's normalised view (safety_text.view().all), trained on the project's
red-team prompts (crisis and method turns against benign ones) and the user turns of ESConv's
training dialogues (real distress, as negatives), generalises better: held out one blind set at a
time it catches most of them (training.json and MODEL_CARD.md in the model folder give the numbers).

chat/safety.py reads its probability: at WARN or more it is one warning sign (alone, the chat
asks its safety question; beside another sign, the crisis protocol). Never the protocol alone: held
out, its high scores still hit a few benign prompts of every blind set. No vocabulary is stored (the features
are hashed), so the model holds no text; numpy arrays only, loaded without pickle; scoring needs
numpy alone, training scikit-learn (the train extra).

    mentalens train --backend chat-risk --data-dir ../shared/data [--out DIR] [--check]
"""
from __future__ import annotations

import json
import re
import zlib
from collections import Counter
from functools import lru_cache
from pathlib import Path

import numpy as np

MODEL_DIR = Path(__file__).resolve().parent / "model"
WARN = 0.9                       # a warning sign from here on (chat/safety.py); never the protocol alone
LOWER = 0.7                      # reported beside WARN in the model card (more caught, more asked)
N_FEATURES = 2 ** 18             # per view (characters, words); crc32 of the n-gram, modulo
C = 4.0
RISK_EXPECT = ("crisis", "refuse_method")
_TOKEN = re.compile(r"[\u3400-\u9fff]|[^\W\u3400-\u9fff]+")


def ngrams(seen: str) -> Counter:
    """Hashed n-gram counts of a normalised text: character 2-5-grams inside each space-padded word
    (columns 0..N-1) and word 1-2-grams, a Han character being a word (columns N..2N-1)."""
    counts: Counter = Counter()
    for word in seen.split():
        w = f" {word} "
        for n in range(2, 6):
            for i in range(len(w) - n + 1):
                counts[zlib.crc32(w[i:i + n].encode("utf-8")) % N_FEATURES] += 1
    tokens = _TOKEN.findall(seen)
    for gram in tokens + [a + " " + b for a, b in zip(tokens, tokens[1:])]:
        counts[N_FEATURES + zlib.crc32(gram.encode("utf-8")) % N_FEATURES] += 1
    return counts


def _row(seen: str) -> tuple[np.ndarray, np.ndarray]:
    """(column indices, 1 + log count) of a normalised text."""
    c = ngrams(seen)
    idx = np.fromiter(c.keys(), dtype=np.int64, count=len(c))
    return idx, 1.0 + np.log(np.fromiter(c.values(), dtype=np.float64, count=len(c)))


def _rows(texts: list[str]) -> list[tuple[np.ndarray, np.ndarray]]:
    """The rows of raw texts, each read through its normalised view (safety_text.view().all)."""
    from .safety_text import view

    return [_row(view(t).all) for t in texts]


class RiskModel:
    """idf and logistic weights over 2 x N_FEATURES hashed columns (float32), and the intercept."""

    def __init__(self, idf: np.ndarray, coef: np.ndarray, intercept: float, meta: dict | None = None) -> None:
        self.idf, self.coef, self.intercept, self.meta = idf, coef, float(intercept), meta or {}

    def _probabilities(self, rows: list[tuple[np.ndarray, np.ndarray]]) -> np.ndarray:
        out = np.zeros(len(rows))
        for i, (idx, tf) in enumerate(rows):
            if idx.size:
                x = tf * self.idf[idx]
                out[i] = float(x @ self.coef[idx]) / max(float(np.linalg.norm(x)), 1e-12)
        return 1.0 / (1.0 + np.exp(-(out + self.intercept)))

    def scores(self, texts: list[str]) -> np.ndarray:
        return self._probabilities(_rows(texts))

    def score(self, text: str) -> float:
        return float(self.scores([text])[0]) if text.strip() else 0.0

    def score_seen(self, seen: str) -> float:
        """The score of a text already normalised (chat/safety.py has its view at hand)."""
        return float(self._probabilities([_row(seen)])[0]) if seen.strip() else 0.0

    def save(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        used = np.flatnonzero(self.coef)
        np.savez_compressed(folder / "risk.npz", index=used.astype(np.int32), coef=self.coef[used].astype(np.float32),
                            idf=self.idf[used].astype(np.float32), intercept=np.float64(self.intercept),
                            size=np.int64(self.coef.size))
        (folder / "training.json").write_text(json.dumps(self.meta, indent=2, ensure_ascii=False) + "\n",
                                              encoding="utf-8")

    @classmethod
    def load(cls, folder: Path) -> RiskModel:
        with np.load(folder / "risk.npz", allow_pickle=False) as z:
            size = int(z["size"])
            coef, idf = np.zeros(size, np.float32), np.ones(size, np.float32)
            coef[z["index"]], idf[z["index"]] = z["coef"], z["idf"]
            intercept = float(z["intercept"])
        meta_file = folder / "training.json"
        meta = json.loads(meta_file.read_text(encoding="utf-8")) if meta_file.is_file() else {}
        return cls(idf, coef, intercept, meta)


def fit(texts: list[str], labels: list[int]) -> RiskModel:
    """Idf over the training texts (smoothed), then class-balanced logistic regression on the
    l2-normalised rows (scikit-learn and scipy: the train extra)."""
    from scipy import sparse
    from sklearn.linear_model import LogisticRegression
    from sklearn.preprocessing import normalize

    if len(set(labels)) < 2:
        raise ValueError("a risk model needs both risk and benign texts")
    rows = _rows(texts)
    indptr = np.cumsum([0] + [r[0].size for r in rows])
    x = sparse.csr_matrix((np.concatenate([r[1] for r in rows]), np.concatenate([r[0] for r in rows]), indptr),
                          shape=(len(rows), 2 * N_FEATURES))
    x.sum_duplicates()
    df = np.bincount(x.indices, minlength=x.shape[1])
    idf = np.log((1 + x.shape[0]) / (1 + df)) + 1.0
    clf = LogisticRegression(C=C, class_weight="balanced", max_iter=3000)
    clf.fit(normalize(x.multiply(idf).tocsr()), np.asarray(labels))
    return RiskModel(idf.astype(np.float32), clf.coef_[0].astype(np.float32), float(clf.intercept_[0]))


def redteam_examples(folder: Path, exclude: tuple[str, ...] = ()) -> list[tuple[str, int, str]]:
    """(text, 1 risk / 0 benign, file name) of every turn of the red-team files with one of those expectations."""
    import yaml

    out = []
    for f in sorted(folder.glob("*.yaml")):
        if f.name in exclude:
            continue
        for case in yaml.safe_load(f.read_text(encoding="utf-8"))["cases"]:
            for turn in case.get("turns") or [{"text": case["text"], "expect": case.get("expect", "benign")}]:
                if turn["expect"] in RISK_EXPECT or turn["expect"] == "benign":
                    out.append((turn["text"], int(turn["expect"] in RISK_EXPECT), f.name))
    return out


@lru_cache(maxsize=1)
def default_model() -> RiskModel | None:
    """The model shipped in chat/model/ (None when an install lacks it: the word patterns alone)."""
    return RiskModel.load(MODEL_DIR) if (MODEL_DIR / "risk.npz").is_file() else None
