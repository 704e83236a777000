"""Reading posts from files: every format, every bad input, no row dropped or reordered."""
from __future__ import annotations

import io
import json

import pytest

from mentalens.errors import InputError, UsageError
from mentalens.io.inputs import DECODE_WARNING, detect_format, from_stdin, from_text, has_field, parse, read_file


def write(tmp_path, name, data: bytes | str):
    p = tmp_path / name
    p.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return p


def test_csv_keeps_order_ids_and_empty_rows(tmp_path):
    p = write(tmp_path, "posts.csv", 'id,text\na,first\nb,\nc,"multi\nline, with comma"\nd,   \ne,last\n')
    got = read_file(p, id_column="id")
    assert got.texts == ["first", "", "multi\nline, with comma", "   ", "last"]
    assert got.ids == ["a", "b", "c", "d", "e"]


def test_row_numbers_are_ids_by_default(tmp_path):
    got = read_file(write(tmp_path, "p.csv", "text\nx\ny\n"))
    assert got.ids == ["1", "2"]


def test_tsv_txt_jsonl(tmp_path):
    assert read_file(write(tmp_path, "p.tsv", "text\tother\nhello, world\t1\n")).texts == ["hello, world"]
    txt = read_file(write(tmp_path, "p.txt", "one\r\n\ntwo\nthree"))
    assert txt.texts == ["one", "", "two", "three"]
    lines = [json.dumps({"id": 5, "text": "a"}), json.dumps({"text": "b", "id": "x"}), json.dumps({"text": None})]
    got = read_file(write(tmp_path, "p.jsonl", "\n".join(lines) + "\n"), id_column="id")
    assert got.texts == ["a", "b", ""] and got.ids == ["5", "x", "3"]


def test_text_column_is_configurable(tmp_path):
    got = read_file(write(tmp_path, "p.csv", "id,body\n1,hello\n"), text_column="body")
    assert got.texts == ["hello"]


def test_csv_without_the_text_column(tmp_path):
    with pytest.raises(InputError) as info:
        read_file(write(tmp_path, "p.csv", "id,body,date\n1,hello,today\n"))
    msg = str(info.value)
    assert "no column 'text'" in msg and "'id', 'body', 'date'" in msg
    assert "--text-column body" in info.value.hint


def test_jsonl_without_the_text_field(tmp_path):
    with pytest.raises(InputError) as info:
        read_file(write(tmp_path, "p.jsonl", '{"post": "x", "n": 1}\n'))
    assert "'post', 'n'" in str(info.value) and "--text-column post" in info.value.hint


def test_hints_name_the_callers_way_of_choosing_a_column():
    with pytest.raises(InputError) as info:
        parse(b"id,body\n1,hello\n", "csv", source="the uploaded file", text_option="?text_column=")
    assert info.value.hint.endswith("with ?text_column=, e.g. ?text_column=body")
    with pytest.raises(InputError) as info:
        parse(b'{"post": "x"}\n', "jsonl", text_column="post", id_column="uid", id_option="?id_column=")
    assert "?id_column=" in info.value.hint and "--id-column" not in info.value.hint
    with pytest.raises(InputError) as info:
        parse(b"", "csv", text_option="?text_column=")
    assert info.value.hint.endswith("(or choose another with ?text_column=)")


def test_missing_id_column(tmp_path):
    with pytest.raises(InputError, match="no column 'uid'"):
        read_file(write(tmp_path, "p.csv", "text\nx\n"), id_column="uid")


def test_invalid_utf8_is_replaced_and_only_affected_rows_warn(tmp_path):
    raw = b'text\nfine\n"bad \xff\xfe byte"\n"multi\nline \xc3 here"\nalso fine\n'
    got = read_file(write(tmp_path, "p.csv", raw))
    assert len(got) == 4
    assert "\ufffd" in got.texts[1] and "\ufffd" in got.texts[2]
    assert [DECODE_WARNING in w for w in got.warnings] == [False, True, True, False]


def test_invalid_utf8_in_txt_and_jsonl(tmp_path):
    got = read_file(write(tmp_path, "p.txt", b"ok\nbad \x80\nok\n"))
    assert [bool(w) for w in got.warnings] == [False, True, False]
    got = read_file(write(tmp_path, "p.jsonl", b'{"text": "ok"}\n{"text": "bad \xe2\x28"}\n'))
    assert [bool(w) for w in got.warnings] == [False, True]


def test_nul_and_control_bytes_never_crash_the_csv_reader(tmp_path):
    got = read_file(write(tmp_path, "p.csv", b'text\n"a\x00b"\nc\x00d\x07\x1b\n'))
    assert got.texts == ["a\x00b", "c\x00d\x07\x1b"]


def test_a_one_megabyte_field(tmp_path):
    big = "x" * 1_000_000
    assert read_file(write(tmp_path, "p.csv", f'text\n"{big}"\nsmall\n')).texts == [big, "small"]


def test_byte_order_marks(tmp_path):
    assert read_file(write(tmp_path, "p.csv", b"\xef\xbb\xbftext\nhello\n")).texts == ["hello"]
    assert read_file(write(tmp_path, "p.csv", "text\nhéllo\n".encode("utf-16"))).texts == ["héllo"]


def test_blank_jsonl_line_is_an_empty_row(tmp_path):
    got = read_file(write(tmp_path, "p.jsonl", '{"text": "a"}\n\n{"text": "b"}\n'))
    assert got.texts == ["a", "", "b"] and "blank" in got.warnings[1][0]


def test_malformed_jsonl(tmp_path):
    with pytest.raises(InputError, match="line 2 is not valid JSON"):
        read_file(write(tmp_path, "p.jsonl", '{"text": "a"}\n{"text": \n'))
    with pytest.raises(InputError, match="not an object"):
        read_file(write(tmp_path, "p.jsonl", '["text"]\n'))
    with pytest.raises(InputError, match="not text"):
        read_file(write(tmp_path, "p.jsonl", '{"text": ["a"]}\n'))


def test_short_csv_row_is_kept_empty_with_a_warning(tmp_path):
    got = read_file(write(tmp_path, "p.csv", "id,text\n1,a\n2\n3,c\n"), id_column="id")
    assert got.texts == ["a", "", "c"] and "no 'text' field" in got.warnings[1][0]


def test_empty_files(tmp_path):
    assert len(read_file(write(tmp_path, "p.txt", b""))) == 0
    assert len(read_file(write(tmp_path, "p.jsonl", b""))) == 0
    with pytest.raises(InputError, match="no header"):
        read_file(write(tmp_path, "p.csv", b""))
    assert len(read_file(write(tmp_path, "p.csv", b"text\n"))) == 0


def test_bad_paths_and_formats(tmp_path):
    with pytest.raises(InputError, match="no input file"):
        read_file(tmp_path / "missing.csv")
    with pytest.raises(InputError, match="folder"):
        read_file(tmp_path)
    with pytest.raises(UsageError, match="cannot tell the format"):
        read_file(write(tmp_path, "posts.xlsx", b"x"))
    assert read_file(write(tmp_path, "posts.data", b"a\nb\n"), fmt="txt").texts == ["a", "b"]
    with pytest.raises(UsageError, match="unknown input format"):
        detect_format("x.csv", "xml")


def test_text_argument_and_stdin():
    assert from_text("hello").texts == ["hello"]
    with pytest.raises(InputError, match="empty"):
        from_text("")
    with pytest.raises(InputError, match="only whitespace"):
        from_text(" \n ")
    got = from_stdin(io.BytesIO(b"caf\xe9 \x00 ok\n"))
    assert got.texts == ["caf\ufffd \x00 ok\n"] and got.warnings == [[DECODE_WARNING]]


def test_parse_direct():
    got = parse(b"text\na\nb\n", "csv")
    assert got.texts == ["a", "b"] and got.warnings == [[], []]


@pytest.mark.parametrize("fmt,raw", [
    ("csv", b"id,Text,Date,date2\n1,hello,2026-01-01,x\n"),
    ("csv", b"\xef\xbb\xbfid,text,TIME,time\n1,hi,a,b\n"),               # BOM; TIME and time both there
    ("tsv", b"text\tposted_at\nhello\t2026\n"),
    ("jsonl", b'{"text": "a", "id": 1, "meta": {"k": 1}, "date": "2026"}\n{"text": "b", "created_at": 5}\n'),
    ("jsonl", b'{"text": "a", "tags": ["x"]}\n{"text": "b", "tags": "y"}\n'),
    ("txt", b"one\ntwo\n"),
])
def test_has_field_agrees_with_parsing_the_column_again(fmt, raw):
    """has_field reads the first parse; it must say what a second parse with that column would."""
    inputs = parse(raw, fmt)
    for name in ("id", "Id", "text", "date", "Date", "time", "TIME", "posted_at", "created_at", "meta", "tags",
                 "nope"):
        try:
            parse(raw, fmt, text_column=name)
            again = fmt != "txt"
        except InputError:
            again = False
        assert has_field(inputs, name, fmt) is again, (fmt, name)
