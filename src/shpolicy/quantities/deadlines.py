"""Years a sentence sets as the deadline of its targets.

"by 2025", "by the year of 2025", "by the end of 2025", "by June 30, 2025",
"到2025年", "2025年前", "2025年底前", "2025年6月30日前", "截至2025年底".  A
deadline governs the targets of its own clause or sentence part (see
:class:`SentenceDeadlines` for which one wins when a sentence has several).  A
bare year ("in 2025", "2025年"), a date ("until December 31, 2028") or a year
range ("2020至2022年") is no deadline.

Every pattern is matched in a window of bounded length ending at a year, or
scans the text once, so the cost is linear in the text.
"""

from __future__ import annotations

import bisect
import re
from typing import Final

import attrs

from ..normalize import Folded

__all__ = ["Deadline", "SentenceDeadlines", "find_deadlines"]

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


@attrs.frozen(kw_only=True, slots=True)
class Deadline:
    """A deadline year and where it is written (offsets into the scanned text)."""

    year: int
    start: int
    end: int


def find_deadlines(folded: Folded) -> tuple[Deadline, ...]:
    """Every deadline year in *folded* (text folded by :func:`shpolicy.normalize.fold`)."""
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
        )
        if is_deadline:
            found.append(Deadline(year=int(match.group()), start=match.start(), end=match.end()))
    return tuple(found)


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
    def of(cls, folded: Folded) -> SentenceDeadlines:
        """Sentences, clauses and deadlines of *folded*."""
        deadlines = find_deadlines(folded)
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
