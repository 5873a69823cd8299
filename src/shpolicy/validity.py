"""Validity clauses: when a policy takes effect and when it expires.

Recognised shapes (English and Chinese, on folded text): "effective as of
January 1, 2024 and remain effective until December 31, 2028", "effective as of
the date of announcement ... valid until ...", "自2025年3月1日起施行，有效期至
2029年12月31日", "自印发之日起施行", "有效期5年" (the end is computed), a start
date alone.  A sentence counts only when it speaks of the document itself
("These Measures shall ...", "本措施自 ..."), so "实施" inside an ordinary
sentence is not a validity clause.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from typing import Final

import attrs

from .dates import DATE_TEXT, parse_date
from .diagnostics import VALIDITY_END_COMPUTED, VALIDITY_END_UNKNOWN
from .model import Diagnostic, Span, ValidityPeriod
from .normalize import Folded
from .numerals import hanzi_value
from .sentences import sentence_spans

__all__ = [
    "VALIDITY_OPENING",
    "ValidityMatch",
    "add_years",
    "find_validity",
    "find_validity_in",
    "is_validity_clause",
    "validity_period",
]

_DOC: Final = (
    r"(?:measures?|opinions?|plans?|rules?|provisions?|polic(?:y|ies)|programmes?|programs?"
    r"|schemes?|regulations?|guidelines?|notice|methods?|circular|document|decision|outline)"
)
_SELF: Final = re.compile(
    rf"(?:these|this|the\s+present)\s+(?:[\w-]+\s+){{0,3}}?{_DOC}\b"
    r"|本(?:[\u4e00-\u9fff]{0,6}?)(?:措施|意见|方案|办法|规定|细则|通知|政策|规划|计划|决定|条例|指引|文件|规则)",
    re.IGNORECASE,
)
# A validity clause opens by naming the document ("These Measures", "本办法").
VALIDITY_OPENING: Final = _SELF
_ANNOUNCE_EN: Final = (
    r"the\s+date\s+of\s+(?:its\s+)?"
    r"(?:announcement|promulgation|issuance|publication|release|issue|printing)"
)
_ANNOUNCE_ZH: Final = r"(?:印发|发布|公布|颁布|下发|发文)之日"
_START: Final = re.compile(
    rf"(?:effective|valid|(?:come|comes|came)\s+into\s+(?:force|effect)|take[s]?\s+effect|be\s+implemented"
    rf"|enter[s]?\s+into\s+force|be\s+in\s+force|apply|be\s+applicable)"
    rf"\s+(?:as\s+)?(?:of|from|on|since)\s+(?:(?P<ann_en>{_ANNOUNCE_EN})|(?P<d_en>{DATE_TEXT}))"
    rf"|自\s*(?:(?P<ann_zh>{_ANNOUNCE_ZH})|(?P<d_zh>{DATE_TEXT}))\s*(?:起|至)"
    rf"|(?P<d_zh2>{DATE_TEXT})\s*起\s*(?:施行|实施|执行|生效)",
    re.IGNORECASE,
)
_END: Final = re.compile(
    rf"(?:until|till|through|to|expire[sd]?\s+on|expiring\s+on)\s+(?P<d_en>{DATE_TEXT})"
    rf"|有效期\s*(?:至|到)\s*(?P<d_zh>{DATE_TEXT})"
    rf"|(?:至|到)\s*(?P<d_zh2>{DATE_TEXT})\s*(?:止|废止|失效|有效)?"
    rf"|(?P<d_zh3>{DATE_TEXT})\s*(?:废止|失效)",
    re.IGNORECASE,
)
_YEARS: Final = re.compile(
    r"(?:valid|effective|in\s+force)\s+for\s+(?:a\s+period\s+of\s+)?(?P<en>\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten)\s+years?"
    r"|有效期\s*(?:为\s*)?(?P<zh>\d{1,2}|[一二两三四五六七八九十]{1,3})\s*年(?!\s*\d)",
    re.IGNORECASE,
)
_EN_NUMBERS: Final = {
    w: i
    for i, w in enumerate(
        ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"), start=1
    )
}


# "自印发之日起30日后施行", "30 days after the date of issuance": the start is a
# date after the announcement that the text does not give.
_DELAYED: Final = re.compile(
    rf"(?:{_ANNOUNCE_ZH}\s*起\s*|\b)(?:\d{{1,3}}|[一二三四五六七八九十]{{1,3}})\s*(?:日|天|个月|days?|months?)"
    rf"\s*(?:后|以后|after\s+{_ANNOUNCE_EN})",
    re.IGNORECASE,
)
# "valid for five years from the date of issuance": a period counted from announcement.
_FROM_ANNOUNCEMENT: Final = re.compile(
    rf"(?:from|as\s+of|since)\s+{_ANNOUNCE_EN}|自\s*{_ANNOUNCE_ZH}\s*起", re.IGNORECASE
)


@attrs.frozen(kw_only=True, slots=True)
class ValidityMatch:
    """A validity clause found in the text."""

    start: dt.date | None
    end: dt.date | None
    starts_on_announcement: bool
    span_start: int
    span_end: int
    years: int | None  # "有效期5年": the period, when the end had to be computed


def is_validity_clause(folded: Folded, start: int, end: int) -> bool:
    """Whether ``folded[start:end]`` opens with a sentence on the document's own validity."""
    if _SELF.match(folded, start, end) is None:
        return False
    return any(p.search(folded, start, end) for p in (_START, _END, _YEARS, _DELAYED))


def _date_in(folded: Folded, m: re.Match[str], *groups: str) -> dt.date | None:
    for name in groups:
        if m.group(name):
            return parse_date(folded, *m.span(name))
    return None


def add_years(day: dt.date, years: int) -> dt.date:
    """*day* moved *years* years on (29 February becomes 28 February)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def _last_day(start: dt.date, years: int) -> dt.date:
    """The last day of a period of *years* years from *start*: the day before its anniversary."""
    return add_years(start, years) - dt.timedelta(days=1)


def find_validity(folded: Folded, start: int, end: int) -> ValidityMatch | None:
    """The validity clause in ``folded[start:end]``: the sentences that state it."""
    if not is_validity_clause(folded, start, end):
        return None
    begin = _START.search(folded, start, end)
    finish = _END.search(folded, start, end)
    period = _YEARS.search(folded, start, end)
    on_announcement = (
        begin is not None and bool(begin.group("ann_en") or begin.group("ann_zh"))
    ) or (begin is None and _FROM_ANNOUNCEMENT.search(folded, start, end) is not None)
    start_date = None if begin is None else _date_in(folded, begin, "d_en", "d_zh", "d_zh2")
    end_date = (
        None if finish is None else _date_in(folded, finish, "d_en", "d_zh", "d_zh2", "d_zh3")
    )
    years: int | None = None
    if period is not None:
        raw = period.group("en") or period.group("zh")
        years = (
            int(raw)
            if raw.isdigit()
            else _EN_NUMBERS.get(raw.lower()) or hanzi_value(raw, strict=False) or 0
        )
        if end_date is None and start_date is not None:
            end_date = _last_day(start_date, years)
    if start_date is not None and end_date is not None and end_date < start_date:
        end_date = None  # a misprint; the clause text keeps what was written
    delayed = _DELAYED.search(folded, start, end)
    if delayed is not None and start_date is None:
        on_announcement = False  # counted from the announcement, but not on it
    matches = [m for m in (begin, finish, period, delayed) if m is not None]
    first = min(m.start() for m in matches)
    last = max(m.end() for m in matches)
    sentences = sentence_spans(folded, start, end)
    span_start = next((s for s, e in sentences if s <= first < max(e, s + 1)), start)
    span_end = next((e for s, e in sentences if s < last <= e), end)
    return ValidityMatch(
        start=start_date,
        end=end_date,
        starts_on_announcement=on_announcement and start_date is None,
        span_start=span_start,
        span_end=span_end,
        years=years,
    )


def find_validity_in(folded: Folded, ranges: Iterable[tuple[int, int]]) -> ValidityMatch | None:
    """The first validity clause in any of *ranges* ("第十条 本办法自…起施行" as the last item)."""
    for start, end in ranges:
        found = find_validity(folded, start, end)
        if found is not None:
            return found
    return None


def validity_period(
    text: str, found: ValidityMatch, announced: dt.date | None
) -> tuple[ValidityPeriod, Diagnostic | None]:
    """The model's validity period of *found* (spans index *text*), and what its end says.

    A period without a start date ("有效期2年") ends *years* after the document's
    own date (*announced*: its date of issue, else of publication) when it runs
    from the announcement ("自印发之日起施行，有效期2年"); otherwise its end is unknown.
    """
    end = found.end
    span = Span(start=found.span_start, end=found.span_end)
    note: Diagnostic | None = None
    if found.years is not None and found.start is None and end is None:
        if found.starts_on_announcement and announced is not None:
            end = _last_day(announced, found.years)
            note = VALIDITY_END_COMPUTED.at(
                f"end of validity counted as {found.years} years from "
                f"{announced.isoformat()}, the document's date",
                span,
            )
        else:
            note = VALIDITY_END_UNKNOWN.at(
                f"valid for {found.years} years from a date the text does not give", span
            )
    period = ValidityPeriod(
        start=found.start,
        end=end,
        starts_on_announcement=found.starts_on_announcement,
        text=text[found.span_start : found.span_end],
        span=span,
    )
    return period, note
