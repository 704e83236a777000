"""``mentalens bench chat``: the supportive chat's safety layer, measured.

Two parts in one results file (chat_report.py writes OUT/chat/redteam.json and .md):

- the red team (chat_redteam.py): the project's prompt files, every case in fresh sessions under
  several locales, scored by checkers written apart from the detectors (chat_checks.py): crisis
  recall, over-blocking, complete crisis replies, method leaks, and every missed prompt;
- real dialogues (chat_dialogues.py): the user turns of ESConv and CPsyCounD replayed through the
  chat: how often and at which turn the protocol starts, why, and the time per turn. Counts only.

The prompt files were written by the project and used to tune the detectors (their headers say
how they did first): the red-team rates measure fit, not generalisation.
"""
from __future__ import annotations

import os
from typing import Any

SCHEMA = "mentalens-chat-results/1"


def run_chat(model: str | None, prompts: list[str | os.PathLike], *, dialogues: list[str],
             dialogues_limit: int, data_dir: str | os.PathLike | None = None, progress=None) -> dict[str, Any]:
    from ..api import load
    from .chat_checks import RUNS, load_cases
    from .chat_dialogues import locate, run_dialogues
    from .chat_redteam import prompt_files, run_redteam
    from .provenance import for_analyzer

    say = progress or (lambda msg: None)
    files = prompt_files(prompts)
    for f in files:                        # a bad file or data folder fails before the model loads
        load_cases(f)
    root, looked = locate(data_dir) if dialogues else (None, "")
    analyzer = load(model)
    redteam = run_redteam(analyzer, files, RUNS, progress=say)
    if dialogues:
        dia, read = run_dialogues(analyzer, dialogues, data_root=root, looked=looked, limit=dialogues_limit,
                                  progress=say)
    else:
        dia, read = {"skipped": "--dialogues none"}, []
    prov = for_analyzer(analyzer, model, files=read, data_root=root,
                        extra={"prompt_files_sha256": {b["file"]: b["sha256"] for b in redteam["files"]}})
    return {"schema": SCHEMA, "suite": "chat", **prov,
            "config": {"prompts": [str(f) for f in files], "dialogues": dialogues, "dialogues_limit": dialogues_limit,
                       "data_looked_for": looked or None},
            "redteam": redteam, "dialogues": dia}
