"""Training the chat's risk model (chat/risk_model.py) and saying how well it generalises.

    mentalens train --backend chat-risk --data-dir ../shared/data [--out DIR] [--check]

Data: every turn of chat/redteam/*.yaml that expects the protocol (crisis, refuse_method: 1) or
nothing (benign: 0), the user turns of ESConv's training dialogues and the client turns of
CPsyCounD's case files after the first 300 (0: real distress, seldom suicidal; CC BY-NC 4.0 and
CC BY 4.0). ESConv's test dialogues and CPsyCounD's first 300 files are the probes. Before the
final fit, each blind set is held out in turn (the model refitted without it) and scored: how many
of its risk turns reach WARN and LOWER, how many of its benign turns do, and how many probe turns do. The
final model, its training.json (data hashes, counts, the held-out table) and MODEL_CARD.md go to
the output folder; the built-in one is src/mentalens/chat/model/.
"""
from __future__ import annotations

import datetime as _dt
import json
from collections.abc import Callable
from pathlib import Path

import numpy as np

from .risk_model import LOWER, WARN, RiskModel, fit, redteam_examples
from .texts import REDTEAM_DIR

HELD_OUT = ("blind1.yaml", "blind2.yaml", "blind3.yaml", "blind4.yaml")


def esconv_user_turns(data_root: Path, split: str) -> tuple[list[str], Path]:
    from .dialogues import read_esconv

    folder = data_root / "chat" / "esconv"
    return [m["content"] for d in read_esconv(folder, splits=(split,)) for m in d.messages
            if m["role"] == "user"], folder / f"{split}.txt"


CPSYCOUN_PROBE = 300          # the first case files (in read order) stay out of training: bench chat replays them


def cpsycoun_user_turns(data_root: Path) -> tuple[list[str], list[str], Path]:
    """(training turns, probe turns, folder) of CPsyCounD's client turns: files after the first
    CPSYCOUN_PROBE train, the first CPSYCOUN_PROBE are the probe."""
    from .dialogues import cpsycoun_files, parse_cpsycoun

    folder = data_root / "chat" / "cpsycoun"
    files = cpsycoun_files(folder)

    def turns(fs):
        return [m["content"] for f in fs for m in parse_cpsycoun(f.read_text(encoding="utf-8-sig"), f.stem).messages
                if m["role"] == "user"]
    return turns(files[CPSYCOUN_PROBE:]), turns(files[:CPSYCOUN_PROBE]), folder


def _rates(p: np.ndarray) -> dict:
    return {"n": int(p.size), "warn": int((p >= WARN).sum()), "lower": int((p >= LOWER).sum())}


def held_out_table(examples: list[tuple[str, int, str]], negatives: list[str], probes: dict[str, list[str]],
                   log: Callable[[str], None]) -> list[dict]:
    rows = []
    for name in HELD_OUT:
        train = [e for e in examples if e[2] != name]
        test = [e for e in examples if e[2] == name]
        if not test:
            continue
        log(f"held out {name}: fitting on {len(train)} red-team turns + {len(negatives)} dialogue turns")
        model = fit([t for t, _, _ in train] + negatives, [y for _, y, _ in train] + [0] * len(negatives))
        p = model.scores([t for t, _, _ in test])
        y = np.array([y for _, y, _ in test])
        rows.append({"held_out": name, "risk": _rates(p[y == 1]), "benign": _rates(p[y == 0]),
                     **{k: _rates(model.scores(v)) for k, v in probes.items()}})
    return rows


def train_risk_model(data_root: Path, out: Path, log: Callable[[str], None] = lambda m: None, *,
                     redteam_dir: Path = REDTEAM_DIR) -> Path:
    from ..bench.provenance import git_state
    from ..hashing import sha256_file

    examples = redteam_examples(redteam_dir)
    en_neg, train_file = esconv_user_turns(data_root, "train")
    en_probe, test_file = esconv_user_turns(data_root, "test")
    zh_neg, zh_probe, zh_folder = cpsycoun_user_turns(data_root)
    negatives = en_neg + zh_neg
    probes = {"esconv_test_user_turns": en_probe, "cpsycoun_probe_user_turns": zh_probe}
    table = held_out_table(examples, negatives, probes, log)
    log(f"final fit: {len(examples)} red-team turns + {len(negatives)} dialogue turns")
    model = fit([t for t, _, _ in examples] + negatives, [y for _, y, _ in examples] + [0] * len(negatives))
    files = sorted({e[2] for e in examples})
    model.meta = {
        "model": "chat-risk", "trained_utc": _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds"),
        "thresholds": {"warn": WARN, "lower": LOWER},
        "data": {"redteam": {f: sha256_file(redteam_dir / f) for f in files},
                 "esconv_train": {"path": "chat/esconv/train.txt", "sha256": sha256_file(train_file),
                                  "user_turns": len(en_neg), "licence": "CC BY-NC 4.0"},
                 "esconv_test_probe": {"path": "chat/esconv/test.txt", "sha256": sha256_file(test_file)},
                 "cpsycound": {"path": "chat/cpsycoun/CPsyCounD/Data", "licence": "CC BY 4.0",
                               "user_turns": len(zh_neg), "probe_files": CPSYCOUN_PROBE,
                               "note": f"case files after the first {CPSYCOUN_PROBE} in read order"}},
        "counts": {"risk": sum(y for _, y, _ in examples), "benign": sum(1 - y for _, y, _ in examples)},
        "held_out": table, "code": git_state(),
    }
    model.save(out)
    (out / "MODEL_CARD.md").write_text(model_card(model.meta), encoding="utf-8")
    return out


def model_card(meta: dict) -> str:
    def pct(r: dict, key: str) -> str:
        return f"{r[key]}/{r['n']} ({r[key] / r['n']:.1%})" if r["n"] else "—"

    lines = ["# chat-risk: the supportive chat's learned risk score", "",
             "A logistic model over hashed character 2-5-grams and word 1-2-grams of a message "
             "(mentalens/chat/risk_model.py); no vocabulary or text is stored. At a probability of "
             f"{meta['thresholds']['warn']} or more it is one warning sign: alone, the chat asks its safety "
             "question; beside another sign, the crisis protocol starts. It never starts the protocol alone: "
             "held out, it still reaches that score on a few benign prompts. The table also gives the rates at "
             f"{meta['thresholds']['lower']} (more risk caught, many more benign turns asked).", "",
             "## Training data", "",
             f"- The project's red-team prompts (src/mentalens/chat/redteam/*.yaml, written by the project): "
             f"{meta['counts']['risk']} crisis or method turns, {meta['counts']['benign']} benign turns.",
             f"- ESConv (Liu et al., ACL 2021; {meta['data']['esconv_train']['licence']}): the "
             f"{meta['data']['esconv_train']['user_turns']} user turns of the training dialogues, as benign.",
             "  The licence is non-commercial: so is any use of this model.",
             f"- CPsyCounD ({meta['data']['cpsycound']['licence']}): {meta['data']['cpsycound']['user_turns']} client "
             f"turns of the case files after the first {meta['data']['cpsycound']['probe_files']}, as benign.", "",
             "## Held out (each blind set left out of training, then scored)", "",
             "| held out | risk turns at warn | at lower | benign turns at warn | at lower | ESConv test user "
             "turns at warn | at lower | CPsyCounD probe turns at warn | at lower |",
             "|---|---|---|---|---|---|---|---|---|"]
    for r in meta["held_out"]:
        lines.append(f"| {r['held_out']} | {pct(r['risk'], 'warn')} | {pct(r['risk'], 'lower')} | "
                     f"{pct(r['benign'], 'warn')} | {pct(r['benign'], 'lower')} | "
                     f"{pct(r['esconv_test_user_turns'], 'warn')} | {pct(r['esconv_test_user_turns'], 'lower')} | "
                     f"{pct(r['cpsycoun_probe_user_turns'], 'warn')} | "
                     f"{pct(r['cpsycoun_probe_user_turns'], 'lower')} |")
    lines += ["", "The blind sets were written by helpers in one session: a model trained on three of them "
              "shares their authors' habits, so new writers may do worse than this table.", "",
              f"Trained {meta['trained_utc']}, commit {meta['code'].get('commit')}; data hashes in training.json. "
              "Reproduce: `mentalens train --backend chat-risk --data-dir ../shared/data --out DIR --check`.", ""]
    return "\n".join(lines)


def same_weights(a: Path, b: Path) -> bool:
    x, y = RiskModel.load(a), RiskModel.load(b)
    return bool(np.array_equal(x.coef, y.coef) and np.array_equal(x.idf, y.idf) and x.intercept == y.intercept)


def summary(folder: Path) -> str:
    meta = json.loads((folder / "training.json").read_text(encoding="utf-8"))
    return "; ".join(f"{r['held_out']}: {r['risk']['warn']}/{r['risk']['n']} risk at warn" for r in meta["held_out"])
