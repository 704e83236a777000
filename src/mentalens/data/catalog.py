"""The dataset catalog: every dataset the project reads, its files per split, and its reader.

Paths are relative to the research data directory (--data-dir or $MENTALENS_DATA), in the
layout of MANIFEST.md. Readers are named as "module:function" and imported when used.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from ..errors import UnknownNameError

_R = "mentalens.data.readers."

# The terms each folder's authors state (MANIFEST.md), and where the files come from.
TERMS: dict[str, tuple[str, str]] = {
    "imhi": ("MIT (repository licence)", "SteveKGYang/MentalLLaMA @ 42cd29df (IMHI benchmark)"),
    "irf": ("released for research, no licence file", "drmuskangarg/Irf @ 1e46a3d9"),
    "multiwd": ("released for research, no licence file", "drmuskangarg/MultiWD @ 7fa0042d"),
    "cams": ('"can be used freely for research purposes"; cite the paper', "CMOONCS/CAMS @ dae7568d"),
    "mentabench": ("MIT (repository licence)", "xxue752-nz/MentaBenchCode @ 07071138"),
    "zh": ("research releases, no licence files; cite the papers",
           "HongzhiQ/SupervisedVsLLM-EfficacyEval @ fa3665d3, FineGrainedSuicideDetection @ 1322c3b0, "
           "RSLF-Framework-and-SOS4K-Dataset @ ba5c0c0a"),
    "rmhd": ("data: ODC-PDDL 1.0 per the authors, subject to Reddit's terms",
             "Low et al. 2020, as shipped in the construct-tracker 1.0.16 wheel (Apache-2.0)"),
}


@dataclass(frozen=True)
class Entry:
    name: str
    description: str
    reader: str                                   # "module:function"
    files: Mapping[str, str]                      # split -> path under the data directory
    variants: Mapping[str, Mapping[str, str]] = field(default_factory=dict)  # other variants' files
    test_splits: tuple[str, ...] = ()             # splits released as test sets
    whole_file: bool = False                      # one file, split "all"; Menta splits it

    @property
    def folder(self) -> str:
        return self.name.split("/")[0]

    def path(self, split: str, variant: str = "complete") -> str:
        return (self.files if variant == "complete" else self.variants[variant])[split]


def _imhi(name: str, description: str, train: str | None = None, val: str | None = None,
          instr_train: str | None = None, instr_val: str | None = None) -> Entry:
    complete: dict[str, str] = {}
    instruction: dict[str, str] = {}
    folder = name.split("/")[1]
    if train:
        complete["train"] = f"imhi/train_data/complete_data/{folder}/{train}"
        instruction["train"] = f"imhi/train_data/instruction_data/{folder}/{instr_train}"
    if val:
        complete["val"] = f"imhi/train_data/complete_data/{folder}/{val}"
        instruction["val"] = f"imhi/train_data/instruction_data/{folder}/{instr_val}"
    complete["test"] = f"imhi/test_data/test_complete/{folder}.csv"
    instruction["test"] = f"imhi/test_data/test_instruction/{folder}.csv"
    return Entry(name, description, _R + "imhi:read", complete, {"instruction": instruction}, ("test",))


def _menta(name: str, description: str, file: str, reader: str) -> Entry:
    return Entry(name, description, _R + f"mentabench:{reader}", {"all": f"mentabench/{file}"}, whole_file=True)


ENTRIES: tuple[Entry, ...] = (
    _imhi("imhi/DR", "IMHI: depression on Reddit (yes/no)", "reddit_train.csv", "reddit_valid.csv",
          "train.csv", "val.csv"),
    _imhi("imhi/dreaddit", "IMHI: Dreaddit stress (yes/no)", "dreaddit-train.csv", "val.csv", "train.csv", "val.csv"),
    _imhi("imhi/SAD", "IMHI: SAD stress causes (nine categories)", "train.csv", "val.csv", "train.csv", "val.csv"),
    _imhi("imhi/Irf", "IMHI: interpersonal risk factors, one aspect per row (yes/no)", None, "val.csv", None, "val.csv"),
    _imhi("imhi/MultiWD", "IMHI: wellness dimensions, one dimension per row (yes/no)", None, "val.csv",
          None, "val.csv"),
    _imhi("imhi/CAMS", "IMHI: CAMS causes of mental illness (six categories)"),
    _imhi("imhi/loneliness", "IMHI: loneliness (yes/no)"),
    _imhi("imhi/t-sid", "IMHI: T-SID mental disorder symptoms (tweets)"),
    _imhi("imhi/swmh", "IMHI: SWMH mental disorders (file not in this copy: too large)"),
    Entry("irf", "Irf, the authors' release: interpersonal risk with human explanation spans", _R + "garg:read_irf",
          {"train": "irf/train_data.csv", "val": "irf/val_data.csv", "test": "irf/test_data.csv"}, test_splits=("test",)),
    Entry("multiwd", "MultiWD, the authors' release: six wellness dimensions (multi-label)", _R + "garg:read_multiwd",
          {"train": "multiwd/train_data.csv", "test": "multiwd/test_data.csv"}, test_splits=("test",)),
    Entry("cams", "CAMS, the authors' release: causes of mental illness; 'added' holds every IMHI CAMS test post",
          _R + "garg:read_cams", {"train": "cams/IntentSDCNL_Training.csv", "test": "cams/IntentSDCNL_Testing.csv",
                                  "added": "cams/added_CAMS_data.csv"}, test_splits=("test",)),
    _menta("mentabench/dreaddit", "MentaBench stress: the Dreaddit test release (IMHI dreaddit val + test posts)",
           "dreaddit_StressAnalysis - Sheet1.csv", "read_dreaddit"),
    _menta("mentabench/depseverity", "MentaBench DepSeverity: relabelled Dreaddit posts, four severity levels",
           "Reddit_depression_dataset.csv", "read_depseverity"),
    _menta("mentabench/sdcnl", "MentaBench SDCNL: r/SuicideWatch vs r/depression posts", "SDCNL.csv", "read_sdcnl"),
    _menta("mentabench/cssrs", "MentaBench C-SSRS: 500 Reddit users' posts with C-SSRS levels (one text per user)",
           "500_Reddit_users_posts_labels.csv", "read_cssrs"),
    Entry("zh/socialcd", "SocialCD-3K: twelve cognitive distortions in Chinese Weibo posts (multi-label)",
          _R + "zh:read_socialcd", {"train": "zh/SocialCD-3k/train_data_with_header.tsv",
                                    "test": "zh/SocialCD-3k/test_data_with_header.tsv"}, test_splits=("test",)),
    Entry("zh/sos-hl-1k", "SOS-HL-1K: high vs low suicide risk in Chinese Weibo posts; its 'val' file is the "
          "evaluation split", _R + "zh:read_sos_hl",
          {"train": "zh/suicide/suicide_train_LLM.csv", "test": "zh/suicide/suicide_val_LLM.csv"},
          {"bert": {"train": "zh/suicide/suicide_train_BERT.tsv", "test": "zh/suicide/suicide_val_BERT.tsv"}},
          test_splits=("test",)),
    Entry("zh/sos1k", "SOS-1K: suicide urgency 0-10 (the SOS-HL-1K posts), five folds and a test file",
          _R + "zh:read_urgency", {**{f"fold{k}": f"zh/sos1k/fold{k}.tsv" for k in range(1, 6)},
                                   "test": "zh/sos1k/test_data.tsv"}, test_splits=("test",)),
    Entry("zh/sos4k", "SOS-4K: suicide urgency 0-10 with a Chinese rationale on every post", _R + "zh:read_urgency",
          {"train": "zh/sos4k/train_data_withExplainFewShot.tsv", "val": "zh/sos4k/val_data_withExplainFewShot.tsv",
           "test": "zh/sos4k/test_data_withExplainFewShot.tsv"}, test_splits=("test",)),
    Entry("rmhd", "Reddit Mental Health Dataset: posts labelled by subreddit (distant labels)", _R + "rmhd:read",
          {"27subreddits": "rmhd/rmhd_27subreddits_260.csv", "4subreddits": "rmhd/rmhd_4subreddits_1040.csv",
           "rallypoint_train": "rmhd/rmhd_rallypoint_reddit_train.csv",
           "rallypoint_test": "rmhd/rmhd_rallypoint_reddit_test.csv"}),
)

CATALOG: dict[str, Entry] = {e.name: e for e in ENTRIES}


def entry(name: str) -> Entry:
    try:
        return CATALOG[name]
    except KeyError:
        raise UnknownNameError("dataset", name, CATALOG) from None
