"""Dates as printed in English and Chinese policy texts.

``December 1, 2023``, ``1 December 2023``, ``Dec. 1, 2023``, ``2024年12月9日``,
``2024-12-09`` and ``2024.12.09`` are recognised on folded text (full-width digits
read as ASCII).  Impossible dates (``February 30``) are not dates.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from typing import Final

import attrs

from .normalize import Folded, folded_chars, trim
from .numerals import CHINESE_DIGITS, hanzi_value

__all__ = ["DATE_PATTERN", "DATE_TEXT", "FoundDate", "find_dates", "parse_date"]

_MONTHS: Final = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
_MONTH: Final = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
)

DATE_PATTERN: Final = (
    rf"(?:(?P<m1>{_MONTH})\s*(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?\s*,\s*(?P<y1>\d{{4}})"
    rf"|(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<m2>{_MONTH})\s*(?:,\s*)?(?P<y2>\d{{4}})"
    r"|(?P<y3>\d{4})\s*年\s*(?P<m3>\d{1,2})\s*月\s*(?P<d3>\d{1,2})\s*日"
    r"|(?P<y4>(?:19|20)\d{2})(?P<sep>[-./])(?P<m4>\d{1,2})(?P=sep)(?P<d4>\d{1,2})(?![\d.])"
    # 二〇二四年十二月二十日, as signatures print the date; the zero is often typed
    # as a circle (二○二四, U+25CB), a letter O or a digit 0
    r"|(?P<y5>[〇○◯零O0一二三四五六七八九]{4})\s*年\s*(?P<m5>[一二三四五六七八九十]{1,3})\s*月"
    r"\s*(?P<d5>[一二三四五六七八九十]{1,3})\s*日)"
)
_DATE: Final = re.compile(DATE_PATTERN, re.IGNORECASE)
# The same shapes without group names, to embed in larger patterns.
DATE_TEXT: Final = re.sub(r"\(\?P<\w+>", "(?:", DATE_PATTERN).replace("(?P=sep)", "[-./]")


@attrs.frozen(kw_only=True, slots=True)
class FoundDate:
    """A date found in the text, with its offsets."""

    date: dt.date
    start: int
    end: int


def _to_date(m: re.Match[str]) -> dt.date | None:
    if m.group("y5") is not None:
        # 二〇二四年: the year digit by digit; month and day as numerals (十二月二十日)
        year5 = int("".join(str(CHINESE_DIGITS.get(ch, 0)) for ch in m.group("y5")))
        month = hanzi_value(m.group("m5"), strict=False) or 0
        day = hanzi_value(m.group("d5"), strict=False) or 0
        try:
            return dt.date(year5, month, day)
        except ValueError:
            return None
    for i in "1234":
        year = m.group(f"y{i}")
        if year is None:
            continue
        month_text = m.group(f"m{i}")
        month = int(month_text) if month_text.isdigit() else _MONTHS[month_text.rstrip(".").lower()]
        try:
            return dt.date(int(year), month, int(m.group(f"d{i}")))
        except ValueError:
            return None
    return None


def find_dates(folded: Folded, start: int = 0, end: int | None = None) -> Iterator[FoundDate]:
    """Every valid date in ``folded[start:end]``, in order."""
    stop = len(folded) if end is None else end
    for m in _DATE.finditer(folded, start, stop):
        date = _to_date(m)
        if date is not None:
            yield FoundDate(date=date, start=m.start(), end=m.end())


_AROUND_DATE: Final = folded_chars(" ()[]")


def parse_date(folded: Folded, start: int = 0, end: int | None = None) -> dt.date | None:
    """The date ``folded[start:end]`` consists of (blanks and brackets around it allowed), else
    ``None``."""
    start, end = trim(folded, start, len(folded) if end is None else end, _AROUND_DATE)
    m = _DATE.fullmatch(folded, start, end)
    return _to_date(m) if m else None
