"""Train / validation / test splits of the whole-file datasets (MentaBench's four CSVs).

``menta_split`` reproduces MentaBench's protocol as we read it from Menta's code and paper:
stratified 72/8/20 on one task's label with seed 42. Menta split each task independently,
so a post in one task's test split can sit in the training split of its sister task built
from the same file (depression vs depression_severity; suicide_risk vs suicide_risk_level).
``leakage_free_split`` makes ONE split shared by all sister tasks instead.

scikit-learn (extra "train") is imported only when a split is made.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from ..errors import DataError, UsageError
from ..tasks import get_task
from .example import Example

TEST_SIZE = 0.2     # of the whole file
VAL_SIZE = 0.1      # of what is left: 8% of the whole, leaving 72% to train


def menta_split(examples: Sequence[Example], task_id: str, seed: int = 42) -> dict[str, list[Example]]:
    """MentaBench's split of ``examples`` for ``task_id``: {"train", "val", "test"}.

    Our reading of Menta's protocol: over the examples labelled for the task,
    ``train_test_split(idx, test_size=0.2, stratify=y, random_state=seed)``, then the
    remaining 80% split again with ``test_size=0.1, stratify, random_state=seed``; 72/8/20
    overall. Each part keeps scikit-learn's (shuffled) order. Deterministic for a seed.
    """
    pool = _labelled(examples, [task_id])
    return _stratified(pool, [str(e.labels[task_id]) for e in pool], seed, task_id)


def leakage_free_split(examples: Sequence[Example], task_ids: Sequence[str], seed: int = 42
                       ) -> dict[str, list[Example]]:
    """One 72/8/20 split shared by sister tasks of the same file, so no test post trains any of them.

    Stratified on the finest of the tasks' labels (the task with the most distinct labels
    among the examples, e.g. depression_severity for DepSeverity, suicide_risk_level for
    C-SSRS), with the protocol of ``menta_split``. Uses the examples labelled for every task.
    """
    if not task_ids:
        raise UsageError("leakage_free_split needs at least one task id", hint="pass the sister tasks of the file")
    pool = _labelled(examples, task_ids)
    finest = max(task_ids, key=lambda t: len({e.labels[t] for e in pool}))
    return _stratified(pool, [str(e.labels[finest]) for e in pool], seed, finest)


def _labelled(examples: Sequence[Example], task_ids: Sequence[str]) -> list[Example]:
    for task_id in task_ids:
        spec = get_task(task_id)
        if spec.multilabel:
            raise UsageError(f"task {task_id} is multi-label; Menta's stratified split needs one label per example",
                             hint="split single-label tasks (MentaBench's six tasks are all single-label)")
    pool = [e for e in examples if all(isinstance(e.labels.get(t), str) for t in task_ids)]
    if not pool:
        raise DataError(f"no example carries a label for {', '.join(task_ids)}",
                        hint="load a dataset that labels these tasks (see `mentalens data list`)")
    return pool


def _stratified(pool: list[Example], y: list[str], seed: int, task_id: str) -> dict[str, list[Example]]:
    from sklearn.model_selection import train_test_split

    counts = Counter(y)
    rare = {label: n for label, n in counts.items() if n < 3}
    if rare:
        raise DataError(f"cannot stratify {len(pool)} examples on {task_id}: labels with fewer than 3 examples: {rare}",
                        hint="a stratified 72/8/20 split needs every label in train, val and test")
    idx = list(range(len(pool)))
    try:
        rest, test = train_test_split(idx, test_size=TEST_SIZE, stratify=y, random_state=seed)
        train, val = train_test_split(rest, test_size=VAL_SIZE, stratify=[y[i] for i in rest], random_state=seed)
    except ValueError as exc:  # too few examples for a stratified split
        raise DataError(f"cannot stratify {len(pool)} examples on {task_id} ({dict(counts)}): {exc}",
                        hint="a stratified 72/8/20 split needs enough examples of every label") from None
    return {"train": [pool[i] for i in train], "val": [pool[i] for i in val], "test": [pool[i] for i in test]}
