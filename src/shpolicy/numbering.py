"""Numbering labels: ``I.``, ``(I)``, ``一、``, ``（一）``, ``1.``, ``1．``, ``(1)``, ``第一章`` ...

A label has a *shape* (how it is bracketed or punctuated) and a numeral
*system* (Roman, Chinese, Arabic).  Levels of a document are told apart by
shape and system together; :func:`match_label` reads one label at a position
of the folded text (see :mod:`shpolicy.normalize`).
"""

from __future__ import annotations

import re
from typing import Final, Literal

import attrs

from .normalize import Folded, folded_chars, trim
from .numerals import hanzi_value

__all__ = [
    "Label",
    "Shape",
    "Style",
    "System",
    "match_label",
    "roman_to_int",
]

# ASCII Roman numerals, or one of the Unicode Roman numeral signs Ⅰ..Ⅻ that
# Chinese input methods produce.
_ROMAN: Final = r"M{0,3}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})|[\u2160-\u216b]"
_CN_DIGITS: Final = "〇零一二两三四五六七八九十百千"
_CN: Final = f"[{_CN_DIGITS}]{{1,6}}"

Shape = Literal[
    "cn-part",
    "cn-chapter",
    "en-part",
    "en-chapter",
    "en-article",
    "cn-section",
    "cn-article",
    "roman-dot",
    "paren",
    "cn-dun",
    "decimal-2",
    "decimal-3",
    "decimal-4",
    "arabic-dot",
    "arabic-half-paren",
    "bare-number",
    "circled",
]
"""How a label is bracketed or punctuated; a decimal label's depth ("1.2.3": 3) is its own."""
System = Literal["roman", "chinese", "arabic", "circled"]
"""The numeral system of a label."""
Style = tuple[Shape, System]
"""Shape and numeral system together: what tells one level of a document from another."""

# A decimal label's shape by the number of its parts (its pattern allows 2 to 4).
_DECIMAL_SHAPES: Final[dict[int, Shape]] = {2: "decimal-2", 3: "decimal-3", 4: "decimal-4"}

# One pattern per label shape.  Each captures the bare numeral in group "n".
# The lookaheads keep decimals ("1.5"), dates ("2024.12") and abbreviations
# ("I.e.") from passing for labels.  ("decimal" stands for the decimal shapes.)
_PATTERNS: Final[tuple[tuple[Shape | Literal["decimal"], re.Pattern[str]], ...]] = (
    ("cn-part", re.compile(rf"第(?P<n>{_CN}|\d{{1,3}})部分\s*")),
    ("cn-chapter", re.compile(rf"第(?P<n>{_CN}|\d{{1,3}})章\s*")),
    # English headings spelled out; a capital (or the line's end) must follow,
    # so that "Article 12 of the Regulations ..." opening a sentence is prose.
    ("en-part", re.compile(rf"Part\s+(?P<n>{_ROMAN}|\d{{1,3}})\b[.:]?\s*(?=[A-Z]|$)")),
    ("en-chapter", re.compile(rf"Chapter\s+(?P<n>{_ROMAN}|\d{{1,3}})\b[.:]?\s*(?=[A-Z]|$)")),
    # "Article 1 (Purpose)": translations print an article's heading in brackets.
    ("en-article", re.compile(r"Article\s+(?P<n>\d{1,3})\b[.:]?\s*(?=[A-Z(]|$)")),
    ("cn-section", re.compile(rf"第(?P<n>{_CN}|\d{{1,3}})节\s*")),
    ("cn-article", re.compile(rf"第(?P<n>{_CN}|\d{{1,3}})条\s*")),
    ("roman-dot", re.compile(rf"(?P<n>{_ROMAN})(?:\.|、)(?![A-Za-z0-9.])\s*")),
    ("paren", re.compile(rf"\((?P<n>{_ROMAN}|{_CN}|\d{{1,3}})\)\s*")),
    ("cn-dun", re.compile(rf"(?P<n>{_CN})(?:、|\.(?![0-9]))\s*")),
    # "1.1", "2.3.1": the depth of a decimal label is its level.
    # A heading must follow (a capital or a Chinese character), so "1.5 million" is no label.
    (
        "decimal",
        re.compile(
            r"(?P<n>\d{1,2}(?:\.\d{1,2}){1,3})(?![0-9])\.?\s*(?=[A-Z]|[^\x00-\x7f])(?![万亿千百%])"
        ),
    ),
    # "1.2024年新增…": an item may open with a year, which a decimal never runs into.
    ("arabic-dot", re.compile(r"(?P<n>\d{1,3})(?:\.|、)(?:(?![0-9])|(?=(?:19|20)\d{2}年))\s*")),
    ("arabic-half-paren", re.compile(r"(?P<n>\d{1,3})\)\s*")),
    # "1 总则" over "1.1 …" items: a bare number heads a short heading line only
    # (see _BARE_HEADING_MAX), never a count ("3 年", "5 districts").
    (
        "bare-number",
        re.compile(
            r"(?P<n>\d{1,2})\s+(?=[A-Z]|[\u4e00-\u9fff])(?![年月日天个家项万亿千百元名次倍])"
        ),
    ),
    ("circled", re.compile(r"(?P<n>[\u2460-\u2473])\s*")),
)


# Every shape in one pattern, in the same order, each alternative a group of its
# own: a position where this fails holds no label, and where it matches, the
# alternative that matched is the first shape worth trying (alternation tries
# its branches in order, so no earlier shape matches there).  One regex call
# instead of one per shape at the many positions that are not labels.
_ANY_SHAPE: Final = re.compile(
    "|".join(f"({pattern.pattern.replace('(?P<n>', '(?:')})" for _, pattern in _PATTERNS)
)


def roman_to_int(numeral: str) -> int:
    """Value of a Roman numeral (already validated by the label pattern)."""
    values = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}
    total = 0
    for i, ch in enumerate(numeral):
        v = values[ch]
        if i + 1 < len(numeral) and values[numeral[i + 1]] > v:
            total -= v
        else:
            total += v
    return total


@attrs.frozen(kw_only=True, slots=True)
class Label:
    """A numbering label found in the text."""

    shape: Shape
    system: System
    value: int
    num: str  # the bare numeral as printed
    start: int  # offset of the label's first character
    end: int  # offset just past the label and the blanks after it
    text_end: int  # offset just past the label itself (without trailing blanks)

    @property
    def style(self) -> Style:
        """Shape and numeral system together: what tells one level from another."""
        return (self.shape, self.system)


def _system(shape: Shape, num: str) -> System:
    if shape == "circled":
        return "circled"
    if num.isdigit() or shape in _DECIMAL_SHAPES.values():
        return "arabic"
    if num[0] in _CN_DIGITS:
        return "chinese"
    return "roman"


def _value(system: System, num: str) -> int:
    if system == "arabic":
        return int(num.rsplit(".", 1)[-1])
    if system == "chinese":
        return hanzi_value(num, strict=False) or 0
    if system == "circled":
        return ord(num) - 0x2460 + 1
    if "\u2160" <= num <= "\u216b":
        return ord(num) - 0x2160 + 1
    return roman_to_int(num)


_BARE_HEADING_MAX = 30
_NOT_IN_HEADING: Final = folded_chars("。.,;:")


def _is_short_heading(folded: Folded, start: int, stop: int) -> bool:
    """Whether ``folded[start:stop]`` (the rest of a line) is a short heading without a stop."""
    newline = folded.find("\n", start, stop)
    end = stop if newline < 0 else newline
    rest = folded[start:end].rstrip()
    return len(rest) <= _BARE_HEADING_MAX and not any(c in rest for c in _NOT_IN_HEADING)


def match_label(folded: Folded, pos: int, end: int | None = None) -> Label | None:
    """The label starting exactly at *pos* in *folded*, or ``None``."""
    stop = len(folded) if end is None else end
    first = _ANY_SHAPE.match(folded, pos, stop)
    if first is None or first.lastindex is None:
        return None
    for pattern_shape, pattern in _PATTERNS[first.lastindex - 1 :]:
        m = pattern.match(folded, pos, stop)
        if m is None or not m.group("n"):
            continue
        num = m.group("n")
        if pattern_shape == "bare-number" and not _is_short_heading(folded, m.end(), stop):
            continue
        # each depth of a decimal label is a level of its own
        shape = _DECIMAL_SHAPES[num.count(".") + 1] if pattern_shape == "decimal" else pattern_shape
        system = _system(shape, num)
        value = _value(system, num)
        if value == 0:
            continue
        label_end = m.end()
        if folded[label_end - 1] == " ":
            label_end = trim(folded, m.start(), label_end, left=False)[1]
        return Label(
            shape=shape,
            system=system,
            value=value,
            num=num,
            start=m.start(),
            end=m.end(),
            text_end=label_end,
        )
    return None
