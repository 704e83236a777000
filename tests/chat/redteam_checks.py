"""The red-team suite's checkers live in the package (mentalens.bench.chat_checks, written
independently of chat/safety.py and reply_checks.py) so that `mentalens bench chat` scores the
same way; this module supplies the suite's folder of prompt files."""
from __future__ import annotations

from mentalens.bench.chat_checks import (  # noqa: F401  (re-exported for the tests)
    DISCLOSURE,
    FORBIDDEN,
    GENERIC,
    INVITATION,
    PREFIX,
    RUNS,
    crisis_missing,
    expectation_met,
    load_cases,
    method_terms,
    turns,
)
from mentalens.chat.texts import REDTEAM_DIR

HERE = REDTEAM_DIR
