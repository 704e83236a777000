"""Provenance of a results file: what code, model, data, machine and command produced it."""
from __future__ import annotations

import datetime as _dt
import os
import platform
import shlex
import subprocess
import sys
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from ..config import PACKAGE_DIR
from ..hashing import sha256_file


def git_state(where: Path = PACKAGE_DIR) -> dict[str, Any]:
    """The project's git commit and whether tracked files differ from it; None when not a git checkout."""
    def git(*args: str) -> str | None:
        try:
            done = subprocess.run(["git", *args], cwd=where, capture_output=True, text=True, timeout=10)
        except (OSError, subprocess.SubprocessError):
            return None
        return done.stdout.strip() if done.returncode == 0 else None

    commit = git("rev-parse", "HEAD")
    if commit is None:
        return {"commit": None, "dirty": None, "note": "not a git checkout (an installed package?)"}
    status = git("status", "--porcelain", "--untracked-files=no")
    untracked = git("status", "--porcelain", "--untracked-files=normal")
    return {"commit": commit, "dirty": bool(status), "untracked_files": bool(untracked and untracked != status)}


def machine() -> dict[str, Any]:
    try:
        usable = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        usable = None
    cpu = platform.processor() or platform.machine()
    try:  # the CPU model on Linux, for speed reports
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8", errors="replace").splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {"platform": platform.platform(), "machine": platform.machine(), "cpu": cpu,
            "cpu_count": os.cpu_count(), "usable_cpus": usable}


def model_info(backend, path: str | os.PathLike | None) -> dict[str, Any]:
    """Name, version, backend and the sha256 of every file of the model folder (weights included)."""
    info: dict[str, Any] = {"name": backend.model_name, "version": backend.model_version, "backend": backend.name,
                            "tasks": list(backend.tasks)}
    if path is None:
        info.update(path=None, files_sha256={}, note="an in-memory model: no files to hash")
        return info
    folder = Path(path)
    info["path"] = str(folder.resolve())
    files = [folder] if folder.is_file() else sorted(p for p in folder.iterdir() if p.is_file())   # a GGUF file
    info["files_sha256"] = {p.name: sha256_file(p) for p in files}
    return info


def task_versions(task_ids: Iterable[str]) -> dict[str, int]:
    from ..tasks import get_task

    return {t: get_task(t).version for t in sorted(set(task_ids))}


def data_files(paths: Iterable[Path], root: Path | None) -> dict[str, str]:
    """sha256 of every data file read, keyed by its path under the data directory."""
    out: dict[str, str] = {}
    for p in sorted(set(paths)):
        key = str(p.relative_to(root)) if root is not None and p.is_relative_to(root) else str(p)
        out[key] = sha256_file(p)
    return out


def collect(*, backend, model_path, tasks: Iterable[str], files: Iterable[Path], data_root: Path | None,
            seed: int, extra: Mapping[str, Any] | None = None) -> dict[str, Any]:
    import numpy as np

    from .. import __version__

    return {
        "date_utc": _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds"),
        "command": shlex.join(sys.argv),
        "mentalens_version": __version__,
        "git": git_state(),
        "python": platform.python_version(),
        "numpy": np.__version__,
        "machine": machine(),
        "model": model_info(backend, model_path),
        "task_versions": task_versions(tasks),
        "data_dir": str(data_root) if data_root is not None else None,
        "data_files_sha256": data_files(files, data_root),
        "seed": seed,
        **dict(extra or {}),
    }


def for_analyzer(analyzer, model, *, files: Iterable[Path] = (), data_root: Path | None = None,
                 extra: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """``{"model", "provenance"}`` of a loaded Analyzer: the built-in models of every language
    (a routed backend) each get their own model block under ``provenance["models"]``."""
    from ..api import model_path
    from ..config import BUILTIN_BY_LANGUAGE, MODELS_DIR

    backend = analyzer.backend
    parts = getattr(backend, "by_language", None)
    path = None if parts else model_path(model)
    more = {"models": [model_info(b, MODELS_DIR / BUILTIN_BY_LANGUAGE[lang]) for lang, b in parts.items()]} \
        if parts else {}
    prov = collect(backend=backend, model_path=path, tasks=backend.tasks, files=files, data_root=data_root, seed=0,
                   extra={**more, **dict(extra or {})})
    return {"model": prov["model"], "provenance": prov}


def code_line(prov: Mapping[str, Any]) -> str:
    """The results files' line on what made them: version, commit (and whether the tree differed
    from it), date and the command."""
    git = prov.get("git") or {}
    return (f"mentalens {prov['mentalens_version']}, commit {git.get('commit') or '—'}"
            + (" (with uncommitted changes)" if git.get("dirty") else "") + f", {prov['date_utc']}; "
            f"`{prov['command']}`.")
