"""Every file problem a user can hit is a DataError saying what is wrong, where, and how to fix it."""
from __future__ import annotations

import pytest

from mentalens.data import load_dataset
from mentalens.errors import DataError


def test_missing_file_names_the_path(tmp_path):
    (tmp_path / "MANIFEST.md").write_text("x", encoding="utf-8")
    with pytest.raises(DataError) as info:
        load_dataset("irf", "test", tmp_path)
    assert "file missing" in info.value.message and str(tmp_path / "irf" / "test_data.csv") in info.value.message
    assert "--data-dir" in info.value.hint


def test_swmh_is_missing_from_this_copy(synthetic_shared):
    with pytest.raises(DataError) as info:
        load_dataset("imhi/swmh", "test", synthetic_shared)
    assert str(synthetic_shared / "imhi/test_data/test_complete/swmh.csv") in info.value.message
    assert "lacks it" in info.value.hint


def test_no_data_directory(monkeypatch):
    monkeypatch.delenv("MENTALENS_DATA", raising=False)
    with pytest.raises(DataError, match="no research data directory"):
        load_dataset("irf", "test")


def test_wrong_columns_list_expected_and_found(tmp_path, write_csv):
    write_csv(tmp_path / "multiwd" / "test_data.csv", ["post", "Spiritual", "Physical"], [["a b c", "0", "1"]])
    with pytest.raises(DataError) as info:
        load_dataset("multiwd", "test", tmp_path)
    msg = info.value.message
    assert "multiwd/test_data.csv" in msg
    assert "expected ['text', 'Spiritual', 'Physical', 'Intellectual', 'Social', 'Vocational', 'Emotional']" in msg
    assert "found ['post', 'Spiritual', 'Physical']" in msg and "missing 'Emotional', 'Intellectual'" in msg
    assert "right file" in info.value.hint


def test_imhi_wrong_columns_list_both_layouts(tmp_path, write_csv):
    write_csv(tmp_path / "imhi/test_data/test_complete/DR.csv", ["question", "answer"], [["q", "a"]])
    with pytest.raises(DataError, match=r"expected \['query', 'gpt-3.5-turbo'\] or \['post', 'question', 'response'\]"):
        load_dataset("imhi/DR", "test", tmp_path)


@pytest.mark.parametrize("encoding,text", [("latin-1", "Caf\u00e9 ember dune"), ("gbk", "\u6211\u5f88\u7d2f")])
def test_bad_encoding_names_file_and_byte(tmp_path, write_csv, encoding, text):
    path = write_csv(tmp_path / "rmhd" / "rmhd_4subreddits_1040.csv", ["subreddit", "date", "text"],
                     [["anxiety", "", "plain ascii post"], ["anxiety", "", text]], encoding=encoding)
    offset = path.read_bytes().index(text.encode(encoding)[:4] if encoding == "gbk" else b"\xe9")
    with pytest.raises(DataError) as info:
        load_dataset("rmhd", "4subreddits", tmp_path)
    msg = info.value.message
    assert str(path) in msg and "not valid UTF-8" in msg
    assert f"byte offset {offset}" in msg and "(line 3," in msg
    assert "iconv" in info.value.hint


def test_utf8_bom_is_accepted(tmp_path, write_csv):
    write_csv(tmp_path / "mentabench" / "Reddit_depression_dataset.csv", ["\ufefftext", "label"],
              [["made up post text", "mild"]])
    (row,) = load_dataset("mentabench/depseverity", "all", tmp_path)
    assert row.labels["depression_severity"] == "mild"


def test_malformed_cssrs_list(tmp_path, write_csv):
    write_csv(tmp_path / "mentabench" / "500_Reddit_users_posts_labels.csv", ["User", "Post", "Label"],
              [["user-0", "['fine post']", "Attempt"], ["user-1", "['one', __import__('os')]", "Attempt"]])
    with pytest.raises(DataError) as info:
        load_dataset("mentabench/cssrs", "all", tmp_path)
    assert "row 1 (line 3)" in info.value.message and "not a Python list of strings" in info.value.message


def test_row_with_wrong_field_count(tmp_path):
    path = tmp_path / "mentabench" / "Reddit_depression_dataset.csv"
    path.parent.mkdir(parents=True)
    path.write_text("text,label\nfine post,mild\nbroken,post,severe\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"row 1 \(line 3\) has 3 fields; the header has 2"):
        load_dataset("mentabench/depseverity", "all", path.parent.parent)


def test_empty_file(tmp_path):
    path = tmp_path / "irf" / "test_data.csv"
    path.parent.mkdir(parents=True)
    path.write_bytes(b"")
    with pytest.raises(DataError, match="empty"):
        load_dataset("irf", "test", tmp_path)


def test_bad_multilabel_cell(tmp_path, write_csv):
    dims = ["Spiritual", "Physical", "Intellectual", "Social", "Vocational", "Emotional"]
    write_csv(tmp_path / "multiwd" / "train_data.csv", ["text", *dims], [["a made up post", "0", "maybe", "0", "1", "0", "1"]])
    with pytest.raises(DataError, match=r"row 0 \(line 2\): column 'Physical' holds 'maybe'; expected 0 or 1"):
        load_dataset("multiwd", "train", tmp_path)


def test_unreadable_imhi_gold_answer_is_an_error_not_a_no(tmp_path, write_csv):
    write_csv(tmp_path / "imhi/test_data/test_complete/DR.csv", ["query", "gpt-3.5-turbo"],
              [["Post: amber dune  Question: Is the writer depressed?", "yes. Reasoning: r"],
               ["Post: basil fern  Question: Is the writer depressed?", "perhaps. Reasoning: r"]])
    with pytest.raises(DataError) as info:
        load_dataset("imhi/DR", "test", tmp_path)
    assert "row 1 (line 3)" in info.value.message and "'perhaps.'" in info.value.message
    assert "phrasings" in info.value.hint


def test_imhi_question_names_no_aspect(tmp_path, write_csv):
    write_csv(tmp_path / "imhi/test_data/test_complete/MultiWD.csv", ["query", "gpt-3.5-turbo"],
              [["Post: amber dune  Question: Is anything here?", "yes. Reasoning: r"]])
    with pytest.raises(DataError, match="names no single label of task wellness_dimensions"):
        load_dataset("imhi/MultiWD", "test", tmp_path)


def test_imhi_query_without_question(tmp_path, write_csv):
    write_csv(tmp_path / "imhi/test_data/test_complete/DR.csv", ["query", "gpt-3.5-turbo"],
              [["Post: amber dune and no question", "yes. Reasoning: r"]])
    with pytest.raises(DataError, match="has no 'Question:'"):
        load_dataset("imhi/DR", "test", tmp_path)
