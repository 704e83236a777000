"""The supportive chat's dialogue engine: one ChatSession per conversation.

Every user turn goes through the analyzer and chat/safety.assess. A crisis turn gets the crisis
protocol of ../shared/notes/SAFETY.md in the engine's own words (content/replies.*.yaml): care, a
safety question, the locale's crisis lines and emergency number (triage/resources.yaml, the only
source of numbers), someone to reach, something to do now, an invitation to keep talking, and what
this software is. Once a crisis turn has happened the resources stay on every later reply
(``Reply.resources`` and ``resources_text``); "just kidding" does not clear them, and a new
disclosure runs the whole protocol again. No reply ends the conversation.

Other turns listen (a reflection and an open question, chosen by the turn number: repeatable) or
offer a self-help skill (content/skills.*.yaml). A generator (a local LLM), when given, phrases only
those turns; its text goes through check_reply and is replaced by the engine's own when it fails.
The history lives in memory only; a ``memory`` object (chat/memory.py ChatMemory) is told each turn.
"""
from __future__ import annotations

import re
import uuid
from dataclasses import dataclass, field

from .. import i18n
from ..chinese import has_han, simplify
from ..schema import RISK_LEVELS, Resources
from . import texts
from .compose import crisis_text, listen_text, resources_locale, resources_text, skill_for, skill_text
from .safety import answers_no, answers_yes, assess, check_reply

_HAN = re.compile(r"[\u3400-\u9fff]")
KINDS = ("opening", "listen", "skill", "check_in", "crisis", "refuse_method", "refuse_diet", "no_diagnosis",
         "info")


@dataclass
class Reply:
    text: str
    kind: str
    lang: str                              # "en" | "zh"
    level: str                             # the turn's risk level (RISK_LEVELS)
    crisis: bool = False
    resources: Resources | None = None
    resources_text: str | None = None
    skill: str | None = None
    generated: bool = False
    replaced: bool = False
    problems: list[str] = field(default_factory=list)
    reasons: list[str] = field(default_factory=list)   # why the safety layer acted (safety.Assessment.reasons)


class ChatSession:
    """One conversation. ``analyzer``: a mentalens Analyzer (None: mentalens.api.load()).
    ``locale``: picks the crisis resources and the script of Chinese (None: the environment's).
    ``lang``: "auto" (each reply in the language of the message), "en" or "zh" (always).
    ``generator``: an object with ``generate(messages, *, max_tokens=160) -> str`` (chat/llm.py).
    ``memory``: an object with ``save_turn(session_id, role, text, level)`` (chat/memory.py)."""

    def __init__(self, analyzer=None, *, locale: str | None = None, lang: str = "auto", generator=None,
                 memory=None, session_id: str | None = None) -> None:
        if lang not in ("auto", "en", "zh"):
            raise ValueError(f"lang must be auto, en or zh, not {lang!r}")
        if analyzer is None:
            from ..api import load

            analyzer = load()
        self.analyzer, self.generator, self.memory = analyzer, generator, memory
        self.locale = i18n.current_locale() if locale is None else locale
        self.lang = lang
        self.session_id = session_id or uuid.uuid4().hex[:16]
        self.history: list[dict] = []
        self.crisis_active = False
        self.memory_error: Exception | None = None
        self._scores: list[int] = []
        self._turn = 0
        self._last_lang = "zh" if i18n.is_chinese(i18n.ui_language(self.locale)) else "en"
        self._variant = self._locale_variant()
        self._recent_skills: list[str] = []
        self._asked: int | None = None       # the turn the safety question was last asked directly

    # -- languages ----------------------------------------------------------------------------

    def _locale_variant(self) -> str:
        ui = i18n.ui_language(self.locale)
        if ui != "zh-Hant":
            return "zh-Hans"
        from ..triage import territory

        return {"TW": "zh-Hant-TW", "HK": "zh-Hant-HK", "MO": "zh-Hant-HK"}.get(territory(self.locale) or "", "zh-Hant")

    def _reply_lang(self, text: str) -> str:
        if self.lang != "auto":
            return self.lang
        if has_han(text):
            han = len(_HAN.findall(text))
            latin = len(re.findall(r"[A-Za-z]+", text))
            return "zh" if han >= 2 * latin or han >= 4 else "en"
        if len(re.findall(r"[A-Za-z]", text)) >= 2:
            return "en"
        return self._last_lang                 # emoji, digits, "ok": as before

    def _script(self, lang: str, text: str = "") -> str:
        if lang != "zh":
            return "en"
        han = "".join(_HAN.findall(text))    # characters only: simplify() also maps punctuation
        if i18n.ui_language(self.locale) != "zh-Hant" and han and simplify(han) != han:
            return "zh-Hant"                   # a traditional-script writer outside zh_TW/zh_HK
        return self._variant

    def resources(self, lang: str, variant: str = "") -> Resources:
        from ..triage import resources_for

        return resources_for(resources_locale(self.locale, lang, variant))

    # -- turns --------------------------------------------------------------------------------

    def opening(self) -> Reply:
        lang = self.lang if self.lang != "auto" else self._last_lang
        r = texts.replies(lang)
        text = texts.pick(r["opening"], 0) + "\n\n" + r["disclosure"]
        return self._say(Reply(text=texts.script(text, self._script(lang)), kind="opening", lang=lang, level="none"),
                         variant=self._script(lang))

    def respond(self, text: str) -> Reply:
        text = text if isinstance(text, str) else str(text)
        lang = self._reply_lang(text)
        variant = self._script(lang, text)
        self._last_lang = lang
        self._turn += 1
        if not text.strip():
            return self._say(Reply(text=texts.script(texts.replies(lang)["empty"], variant), kind="info", lang=lang,
                                   level="none"), variant=variant)
        res_locale = resources_locale(self.locale, lang, variant)
        analysis = self.analyzer.analyze(text, locale=res_locale, evidence=False)
        a = assess(text, analysis, self.history, prior_scores=self._scores)
        asked = self._asked is not None and self._asked == self._turn - 1
        if asked and not a.crisis and answers_yes(text):
            a.crisis, a.score = True, 3
            a.reasons.insert(0, "check_in_yes")
        self._scores.append(a.score)
        level = a.level if a.level in RISK_LEVELS else "none"
        if a.crisis and RISK_LEVELS.index(level) < RISK_LEVELS.index("high"):
            level = "high"
        self._remember("user", text, level)
        if a.crisis:
            self.crisis_active = True
            resources = self.resources(lang, variant)
            kind = "refuse_method" if a.method_request else "crisis"
            body = crisis_text(lang, self._turn, resources, third_party=a.third_party and not a.method_request,
                               method=a.method_request, fiction=a.fiction)
            return self._say(Reply(text=texts.script(body, variant), kind=kind, lang=lang, level=level, crisis=True,
                                   reasons=list(a.reasons)), variant=variant)
        r = texts.replies(lang)
        if a.just_kidding and self.crisis_active:
            body = texts.pick(r["just_kidding"], self._turn)
            shown = resources_text(self.resources(lang, variant), lang)
            body += "\n\n" + r["resources_reminder"].format(resources=shown)
            return self._say(Reply(text=texts.script(body, variant), kind="listen", lang=lang, level=level),
                             variant=variant)
        if a.check_in and not self.crisis_active and (self._asked is None or self._turn - self._asked > 3):
            self._asked = self._turn
            body = texts.pick(r["check_in"], self._turn) + "\n\n" + r["check_in_help"].format(
                resources=resources_text(self.resources(lang, variant), lang))
            return self._say(Reply(text=texts.script(body, variant), kind="check_in", lang=lang, level=level,
                                   reasons=["check_in"]), variant=variant)
        if a.diet_request:
            body = texts.pick(r["refuse_diet"], self._turn) + " " + r["refuse_diet_followup"]
            return self._say(Reply(text=texts.script(body, variant), kind="refuse_diet", lang=lang, level=level),
                             variant=variant)
        if a.diagnosis_request:
            body = texts.pick(r["no_diagnosis"], self._turn) + " " + r["no_diagnosis_followup"]
            return self._say(Reply(text=texts.script(body, variant), kind="no_diagnosis", lang=lang, level=level),
                             variant=variant)
        skill = skill_for(text, lang, self._recent_skills)
        if skill is not None:
            self._recent_skills = (self._recent_skills + [skill])[-3:]
            own = Reply(text=texts.script(skill_text(text, lang, skill, self._turn), variant), kind="skill", lang=lang,
                        level=level, skill=skill)
        else:
            own = Reply(text=texts.script(listen_text(text, lang, self._turn), variant), kind="listen", lang=lang,
                        level=level)
        own = self._generated(own, lang, variant)
        if asked and answers_no(text):
            own.text = texts.script(r["check_in_no"], variant) + ("" if lang == "zh" else " ") + own.text
        return self._say(own, variant=variant)

    # -- helpers ------------------------------------------------------------------------------

    def _generated(self, own: Reply, lang: str, variant: str) -> Reply:
        """The generator's phrasing of a listen/skill turn, when it passes check_reply."""
        if self.generator is None:
            return own
        messages = [{"role": "system", "content": texts.replies(lang)["system_prompt"]}] + list(self.history)
        try:
            out = (self.generator.generate(messages, max_tokens=160) or "").strip()
        except Exception:                  # a failing model never ends the conversation
            own.replaced, own.problems = True, ["generator_error"]
            return own
        problems = ["empty"] if not out else check_reply(out, crisis=False, lang=lang,
                                                         resources=self.resources(lang, variant))
        if problems:
            own.replaced, own.problems = True, problems
            return own
        own.text, own.generated = out, True
        return own

    def _say(self, reply: Reply, *, variant: str) -> Reply:
        if self.crisis_active:
            res = self.resources(reply.lang, variant)
            reply.resources, reply.resources_text = res, texts.script(resources_text(res, reply.lang), variant)
        self._remember("assistant", reply.text, reply.level)
        return reply

    def _remember(self, role: str, text: str, level: str) -> None:
        self.history.append({"role": role, "content": text})
        if self.memory is not None:
            try:
                self.memory.save_turn(self.session_id, role, text, level)
            except Exception as exc:       # the conversation goes on; the UI can say memory failed
                self.memory_error = exc
