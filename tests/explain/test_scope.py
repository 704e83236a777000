"""Scopes (explain/scope.py): hand-written English sentences for every kind, the pseudo-cues that
must not open a scope, offsets into the original string, a bad rule file, and speed."""
from __future__ import annotations

import time

import pytest

from mentalens.errors import MentalensError
from mentalens.explain.scope import KINDS, Scope, load_rules, scopes, view


def kinds_over(text: str, phrase: str) -> set[str]:
    """The kinds of scope that cover ``phrase`` (its first occurrence) without the cue being in it."""
    i = text.index(phrase)
    j = i + len(phrase)
    return {s.kind for s in scopes(text) if s.start < j and i < s.end
            and (s.kind == "idiom" or not (i <= s.cue_start and s.cue_end <= j))}


@pytest.mark.parametrize("text, phrase, kind", [
    # negation, NegEx-style, to the end of the clause
    ("I'm not suicidal anymore", "suicidal", "negated"),
    ("I don't want to die", "want to die", "negated"),
    ("I no longer feel hopeless", "hopeless", "negated"),
    ("I never felt worthless in my life", "worthless", "negated"),
    ("There are no suicidal thoughts these days", "suicidal thoughts", "negated"),
    ("I cant say I'm depressed", "depressed", "negated"),
    ("I have not hurt myself since june", "hurt myself", "negated"),
    ("I went a whole month without self harm", "self harm", "negated"),
    ("my suicidal thoughts are gone", "suicidal thoughts", "negated"),
    ("the urge to self harm went away last week", "self harm", "negated"),
    ("six months self-harm free today", "self-harm", "negated"),
    ("I’m not depressed", "depressed", "negated"),                      # curly apostrophe
    # hypothetical
    ("If I fail this exam my parents will kill me", "fail this exam", "hypothetical"),
    ("what if I just disappeared one day", "disappeared", "hypothetical"),
    ("Imagine feeling this empty every day", "feeling this empty", "hypothetical"),
    ("keep the number in case I ever feel suicidal", "feel suicidal", "hypothetical"),
    ("Is it normal to feel empty all the time?", "feel empty", "hypothetical"),
    ("How do you know if you are depressed?", "depressed", "hypothetical"),
    ("would I even be missed", "be missed", "hypothetical"),
    ("even if I wanted to die I would never tell anyone", "wanted to die", "hypothetical"),
    # past: habitual or dated, up to a contrast or a return to the present
    ("I used to cut but I've been clean for a year", "cut", "past"),
    ("I used to be suicidal, now I'm doing better", "suicidal", "past"),
    ("When I was 15, I wanted to die.", "wanted to die", "past"),
    ("when I was in high school I hated myself", "hated myself", "past"),
    ("Two years ago I tried to kill myself", "tried to kill myself", "past"),
    ("I was suicidal a few years ago but therapy helped", "suicidal", "past"),
    ("Back then I felt worthless every day", "felt worthless", "past"),
    ("As a teenager I self harmed a lot", "self harmed", "past"),
    ("I was suicidal in high school", "suicidal", "past"),
    ("last winter I didn't want to live", "want to live", "past"),
    ("me at 15: i want to die", "want to die", "past"),
    ("I once planned to end my life", "end my life", "past"),
    # someone else
    ("my friend said she wants to die", "wants to die", "other_person"),
    ("My brother is depressed and I feel helpless", "is depressed", "other_person"),
    ("He told me he wants to kill himself", "wants to kill himself", "other_person"),
    ("I think my girlfriend is suicidal", "is suicidal", "other_person"),
    ("Someone in my class cuts herself", "cuts herself", "other_person"),
    ("She keeps saying nobody would miss her.", "nobody would miss her", "other_person"),
    # quoted: quotes, lyrics, titles, words put to the writer by others
    ('the song goes "I want to die" and I love it', "I want to die", "quoted"),
    ("my favourite line is “I’m so tired of living”", "tired of living", "quoted"),
    ("she wrote 'I can't do this anymore' and left", "do this anymore", "quoted"),
    ("lyrics: I'm nothing, I'm nobody, just let me go", "I'm nothing", "quoted"),
    ("♪ I don't wanna live forever ♪", "wanna live forever", "quoted"),
    ("Have you read the book called Everything Is Pointless?", "Everything Is Pointless", "quoted"),
    ("kids at school told me to kill myself", "kill myself", "quoted"),
    # idioms and jokes
    ("this exam is killing me", "killing me", "idiom"),
    ("I'm dying to see the new movie", "dying to", "idiom"),
    ("how do I kill a python process", "kill a python process", "idiom"),
    ("time to kill the lights and sleep", "kill the lights", "idiom"),
    ("that cake was to die for", "to die for", "idiom"),
    ("I'm dead tired after work", "dead", "idiom"),
    ("I could die of embarrassment", "die of embarrassment", "idiom"),
    ("I was bored to death in that meeting", "bored to death", "idiom"),
    ("she absolutely killed it on stage", "killed it", "idiom"),
    ("I want to die lol that was so awkward", "want to die", "idiom"),
    ("I'm dead 😂", "dead", "idiom"),
    ("lmao I'm going to kms if this meeting goes on", "kms", "idiom"),
])
def test_scope_kind(text, phrase, kind):
    assert kind in kinds_over(text, phrase), (text, scopes(text))


@pytest.mark.parametrize("text, phrase, kind", [
    # symptom-bearing negatives and pseudo-negations are no negation of what follows
    ("nobody cares about me", "cares about me", "negated"),
    ("no one would even notice if I was gone", "notice", "negated"),
    ("I feel nothing at all", "feel", "negated"),
    ("I can't stop crying", "crying", "negated"),
    ("no doubt I feel worthless", "worthless", "negated"),
    ("I don't know why I want to die", "want to die", "negated"),
    ("not only am I tired, I feel hopeless", "hopeless", "negated"),
    ("I'm not suicidal but I want to die", "want to die", "negated"),
    ("I'm not suicidal, I just want to sleep forever", "sleep forever", "negated"),
    ("I've never felt so alone", "alone", "negated"),
    ("If I didn't have my cat I'd kill myself", "kill myself", "negated"),
    # an "if" clause ends where the main clause starts
    ("If I fail this I'll kill myself", "kill myself", "hypothetical"),
    ("if she leaves me then I want to die", "want to die", "hypothetical"),
    ("as if I wasn't already depressed", "depressed", "hypothetical"),
    ("I'm afraid I might hurt myself tonight", "hurt myself", "hypothetical"),
    # ongoing states are present, however they are narrated
    ("I've been feeling empty for months", "empty", "past"),
    ("I have felt hopeless since I was 15", "hopeless", "past"),
    ("In the past few weeks I've wanted to die", "wanted to die", "past"),
    ("I got used to feeling worthless", "feeling worthless", "past"),
    ("I used to be happy, now I just want to die", "want to die", "past"),
    ("I was so sad yesterday", "sad", "past"),
    ("I'm in college and I want to die", "want to die", "past"),
    ("since last year I've felt worthless", "worthless", "past"),
    # the writer's own clauses around someone else's
    ("My friend is struggling and I feel helpless", "feel helpless", "other_person"),
    ("my brother is depressed, and I want to die too", "want to die", "other_person"),
    ("I miss my mom so much I want to die", "want to die", "other_person"),
    ("I told her I want to die", "want to die", "other_person"),
    ('I told her "I want to die"', "I want to die", "quoted"),
    # the literal reading stays literal
    ("I want to die", "want to die", "idiom"),
    ("I want to kill myself", "kill myself", "idiom"),
    ("I want to die. lol at me thinking it gets better", "want to die", "idiom"),
    ("lol I'm not joking, I want to die", "want to die", "idiom"),
    ("I feel dead inside", "dead inside", "idiom"),
    # apostrophes are not quote marks
    ("I can't sleep, it's 'cause I'm scared I'll die", "die", "quoted"),
    ("my friends' house is where I don't want to live", "want to live", "quoted"),
])
def test_not_scoped(text, phrase, kind):
    assert kind not in kinds_over(text, phrase), (text, scopes(text))


def test_no_scopes_in_plain_first_person_text():
    for text in ["I want to kill myself", "I feel worthless and I can't sleep", "Everything is pointless.",
                 "I've been feeling empty for months", "i hate myself so much"]:
        assert not [s for s in scopes(text) if s.kind != "negated"], text


def test_fixed_idioms_and_jokes_are_told_apart():
    """A fixed idiom's scope is its cue; a joke marker's scope is its sentence (users of scopes,
    such as the lens view, can treat the two differently)."""
    (idiom,) = scopes("this exam is killing me")
    assert (idiom.start, idiom.end) == (idiom.cue_start, idiom.cue_end)
    text = "I want to die lol. Anyway"
    (joke,) = scopes(text)
    assert joke.start == 0 and joke.start < joke.cue_start < joke.cue_end <= joke.end
    assert text[joke.cue_start:joke.cue_end] == "lol" and text[joke.start:joke.end] == "I want to die lol"


def test_scope_fields_and_order():
    text = "I don't want to die, but my friend said she wants to die lol"
    got = scopes(text)
    assert got == sorted(got, key=lambda s: (s.start, s.end, s.kind, s.cue_start))
    for s in got:
        assert isinstance(s, Scope) and s.kind in KINDS
        assert 0 <= s.start < s.end <= len(text) and 0 <= s.cue_start < s.cue_end <= len(text)
        assert text[s.start:s.end].strip() == text[s.start:s.end]      # trimmed
    neg = [s for s in got if s.kind == "negated"]
    assert text[neg[0].cue_start:neg[0].cue_end] == "don't" and text[neg[0].start:neg[0].end] == "want to die"


def test_original_string_is_indexed():
    # "İ" lower-cases to two characters; offsets must still index the original string
    text = "İSTANBUL: ＩＴ'S OK. I don’t want to die 😂🤣 — my friend said she wants to die"
    assert len(view(text)) == len(text)
    for s in scopes(text):
        assert 0 <= s.start < s.end <= len(text)
    neg = [s for s in scopes(text) if s.kind == "negated"]
    assert text[neg[0].start:neg[0].end].startswith("want to die")


def test_empty_and_odd_inputs():
    for text in ["", " ", "\n\n", "?!", "\ud800 not \udfff", "not", "if", '"', '""', "♪", "lol"]:
        for s in scopes(text):
            assert 0 <= s.start < s.end <= len(text)


def test_bad_rule_file_is_a_clear_error(tmp_path):
    good = (load_rules.__globals__["SCOPES_FILE"]).read_text(encoding="utf-8")
    cases = {
        "unknown boundary": good.replace("ends: [sentence, clause]", "ends: [sentence, clauses]", 1),
        "bad regex": good.replace("      - no longer\n", "      - no (longer\n", 1),
        "unknown macro": good.replace("      - \"{nt}\"\n", "      - \"{nope}\"\n", 1),
        "unknown key": good.replace("version: 1\n", "version: 1\ncolour: blue\n", 1),
        "not yaml": "rules: [",
    }
    for what, body in cases.items():
        assert body != good or what == "not yaml", what
        path = tmp_path / f"{what.replace(' ', '_')}.yaml"
        path.write_text(body, encoding="utf-8")
        with pytest.raises(MentalensError) as err:
            load_rules(path)
        msg = str(err.value)
        assert path.name in msg and "how to fix" in msg, msg
    with pytest.raises(MentalensError, match="clauses"):
        load_rules(tmp_path / "unknown_boundary.yaml")
    with pytest.raises(MentalensError, match="rule 'negation'.*no \\(longer"):
        load_rules(tmp_path / "bad_regex.yaml")
    with pytest.raises(MentalensError, match="nope"):
        load_rules(tmp_path / "unknown_macro.yaml")


def test_packaged_rules_load_and_are_cached():
    assert load_rules() is load_rules()
    assert load_rules().version >= 1


def test_speed_report(post500):
    """Reported, not tightly asserted: 10,000 calls on a 500-character post."""
    scopes(post500)
    n = 10_000
    t0 = time.perf_counter()
    for _ in range(n):
        scopes(post500)
    per = (time.perf_counter() - t0) / n * 1e3
    print(f"\nscopes(): {per:.3f} ms per 500-character post (mean of {n:,} calls)")
    assert per < 5.0


@pytest.mark.parametrize("text", ["😂" * 20000, "not if my friend said lol " * 2000, '"' * 20000, " " * 50000,
                                  "I want to die lol " * 3000, "\n \n" * 10000, "a" * 50000])
def test_long_and_repetitive_inputs_stay_linear(text):
    """No scope is longer than MAX_SCOPE_CHARS, so time grows with the text, not its square."""
    from mentalens.explain.scope import MAX_SCOPE_CHARS

    t0 = time.perf_counter()
    got = scopes(text)
    assert time.perf_counter() - t0 < 3.0
    assert all(s.end - s.start <= MAX_SCOPE_CHARS + 60 for s in got)
