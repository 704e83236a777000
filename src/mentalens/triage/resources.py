"""Crisis resources by locale, from the dated file ``resources.yaml``.

A locale is matched by its territory: ``en_US.UTF-8`` -> United States, ``fr_CA`` ->
Canada, ``zh_HK`` -> Hong Kong. A locale with no territory, or one not in the file, gets a
generic message that names no number: never a guessed number.
"""
from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field

from ..schema import CrisisLine, Resources

RESOURCES_FILE = Path(__file__).resolve().parent / "resources.yaml"

_TERRITORY = re.compile(r"^[A-Za-z]{2}$|^[0-9]{3}$")

# libyaml's safe loader when present (10x faster: cold start), else the pure-Python one
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Line(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str
    contact: str
    hours: str | None = None
    note: str | None = None


class _Region(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str
    crisis_lines: list[_Line] = Field(min_length=1)
    emergency: str
    review: str | None = None          # a maintainer note, never shown to users


class ResourceFile(BaseModel):
    model_config = ConfigDict(extra="forbid")
    checked: dt.date
    regions: dict[str, _Region]
    aliases: dict[str, str] = Field(default_factory=dict)
    message: str
    generic: str
    scope: str


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
    """The crisis resources for ``locale`` (generic, with no number, when it is not listed)."""
    f = resource_file()
    key = region_of(locale)
    scope = " ".join(f.scope.split())
    if key is None:
        return Resources(locale=locale or "", region=None, crisis_lines=[], emergency=None,
                         message=f"{' '.join(f.generic.split())} {scope}", checked=f.checked)
    r = f.regions[key]
    lines = [CrisisLine(**line.model_dump()) for line in r.crisis_lines]
    listed = "; ".join(f"{line.name} ({line.contact})" if line.name not in line.contact else line.contact
                       for line in r.crisis_lines)
    message = " ".join(f.message.split()).format(lines=listed, emergency=r.emergency)
    return Resources(locale=locale or "", region=r.name, crisis_lines=lines, emergency=r.emergency,
                     message=f"{message} {scope}", checked=f.checked)
