"""The offline supportive chat (issue 7): a dialogue engine that listens, reflects, asks open
questions and offers self-help skills, in English and Chinese, with the crisis protocol of
../shared/notes/SAFETY.md on every turn.

    from mentalens.chat import ChatSession
    s = ChatSession(locale="en_US")
    s.opening().text
    reply = s.respond("I can't sleep and everything feels pointless")
    reply.kind, reply.crisis, reply.resources_text

Pieces: engine.py (ChatSession, Reply), safety.py (assess, check_reply; the detectors in
safety_lexicon.py, safety_requests.py, reply_checks.py over the views of safety_text.py),
compose.py and texts.py (the words, from content/*.yaml), memory.py (kept conversations, opt-in).
"""
from __future__ import annotations

from .engine import KINDS, ChatSession, Reply
from .safety import Assessment, assess, check_reply

__all__ = ["KINDS", "Assessment", "ChatSession", "Reply", "assess", "check_reply"]
