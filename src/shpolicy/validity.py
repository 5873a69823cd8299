"""Validity clauses: when a policy takes effect and when it expires.

Recognised shapes (English and Chinese, on folded text): "effective as of
January 1, 2024 and remain effective until December 31, 2028", "effective as of
the date of announcement ... valid until ...", "自2025年3月1日起施行，有效期至
2029年12月31日", "自印发之日起施行", "以上措施自印发之日起实施，有效期3年",
"本办法自发布之日起30日后施行", "shall be valid for five years from the date of
issuance", a start date alone.  A sentence counts only when it speaks of the
document itself ("These Measures shall ...", "本措施自 ...", "以上措施 ..."), so
"实施" inside an ordinary sentence is not a validity clause.

How a period is counted (:func:`validity_period`; docs/validity.md):

* **from the announcement** -- a clause counts either from the document's
  issue (印发, 下发, 发文, 签发; "issuance", "issue", "printing") or from its
  publication (发布, 公布, 颁布; "announcement", "promulgation",
  "publication", "release").  The start is that date when the text prints
  it: for the issue, the date of the notice that issues the document, else
  the document's own date of issue; for the publication, the date of
  publication.  When the text does not print it, the period
  ``starts_on_announcement`` and its start is unknown.
* **N days or months after it** ("自印发之日起30日后施行") -- the day of the
  announcement is not counted (PRC Civil Code, art. 201), so the policy takes
  effect N days (months) after that date: 2024-06-14 + 30 days = 2024-07-14.
* **a period of N years** ("有效期3年") -- it ends the day before the same date
  N years on: from 2025-06-14, three years end on 2028-06-13 (a period that
  starts on 29 February ends on 27 February).
* **试行 / 暂行** (on trial, interim) in the clause or in the title make the
  period ``provisional``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from typing import Final, Literal

import attrs

from .dates import DATE_TEXT, parse_date
from .diagnostics import (
    VALIDITY_END_COMPUTED,
    VALIDITY_END_UNKNOWN,
    VALIDITY_START_COMPUTED,
    VALIDITY_START_UNKNOWN,
)
from .model import Diagnostic, Span, ValidityPeriod
from .normalize import Folded
from .numerals import hanzi_value
from .sentences import sentence_spans

__all__ = [
    "VALIDITY_OPENING",
    "Announcement",
    "ValidityMatch",
    "add_months",
    "add_years",
    "find_commencement",
    "find_validity",
    "find_validity_in",
    "is_provisional",
    "is_validity_clause",
    "validity_period",
]

_DOC: Final = (
    r"(?:measures?|opinions?|plans?|rules?|provisions?|polic(?:y|ies)|programmes?|programs?"
    r"|schemes?|regulations?|guidelines?|notice|methods?|circular|document|decision|outline)"
)
# The document itself: "These Measures", "本办法", and, closing a list of
# measures, "以上措施" / "上述措施" / "the above measures".
_SELF: Final = re.compile(
    rf"(?:these|this|the\s+present|the\s+above)\s+(?:[\w-]+\s+){{0,3}}?{_DOC}\b"
    r"|(?:本|以上|上述)(?:[\u4e00-\u9fff]{0,6}?)"
    r"(?:措施|意见|方案|办法|规定|细则|通知|政策|规划|计划|决定|条例|指引|文件|规则)",
    re.IGNORECASE,
)
# A validity clause opens by naming the document ("These Measures", "本办法").
VALIDITY_OPENING: Final = _SELF

# Which announcement a period counts from: the document's issue (印发, "issuance")
# or its publication (发布, "announcement").
Announcement = Literal["issue", "publication"]
_ISSUE_WORDS: Final = ("issuance", "issue", "printing", "印发", "下发", "发文", "签发")
_ISSUE: Final = re.compile("|".join(_ISSUE_WORDS), re.IGNORECASE)
_ANNOUNCE_EN: Final = (
    r"the\s+date\s+of\s+(?:its\s+)?"
    r"(?:announcement|promulgation|issuance|publication|release|issue|printing)"
)
_ANNOUNCE_ZH: Final = r"(?:印发|发布|公布|颁布|下发|发文|签发)之日"
_START: Final = re.compile(
    rf"(?:effective|valid|(?:come|comes|came)\s+into\s+(?:force|effect)|take[s]?\s+effect|be\s+implemented"
    rf"|enter[s]?\s+into\s+force|be\s+in\s+force|apply|be\s+applicable)"
    rf"\s+(?:as\s+)?(?:of|from|on|since)\s+(?:(?P<ann_en>{_ANNOUNCE_EN})|(?P<d_en>{DATE_TEXT}))"
    rf"|自\s*(?:(?P<ann_zh>{_ANNOUNCE_ZH})|(?P<d_zh>{DATE_TEXT}))\s*(?:起|至)"
    rf"|(?P<d_zh2>{DATE_TEXT})\s*起\s*(?:施行|实施|执行|生效|试行)",
    re.IGNORECASE,
)
_END: Final = re.compile(
    rf"(?:until|till|through|to|expire[sd]?\s+on|expiring\s+on)\s+(?P<d_en>{DATE_TEXT})"
    rf"|有效期限?\s*(?:至|到)\s*(?P<d_zh>{DATE_TEXT})"
    rf"|(?:至|到)\s*(?P<d_zh2>{DATE_TEXT})\s*(?:止|废止|失效|有效)?"
    rf"|(?P<d_zh3>{DATE_TEXT})\s*(?:废止|失效)",
    re.IGNORECASE,
)
_YEARS: Final = re.compile(
    r"(?:valid|effective|in\s+force)\s+for\s+(?:a\s+(?:period|term)\s+of\s+)?"
    r"(?P<en>\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten)\s+years?"
    r"|(?:有效期限?|试行期|暂行期|实施期限?)\s*(?:为\s*)?"
    r"(?P<zh>\d{1,2}|[一二两三四五六七八九十]{1,3})\s*年(?!\s*\d)",
    re.IGNORECASE,
)
_EN_NUMBERS: Final = {
    w: i
    for i, w in enumerate(
        ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"), start=1
    )
}


# "自印发之日起30日后施行", "30 days after the date of issuance": the start is a
# number of days or months after the announcement.
_DELAYED: Final = re.compile(
    rf"(?:{_ANNOUNCE_ZH}\s*起\s*|\b)(?P<count>\d{{1,3}}|[一二三四五六七八九十]{{1,3}})\s*"
    rf"(?:(?P<months>个月|months?)|日|天|days?)"
    rf"\s*(?:后|以后|after\s+{_ANNOUNCE_EN})",
    re.IGNORECASE,
)
# "valid for five years from the date of issuance": a period counted from announcement.
_FROM_ANNOUNCEMENT: Final = re.compile(
    rf"(?:from|as\s+of|since)\s+{_ANNOUNCE_EN}|自\s*{_ANNOUNCE_ZH}\s*起", re.IGNORECASE
)
# A title quoted in a clause: another document's.
_OTHER_TITLES: Final = re.compile(r"《[^《》]*》")
# 试行 (on trial), 暂行 (interim): the policy is provisional.
_PROVISIONAL: Final = re.compile(
    r"试行|暂行|(?i:\b(?:on\s+a\s+trial\s+basis|for\s+trial\s+implementation|interim|provisional)\b)"
)


@attrs.frozen(kw_only=True, slots=True)
class ValidityMatch:
    """A validity clause found in the text: what it says, before any date is counted."""

    start: dt.date | None  # a start date the clause prints
    end: dt.date | None  # an end date the clause prints
    counted_from: Announcement | None  # the period runs from the document's issue or publication
    span_start: int
    span_end: int
    years: int | None  # "有效期5年": a period whose end is counted
    delay_days: int = 0  # "自印发之日起30日后施行": the start is this long after the announcement
    delay_months: int = 0
    provisional: bool = False  # 试行 / 暂行

    @property
    def starts_on_announcement(self) -> bool:
        """Whether the clause counts from an announcement and gives no start date of its own."""
        return self.counted_from is not None and self.start is None


def is_validity_clause(folded: Folded, start: int, end: int) -> bool:
    """Whether ``folded[start:end]`` opens with a sentence on the document's own validity."""
    if _SELF.match(folded, start, end) is None:
        return False
    return any(p.search(folded, start, end) for p in (_START, _END, _YEARS, _DELAYED))


def is_provisional(folded: str) -> bool:
    """Whether *folded* (a title or a clause) calls the policy on trial or interim (试行, 暂行).

    The title of another document the clause names ("原《…意见（试行）》同时废止")
    says nothing of this one.
    """
    return _PROVISIONAL.search(_OTHER_TITLES.sub("", folded)) is not None


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


def add_months(day: dt.date, months: int) -> dt.date:
    """*day* moved *months* months on (to the month's last day when it is shorter)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    for last in (31, 30, 29, 28):
        try:
            return dt.date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise AssertionError("every month has a 28th")  # pragma: no cover


def _last_day(start: dt.date, years: int) -> dt.date:
    """The last day of a period of *years* years from *start*: the day before its anniversary."""
    return add_years(start, years) - dt.timedelta(days=1)


def _number(raw: str) -> int:
    if raw.isdigit():
        return int(raw)
    return _EN_NUMBERS.get(raw.lower()) or hanzi_value(raw, strict=False) or 0


def _counted_from(
    folded: Folded, begin: re.Match[str] | None, start: int, end: int
) -> Announcement | None:
    """Which announcement the clause counts from, if any."""
    announced = None
    if begin is not None and (begin.group("ann_en") or begin.group("ann_zh")):
        announced = begin.group("ann_en") or begin.group("ann_zh")
    elif begin is None:
        found = _FROM_ANNOUNCEMENT.search(folded, start, end)
        announced = None if found is None else found.group()
    if announced is None:
        return None
    return "issue" if _ISSUE.search(announced) else "publication"


def find_validity(folded: Folded, start: int, end: int) -> ValidityMatch | None:
    """The validity clause in ``folded[start:end]``: the sentences that state it."""
    if not is_validity_clause(folded, start, end):
        return None
    begin = _START.search(folded, start, end)
    finish = _END.search(folded, start, end)
    period = _YEARS.search(folded, start, end)
    delayed = _DELAYED.search(folded, start, end)
    start_date = None if begin is None else _date_in(folded, begin, "d_en", "d_zh", "d_zh2")
    end_date = (
        None if finish is None else _date_in(folded, finish, "d_en", "d_zh", "d_zh2", "d_zh3")
    )
    counted_from = None if start_date is not None else _counted_from(folded, begin, start, end)
    years = None if period is None else _number(period.group("en") or period.group("zh"))
    delay_days = delay_months = 0
    if delayed is not None and start_date is None:
        count = _number(delayed.group("count"))
        if delayed.group("months"):
            delay_months = count
        else:
            delay_days = count
        if counted_from is None:  # "30 days after the date of issuance"
            counted_from = "issue" if _ISSUE.search(delayed.group()) else "publication"
    matches = [m for m in (begin, finish, period, delayed) if m is not None]
    first = min(m.start() for m in matches)
    last = max(m.end() for m in matches)
    sentences = sentence_spans(folded, start, end)
    span_start = next((s for s, e in sentences if s <= first < max(e, s + 1)), start)
    span_end = next((e for s, e in sentences if s < last <= e), end)
    return ValidityMatch(
        start=start_date,
        end=end_date,
        counted_from=counted_from,
        span_start=span_start,
        span_end=span_end,
        years=years,
        delay_days=delay_days,
        delay_months=delay_months,
        provisional=is_provisional(folded[span_start:span_end]),
    )


# A government order's promulgation line says when it takes effect without naming
# itself: "（2024年3月5日上海市人民政府令第12号公布　自2024年5月1日起施行）",
# "effective as of May 1, 2024".
_COMMENCES: Final = re.compile(
    rf"自\s*(?P<zh>{DATE_TEXT})\s*起(?:施行|实施|生效)"
    rf"|(?:effective|(?:shall\s+)?(?:come|came)\s+into\s+force)\s+(?:as\s+of|on|from)\s+(?P<en>{DATE_TEXT})",
    re.IGNORECASE,
)


def find_commencement(folded: Folded, start: int, end: int) -> ValidityMatch | None:
    """The date a government order's promulgation line ``folded[start:end]`` gives it to take
    effect, as a validity clause with a start date and no end."""
    m = _COMMENCES.search(folded, start, end)
    if m is None:
        return None
    date = parse_date(folded, *m.span("zh" if m.group("zh") is not None else "en"))
    if date is None:
        return None
    return ValidityMatch(
        start=date, end=None, counted_from=None, span_start=m.start(), span_end=m.end(), years=None
    )


def find_validity_in(folded: Folded, ranges: Iterable[tuple[int, int]]) -> ValidityMatch | None:
    """The first validity clause in any of *ranges* ("第十条 本办法自…起施行" as the last item)."""
    for start, end in ranges:
        found = find_validity(folded, start, end)
        if found is not None:
            return found
    return None


def validity_period(
    text: str,
    found: ValidityMatch,
    *,
    issued: dt.date | None,
    published: dt.date | None,
    title: str | None = None,
) -> tuple[ValidityPeriod, tuple[Diagnostic, ...]]:
    """The model's validity period of *found* (spans index *text*), and how its dates were counted.

    *issued* is the date the document was issued (printed and distributed):
    the date of the notice that issues it when the text prints one, else the
    document's own date of issue; *published* its date of publication.  A
    clause that counts from the issue ("自印发之日起") starts on *issued*, one that
    counts from the publication ("自发布之日起") on *published*; without that
    date the period starts on an announcement the text does not date.  A
    period of N years ends the day before the same date N years on.  The
    diagnostics say which dates were counted, or could not be.  *title* (the
    policy's) makes the period provisional when it says 试行 or 暂行.
    """
    span = Span(start=found.span_start, end=found.span_end)
    notes: list[Diagnostic] = []
    start = found.start
    if found.counted_from is not None and start is None:
        announced = issued if found.counted_from == "issue" else published
        start = _counted_start(found, announced, span, notes)
    end = found.end
    if found.years is not None and end is None:
        if start is not None:
            end = _last_day(start, found.years)
            if found.start is None:
                notes.append(
                    VALIDITY_END_COMPUTED.at(
                        f"end of validity counted as {found.years} years from "
                        f"{start.isoformat()}, the start counted from the document's "
                        f"{found.counted_from}",
                        span,
                    )
                )
        else:
            notes.append(
                VALIDITY_END_UNKNOWN.at(
                    f"valid for {found.years} years from a date the text does not give", span
                )
            )
    if start is not None and end is not None and end < start:
        end = None  # a misprint; the clause text keeps what was written
    provisional = found.provisional or (title is not None and is_provisional(title))
    period = ValidityPeriod(
        start=start,
        end=end,
        starts_on_announcement=found.counted_from is not None
        and start is None
        and not (found.delay_days or found.delay_months),
        provisional=provisional,
        text=text[found.span_start : found.span_end],
        span=span,
    )
    return period, tuple(notes)


def _counted_start(
    found: ValidityMatch, announced: dt.date | None, span: Span, notes: list[Diagnostic]
) -> dt.date | None:
    """The start of a period counted from the announcement dated *announced*."""
    kind = found.counted_from
    delayed = found.delay_days or found.delay_months
    if announced is None:
        if delayed:
            notes.append(
                VALIDITY_START_UNKNOWN.at(
                    f"takes effect a time after the document's {kind}, "
                    "which the text does not date",
                    span,
                )
            )
        return None
    if not delayed:
        notes.append(
            VALIDITY_START_COMPUTED.at(
                f"start taken as {announced.isoformat()}, the date of the document's {kind}",
                span,
            )
        )
        return announced
    start = add_months(announced, found.delay_months) + dt.timedelta(days=found.delay_days)
    after = f"{found.delay_months} months" if found.delay_months else f"{found.delay_days} days"
    notes.append(
        VALIDITY_START_COMPUTED.at(
            f"start counted as {after} after {announced.isoformat()}, the date of the "
            f"document's {kind} (the day of the {kind} is not counted)",
            span,
        )
    )
    return start
