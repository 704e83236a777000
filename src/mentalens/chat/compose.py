"""Putting the chat's replies together from content/*.yaml (chat/engine.py).

Numbers come only from the Resources given (triage/resources.yaml); the content files hold none.
Texts are built in simplified Chinese or English; the engine converts the script last.
"""
from __future__ import annotations

import re

from ..schema import Resources
from . import texts

_LABELS = {"en": ("Crisis lines", "Emergency", "; ", " ({})", ". "),
           "zh": ("危机热线", "紧急电话", "；", "（{}）", "。")}


def resources_locale(locale: str | None, lang: str, variant: str = "") -> str:
    """The locale whose resources fit a reply in ``lang``: the session locale's territory, worded
    in the reply's language (en_US + a Chinese message -> zh_US: the US numbers, in Chinese)."""
    from ..triage import territory

    terr = territory(locale)
    if lang == "zh":
        script = "zh_Hant" if variant.startswith("zh-Hant") else "zh_Hans"
        return f"{script}_{terr}" if terr else script
    return f"en_{terr}" if terr else "en"


def lines_text(res: Resources, lang: str) -> str:
    _, _, sep, paren, _ = _LABELS[lang]
    return sep.join(x.name + paren.format(x.contact) if x.name not in x.contact else x.contact
                    for x in res.crisis_lines)


def resources_text(res: Resources, lang: str) -> str:
    """The resources as the UI keeps them on screen: every crisis line and the emergency number,
    or (no regional list) the advice to contact local emergency services and a crisis line."""
    if not res.crisis_lines:
        return texts.replies(lang)["crisis"]["resources_generic"].strip()
    lines_label, emergency_label, _, _, stop = _LABELS[lang]
    colon = "：" if lang == "zh" else ": "
    return f"{lines_label}{colon}{lines_text(res, lang)}{stop}{emergency_label}{colon}{res.emergency}{stop}".strip()


def crisis_text(lang: str, turn: int, res: Resources, *, third_party: bool = False, method: bool = False,
                fiction: bool = False) -> str:
    """The crisis protocol's reply (SAFETY.md): care, a safety question, the resources, someone to
    reach (or how to help a friend), something to do now, hope, an invitation, the disclosure."""
    r = texts.replies(lang)
    c = r["crisis"]
    sp = "" if lang == "zh" else " "
    listed = bool(res.crisis_lines)
    fill = dict(lines=lines_text(res, lang), emergency=res.emergency) if listed else {}
    parts: list[str] = []
    if third_party:
        parts += [texts.pick(c["care_third_party"], turn), c["safety_question_third_party"],
                  (c["resources_listed_third_party"] if listed else c["resources_generic_third_party"]).format(**fill),
                  c["support_third_party"], c["hope"]]
    else:
        if method:
            parts.append(texts.pick(r["refuse_method"], turn) + (sp + r["refuse_method_fiction"] if fiction else ""))
        parts += [texts.pick(c["care"], turn) if not method else "", c["safety_question"],
                  (c["resources_listed"] if listed else c["resources_generic"]).format(**fill),
                  c["reach_someone"], c["do_now"], c["hope"]]
    parts += [c["invitation"], r["disclosure"]]
    return "\n\n".join(p.strip() for p in _paragraphs(parts, sp) if p.strip())


def _paragraphs(parts: list[str], sp: str) -> list[str]:
    """Short parts joined into a few paragraphs: the message, the resources, what to do, the close."""
    parts = [p.strip() for p in parts if p and p.strip()]
    if len(parts) < 4:
        return parts
    return [sp.join(parts[:2]), parts[2], sp.join(parts[3:-2]), sp.join(parts[-2:])]


def _feeling(text: str, lang: str) -> str | None:
    from ..chinese import simplify

    low = simplify(text.lower())
    for f in texts.replies(lang).get("feelings", []):
        if re.search(f["pattern"], low):
            return f["name"]
    return None


_GREETING = re.compile(r"^\W*(?:hi+|hello+|hey+|hiya|yo|good (?:morning|afternoon|evening)|hello there|hi there"
                       r"|hey there|你好|您好|嗨|哈喽|早上好|晚上好|在吗)\W*$", re.IGNORECASE)


def listen_text(text: str, lang: str, turn: int) -> str:
    r = texts.replies(lang)
    if _GREETING.match(text.strip()):
        return texts.pick(r["greeting"], turn)
    feeling = _feeling(text, lang)
    reflect = (texts.pick(r["reflect_feeling"], turn).format(feeling=feeling) if feeling
               else texts.pick(r["reflect"], turn))
    sp = "" if lang == "zh" else " "
    return reflect + sp + texts.pick(r["questions"], turn)


def skill_for(text: str, lang: str, recent: list[str]) -> str | None:
    """The skill a message suggests (content/skills.*.yaml triggers), not one offered just before."""
    from ..chinese import simplify

    low = simplify(text.lower())
    for sid, pat in texts.skill_triggers(lang):
        if pat.search(low) and sid not in recent:
            return sid
    return None


def skill_text(text: str, lang: str, skill: str, turn: int) -> str:
    r = texts.replies(lang)
    s = texts.skills(lang)[skill]
    feeling = _feeling(text, lang)
    sp = "" if lang == "zh" else " "
    head = texts.pick(r["reflect_feeling"], turn).format(feeling=feeling) if feeling else texts.pick(r["reflect"], turn)
    steps = "\n".join(f"{i}. {step}" for i, step in enumerate(s["steps"], 1))
    return f"{head}{sp}{r['skill_offer'].format(title=s['title'])}{sp}{s['intro']}\n\n{steps}\n\n{r['skill_footer']}"
