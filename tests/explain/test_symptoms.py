"""Symptoms and constructs (explain/symptoms.py): every entry found in a plain first-person
sentence, statuses from scopes, task filtering, the lexicon loader, safety of the lexicon, speed."""
from __future__ import annotations

import re
import time

import pytest
import yaml

from mentalens.errors import MentalensError, UnknownNameError
from mentalens.explain.symptoms import (SYMPTOMS_FILE, Mention, find_symptoms, load_lexicon, supports,
                                        symptom_ids, symptom_info)
from mentalens.schema import Symptom
from mentalens.tasks import get_task


def statuses(text: str, symptom: str) -> list[str]:
    return [m.status for m in find_symptoms(text) if m.symptom == symptom]


# One plain first-person sentence per entry: each must be found there as present.
FIRST_PERSON = {
    "phq9.anhedonia": "I don't enjoy anything anymore, not even music.",
    "phq9.depressed_mood": "I feel so empty and sad all the time.",
    "phq9.sleep": "I can't sleep, I lie awake every night.",
    "phq9.fatigue": "I'm exhausted and I have no energy for anything.",
    "phq9.appetite": "I have no appetite and I keep skipping meals.",
    "phq9.worthlessness": "I feel worthless and I hate myself.",
    "phq9.concentration": "I can't concentrate on anything at work.",
    "phq9.psychomotor": "I'm so restless I can't sit still.",
    "phq9.death_thoughts": "I keep thinking about death.",
    "cssrs.wish_dead": "I wish I was dead.",
    "cssrs.ideation": "I want to kill myself.",
    "cssrs.ideation_method": "I have been looking up ways to end my life.",
    "cssrs.ideation_intent": "I'm going to end it tonight.",
    "cssrs.ideation_plan": "I have a plan to end my life.",
    "cssrs.preparatory": "I wrote a note for my family and gave away my things.",
    "cssrs.past_attempt": "I tried to kill myself last year.",
    "cssrs.self_harm": "I hurt myself again last night.",
    "warning.hopelessness": "Everything feels hopeless, nothing will ever get better.",
    "warning.trapped": "I feel trapped and I see no way out.",
    "warning.unbearable_pain": "I can't take it anymore, the pain is unbearable.",
    "warning.withdrawal": "I've been isolating myself and I stopped talking to my friends.",
    "warning.goodbye": "This is my last post. Goodbye everyone.",
    "irf.belongingness": "I'm so lonely, nobody cares about me.",
    "irf.burdensomeness": "I'm a burden to everyone, they'd be better off without me.",
    "stressor.school": "My exams are next week and I'm failing my classes.",
    "stressor.financial": "I can't afford rent and my debt keeps growing.",
    "stressor.family": "My parents are getting a divorce.",
    "stressor.social": "My girlfriend broke up with me.",
    "stressor.work": "My boss is awful and the workload at work is insane.",
    "stressor.health": "I was diagnosed with a chronic illness.",
    "stressor.emotional": "I'm so anxious and overwhelmed.",
    "stressor.decision": "I can't decide whether I should move or stay.",
    "stressor.other": "I'm in legal trouble and have to go to court.",
    "stressor.bias_abuse": "I was bullied at school and my dad yells at me.",
    "stressor.medication": "The side effects of my new medication are awful.",
    "stressor.alienation": "My life feels meaningless and I have no purpose.",
    "wellness.spiritual": "I pray every morning and my faith keeps me going.",
    "wellness.physical": "I started going to the gym and eating healthy.",
    "wellness.intellectual": "I love learning and reading books.",
    "wellness.social": "I spent time with my friends and family.",
    "wellness.vocational": "I got a promotion at my job.",
    "wellness.emotional": "I'm learning to cope with my emotions.",
}


def test_every_entry_has_a_first_person_sentence():
    assert set(FIRST_PERSON) == set(symptom_ids())


@pytest.mark.parametrize("symptom, text", sorted(FIRST_PERSON.items()))
def test_entry_found_as_present(symptom, text):
    assert "present" in statuses(text, symptom), (text, find_symptoms(text))


def test_every_family_is_covered():
    fams = {s.split(".")[0] for s in symptom_ids()}
    assert fams == {"phq9", "cssrs", "warning", "irf", "stressor", "wellness"}
    assert len([s for s in symptom_ids() if s.startswith("phq9.")]) == 9
    assert {s for s in symptom_ids() if s.startswith("stressor.")} >= {
        "stressor.school", "stressor.financial", "stressor.family", "stressor.social", "stressor.work",
        "stressor.health", "stressor.emotional", "stressor.decision", "stressor.other",
        "stressor.bias_abuse", "stressor.medication", "stressor.alienation"}


@pytest.mark.parametrize("text, symptom, status", [
    # symptom-bearing negatives are the writer's symptom
    ("nobody cares about me", "irf.belongingness", "present"),
    ("no one would even notice if I was gone", "irf.belongingness", "present"),
    ("I can't stop crying", "phq9.depressed_mood", "present"),
    ("I'm not sleeping", "phq9.sleep", "present"),
    ("there's no reason to live", "cssrs.wish_dead", "present"),
    ("I'm not okay", "phq9.depressed_mood", "present"),
    ("I don't want to live anymore", "cssrs.wish_dead", "present"),
    ("I don't enjoy anything anymore", "phq9.anhedonia", "present"),
    ("I can't sleep and I feel worthless", "phq9.worthlessness", "present"),
    ("I don't know why I want to die", "cssrs.wish_dead", "present"),
    ("I'm not suicidal but I want to die", "cssrs.wish_dead", "present"),
    ("I've never felt so alone", "irf.belongingness", "present"),
    ("I haven't felt this hopeless in years", "warning.hopelessness", "present"),
    ("Not a day goes by that I don't think about killing myself", "cssrs.ideation", "present"),
    ("Her: are you ok? Me: no I want to die", "cssrs.wish_dead", "present"),
    ("I don't think I can go on", "warning.unbearable_pain", "present"),
    ("It's not like anyone would miss me", "irf.belongingness", "present"),
    ("i really dont want to die i just want all of it to stop", "cssrs.wish_dead", "present"),
    ("Honestly I wouldn't mind if I never woke up", "cssrs.wish_dead", "present"),
    ("Sometimes I wish I'd never been born", "cssrs.wish_dead", "present"),
    ("I'm such a burden, I'll end my life so they can finally be free of me", "cssrs.ideation_intent", "present"),
    ("Nobody will notice I'm gone. Goodbye", "warning.goodbye", "present"),
    # negation
    ("I'm not suicidal anymore", "cssrs.ideation", "negated"),
    ("I don't want to die", "cssrs.wish_dead", "negated"),
    ("I no longer feel hopeless", "warning.hopelessness", "negated"),
    ("I'm not depressed, just tired", "phq9.depressed_mood", "negated"),
    ("I haven't self harmed in six months", "cssrs.self_harm", "negated"),
    ("my suicidal thoughts are gone", "cssrs.ideation", "negated"),
    ("a whole year self-harm free", "cssrs.self_harm", "negated"),
    ("I never said I was a burden", "irf.burdensomeness", "negated"),
    ("No I don't want to die", "cssrs.wish_dead", "negated"),
    ("I don't think I'm depressed", "phq9.depressed_mood", "negated"),
    ("I'm not stressed about anything", "stressor.emotional", "negated"),
    # stressors and wellness dimensions are topics: negation and conditions do not remove them
    ("I don't have a job", "stressor.work", "present"),
    ("If I fail my exams my parents will be furious", "stressor.school", "present"),
    ("I never exercise", "wellness.physical", "present"),
    # hypothetical
    ("Is it normal to feel empty all the time?", "phq9.depressed_mood", "hypothetical"),
    ("If I ever feel suicidal I will call the helpline", "cssrs.ideation", "hypothetical"),
    ("what if I'm just a burden to them", "irf.burdensomeness", "hypothetical"),
    # conditional threats stay present: the main clause is the writer's
    ("If I fail this exam I'll kill myself", "cssrs.ideation", "present"),
    ("If I lose my job I'm done", "warning.hopelessness", "present"),
    ("If I lose my job I'm done", "stressor.work", "present"),
    ("I'm afraid I might hurt myself", "cssrs.self_harm", "present"),
    # past
    ("I used to hurt myself but I've been clean for a year", "cssrs.self_harm", "past"),
    ("When I was 15 I wanted to die", "cssrs.wish_dead", "past"),
    ("Back then I felt worthless all the time.", "phq9.worthlessness", "past"),
    ("I was suicidal two years ago, now I'm doing better", "cssrs.ideation", "past"),
    ("I've been feeling empty for months", "phq9.depressed_mood", "present"),
    ("I used to be happy, now I just want to die", "cssrs.wish_dead", "present"),
    # a past attempt is history by definition
    ("I tried to kill myself two years ago", "cssrs.past_attempt", "present"),
    ("When I was 16 I attempted suicide", "cssrs.past_attempt", "present"),
    # someone else, and the writer's own clause beside it
    ("my friend said she wants to die", "cssrs.wish_dead", "other_person"),
    ("My brother is depressed and I feel hopeless", "phq9.depressed_mood", "other_person"),
    ("My brother is depressed and I feel hopeless", "warning.hopelessness", "present"),
    ("My friend is struggling and I feel helpless", "warning.hopelessness", "present"),
    ("He told me he wants to kill himself", "cssrs.ideation", "other_person"),
    ("I think my girlfriend is suicidal", "cssrs.ideation", "other_person"),
    ("my parents think I'm a burden", "irf.burdensomeness", "present"),
    ("my mom makes me feel worthless", "phq9.worthlessness", "present"),
    ("I miss my mom so much I want to die", "cssrs.wish_dead", "present"),
    ("people keep telling me to kill myself", "cssrs.ideation", "other_person"),
    ("someone told me to kys", "cssrs.ideation", "other_person"),
    # quotes and lyrics are someone else's words
    ('the song goes "I want to die" and it is stuck in my head', "cssrs.wish_dead", "other_person"),
    ("lyrics: I'm so lonely, nobody cares", "irf.belongingness", "other_person"),
    ("my daughter wrote 'I hate myself' on her arm", "phq9.worthlessness", "other_person"),
    ("the opening line 'I'm tired of living' gives me chills", "cssrs.wish_dead", "other_person"),
    ('I told her "I want to die"', "cssrs.wish_dead", "present"),
    # jokes
    ("I want to die lol that was so embarrassing", "cssrs.wish_dead", "hypothetical"),
    ("lol I'm not joking, I want to die", "cssrs.wish_dead", "present"),
    ("I want to kill myself", "cssrs.ideation", "present"),
])
def test_status(text, symptom, status):
    assert status in statuses(text, symptom), (text, find_symptoms(text))


@pytest.mark.parametrize("text", [
    "this exam is killing me", "this traffic is killing me", "my feet are killing me",
    "I'm dying to see the new movie", "how do I kill a python process", "kill -9 the server",
    "that cake was to die for", "I could die of embarrassment", "I want to die of embarrassment",
    "bored to death in this lecture", "she killed it on stage", "killing time before my shift",
    "the suicide squad movie was fun", "that would be career suicide", "I'd kill for a coffee",
])
def test_idioms_yield_no_present_risk_mention(text):
    risky = [m for m in find_symptoms(text) if symptom_info(m.symptom).risk and m.status == "present"]
    assert not risky, (text, risky)


@pytest.mark.parametrize("text", [
    "I killed the boss in the final level", "My phone is dead again", "The plant died while I was away",
    "Suicide rates are rising, we need better prevention", "How do I end a for loop in python",
    "I want to end my subscription", "I'm going to end it with my boyfriend tonight",
    "I'm thinking of ending things with him", "I have a plan for the weekend", "My plan for tonight is to study",
    "I gave away my old clothes to charity", "I need to set a date for the wedding",
    "I hurt myself playing football", "I accidentally hurt myself cooking", "My attempt at baking bread failed",
    "I'm dead serious about this", "I'd rather die than eat pineapple pizza", "I'm done with my homework.",
])
def test_ordinary_sentences_yield_no_present_risk_mention(text):
    risky = [m for m in find_symptoms(text) if symptom_info(m.symptom).risk and m.status == "present"]
    assert not risky, (text, risky)


def test_literal_and_idiom_in_one_post():
    text = "Work is killing me. I want to kill myself."
    got = [(m.symptom, m.text, m.status) for m in find_symptoms(text) if m.symptom == "cssrs.ideation"]
    assert got == [("cssrs.ideation", "kill myself", "present")]


def test_dead_tired_is_still_fatigue():
    assert "present" in statuses("I'm dead tired all the time", "phq9.fatigue")


def test_cssrs_levels_also_count_for_phq9_item_9():
    got = find_symptoms("I want to kill myself")
    assert {m.symptom for m in got} >= {"cssrs.ideation", "phq9.death_thoughts"}
    assert len({(m.start, m.end) for m in got if m.symptom in ("cssrs.ideation", "phq9.death_thoughts")}) == 1


def test_hopelessness_is_also_depressed_mood():
    assert "present" in statuses("I feel hopeless", "phq9.depressed_mood")


def test_mentions_quote_the_text_exactly():
    text = "I’M SO TIRED of living. My friend said she wants to die 😢. İ can't sleep."
    got = find_symptoms(text)
    assert got and got == sorted(got, key=lambda m: (m.start, m.end, m.symptom))
    for m in got:
        assert isinstance(m, Mention) and text[m.start:m.end] == m.text
        assert m.name == symptom_info(m.symptom).name
    assert "tired of living" in {m.text.lower() for m in got}


def test_to_symptom_is_the_result_schema():
    m = find_symptoms("I feel worthless")[0]
    s = m.to_symptom()
    assert isinstance(s, Symptom) and (s.id, s.start, s.end, s.text, s.status) == (
        m.symptom, m.start, m.end, m.text, m.status)


def test_tasks_filter():
    text = "I'm a burden to everyone and I can't sleep. My boss yells at me."
    every = find_symptoms(text)
    dep = find_symptoms(text, ["depression"])
    assert {m.symptom for m in dep} == {"phq9.sleep"}
    irf = find_symptoms(text, "interpersonal_risk")
    assert {m.symptom for m in irf} == {"irf.burdensomeness"}
    cause = {m.symptom for m in find_symptoms(text, ["stress_cause", "mental_illness_cause"])}
    assert {"stressor.work", "stressor.bias_abuse"} <= cause
    assert {(m.symptom, m.start, m.status) for m in dep} <= {(m.symptom, m.start, m.status) for m in every}
    assert find_symptoms(text, []) == []
    with pytest.raises(UnknownNameError, match="depression"):
        find_symptoms(text, ["depresion"])


def test_supports_and_info():
    assert supports("irf.burdensomeness")["interpersonal_risk"] == ["perceived_burdensomeness"]
    assert supports("stressor.work")["stress_cause"] == ["work"]
    assert supports("cssrs.wish_dead")["suicidal_ideation"] == ["yes"]
    assert supports("phq9.anhedonia")["depression"] == ["yes"]
    assert supports("wellness.social") == {"wellness_dimensions": ["social"]}
    info = symptom_info("cssrs.past_attempt")
    assert info.historical and info.risk and info.family == "cssrs"
    for sid in symptom_ids():
        for task, labels in supports(sid).items():
            assert labels and set(labels) <= set(get_task(task).label_ids), (sid, task)
    with pytest.raises(UnknownNameError, match="did you mean"):
        symptom_info("phq9.anhedona")


def test_names_are_clinical_and_safe():
    """Names are shown to users: clinical, non-stigmatising, no method details."""
    banned = re.compile(r"\b(commit\w*|successful|failed|crazy|insane|psycho\w*|suffers?|victims?|"
                        r"pills?|overdos\w*|rope|hang\w*|cut\w*|gun|jump\w*|bridge|poison\w*)\b", re.I)
    for sid in symptom_ids():
        name = symptom_info(sid).name
        assert name and name == name.strip() and not banned.search(name), (sid, name)
    try:
        from mentalens.explain.rationale import unsafe_words
    except ImportError:  # pragma: no cover - the rationale module is optional here
        return
    for sid in symptom_ids():
        assert not unsafe_words(symptom_info(sid).name), sid


def test_lexicon_names_no_method_means_dose_or_place():
    """The safe-messaging rule for the lexicon: ideation and plans in generic wording only."""
    words = ["pills?", "tablets?", "overdos\\w*", "doses?", "mg", "rope", "noose", "hang(?:ing|ed)?",
             "bridge", "roof\\w*", "ledge", "cliff", "train", "tracks", "guns?", "firearm\\w*", "shoot\\w*",
             "knife", "knives", "blades?", "razors?", "cut(?:ting|s)?", "slit\\w*", "wrists?", "bleach",
             "poison\\w*", "drown\\w*", "suffocat\\w*", "jump(?:ing|ed)?", "lethal", "carbon monoxide"]
    safety = SYMPTOMS_FILE.parent / "safety.en.yaml"
    if safety.is_file():
        words += yaml.safe_load(safety.read_text(encoding="utf-8")).get("method_terms", [])
    rx = re.compile(r"(?<![a-z])(?:" + "|".join(words) + r")(?![a-z])", re.I)
    data = yaml.safe_load(SYMPTOMS_FILE.read_text(encoding="utf-8"))
    for entry in data["symptoms"]:
        for p in entry["patterns"]:
            assert not rx.search(p), (entry["id"], p, rx.search(p).group(0))
    for name, macro in data["macros"].items():
        assert not rx.search(macro), (name, macro)


def _write(tmp_path, name, mutate):
    data = yaml.safe_load(SYMPTOMS_FILE.read_text(encoding="utf-8"))
    mutate(data)
    path = tmp_path / name
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path


def test_round_trip_of_the_packaged_lexicon(tmp_path):
    lex = load_lexicon(_write(tmp_path, "same.yaml", lambda d: None))
    assert set(lex.specs) == set(symptom_ids())
    assert load_lexicon() is load_lexicon()


@pytest.mark.parametrize("what, mutate, message", [
    ("unknown task", lambda d: d["symptoms"][0]["supports"].update({"depresion": ["yes"]}),
     r"entry 'phq9.anhedonia' supports unknown task 'depresion'"),
    ("unknown label", lambda d: d["symptoms"][1]["supports"].update({"depression": ["maybe"]}),
     r"entry 'phq9.depressed_mood'.*depression.*maybe"),
    ("bad regex", lambda d: d["symptoms"][2]["patterns"].append("(unclosed"),
     r"entry 'phq9.sleep': bad pattern '\(unclosed'"),
    ("unknown macro", lambda d: d["symptoms"][3]["patterns"].append("{nope} tired"),
     r"entry 'phq9.fatigue'.*nope"),
    ("duplicate id", lambda d: d["symptoms"].append(dict(d["symptoms"][0])), r"duplicate entries: phq9.anhedonia"),
    ("bad also", lambda d: d["symptoms"][4].update({"also": ["phq9.nothing"]}),
     r"entry 'phq9.appetite'.*phq9.nothing"),
    ("bad id", lambda d: d["symptoms"][5].update({"id": "Worthless"}), r"entry 'Worthless'"),
    ("no patterns", lambda d: d["symptoms"][6].update({"patterns": []}), r"patterns"),
    ("unknown field", lambda d: d["symptoms"][7].update({"colour": "blue"}), r"colour"),
])
def test_bad_lexicon_is_a_clear_error(tmp_path, what, mutate, message):
    path = _write(tmp_path, "bad.yaml", mutate)
    with pytest.raises(MentalensError, match=message) as err:
        load_lexicon(path)
    assert "symptoms" not in str(err.value) or "bad.yaml" in str(err.value)
    assert "how to fix" in str(err.value)


def test_missing_lexicon_file(tmp_path):
    with pytest.raises(MentalensError, match="nothing.yaml"):
        load_lexicon(tmp_path / "nothing.yaml")


def test_speed_report(post500):
    """Reported, not tightly asserted: 10,000 calls on a 500-character post."""
    find_symptoms(post500)
    n = 10_000
    t0 = time.perf_counter()
    for _ in range(n):
        find_symptoms(post500)
    per = (time.perf_counter() - t0) / n * 1e3
    print(f"\nfind_symptoms(): {per:.3f} ms per 500-character post (mean of {n:,} calls, "
          f"{len(find_symptoms(post500))} mentions)")
    assert per < 5.0
