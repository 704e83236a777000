"""The language mentalens speaks to people: English, or Chinese in simplified or traditional characters.

The UI language follows the locale: the command's ``--locale`` where it has one, else
$MENTALENS_LOCALE, else LC_ALL / LC_MESSAGES / LANG (config.default_locale). A ``zh`` locale is
Chinese: ``zh_TW``, ``zh_HK``, ``zh_MO`` and any ``zh_Hant_*`` in traditional characters,
``zh_CN``, ``zh_SG``, plain ``zh`` and ``zh_Hans_*`` in simplified ones; every other locale is
English. Machine-readable output (JSON, JSONL, CSV ids, labels, task ids, level ids) is never
translated; only what people read is.

Where the strings live, one place each:

- ``i18n/messages.yaml``: every string of the CLI and of the human-readable output formats
  (table, explain text, CSV help cells, error framing), in English and both Chinese scripts; and
  recognisers for English messages made elsewhere (warnings, errors, usage errors) with their
  Chinese wording, so that they can be shown in Chinese.
- ``i18n/tasks.zh.yaml``: Chinese task titles and label names, by task id and label id (the task
  specs, ``tasks/specs/*.yaml``, hold the English).
- ``triage/reasons.zh.yaml``: Chinese triage reasons, by signal and family id
  (``triage/policy.yaml`` holds the rules and the English).
- ``triage/resources.yaml``: crisis resources, with their Chinese wording beside the English.
"""
from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from functools import lru_cache
from pathlib import Path
from string import Formatter
from typing import Literal

import yaml

Lang = Literal["en", "zh-Hans", "zh-Hant"]
LANGS: tuple[Lang, ...] = ("en", "zh-Hans", "zh-Hant")
CHINESE: tuple[Lang, ...] = ("zh-Hans", "zh-Hant")

HERE = Path(__file__).resolve().parent
MESSAGES_FILE = HERE / "messages.yaml"
TASKS_FILE = HERE / "tasks.zh.yaml"

_TRADITIONAL_TERRITORIES = frozenset({"tw", "hk", "mo"})
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

# The locale given on the command line, for everything said during one command (cli/main.py).
_LOCALE: ContextVar[str | None] = ContextVar("mentalens_ui_locale", default=None)


# -- which language ---------------------------------------------------------------------------

def ui_language(locale: str | None) -> Lang:
    """The UI language for a POSIX or BCP 47 locale: ``zh_TW.UTF-8`` -> zh-Hant, ``zh-CN`` -> zh-Hans,
    ``en_US`` (or anything not Chinese, or nothing) -> en."""
    if not locale:
        return "en"
    core = locale.split(".", 1)[0].split("@", 1)[0].replace("-", "_")
    parts = [p.lower() for p in core.split("_") if p]
    if not parts or parts[0] != "zh":
        return "en"
    rest = parts[1:]
    if "hant" in rest:
        return "zh-Hant"
    if "hans" in rest:
        return "zh-Hans"
    return "zh-Hant" if _TRADITIONAL_TERRITORIES.intersection(rest) else "zh-Hans"


def is_chinese(lang: str) -> bool:
    return lang in CHINESE


def current_locale() -> str:
    """The locale the user is speaking in now: the command line's ``--locale`` while a command
    runs, else the environment's (config.default_locale)."""
    given = _LOCALE.get()
    if given is not None:
        return given
    from ..config import default_locale

    return default_locale()


def language(locale: str | None = None) -> Lang:
    """The UI language for ``locale``, or for the current locale when it is None."""
    return ui_language(current_locale() if locale is None else locale)


@contextmanager
def using_locale(locale: str | None) -> Iterator[None]:
    """Speak in ``locale`` (None: the environment's) until the block ends."""
    token = _LOCALE.set(locale)
    try:
        yield
    finally:
        _LOCALE.reset(token)


def locale_from_args(args: Sequence[str]) -> str | None:
    """The value of ``--locale`` on a command line (the last one given), or None.

    Read before the command line is parsed so that even a usage error is reported in the
    user's language. Nothing after ``--`` is an option.
    """
    found = None
    it = iter(args)
    for arg in it:
        if arg == "--":
            break
        if arg == "--locale":
            found = next(it, None)
        elif arg.startswith("--locale="):
            found = arg.split("=", 1)[1]
    return found


# -- catalogs ---------------------------------------------------------------------------------

@lru_cache(maxsize=1)
def catalog() -> dict:
    """messages.yaml, as loaded (check_catalog() says what is wrong with it, if anything)."""
    return yaml.load(MESSAGES_FILE.read_text(encoding="utf-8"), Loader=_LOADER)


@lru_cache(maxsize=1)
def task_names() -> dict:
    """tasks.zh.yaml: task id -> {title: {zh-Hans, zh-Hant}, labels: {label id -> {zh-Hans, zh-Hant}}}."""
    return yaml.load(TASKS_FILE.read_text(encoding="utf-8"), Loader=_LOADER) or {}


def _entry(key: str) -> dict:
    node = catalog()
    for part in key.split("."):
        node = node[part]
    return node


def t(key: str, lang: str | None = None, /, **fields: object) -> str:
    """The catalog's text for ``key`` (dotted: ``table.post``) in ``lang`` (default: the current
    UI language), with ``fields`` filled in. An entry whose text is a mapping has plural forms:
    ``one`` when ``n == 1``, else ``other``. A text missing in a Chinese script falls back to the
    other script, then to English (check_catalog() makes that a test failure)."""
    lang = language() if lang is None else lang
    entry = _entry(key)
    text = entry.get(lang)
    if text is None and is_chinese(lang):
        text = entry.get("zh-Hant" if lang == "zh-Hans" else "zh-Hans")
    if text is None:
        text = entry["en"]
    if isinstance(text, dict):
        text = text["one"] if fields.get("n") == 1 else text["other"]
    return text.format(**fields) if fields else text


def level_name(level: str, lang: str | None = None) -> str:
    """A triage level as people read it: HIGH / 高 / 高."""
    try:
        return t(f"levels.{level}", lang)
    except KeyError:
        return level.upper()


def task_title(task: str, lang: str | None = None) -> str:
    """A task's title in ``lang``: the spec's title in English, else tasks.zh.yaml's."""
    lang = language() if lang is None else lang
    if is_chinese(lang):
        zh = (task_names().get(task) or {}).get("title") or {}
        if zh.get(lang):
            return zh[lang]
    try:
        from ..tasks import get_task

        return get_task(task).title
    except Exception:                  # an unknown task id is shown as it is
        return task


def label_name(task: str, label: str, lang: str | None = None) -> str:
    """A label's name in ``lang``: the spec's name in English, else tasks.zh.yaml's."""
    lang = language() if lang is None else lang
    if is_chinese(lang):
        zh = ((task_names().get(task) or {}).get("labels") or {}).get(label) or {}
        if zh.get(lang):
            return zh[lang]
    try:
        from ..tasks import get_task

        return get_task(task).label(label).name
    except Exception:
        return label


def term(value: str, lang: str) -> str:
    """A short English term inside a message (a language, a kind of name, "stdin") in ``lang``;
    "A and B" is translated part by part. Unknown terms stay as they are."""
    if not is_chinese(lang):
        return value
    terms = catalog().get("terms") or {}
    parts = value.split(" and ")
    if all(p in terms for p in parts):
        return t("terms.and", lang).join(t(f"terms.{p}", lang) for p in parts) if len(parts) > 1 else \
            t(f"terms.{value}", lang)
    return value


# -- English messages made elsewhere, shown in Chinese ------------------------------------------

@lru_cache(maxsize=4)
def _recognisers(kind: str) -> list[tuple[re.Pattern[str], dict]]:
    return [(re.compile(e["en"]), e) for e in catalog()["recognise"][kind]]


def _recognise(kind: str, text: str, lang: str) -> str:
    if not is_chinese(lang) or not text:
        return text
    for pattern, entry in _recognisers(kind):
        m = pattern.fullmatch(text)
        if m is None:
            continue
        fields = {k: (term(v, lang) if k.endswith("_t") else v) for k, v in m.groupdict(default="").items()}
        return (entry.get(lang) or entry["zh-Hans"]).format(**fields)
    return text


def warning_text(warning: str, lang: str | None = None) -> str:
    """A Result warning (written in English by the pipeline or the input readers) in ``lang``,
    when the catalog recognises it; else as it is."""
    return _recognise("warnings", warning, language() if lang is None else lang)


def error_text(message: str, lang: str | None = None) -> str:
    """An error message or hint (written in English where it is raised) in ``lang``, when the
    catalog recognises it; else as it is."""
    return _recognise("errors", message, language() if lang is None else lang)


def error_parts(exc: BaseException, lang: str) -> tuple[str, str | None]:
    """The message and hint of a MentalensError in ``lang``."""
    from ..errors import UnknownNameError

    message, hint = getattr(exc, "message", str(exc)), getattr(exc, "hint", None)
    if is_chinese(lang) and isinstance(exc, UnknownNameError):
        import difflib

        kind = term(exc.kind, lang)
        close = difflib.get_close_matches(exc.name, exc.known, n=3, cutoff=0.5)
        message = t("errors.unknown_name", lang, kind=kind, name=repr(exc.name))
        if close:
            message += t("errors.did_you_mean", lang, names=", ".join(repr(c) for c in close))
        return message, t("errors.known_names", lang, kind=kind,
                          names=", ".join(exc.known) or t("errors.none", lang))
    return error_text(message, lang), (None if hint is None else error_text(hint, lang))


# -- checks (tests/i18n) ----------------------------------------------------------------------

def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in Formatter().parse(text) if name}


def check_catalog() -> list[str]:
    """What is wrong with messages.yaml and tasks.zh.yaml: every text in all three languages
    with the same fields, every recogniser's fields among its pattern's groups, every task and
    label of the task specs named in Chinese. Empty when all is well."""
    problems: list[str] = []

    def walk(node: dict, path: str) -> None:
        for key, value in node.items():
            here = f"{path}.{key}" if path else str(key)
            if key == "recognise":
                continue
            if isinstance(value, dict) and "en" in value:
                texts = {lang: value.get(lang) for lang in LANGS}
                missing = [lang for lang, v in texts.items() if v is None]
                if missing:
                    problems.append(f"messages.yaml {here}: no {', '.join(missing)} text")
                    continue
                forms = [(lang, f) for lang, v in texts.items()
                         for f in (v.values() if isinstance(v, dict) else [v])]
                if "fields" in value:              # the fields the code gives; each language uses some
                    allowed = set(value["fields"])
                    for lang, form in forms:
                        if not _fields(form) <= allowed:
                            problems.append(f"messages.yaml {here} [{lang}]: fields "
                                            f"{sorted(_fields(form) - allowed)} are not among {sorted(allowed)}")
                    continue
                want = _fields(forms[0][1])
                for lang, form in forms:
                    if _fields(form) != want:
                        problems.append(f"messages.yaml {here} [{lang}]: fields {sorted(_fields(form))}, "
                                        f"English has {sorted(want)}")
            elif isinstance(value, dict):
                walk(value, here)
            else:
                problems.append(f"messages.yaml {here}: expected a mapping of languages")

    cat = catalog()
    walk(cat, "")
    for kind, entries in cat["recognise"].items():
        for e in entries:
            groups = set(re.compile(e["en"]).groupindex)
            for lang in CHINESE:
                if lang not in e:
                    problems.append(f"messages.yaml recognise.{kind} {e['en']!r}: no {lang} text")
                elif not _fields(e[lang]) <= groups:
                    problems.append(f"messages.yaml recognise.{kind} {e['en']!r} [{lang}]: fields "
                                    f"{sorted(_fields(e[lang]) - groups)} are not groups of the pattern")
    from ..tasks import get_task, task_ids

    names = task_names()
    for task in task_ids():
        spec, zh = get_task(task), names.get(task) or {}
        for lang in CHINESE:
            if not (zh.get("title") or {}).get(lang):
                problems.append(f"tasks.zh.yaml: task {task} has no {lang} title")
            for lab in spec.label_ids:
                if not ((zh.get("labels") or {}).get(lab) or {}).get(lang):
                    problems.append(f"tasks.zh.yaml: label {task}/{lab} has no {lang} name")
    for task in set(names) - set(task_ids()):
        problems.append(f"tasks.zh.yaml: {task} is not a task")
    return problems
