"""Years a sentence sets as the deadline of its targets.

"by 2025", "by the year of 2025", "by the end of 2025", "by June 30, 2025",
"到2025年", "2025年前", "2025年底前", "2025年6月30日前", "截至2025年底", and a
year opening its sentence ("2024年，新建…5个。", "In 2024, add 10 parks.").  A
deadline governs the targets of its own clause or sentence part (see
:class:`SentenceDeadlines` for which one wins when a sentence has several).  A
bare year inside a sentence ("in 2025", "推进，2025年…"), a date ("until December
31, 2028", "2024年9月") or a year range ("2020至2022年") is no deadline.  In an
annual plan, the words naming its year ("全年", "this year") are a deadline of
the year its title names (:func:`plan_year`).

Every pattern is matched in a window of bounded length ending at a year, or
scans the text once, so the cost is linear in the text.
"""

from __future__ import annotations

import bisect
import re
from typing import Final

import attrs

from ..normalize import Folded

__all__ = ["Deadline", "SentenceDeadlines", "find_deadlines", "plan_year"]

# ``re`` skips ahead in C only to what can open a match, when a pattern opens
# with literals or one class; so the digit test before the year comes after
# its first two digits: ``(?<![0-9]..)`` there is ``(?<![0-9])`` at its start.
_YEAR: Final = re.compile(r"(?:19|20)(?<![0-9]..)[0-9]{2}(?![0-9])")

_MONTHS: Final = (
    "january|february|march|april|may|june|july|august|september|october|november|december"
)
# What may stand before the year; matched against a short window ending at the year.
_ENGLISH_BEFORE: Final = re.compile(
    r"(?i:\b(?:by|before|no\s+later\s+than)\s+"
    r"(?:the\s+)?"
    r"(?:end\s+of\s+(?:the\s+year\s+(?:of\s+)?)?|end-|year\s+(?:of\s+)?"
    rf"|(?:{_MONTHS})\s+(?:[0-9]{{1,2}},?\s+)?)?)\Z"
)
# 到 / 至 after a digit is a range ("2020至2022年"), not a deadline.
_CHINESE_BEFORE: Final = re.compile(r"(?<![0-9])(?:到|至|截至|截止到|截止至|截止)\s?\Z")
_CHINESE_YEAR_AFTER: Final = re.compile(r"\s?年")
_CHINESE_AFTER: Final = re.compile(
    r"\s?年\s?(?:[0-9]{1,2}\s?月\s?(?:[0-9]{1,2}\s?日\s?)?)?(?:底|末)?\s?(?:之前|以前|前)"
    r"|\s?年\s?(?:底|末)"
)

# Sentence ends: the Chinese full stop, ! ?, line breaks, and an English full
# stop followed by a space or the end (each pattern opens with one class of
# characters, which ``re`` finds fast, and a full stop is then checked for what
# follows it).  A semicolon only ends a part of the sentence: "到2028年底，A；B；
# C。" sets one deadline for A, B and C.
_SENTENCE_END: Final = re.compile(r"[。!?\n.](?:(?<=\.)(?=\s|\Z)|(?<!\.))")
# Sentence parts: sentence ends and semicolons.
_PART_END: Final = re.compile(r"[。;!?\n.](?:(?<=\.)(?=\s|\Z)|(?<!\.))")

# Clause ends: sentence ends plus commas and colons (after folding "，" is ",").
_CLAUSE_END: Final = re.compile(r"[。;!?\n,、:.](?:(?<=\.)(?=\s|\Z)|(?<!\.))")

_WINDOW: Final = 48

# A year opening a sentence, with no 到 before it, is the year its targets are for:
# "2024年新增“一件事”10个以上。", "2024年，新建改建口袋公园5个。", "In 2024, add 10 parks."
# It may follow an item's number ("3.", "(二)", "一、") or a colon.  Not a date
# ("2024年9月"), a start ("2024年起", "2024年以来"), a range ("2024年至2026年"),
# part of a year ("2024年上半年", "年初", "第一季度"), a description ("2024年是…",
# "2024年的…") or a year closing its line (a table's heading).
_SENTENCE_OPENING: Final = re.compile(
    r"(?:\A|[。;!?\n:])[ \t]*"
    r"(?:(?:[0-9]{1,2}[.、]|\([0-9一二三四五六七八九十]{1,3}\)"
    r"|[一二三四五六七八九十]{1,3}、)[ ]?)?\Z"
)
_OPENING_YEAR_AFTER: Final = re.compile(
    r"[ ]?年(?:度)?(?:[ ]?,"
    r"|(?=[\u4e00-\u9fff])(?![月起以的至到底末前后、和及与或是比同中初间上下第]))"
)
_ENGLISH_OPENING: Final = re.compile(
    r"(?:\A|[.!?;:][ ]{1,2}|\n[ \t]*)(?:In|During)[ ]+(?:the[ ]+year[ ]+(?:of[ ]+)?)?\Z"
)
_ENGLISH_OPENING_AFTER: Final = re.compile(r"[ ]?,")
_OPENING_WINDOW: Final = 24

# The year of an annual plan is the year its title names, when it names one year
# and calls itself a plan ("2026年上海量子城市空间智能建设工作要点", "松江区城市更新
# 2025年度实施计划", "Key Work Points for 2024"): not a period ("三年行动计划
# (2018—2020年)", two years) nor a horizon ("到2035年…", "N年…").
# In a Chinese title the year is written as one ("2024年", not "(2024版)", an edition).
_TITLE_YEAR: Final = re.compile(r"(?<![0-9])(?:19|20)[0-9]{2}(?![0-9])(?P<nian>年(?!版))?")
_PLAN_WORDS: Final = re.compile(
    r"要点|计划|安排|方案|任务|清单|(?i:\b(?:plan|key\s+points|work\s+points|tasks"
    r"|arrangements|priorities|programme|program)\b)"
)
_TITLE_HORIZON: Final = re.compile(
    r"(?:到|至|截至|面向)[ ]?(?:19|20)[0-9]{2}|(?<![0-9])[0-9一二三四五六七八九十两]{1,2}年"
    r"|(?i:\b(?:by|to|towards?|through)\s+(?:19|20)[0-9]{2})"
)
# Words that mean "the plan's year" in its text: 全年 (not 全年龄, "all ages"),
# 今年, 本年度, 年内 opening a clause (not 三年内, 自然年内), and their English forms.
_PLAN_YEAR_WORDS: Final = re.compile(
    r"全年(?!龄)|今年|本年度|本年|(?:(?<=[,;:。!?\n])|\A)[ ]?年内"
    r"|(?i:\b(?:this\s+year|throughout\s+the\s+year|within\s+the\s+year"
    r"|during\s+the\s+year|for\s+the\s+(?:whole|full)\s+year)\b)"
)


@attrs.frozen(kw_only=True, slots=True)
class Deadline:
    """A deadline year and where it is written (offsets into the scanned text)."""

    year: int
    start: int
    end: int


def plan_year(title: str | None) -> int | None:
    """The year of an annual plan its *title* names, else ``None`` (see _TITLE_YEAR)."""
    if not title or _PLAN_WORDS.search(title) is None or _TITLE_HORIZON.search(title):
        return None
    years = {m.group()[:4] for m in _TITLE_YEAR.finditer(title)}
    written = {m.group()[:4] for m in _TITLE_YEAR.finditer(title) if m["nian"] or title.isascii()}
    return int(written.pop()) if len(years) == 1 and len(written) == 1 else None


def find_deadlines(folded: Folded, *, year: int | None = None) -> tuple[Deadline, ...]:
    """Every deadline year in *folded* (text folded by :func:`shpolicy.normalize.fold`).

    *year* is the year of the annual plan the text belongs to (:func:`plan_year`):
    the words that name it ("全年新增森林面积5000亩", "this year") are its deadline.
    """
    found = _written_deadlines(folded)
    if year is not None:
        found.extend(
            Deadline(year=year, start=m.start(), end=m.end())
            for m in _PLAN_YEAR_WORDS.finditer(folded)
        )
        found.sort(key=lambda d: d.start)
    return tuple(found)


def _written_deadlines(folded: Folded) -> list[Deadline]:
    found: list[Deadline] = []
    for match in _YEAR.finditer(folded):
        before = folded[max(0, match.start() - _WINDOW) : match.start()]
        is_deadline = (
            _ENGLISH_BEFORE.search(before) is not None
            or (
                _CHINESE_BEFORE.search(before) is not None
                and _CHINESE_YEAR_AFTER.match(folded, match.end()) is not None
            )
            or _CHINESE_AFTER.match(folded, match.end()) is not None
            or _opens_sentence(folded, match.start(), match.end())
        )
        if is_deadline:
            found.append(Deadline(year=int(match.group()), start=match.start(), end=match.end()))
    return found


def _opens_sentence(folded: Folded, start: int, end: int) -> bool:
    """Whether the year at ``folded[start:end]`` opens its sentence as the year of its targets."""
    window = max(0, start - _OPENING_WINDOW)
    if _OPENING_YEAR_AFTER.match(folded, end):
        return _SENTENCE_OPENING.search(folded, window, start) is not None
    if _ENGLISH_OPENING_AFTER.match(folded, end):
        return _ENGLISH_OPENING.search(folded, window, start) is not None
    return False


@attrs.frozen(kw_only=True, slots=True)
class SentenceDeadlines:
    """Answers "which deadline governs this span?" for one scanned text.

    A deadline in the target's own clause wins ("30 parks by 2025, 50 by
    2030"); otherwise the last deadline before it in its sentence, which
    usually opens the sentence ("到2025年，…5万套"; "到2025年底，A；到2030年底，B"
    dates B by 2030, "到2028年底，A；B" dates B by 2028); otherwise the first
    one after it in its sentence part ("US$260 billion … by 2029").
    """

    sentence_ends: tuple[int, ...]
    part_ends: tuple[int, ...]
    clause_ends: tuple[int, ...]
    deadlines: tuple[Deadline, ...]
    deadline_starts: tuple[int, ...]

    @classmethod
    def of(cls, folded: Folded, *, year: int | None = None) -> SentenceDeadlines:
        """Sentences, clauses and deadlines of *folded*; *year* is the plan's (find_deadlines)."""
        deadlines = find_deadlines(folded, year=year)
        if not deadlines:  # no year to give any target: sentences do not matter
            return cls(
                sentence_ends=(), part_ends=(), clause_ends=(), deadlines=(), deadline_starts=()
            )
        return cls(
            sentence_ends=tuple(m.end() for m in _SENTENCE_END.finditer(folded)),
            part_ends=tuple(m.end() for m in _PART_END.finditer(folded)),
            clause_ends=tuple(m.end() for m in _CLAUSE_END.finditer(folded)),
            deadlines=deadlines,
            deadline_starts=tuple(d.start for d in deadlines),
        )

    def year_for(self, start: int, end: int) -> int | None:
        """The deadline year governing the target written at ``[start, end)``."""
        sentence = bisect.bisect_right(self.sentence_ends, start)
        clause = bisect.bisect_right(self.clause_ends, start)
        # Deadlines are in text order: only the last one before the span and
        # the first one after it can govern it.
        index = bisect.bisect_left(self.deadline_starts, start)
        before = self.deadlines[index - 1] if index > 0 else None
        after = self.deadlines[index] if index < len(self.deadlines) else None
        same_clause = [
            d
            for d in (before, after)
            if d is not None and bisect.bisect_right(self.clause_ends, d.start) == clause
        ]
        if same_clause:
            nearest = min(same_clause, key=lambda d: max(d.start - end, start - d.end, 0))
            return nearest.year
        if before is not None and bisect.bisect_right(self.sentence_ends, before.start) == sentence:
            return before.year
        part = bisect.bisect_right(self.part_ends, start)
        if after is not None and bisect.bisect_right(self.part_ends, after.start) == part:
            return after.year
        return None
