"""A tiny real lens model for the tests, fitted on made-up posts written for this suite.

Every post below was written for the tests (none comes from a dataset). Openers carry the
condition signal, tails the interpersonal one; their product gives 96 labelled posts for
four tasks: a binary (suicidal_ideation, depression), a multiclass (mental_disorder) and a
multilabel one (interpersonal_risk).
"""
from __future__ import annotations

from pathlib import Path

TASKS = ["depression", "suicidal_ideation", "mental_disorder", "interpersonal_risk"]

OPENERS: dict[str, list[str]] = {
    "none": [
        "Had a lovely walk by the river with my sister this morning.",
        "Finally fixed the leaking kitchen tap and made pancakes for everyone.",
        "Our team won the weekend football match and we celebrated at the cafe.",
        "Trying a new bread recipe today, the crust came out perfect.",
    ],
    "depression": [
        "I feel empty and sad every single day and nothing interests me anymore.",
        "Another week stuck in bed with no energy, everything feels pointless and grey.",
        "I stopped enjoying music and food, I just feel numb and hopeless.",
        "I cry most nights and can't find a reason to get up in the morning.",
    ],
    "suicide_or_self_harm": [
        "I don't want to be alive anymore and I keep thinking about ending my life.",
        "I wish I could disappear forever, I have been thinking about suicide a lot.",
        "Thoughts of killing myself won't leave me alone, I don't want to live.",
        "I want to die, I can't see any reason to keep living.",
    ],
    "anxiety": [
        "My heart races and I panic before every meeting, the worry never stops.",
        "Constant anxiety, I overthink everything and my chest feels tight.",
        "I had another panic attack on the bus, I'm always nervous and on edge.",
        "I worry about everything all the time and I can't calm down.",
    ],
    "bipolar": [
        "After weeks of mania with no sleep I crashed into a deep low again.",
        "My mood swings from euphoric racing thoughts to a total crash.",
        "My psychiatrist adjusted my mood stabilizer after the manic episode.",
        "Manic again, spent all my savings in two days, then the crash came.",
    ],
    "ptsd": [
        "Flashbacks of the accident wake me up every night in a sweat.",
        "Loud noises trigger memories of the war and I freeze.",
        "Nightmares about the assault keep coming back and I feel unsafe.",
        "Since the trauma I'm hypervigilant and jump at every sound.",
    ],
}

# (tail, thwarted belongingness, perceived burdensomeness)
TAILS = [
    ("", False, False),
    (" I feel so alone, nobody would even notice if I was gone.", True, False),
    (" Everyone would be better off without me, I'm just a burden.", False, True),
    (" No one cares about me and I am only a burden to my family.", True, True),
]
NEUTRAL_TAILS = ["", " Going to call my mum later.", " Can't wait for the weekend.", " Time for a cup of tea."]


def examples():
    from mentalens.data.example import Example

    out = []
    for cat, openers in OPENERS.items():
        for i, opener in enumerate(openers):
            for j, (tail, tb, pb) in enumerate(TAILS):
                if cat == "none":
                    tail, tb, pb = NEUTRAL_TAILS[j], False, False
                labels = {
                    "mental_disorder": cat,
                    "suicidal_ideation": "yes" if cat == "suicide_or_self_harm" else "no",
                    "depression": "yes" if cat in ("depression", "suicide_or_self_harm") else "no",
                    "interpersonal_risk": {"thwarted_belongingness": tb, "perceived_burdensomeness": pb},
                }
                out.append(Example(id=f"synthetic/train/{len(out)}", text=opener + tail, labels=labels,
                                   source="synthetic", split="train"))
    return out


def fit(seed: int = 0):
    from mentalens.backends.lens.model import LensBackend

    return LensBackend(nmax=2, min_df=1, name="lens-test", version="0.0.1").fit(
        examples(), TASKS, folds=3, seed=seed)


def build(path: Path, seed: int = 0) -> Path:
    fit(seed).save(path)
    return path
