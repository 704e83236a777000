"""The chat's safety layer: every user turn is assessed, every reply is checked.

``assess(text, analysis, history)`` decides whether a turn goes into the crisis protocol of
../shared/notes/SAFETY.md. A turn is a crisis when

- the writer discloses suicidal thoughts, intent or self-harm (chat/safety_lexicon.py, read through
  the normalised views of chat/safety_text.py: leetspeak, spacing, stretched letters, slang,
  traditional characters; not when negated, past, quoted or a fixed idiom such as "kill a process");
- someone else is at risk ("my friend says she wants to die"): the protocol for a helper;
- the analyzer's triage says "imminent" (its cues are first-person, present wordings) and the
  message holds a word of risk;
- the analyzer says "high" and the message itself carries risk wording of the writer's own (one strong
  phrase such as "I just want to disappear", or two softer ones): the built-in English model rates
  many short chat lines "high" ("ok", "shoot a photo", "I'm fine thanks"), so alone it would over-block;
- the risk built up over the last WINDOW user turns reaches ESCALATION (gradual escalation);
- it asks for a method, means, dose, height or place, in any framing (fiction, "asking for a
  friend", another language): a refusal with the whole protocol;
- the learned risk score (chat/risk_model.py) reaches WARN beside a warning sign of the words (alone,
  it gets the safety question asked);
- the chat asked its safety question directly (``check_in``: warning signs without a disclosure,
  chat/safety_signs.py STRONG_SIGNS and the strong concern wordings) and the answer is yes or a
  hedge (``answers_yes``; the engine keeps track of the question).

``check_reply`` runs deterministic checks over a reply: method detail, diagnosis, diet plan,
stigma, and on crisis turns the locale's crisis line, the emergency number, an invitation to keep
talking and the statement of what the software is.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from ..chinese import simplify
from ..schema import Resources
from . import risk_model as RM
from . import safety_lexicon as L
from . import safety_requests as R
from . import safety_signs as S
from .reply_checks import DIAGNOSIS_CLAIM, DIET_PLAN, DISMISSIVE, METHOD_DETAIL, STIGMA, disclosure_ok, invitation_ok
from .safety_text import View, light, view

WINDOW = 3             # user turns in the running risk (this one and the two before)
ESCALATION = 5         # running risk that starts the protocol
CRISIS_LEVELS = ("high", "imminent")
# a computing question ("kill a process that won't die") is not a method question
_TECH = re.compile(r"\b(?:process(?:es)?|pid|kill -9|zombie|daemon|thread|linux|bash|terminal|docker|container|"
                   r"server|node|python|script|program|task manager|sigkill|sigterm|systemd|cron|vm)\b")


@dataclass
class Assessment:
    crisis: bool = False
    third_party: bool = False          # someone else is at risk; the writer is helping
    method_request: bool = False
    fiction: bool = False              # a method question framed as fiction or hypothetical
    diet_request: bool = False
    body_distress: bool = False        # body hatred or eating-disorder words with a diet request
    diagnosis_request: bool = False
    just_kidding: bool = False
    check_in: bool = False             # warning signs without a disclosure: ask the safety question
    level: str = "none"                # the analyzer's triage level
    model: float = 0.0                 # the learned risk score (chat/risk_model.py; 0 without the model)
    score: int = 0                     # this turn's own risk, 0-3 (3: explicit)
    running: int = 0                   # the sum over the last WINDOW user turns
    reasons: list[str] = field(default_factory=list)


def _any(patterns, text: str) -> bool:
    return bool(text) and any(p.search(text) for p in patterns)


def explicit_self(v: View) -> bool:
    return (_any(L.SELF_INTENT, v.own) or _any(L.SELF_INTENT_NEG, v.own_neg) or _any(L.SELF_ABOUT_ME, v.all)
            or _any(L.SELF_RECENT, v.all) or _any(S.SELF_SIGNS, v.own_neg) or _any(S.SELF_SIGNS_ALL, v.all))


def third_party(v: View) -> bool:
    return (_any(L.SELF_INTENT, v.other) or _any(L.THIRD_PARTY_BARE, v.other) or _any(L.THIRD_PARTY, v.third)
            or _any(L.THIRD_PARTY_ALL, v.all) or _any(S.THIRD_SIGNS, v.all) or _any(S.SELF_SIGNS, v.other))


def strong_signs(v: View, *, own: bool = False) -> bool:
    """Warning signs short of a disclosure ("if anything happens to me", "I want to disappear");
    ``own``: in the writer's own present words only (quotes, other people's words and negated parts
    masked: "I'm not suicidal anymore" is no sign)."""
    if own:
        return (_any(S.STRONG_SIGNS, v.own) or _any(R.CONCERN_STRONG, v.own) or _any(S.FINALITY, v.own)
                or (_any(S.TOPIC_WORDS, v.own) and _any(S.TOPIC_MARKS, v.own)))
    return (_any(S.STRONG_SIGNS, v.all) or _any(R.CONCERN_STRONG, v.own) or _any(R.CONCERN_STRONG, v.own_neg)
            or _any(S.FINALITY, v.all) or (_any(S.TOPIC_WORDS, v.own_neg) and _any(S.TOPIC_MARKS, v.own_neg)))


def lexical_score(v: View) -> int:
    """The turn's own risk from its words alone: 3 explicit, 2 strong concern, 1 some, 0 none."""
    if explicit_self(v):
        return 3
    strong = (sum(1 for p in S.STRONG_SIGNS + S.FINALITY if p.search(v.all))
              + (_any(S.TOPIC_WORDS, v.own_neg) and _any(S.TOPIC_MARKS, v.own_neg))
              + (_any(R.CONCERN_STRONG, v.own) or _any(R.CONCERN_STRONG, v.own_neg)))
    if strong >= 2:                     # two warning signs together ("picked a date", "in order by then")
        return 3
    if strong_signs(v):
        return 2
    hits = sum(1 for p in R.CONCERN for _ in p.finditer(v.own)) + _any(L.PAST, v.past)
    return min(2, hits)


def answers_yes(text: str) -> bool:
    """Whether a message answers the chat's direct safety question with yes (or a hedge: "kind of")."""
    return _any(R.CHECK_IN_YES, light(text).strip())


def answers_no(text: str) -> bool:
    return not answers_yes(text) and _any(R.CHECK_IN_NO, light(text).strip())


def _model_score(v: View) -> float:
    m = RM.default_model()
    return m.score_seen(v.all) if m is not None else 0.0


def assess(text: str, analysis=None, history: Sequence[dict] = (), *,
           prior_scores: Sequence[int] | None = None, model: float | None = None) -> Assessment:
    """How risky this turn is and what it asks for. ``analysis``: the analyzer's Result for
    ``text`` (None: words only). ``history``: the conversation so far ([{"role", "content"}], not
    holding this turn); ``prior_scores``: the earlier user turns' scores when the caller kept them
    (else they are worked out from the history's words). ``model``: the learned risk score of
    ``text`` when the caller has it (None: chat/risk_model.py's built-in model scores it)."""
    v = view(text)
    a = Assessment(level=getattr(getattr(analysis, "triage", None), "level", None) or "none")
    if prior_scores is None:
        prior_scores = [lexical_score(view(h["content"])) for h in history if h.get("role") == "user"]
    lex = lexical_score(v)
    a.model = _model_score(v) if model is None else model
    sign = a.model >= RM.WARN                # the learned score's warning sign: this turn only
    # beside a warning sign in the writer's own words (not a quote, not two soft words): a crisis
    words = 3 if lex == 2 and sign and strong_signs(v, own=True) else lex
    # the running risk adds the message's own words (and the analyzer's level) only
    a.score = words if words in (0, 3) else min(3, words + (a.level in CRISIS_LEVELS))
    a.running = a.score + sum(list(prior_scores)[-(WINDOW - 1):])
    a.method_request = (_any(R.METHOD, v.all) or _any(S.METHOD_MORE, v.all)) and not (
        _TECH.search(v.all) and not explicit_self(v))
    a.fiction = a.method_request and _any(R.FICTION, v.all)
    a.third_party = lex < 3 and third_party(v)
    a.diet_request = _any(R.DIET, v.all)
    a.body_distress = a.diet_request and _any(R.BODY_HATRED, v.all)
    a.diagnosis_request = _any(R.DIAGNOSIS, v.all)
    if lex == 3:
        a.reasons.append("disclosure")
    elif words == 3:
        a.reasons.append("warning_signs+risk_model")
    elif a.score == 3:
        a.reasons.append(f"analyzer_{a.level}+concern")
    if a.third_party:
        a.reasons.append("third_party")
    # the analyzer's imminent level needs a word of risk in the message: the built-in English model
    # reads short plans ("I'll call my mum tonight") as imminent (a benign conversation set showed it)
    if a.level == "imminent" and (words >= 1 or _any(S.TOPIC_WORDS, v.own_neg)):
        a.reasons.append("analyzer_imminent")
    if a.score >= 1 and a.running >= ESCALATION:
        a.reasons.append("escalation")
    if a.method_request:
        a.reasons.append("method_request")
    a.crisis = bool(a.reasons)
    a.check_in = not a.crisis and ((words == 2 and strong_signs(v)) or (
        sign and not (a.diet_request or a.diagnosis_request)))
    a.just_kidding = not a.crisis and _any(R.JUST_KIDDING, light(text).strip())
    if a.diet_request:
        a.reasons.append("diet_request")
    if a.diagnosis_request:
        a.reasons.append("diagnosis_request")
    return a


# -- replies ------------------------------------------------------------------------------------

_NUMBER = re.compile(r"\d+")


def _numbers_in(needle: str, text: str) -> bool:
    """Whether every number of ``needle`` (a contact, "999 or 112") is in ``text`` as written
    there ("116 123" may be split by one space)."""
    flat = re.sub(r"(?<=\d)[ \u00a0-](?=\d)", "", text)
    return all(n in flat for n in _NUMBER.findall(re.sub(r"(?<=\d)[ -](?=\d)", "", needle))) and \
        bool(_NUMBER.findall(needle))


_GENERIC_LINE = re.compile(r"crisis line|helpline|crisis service|危机热线|热线|危機熱線")
_GENERIC_EMERGENCY = re.compile(r"emergency services|emergency number|紧急服务|紧急电话|緊急服務|緊急電話")


def check_reply(text: str, *, crisis: bool, lang: str = "en", resources: Resources | None = None) -> list[str]:
    """Problem ids of a reply (empty: it may be shown). Always: "method_detail", "diagnosis",
    "diet_plan", "stigma", "dismissive". On crisis turns also "missing_crisis_line", "missing_emergency" (the
    locale's, from ``resources``; without a regional list, advice to contact local emergency
    services and a local crisis line), "missing_invitation", "missing_disclosure"."""
    low = simplify(light(text))
    problems = []
    for pid, pats in (("method_detail", METHOD_DETAIL), ("diagnosis", DIAGNOSIS_CLAIM), ("diet_plan", DIET_PLAN),
                      ("stigma", STIGMA), ("dismissive", DISMISSIVE)):
        if _any(pats, low):
            problems.append(pid)
    if crisis:
        lines = list(resources.crisis_lines) if resources is not None else []
        if lines:
            if not all(_numbers_in(x.contact, text) for x in lines):
                problems.append("missing_crisis_line")
        elif not _GENERIC_LINE.search(low):
            problems.append("missing_crisis_line")
        emergency = resources.emergency if resources is not None else None
        if (emergency and not _numbers_in(emergency, text)) or (not emergency and not _GENERIC_EMERGENCY.search(low)):
            problems.append("missing_emergency")
        if not invitation_ok(low):
            problems.append("missing_invitation")
        if not disclosure_ok(low):
            problems.append("missing_disclosure")
    return problems
