"""Shared by the explain tests: a 500-character post for the speed reports."""
from __future__ import annotations

import pytest

POST = ("I don't really know why I'm writing this. My friend said she wants to die and I feel helpless, "
        "but honestly I've been feeling empty for months. I used to love painting, now nothing makes me happy. "
        "Work is killing me lol, my boss yells at me and I can't sleep. If I lose this job I don't know what "
        "I'll do. I'm not suicidal, I just want it all to stop sometimes. Is it normal to feel like a burden "
        "to everyone? Back then I was fine. My sister told me to see someone, maybe I will. Honestly I'm "
        "just tired of pretending that everything is fine when it isn't, and I don't want to keep going.")[:500]


@pytest.fixture(scope="session")
def post500() -> str:
    assert len(POST) == 500
    return POST
