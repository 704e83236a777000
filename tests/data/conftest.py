"""Synthetic research data in the layouts of MANIFEST.md, written into tmp_path.

Every post here is made up: random strings of invented words (no real post, no real
sentence). The tree mirrors the real file names, columns and answer formats so that the
readers, the catalog, the splits and the leakage report can be tested hermetically.
"""
from __future__ import annotations

import csv
import random
from pathlib import Path

import pytest

WORDS = ("amber basil cobalt dune ember fjord garnet harbor indigo juniper kelp lumen meadow nectar "
         "opal pebble quartz ripple saffron thistle umber velvet willow xenon yarrow zephyr anchor "
         "beacon cinder delta echo fable glacier hollow island jasper kindle lantern marble nimbus "
         "orchid prairie quiver raven summit tundra upland vortex wander yonder zenith arbor bramble "
         "canyon drift estuary fern grove heron ivy jade knoll lagoon mist north oak plume quill reed "
         "sable tide valley wisp yew alder birch cedar dogwood elm fig hazel larch maple pine rowan "
         "spruce teak walnut acorn bloom clover daisy fennel ginger heather iris lilac mallow poppy").split()


MENTA_ROWS = 70


def make_post(rng: random.Random, n: int | None = None) -> str:
    """A made-up post of invented-word sentences."""
    n = n or rng.randint(18, 40)
    words = [rng.choice(WORDS) for _ in range(n)]
    words[0] = words[0].capitalize()
    return " ".join(words) + "."


def write_csv(path: Path, header: list[str], rows: list[list[str]], *, encoding: str = "utf-8",
              newline: str = "\n") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding=encoding, newline="") as fh:
        writer = csv.writer(fh, lineterminator=newline)
        writer.writerow(header)
        writer.writerows(rows)
    return path


# IMHI: per test set, its task's answer heads in the two variants, and the questions (our wording).
BINARY = {"yes": ("yes.", "Yes, the poster suffers from {what}."),
          "no": ("no.", "No, the poster does not suffer from {what}.")}
IMHI_SINGLE = {
    "DR": ("depression", BINARY),
    "dreaddit": ("stress", BINARY),
    "loneliness": ("loneliness", BINARY),
    "SAD": ("stress cause", {"school": ("school.", "This post shows the stress cause related to school."),
                             "emotional_turmoil": ("emotional turmoil.",
                                                   "This post shows the stress cause related to emotion turmoil."),
                             "other": ("other causes.", "This post shows other stress causes.")}),
    "CAMS": ("cause", {"none": ("none.", "This post shows no causes of depression."),
                       "alienation": ("alienation.", "This post shows causes of depression related to alienation."),
                       "jobs_and_career": ("jobs and career.",
                                           "This post shows causes of depression related to jobs and career.")}),
    "t-sid": ("disorder", {"none": ("no mental disorders.", "This post shows no mental disorders."),
                           "suicide_or_self_harm": ("suicide or self-harm tendency.",
                                                    "This post shows suicide or self-harm tendency."),
                           "ptsd": ("ptsd.", "This post shows ptsd.")}),
}
IMHI_ASPECTS = {
    "Irf": {"thwarted_belongingness": "thwarted belongingness", "perceived_burdensomeness": "perceived burdensomeness"},
    "MultiWD": {"physical": "physical", "social": "social", "emotional": "emotional"},
}
YES_NO = {True: ("yes.", "Yes, this aspect is present."), False: ("no.", "No, this aspect is absent.")}


def imhi_rows(name: str, posts: list[str], rng: random.Random, variant: str, layout: str) -> list[list[str]]:
    """Rows of an IMHI file; ``layout`` "query" (test and instruction files) or "train" (complete train/val)."""
    rows = []
    for i, post in enumerate(posts):
        if name in IMHI_ASPECTS:
            items = [(f"Is there {phrase} in this post?", YES_NO[(i + k) % 3 != 0])
                     for k, phrase in enumerate(IMHI_ASPECTS[name].values())]
        else:
            what, answers = IMHI_SINGLE[name]
            heads = list(answers.values())[i % len(answers)]
            items = [(f"What {what} does the writer show?", tuple(h.format(what=what) for h in heads))]
        for question, (head_c, head_i) in items:
            reasoning = f" Reasoning: {make_post(rng, 12)}"
            if variant == "instruction":
                rows.append([f'Consider this post: "{post}" Question: {question}', head_i + reasoning])
            elif layout == "query":
                rows.append([f"Post: {post}  Question: {question}", head_c + reasoning])
            else:
                rows.append([f"Post: {post}", f" Question: {question}", " " + head_c + reasoning])
    return rows


def build_tree(root: Path, n: int = 40, seed: int = 7) -> dict[str, list[str]]:
    """Write every catalogued file (imhi/swmh excepted) under ``root``; returns the posts by file key."""
    rng = random.Random(seed)
    posts = {key: [make_post(rng) for _ in range(n)] for key in (
        "DR", "dreaddit", "SAD", "CAMS", "loneliness", "t-sid", "Irf", "MultiWD", "irf_train", "irf_val",
        "multiwd_train", "cams_train", "cams_test", "cams_added")}
    # MentaBench's files: enough rows for a stratified 72/8/20 split of five labels.
    posts.update({key: [make_post(rng) for _ in range(MENTA_ROWS)] for key in ("menta_dreaddit", "depseverity", "sdcnl")})
    imhi = root / "imhi"
    for name in [*IMHI_SINGLE, *IMHI_ASPECTS]:
        for variant, folder in (("complete", "test_complete"), ("instruction", "test_instruction")):
            write_csv(imhi / "test_data" / folder / f"{name}.csv", ["query", "gpt-3.5-turbo"],
                      imhi_rows(name, posts[name], rng, variant, "query"))
    train_files = {"DR": ("reddit_train.csv", "reddit_valid.csv", "train.csv", "val.csv"),
                   "dreaddit": ("dreaddit-train.csv", "val.csv", "train.csv", "val.csv"),
                   "SAD": ("train.csv", "val.csv", "train.csv", "val.csv"),
                   "Irf": (None, "val.csv", None, "val.csv"), "MultiWD": (None, "val.csv", None, "val.csv")}
    for name, (c_train, c_val, i_train, i_val) in train_files.items():
        for c_file, i_file in ((c_train, i_train), (c_val, i_val)):
            if c_file is None:
                continue
            split_posts = [make_post(rng) for _ in range(n)]
            write_csv(imhi / "train_data" / "complete_data" / name / c_file, ["post", "question", "response"],
                      imhi_rows(name, split_posts, rng, "complete", "train"))
            write_csv(imhi / "train_data" / "instruction_data" / name / i_file, ["query", "gpt-3.5-turbo"],
                      imhi_rows(name, split_posts, rng, "instruction", "query"))
    irf_header = ["Unnamed: 0", "text", "belong", "belong_exp", "burden", "burden_exp"]
    for split, key in (("train", "irf_train"), ("val", "irf_val"), ("test", "Irf")):
        rows = [[str(100 + i), p, str(i % 2), p.split()[1] if i % 2 else "",
                 "1" if i % 3 == 0 else "0", p.split()[2] if i % 3 == 0 else ""] for i, p in enumerate(posts[key])]
        write_csv(root / "irf" / f"{split}_data.csv", irf_header, rows)
    dims = ["Spiritual", "Physical", "Intellectual", "Social", "Vocational", "Emotional"]
    for split, key in (("train", "multiwd_train"), ("test", "MultiWD")):
        write_csv(root / "multiwd" / f"{split}_data.csv", ["text", *dims],
                  [[p, *(str((i + k) % 2) for k in range(6))] for i, p in enumerate(posts[key])])
    for file, key, cols in (("IntentSDCNL_Training.csv", "cams_train", ["selftext", "ANNOTATIONS", "Interpretations"]),
                            ("IntentSDCNL_Testing.csv", "cams_test", ["selftext", "ANNOTATIONS", "Interpretations"]),
                            ("added_CAMS_data.csv", "cams_added", ["selftext", "cause", "inference"])):
        extra = posts["CAMS"] if key == "cams_added" else []   # the added data holds every IMHI CAMS test post
        write_csv(root / "cams" / file, cols,
                  [[p, f"{i % 6}.0" if i % 5 == 0 else str(i % 6), p.split()[0]] for i, p in enumerate(posts[key] + extra)],
                  newline="\r\n")
    menta = root / "mentabench"
    write_csv(menta / "dreaddit_StressAnalysis - Sheet1.csv",
              ["id", "subreddit", "post_id", "sentence_range", "text", "label", "confidence"],
              [[str(i), "anxiety", f"p{i}", "[0, 5]", p, str(i % 2), "0.8"] for i, p in enumerate(posts["menta_dreaddit"])])
    levels = ["minimum", "mild", "moderate", "severe"]
    write_csv(menta / "Reddit_depression_dataset.csv", ["text", "label"],
              [[p, levels[i % 4]] for i, p in enumerate(posts["depseverity"])])
    write_csv(menta / "SDCNL.csv", ["", "title", "selftext", "author", "is_suicide"],
              [[str(i), p.split(".")[0][:30], p, "someone", str(i % 2)] for i, p in enumerate(posts["sdcnl"])])
    cssrs_levels = ["Supportive", "Indicator", "Ideation", "Behavior", "Attempt"]
    write_csv(menta / "500_Reddit_users_posts_labels.csv", ["User", "Post", "Label"],
              [[f"user-{i}", repr([make_post(rng, 10) for _ in range(1 + i % 3)]), cssrs_levels[i % 5]]
               for i in range(MENTA_ROWS)])
    subs = ["depression", "lonely", "bpd", "conspiracy", "ForeverAlone", "anxiety"]
    for file in ("rmhd_27subreddits_260.csv", "rmhd_4subreddits_1040.csv"):
        write_csv(root / "rmhd" / file, ["subreddit", "date", "text"],
                  [[subs[i % 6], "2019/01/02", make_post(rng)] for i in range(n)], newline="\r\n")
    for file in ("rmhd_rallypoint_reddit_train.csv", "rmhd_rallypoint_reddit_test.csv"):
        write_csv(root / "rmhd" / file, ["subreddit", "date", "text"],
                  [[f"reddit {subs[i % 6].lower()}", "", make_post(rng)] for i in range(n)], newline="\r\n")
    build_zh(root / "zh", rng, n)
    (root / "MANIFEST.md").write_text("# synthetic research data for tests\n", encoding="utf-8")
    return posts


ZH_WORDS = "我 今天 很 累 不想 活 了 朋友 说 考试 工作 家里 难过 开心 睡不着 离开 这里 好 想哭".split()
CD_COLUMNS = ["非此即彼", "以偏概全", "心理过滤", "否定正面思考", "读心术", "先知错误", "放大", "情绪化推理", "应该式",
              "乱贴标签", "罪责归己", "罪责归他"]


def zh_post(rng: random.Random) -> str:
    return "".join(rng.choice(ZH_WORDS) for _ in range(rng.randint(6, 14))) + "。"


def build_zh(zh: Path, rng: random.Random, n: int) -> None:
    """The Chinese sets in their released formats (SOS-HL-1K's one-hot files in GBK)."""
    def tsv(path, header, rows, encoding="utf-8"):
        path.parent.mkdir(parents=True, exist_ok=True)
        lines = ([header] if header else []) + rows
        path.write_bytes("".join("\t".join(r) + "\n" for r in lines).encode(encoding))

    for split in ("train", "test"):
        tsv(zh / "SocialCD-3k" / f"{split}_data_with_header.tsv", [*CD_COLUMNS, "内容"],
            [[str(int(k == i % 12)) for k in range(12)] + [zh_post(rng)] for i in range(n)])
    for split in ("train", "val"):
        posts = [zh_post(rng) for _ in range(n)]
        tsv(zh / "suicide" / f"suicide_{split}_LLM.csv", ["id", "label", "comment"],
            [[str(i + 1), str(i % 2), p] for i, p in enumerate(posts)])
        tsv(zh / "suicide" / f"suicide_{split}_BERT.tsv", None,
            [["1", "0", p] if i % 2 else ["0", "1", p] for i, p in enumerate(posts)], encoding="gbk")
    for name in [f"fold{k}" for k in range(1, 6)] + ["test_data"]:
        tsv(zh / "sos1k" / f"{name}.tsv", ["comment", "myLabel"], [[zh_post(rng), str(i % 11)] for i in range(n)])
    for split in ("train", "val", "test"):
        tsv(zh / "sos4k" / f"{split}_data_withExplainFewShot.tsv", ["comment", "myLabel", "explain"],
            [[zh_post(rng), str(i % 11), "该用户发言表明" + zh_post(rng)] for i in range(n)])


@pytest.fixture(name="make_post")
def _make_post_fixture():
    """``make_post(rng, n=None)``: a made-up post."""
    return make_post


@pytest.fixture(name="write_csv")
def _write_csv_fixture():
    """``write_csv(path, header, rows, encoding="utf-8", newline="\\n")``."""
    return write_csv


@pytest.fixture(scope="session")
def synthetic_shared(tmp_path_factory) -> Path:
    """A synthetic research data directory, built once per session; read-only (tests that write
    files build their own under tmp_path). MENTALENS_DATA is not consulted: pass it explicitly."""
    root = tmp_path_factory.mktemp("synthetic") / "data"
    build_tree(root)
    return root
