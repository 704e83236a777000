"""Research datasets: readers for the public files, the catalog, splits and leakage control.

    >>> from mentalens.data import load_dataset
    >>> test = load_dataset("imhi/DR", "test")          # data dir: --data-dir or $MENTALENS_DATA

Every dataset is read from its original file format into ``Example``s whose labels follow
the task specs. Nothing is downloaded; a missing or malformed file is a DataError saying
which file, which row and how to fix it.
"""
from __future__ import annotations

import importlib
import os
from pathlib import Path

from pydantic import BaseModel, ConfigDict

from ..config import data_dir as _resolve_data_dir
from ..errors import DataError, UnknownNameError, UsageError
from .catalog import CATALOG, TERMS, Entry, entry
from .example import Example, LabelValue

__all__ = ["DatasetInfo", "Example", "LabelValue", "available", "dataset_info", "dataset_names", "dataset_path",
           "load_dataset"]


class DatasetInfo(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str
    description: str
    splits: list[str]
    files: dict[str, str]                     # split -> path relative to the data directory
    variants: dict[str, dict[str, str]]       # other variants (IMHI "instruction") -> split -> path
    test_splits: list[str]                    # splits released as test sets
    whole_file: bool                          # one file (split "all") that menta_split divides
    terms: str                                # the licence / terms its authors state (MANIFEST.md)
    origin: str
    tasks: list[str]                          # tasks it labels (from the task specs)


def dataset_names() -> list[str]:
    return list(CATALOG)


def dataset_info(name: str) -> DatasetInfo:
    from .readers.labels import tasks_for

    e = entry(name)
    terms, origin = TERMS[e.folder]
    return DatasetInfo(name=e.name, description=e.description, splits=list(e.files), files=dict(e.files),
                       variants={v: dict(f) for v, f in e.variants.items()}, test_splits=list(e.test_splits),
                       whole_file=e.whole_file, terms=terms, origin=origin, tasks=tasks_for(e.name))


def dataset_path(name: str, split: str, data_dir: str | os.PathLike | None = None, *,
                 variant: str = "complete") -> Path:
    """Where the file of ``name``/``split`` is (or should be) in the data directory."""
    e = entry(name)
    _check(e, split, variant)
    return _resolve_data_dir(data_dir) / e.path(split, variant)


def load_dataset(name: str, split: str, data_dir: str | os.PathLike | None = None, *,
                 variant: str = "complete") -> list[Example]:
    """The examples of one split of a dataset, in file order.

    ``variant`` picks IMHI's "complete" or "instruction" files (same posts and labels, other
    wording of question and answer); other datasets have only "complete".
    """
    e = entry(name)
    path = dataset_path(name, split, data_dir, variant=variant)
    if not path.is_file():
        raise DataError(
            f"dataset {name} split {split}: file missing: {path}",
            hint=f"put {e.path(split, variant)} under the data directory ({path.parent}); "
            f"{'MANIFEST.md says this copy of IMHI lacks it (too large); ' if name == 'imhi/swmh' else ''}"
            f"check that --data-dir or $MENTALENS_DATA points at the folder holding MANIFEST.md",
        )
    module, _, func = e.reader.partition(":")
    reader = getattr(importlib.import_module(module), func)
    return reader(path, dataset=name, split=split, variant=variant)


def available(data_dir: str | os.PathLike | None = None) -> list[tuple[str, str, Path, bool]]:
    """(name, split, path, exists) for every split of every dataset (complete variant)."""
    root = _resolve_data_dir(data_dir)
    return [(e.name, split, root / rel, (root / rel).is_file()) for e in CATALOG.values() for split, rel in e.files.items()]


def _check(e: Entry, split: str, variant: str) -> None:
    if variant != "complete" and variant not in e.variants:
        raise UnknownNameError(f"variant of dataset {e.name}", variant, ["complete", *e.variants])
    files = e.files if variant == "complete" else e.variants[variant]
    if split in files:
        return
    if e.whole_file and split in ("train", "val", "test"):
        raise UsageError(
            f"dataset {e.name} is one whole file (split 'all'); it has no {split!r} split of its own",
            hint=f"load_dataset({e.name!r}, 'all') and divide it with mentalens.data.splits.menta_split "
            "(Menta's 72/8/20) or leakage_free_split",
        )
    raise UnknownNameError(f"split of dataset {e.name}", split, files)
