"""Every reader on synthetic files in the real layouts (no real data)."""
from __future__ import annotations

import random

import pytest

from mentalens.data import DatasetInfo, available, dataset_info, dataset_names, load_dataset
from mentalens.errors import UnknownNameError, UsageError


def test_every_dataset_and_split_loads(synthetic_shared):
    for name, split, path, exists in available(synthetic_shared):
        if name == "imhi/swmh":
            assert not exists
            continue
        assert exists, path
        examples = load_dataset(name, split, synthetic_shared)
        assert examples, (name, split)
        for e in examples:
            assert e.id.startswith(f"{name}/{split}/") and e.id.rsplit("/", 1)[1].isdigit()
            assert e.source == name and e.split == split
            assert e.text and e.text == e.text.strip()


def test_imhi_binary_both_variants(synthetic_shared):
    complete = load_dataset("imhi/DR", "test", synthetic_shared)
    instruction = load_dataset("imhi/DR", "test", synthetic_shared, variant="instruction")
    assert [e.labels for e in complete] == [e.labels for e in instruction]
    assert [e.text for e in complete] == [e.text for e in instruction]
    assert complete[0].labels == {"depression": "yes"} and complete[1].labels == {"depression": "no"}
    assert not complete[0].text.startswith("Post:") and not instruction[0].text.startswith('"')
    assert complete[0].explanation and "Reasoning" not in complete[0].explanation
    assert complete[0].meta["variant"] == "complete" and instruction[0].meta["variant"] == "instruction"
    assert complete[0].meta["question"].startswith("What depression")


@pytest.mark.parametrize("name,task,expected", [
    ("imhi/SAD", "stress_cause", ["school", "emotional_turmoil", "other"]),
    ("imhi/CAMS", "mental_illness_cause", ["none", "alienation", "jobs_and_career"]),
    ("imhi/t-sid", "mental_disorder", ["none", "suicide_or_self_harm", "ptsd"]),
])
def test_imhi_multiclass_answers_map_in_both_variants(synthetic_shared, name, task, expected):
    for variant in ("complete", "instruction"):
        examples = load_dataset(name, "test", synthetic_shared, variant=variant)
        assert [e.labels[task] for e in examples[:3]] == expected


def test_imhi_train_layout_and_multilabel_aspects(synthetic_shared):
    rows = load_dataset("imhi/MultiWD", "val", synthetic_shared)
    assert len(rows) == 3 * 40                      # one Example per row: one aspect per row
    assert [e.meta["aspect"] for e in rows[:3]] == ["physical", "social", "emotional"]
    assert rows[0].labels == {"wellness_dimensions": {"physical": False}}
    assert rows[1].labels == {"wellness_dimensions": {"social": True}}
    assert rows[0].text == rows[1].text == rows[2].text
    irf = load_dataset("imhi/Irf", "test", synthetic_shared, variant="instruction")
    assert irf[0].labels == {"interpersonal_risk": {"thwarted_belongingness": False}}
    assert irf[1].labels == {"interpersonal_risk": {"perceived_burdensomeness": True}}


def test_imhi_question_cut_at_the_last_question_mark(tmp_path, write_csv):
    path = tmp_path / "imhi" / "test_data" / "test_complete" / "DR.csv"
    post = "Quill ember dune. Question: is lumen a dune? Raven echo fjord"
    write_csv(path, ["query", "gpt-3.5-turbo"], [[f"Post: {post}  Question: Is the writer depressed?",
                                                 " yes. Reasoning: Made-up reasoning here."]])
    (e,) = load_dataset("imhi/DR", "test", tmp_path)
    assert e.text == post
    assert e.meta["question"] == "Is the writer depressed?"
    assert e.explanation == "Made-up reasoning here." and e.labels == {"depression": "yes"}


def test_imhi_long_yes_answer_and_double_dot(tmp_path, write_csv):
    path = tmp_path / "imhi" / "test_data" / "test_complete" / "Irf.csv"
    q = "Post: Amber basil cobalt dune ember.  Question: Is there thwarted belongingness here?"
    write_csv(path, ["query", "gpt-3.5-turbo"], [
        [q, "yes, the post shows a risk of thwarted belongingness. Reasoning: invented."],
        [q, "yes.. Reasoning: invented."]])
    rows = load_dataset("imhi/Irf", "test", tmp_path)
    assert [r.labels for r in rows] == [{"interpersonal_risk": {"thwarted_belongingness": True}}] * 2


def test_irf_labels_and_spans(synthetic_shared):
    rows = load_dataset("irf", "train", synthetic_shared)
    assert rows[0].labels == {"interpersonal_risk": {"thwarted_belongingness": False, "perceived_burdensomeness": True}}
    assert rows[0].meta["spans"] == {"perceived_burdensomeness": rows[0].text.split()[2]}
    assert rows[2].meta == {}                       # no span written for that row
    assert rows[1].meta["spans"] == {"thwarted_belongingness": rows[1].text.split()[1]}


def test_multiwd_labels(synthetic_shared):
    row = load_dataset("multiwd", "train", synthetic_shared)[1]
    assert row.labels == {"wellness_dimensions": {"spiritual": True, "physical": False, "intellectual": True,
                                                  "social": False, "vocational": True, "emotional": False}}


def test_cams_codes_float_codes_empty_label_and_empty_post(tmp_path, make_post, write_csv):
    rng = random.Random(1)
    posts = [make_post(rng) for _ in range(4)]
    write_csv(tmp_path / "cams" / "IntentSDCNL_Training.csv", ["selftext", "ANNOTATIONS", "Interpretations"],
              [[posts[0], "5.0", "cue"], [posts[1], "", ""], ["  ", "2", ""], [posts[3], "4", "other cue"]],
              newline="\r\n")
    rows = load_dataset("cams", "train", tmp_path)
    assert [r.id for r in rows] == ["cams/train/0", "cams/train/1", "cams/train/3"]   # row 2 has no post
    assert rows[0].labels == {"mental_illness_cause": "alienation"} and rows[0].meta == {"inference": "cue"}
    assert rows[1].labels == {}                      # no label: kept, unlabelled
    assert rows[2].labels == {"mental_illness_cause": "relationship"}


def test_cams_added_layout(synthetic_shared):
    rows = load_dataset("cams", "added", synthetic_shared)
    assert rows[0].labels == {"mental_illness_cause": "none"}       # written as "0.0"
    assert rows[1].labels == {"mental_illness_cause": "bias_or_abuse"}


def test_mentabench_readers(synthetic_shared):
    dep = load_dataset("mentabench/depseverity", "all", synthetic_shared)
    assert dep[0].labels == {"depression": "no", "depression_severity": "minimal"}
    assert dep[3].labels == {"depression": "yes", "depression_severity": "severe"}
    stress = load_dataset("mentabench/dreaddit", "all", synthetic_shared)
    assert stress[1].labels == {"stress": "yes"} and stress[1].meta["subreddit"] == "anxiety"
    sdcnl = load_dataset("mentabench/sdcnl", "all", synthetic_shared)
    title, _, body = sdcnl[0].text.partition("\n\n")
    assert title and body and sdcnl[0].labels == {"suicidal_ideation": "no"}
    cssrs = load_dataset("mentabench/cssrs", "all", synthetic_shared)
    user = cssrs[2]
    assert user.meta["user"] == "user-2" and len(user.meta["posts"]) == 3
    assert user.text == "\n\n".join(user.meta["posts"])
    assert user.labels == {"suicide_risk": "yes", "suicide_risk_level": "ideation"}
    assert cssrs[0].labels == {"suicide_risk": "no", "suicide_risk_level": "supportive"}


def test_cssrs_truncated_cell_is_recovered(tmp_path, write_csv):
    full = repr(["First made-up post.", "Second made-up post, which 'quotes' things."])
    cut = full[:-12]                                  # cut off inside the last post, like the real file
    write_csv(tmp_path / "mentabench" / "500_Reddit_users_posts_labels.csv", ["User", "Post", "Label"],
              [["user-0", full, "Attempt"], ["user-1", cut, "Behavior"], ["user-2", cut[:-1] + "\\", "Behavior"]])
    rows = load_dataset("mentabench/cssrs", "all", tmp_path)
    assert "truncated" not in rows[0].meta
    assert rows[1].meta["truncated"] is True and rows[2].meta["truncated"] is True
    assert rows[1].meta["posts"][0] == "First made-up post."
    assert rows[1].meta["posts"][1].startswith("Second made-up")


def test_rmhd_subreddits_normalised_and_mapped(synthetic_shared):
    rows = load_dataset("rmhd", "rallypoint_train", synthetic_shared)
    subs = [r.meta["subreddit"] for r in rows[:6]]
    assert subs == ["depression", "lonely", "bpd", "conspiracy", "foreveralone", "anxiety"]
    assert rows[0].labels == {"loneliness": "no", "mental_disorder": "depression", "suicidal_ideation": "no"}
    assert rows[1].labels == {"loneliness": "yes"}                # lonely: no mental_disorder code
    assert rows[2].labels == {}                                   # bpd: no code in either task
    assert rows[4].labels == {"loneliness": "yes"}                # case-insensitive code match
    assert rows[0].meta["date"] is None
    assert load_dataset("rmhd", "27subreddits", synthetic_shared)[0].meta["date"] == "2019/01/02"


def test_catalog_api():
    names = dataset_names()
    assert {"imhi/DR", "imhi/swmh", "irf", "multiwd", "cams", "mentabench/cssrs", "rmhd"} <= set(names)
    info = dataset_info("mentabench/depseverity")
    assert isinstance(info, DatasetInfo)
    assert info.splits == ["all"] and info.whole_file and info.terms.startswith("MIT")
    assert info.tasks == ["depression", "depression_severity"]
    assert dataset_info("imhi/DR").variants["instruction"]["test"] == "imhi/test_data/test_instruction/DR.csv"
    assert dataset_info("imhi/swmh").tasks == ["mental_disorder"]
    assert dataset_info("cams").files["added"] == "cams/added_CAMS_data.csv"
    assert dataset_info("rmhd").tasks == ["depression", "loneliness", "mental_disorder", "suicidal_ideation"]
    info.model_dump_json()


def test_unknown_names_say_did_you_mean(synthetic_shared):
    with pytest.raises(UnknownNameError, match="did you mean 'imhi/dreaddit'"):
        dataset_info("imhi/dreadit")
    with pytest.raises(UnknownNameError, match="split of dataset irf"):
        load_dataset("irf", "valid", synthetic_shared)
    with pytest.raises(UnknownNameError, match="variant"):
        load_dataset("irf", "test", synthetic_shared, variant="instruction")
    with pytest.raises(UsageError, match="one whole file") as info:
        load_dataset("mentabench/sdcnl", "test", synthetic_shared)
    assert "menta_split" in info.value.hint


def test_chinese_sets_read_with_their_labels(synthetic_shared):
    cd = load_dataset("zh/socialcd", "train", synthetic_shared)
    assert cd[1].labels["cognitive_distortion"]["overgeneralization"] is True
    assert sum(cd[1].labels["cognitive_distortion"].values()) == 1
    llm = load_dataset("zh/sos-hl-1k", "test", synthetic_shared)
    bert = load_dataset("zh/sos-hl-1k", "test", synthetic_shared, variant="bert")   # GBK, one-hot high/low
    assert [e.labels for e in llm] == [e.labels for e in bert] and [e.text for e in llm] == [e.text for e in bert]
    assert [e.labels["high_suicide_risk"] for e in llm[:2]] == ["no", "yes"]
    urgency = load_dataset("zh/sos4k", "train", synthetic_shared)
    assert urgency[10].labels == {"suicide_urgency": "level_10"} and urgency[0].explanation.startswith("该用户")
    assert load_dataset("zh/sos1k", "fold3", synthetic_shared)[4].labels == {"suicide_urgency": "level_4"}


def test_chinese_files_with_bad_cells_say_where(tmp_path):
    from mentalens.data.readers.zh import read_sos_hl, read_urgency
    from mentalens.errors import DataError

    bad = tmp_path / "bert.tsv"
    bad.write_bytes("1\t1\t我想离开\n".encode("gbk"))
    with pytest.raises(DataError, match="one-hot"):
        read_sos_hl(bad, dataset="zh/sos-hl-1k", split="test", variant="bert")
    not_gbk = tmp_path / "not-gbk.tsv"
    not_gbk.write_bytes(b"0\t1\t\xff\xfe\n")                      # not GBK
    with pytest.raises(DataError, match="GBK"):
        read_sos_hl(not_gbk, dataset="zh/sos-hl-1k", split="test", variant="bert")
    urgency = tmp_path / "u.tsv"
    urgency.write_text("comment\tmyLabel\n我很累\t12\n", encoding="utf-8")
    with pytest.raises(DataError, match="row 0"):
        read_urgency(urgency, dataset="zh/sos1k", split="test")
