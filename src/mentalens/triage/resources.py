"""Crisis resources by locale, from the dated file ``resources.yaml``.

A locale is matched by its territory: ``en_US.UTF-8`` -> United States, ``fr_CA`` ->
Canada, ``zh_HK`` -> Hong Kong. A locale with no territory, or one not in the file, gets a
generic message that names no number: never a guessed number.

The wording follows the locale's language (i18n.ui_language): a Chinese locale gets the file's
Chinese texts, in simplified or traditional characters, for whichever region it names (zh_US:
the US numbers, in Chinese); every other locale gets the English. The loader checks that each
Chinese text holds exactly the numbers of the English it translates.
"""
from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field, model_validator

from ..i18n import CHINESE, is_chinese, ui_language
from ..schema import CrisisLine, Resources

RESOURCES_FILE = Path(__file__).resolve().parent / "resources.yaml"

_TERRITORY = re.compile(r"^[A-Za-z]{2}$|^[0-9]{3}$")
_NUMBER = re.compile(r"[0-9]+")

# libyaml's safe loader when present (10x faster: cold start), else the pure-Python one
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _numbers(text: str | None) -> list[str]:
    return _NUMBER.findall(text or "")


class _LineText(BaseModel):
    """A crisis line as shown: in English, or (``zh``) in one Chinese script."""

    model_config = ConfigDict(extra="forbid")
    name: str
    contact: str
    hours: str | None = None
    note: str | None = None


class _Line(_LineText):
    zh: dict[str, _LineText]

    @model_validator(mode="after")
    def _check(self) -> _Line:
        _scripts(self.zh, f"crisis line {self.name!r}")
        known = set(_numbers(f"{self.name} {self.contact} {self.hours} {self.note}"))
        for script, z in self.zh.items():
            if _numbers(z.contact) != _numbers(self.contact):
                raise ValueError(f"crisis line {self.name!r}: the {script} contact {z.contact!r} does not hold "
                                 f"the numbers of {self.contact!r}")
            for field in ("name", "hours", "note"):
                if (getattr(z, field) is None) != (getattr(self, field) is None):
                    raise ValueError(f"crisis line {self.name!r}: {script} {field} given on one side only")
                if not set(_numbers(getattr(z, field))) <= known:
                    raise ValueError(f"crisis line {self.name!r}: the {script} {field} holds a number that the "
                                     "English does not")
        return self


class _RegionText(BaseModel):
    """A region's name and emergency numbers: in English, or (``zh``) in one Chinese script."""

    model_config = ConfigDict(extra="forbid")
    name: str
    emergency: str


class _Region(_RegionText):
    crisis_lines: list[_Line] = Field(min_length=1)
    review: str | None = None          # a maintainer note, never shown to users
    zh: dict[str, _RegionText]

    @model_validator(mode="after")
    def _check(self) -> _Region:
        _scripts(self.zh, f"region {self.name}")
        for script, z in self.zh.items():
            if _numbers(z.emergency) != _numbers(self.emergency):
                raise ValueError(f"region {self.name}: the {script} emergency {z.emergency!r} does not hold the "
                                 f"numbers of {self.emergency!r}")
            if _numbers(z.name):
                raise ValueError(f"region {self.name}: the {script} name holds a number")
        return self


class _Texts(BaseModel):
    """The message, generic message and scope statement in one Chinese script (the English ones
    are the ResourceFile's own fields of the same names)."""

    model_config = ConfigDict(extra="forbid")
    message: str
    generic: str
    scope: str

    @model_validator(mode="after")
    def _check(self) -> _Texts:
        for field in ("message", "generic", "scope"):
            if _numbers(getattr(self, field)):
                raise ValueError(f"the Chinese {field} holds a number: numbers come only from the regions")
        return self


def _scripts(zh: dict, what: str) -> None:
    if set(zh) != set(CHINESE):
        raise ValueError(f"{what}: `zh` needs exactly {', '.join(CHINESE)}, not {', '.join(zh) or 'nothing'}")


class ResourceFile(BaseModel):
    model_config = ConfigDict(extra="forbid")
    checked: dt.date
    regions: dict[str, _Region]
    aliases: dict[str, str] = Field(default_factory=dict)
    message: str
    generic: str
    scope: str
    zh: dict[str, _Texts]

    @model_validator(mode="after")
    def _check(self) -> ResourceFile:
        _scripts(self.zh, "the resource file")
        return self


@lru_cache(maxsize=1)
def resource_file() -> ResourceFile:
    return ResourceFile.model_validate(yaml.load(RESOURCES_FILE.read_text(encoding="utf-8"), Loader=_LOADER))


def territory(locale: str | None) -> str | None:
    """The territory code of a POSIX or BCP 47 locale (``en_GB.UTF-8@euro`` -> ``GB``), or None."""
    if not locale:
        return None
    core = locale.split(".", 1)[0].split("@", 1)[0].replace("-", "_")
    parts = [p for p in core.split("_") if p]
    if len(parts) < 2:
        return None
    for part in parts[1:]:            # skip a script subtag (zh_Hant_TW)
        if _TERRITORY.match(part):
            code = part.upper()
            return resource_file().aliases.get(code, code)
    return None


def region_of(locale: str | None) -> str | None:
    """The region key in resources.yaml for ``locale``; None when it has no checked entry."""
    code = territory(locale)
    return code if code in resource_file().regions else None


@lru_cache(maxsize=64)
def resources_for(locale: str | None) -> Resources:
    """The crisis resources for ``locale`` (generic, with no number, when it is not listed), worded
    in the locale's language: Chinese (simplified or traditional) for a zh locale, else English.

    ``region`` stays the region's English name (it names the list, in every language);
    region_name() gives it in a language.
    """
    f = resource_file()
    key = region_of(locale)
    lang = ui_language(locale)
    zh = is_chinese(lang)
    texts = f.zh[lang] if zh else f                    # message, generic, scope
    space, sep, paren = ("", "；", "（{}）") if zh else (" ", "; ", " ({})")
    scope = _flat(texts.scope)
    if key is None:
        return Resources(locale=locale or "", region=None, crisis_lines=[], emergency=None,
                         message=f"{_flat(texts.generic)}{space}{scope}", checked=f.checked)
    r = f.regions[key]
    shown: list[_LineText] = [line.zh[lang] if zh else line for line in r.crisis_lines]
    lines = [CrisisLine(name=x.name, contact=x.contact, hours=x.hours, note=x.note) for x in shown]
    listed = sep.join(x.name + paren.format(x.contact) if x.name not in x.contact else x.contact for x in shown)
    emergency = r.zh[lang].emergency if zh else r.emergency
    message = _flat(texts.message).format(lines=listed, emergency=emergency)
    return Resources(locale=locale or "", region=r.name, crisis_lines=lines, emergency=emergency,
                     message=f"{message}{space}{scope}", checked=f.checked)


def _flat(text: str) -> str:
    """A folded YAML text on one line: runs of whitespace become one space."""
    return " ".join(text.split())


def region_name(resources: Resources, lang: str) -> str | None:
    """The name of the region ``resources`` were chosen for, in ``lang`` (None: no regional list)."""
    if resources.region is None:
        return None
    if is_chinese(lang):
        for r in resource_file().regions.values():
            if r.name == resources.region:
                return r.zh[lang].name
    return resources.region
