"""Each stage on its own: what it takes, what it returns (docs/pipeline.md)."""

from __future__ import annotations

import datetime as dt

import pytest

from shpolicy.body import find_body, starts_item
from shpolicy.header import read_header
from shpolicy.lines import join_continued, split_lines
from shpolicy.normalize import fold, match_brackets, trim
from shpolicy.numerals import hanzi_value
from shpolicy.structure import read_outline
from shpolicy.tail import TAIL_RULES, read_tail
from shpolicy.validity import find_validity, validity_period

NOTICE = (
    "上海市人民政府办公厅关于印发《某某行动方案》的通知\n"
    "沪府办发〔2024〕5号\n"
    "各区人民政府，市政府各委、办、局：\n"
    "现将《某某行动方案》印发给你们，请认真按照执行。\n"
    "上海市人民政府办公厅\n"
    "2024年5月6日\n"
    "某某行动方案\n"
    "为推进某事，制定本方案。\n"
    "一、总体要求\n"
    "（一）加强统筹。做好某事。（责任单位：市发展改革委）\n"
    "（二）完善机制。做好另一事。（责任单位：市商务委、市财政局）\n"
    "本方案自2024年6月1日起施行，有效期至2026年12月31日。\n"
    "上海市人民政府办公厅\n"
    "2024年5月6日\n"
)


def _stages(text: str):  # type: ignore[no-untyped-def]
    folded = fold(text)
    layout = find_body(folded, split_lines(folded))
    header = read_header(folded, layout.header)
    outline = read_outline(
        folded, join_continued(folded, list(layout.body), starts_item), TAIL_RULES
    )
    return folded, header, outline, read_tail(folded, outline.tail)


def test_header_lines_keep_their_kind() -> None:
    folded, header, _, _ = _stages(NOTICE)
    kinds = [(folded[h.line.start : h.line.end][:6], h.kind) for h in header.lines]
    assert [k for _, k in kinds] == [
        "notice",
        "number",
        "addressee",
        "prose",
        "org",
        "date",
        "title",
        "prose",
    ]
    assert header.notice_title is not None
    assert folded[slice(*header.notice_title)] == "某某行动方案"
    assert [folded[line.start : line.end] for line in header.wrapper] == [
        "现将《某某行动方案》印发给你们,请认真按照执行。"
    ]
    assert [d.code for d in header.diagnostics] == ["notice-text"]


def test_outline_sections_and_measures() -> None:
    folded, _, outline, _ = _stages(NOTICE)
    (section,) = outline.sections
    assert folded[slice(*section.heading)] == "总体要求"
    assert [folded[slice(*m.title)] for m in section.measures] == ["加强统筹", "完善机制"]
    assert [len(m.clause.units) if m.clause else 0 for m in section.measures] == [1, 2]
    assert outline.measures == ()


def test_tail_validity_and_signature() -> None:
    folded, _, _, tail = _stages(NOTICE)
    assert tail.validity is not None
    assert (tail.validity.start, tail.validity.end) == (dt.date(2024, 6, 1), dt.date(2026, 12, 31))
    assert [folded[s:e] for s, e in tail.signers] == ["上海市人民政府办公厅"]
    assert tail.signed == dt.date(2024, 5, 6)
    assert tail.closing == ()


@pytest.mark.parametrize(
    ("issued", "start", "end", "codes"),
    [
        (
            dt.date(2024, 2, 29),
            dt.date(2024, 2, 29),
            dt.date(2026, 2, 27),
            ["validity-start-computed", "validity-end-computed"],
        ),
        (
            dt.date(2024, 3, 1),
            dt.date(2024, 3, 1),
            dt.date(2026, 2, 28),
            ["validity-start-computed", "validity-end-computed"],
        ),
        (None, None, None, ["validity-end-unknown"]),
    ],
)
def test_a_period_in_years_from_the_announcement(
    issued: dt.date | None, start: dt.date | None, end: dt.date | None, codes: list[str]
) -> None:
    text = "本办法自印发之日起施行，有效期2年。"
    found = find_validity(fold(text), 0, len(text))
    assert found is not None
    period, notes = validity_period(text, found, issued=issued, published=None)
    assert (period.start, period.end) == (start, end)
    assert period.starts_on_announcement is (issued is None)
    assert [note.code for note in notes] == codes


def test_one_numeral_reader_strict_and_lenient() -> None:
    assert hanzi_value("一百零五") == hanzi_value("一百零五", strict=False) == 105
    assert hanzi_value("十四五") is None  # the 14th Five-Year Plan: a name, not 145
    assert hanzi_value("十四五", strict=False) == 15  # a label's pattern read as printed
    assert hanzi_value("零") is None
    assert hanzi_value("零", strict=False) == 0
    assert hanzi_value("五万") == 50000


def test_trim_and_brackets() -> None:
    folded = fold("  （责任单位：市商务委）) ")
    assert trim(folded, 0, len(folded)) == (2, len(folded) - 1)
    brackets = match_brackets(folded, 0, len(folded))
    assert brackets.pairs == {2: 12}
    assert brackets.unopened == 1
    assert brackets.depth == -1
    assert brackets.outermost() == [(2, 12)]
