"""Quantitative targets, caps and amounts in English and Chinese policy text.

:func:`find_targets` reads "more than 30 pilot demonstration projects",
"50,000 government-subsidized rental housing units", "US$260 billion",
"as high as 50%", "给予200万元", "最高5000万元", "5万套", "100个" as
:class:`~shpolicy.model.Target` objects with exact values.

What makes a number a quantity (the same rules in both languages):

* something after it says what it counts: a currency or a scale word
  ("50 million yuan", "200万元", "5万"), "%", a Chinese measure word
  (个, 套, 家, 公里...) or, in English, a lower-case noun phrase; or
* a comparator right before it ("more than", "不少于", "最高").

and a number is *not* a quantity when it is part of a name or a label:
glued to letters or "+" ("5G", "Web3.0", "(2+2)"), an ordinal ("20th",
第5), right after a label or rank word ("Line 18", "No. 2", "Top 100",
"Article 5", 前10), followed by a non-counting word (18号线, 〔2025〕5号,
二十大, 百强), a date or a duration ("2025年", "12月", "3 years",
"December 31, 2028"), or a year-shaped English number counting a noun
("in 2025 enterprises").  Spelled-out small numbers ("three parks",
"三个生态园", "top ten brands") are descriptions, not targets, unless a
comparator or a scale word makes them one ("no fewer than three events",
"五万套", "一百个").

A range ("25—30公里", "5-10万元", "25 to 30 km", "20%—30%") gives two
targets: the lower end with ">=" and the upper end with "<=" (an explicit
comparator wins), each with its own non-overlapping span, the lower end
inheriting the upper end's scale when it has none ("5-10万元" is 50000 to
100000); "从20%提高到30%" is a change, not a range.

Comparators are read as the law reads them (docs/targets.md has the table):
以上 / 以下 / 以内 / 届满 include the number (PRC Civil Code art. 1259), 超过 /
不满 / 以外 exclude it.  Adjacent comparators ("more than 30", "以上") decide;
a comparator before a list governs each bare figure of it ("最高300万元、500万元"),
one after a list each bare figure before it ("80%、50%以上"); failing those, a
cap word earlier in the same clause ("the maximum support amount may be 50
million yuan", "最高可达到…的50%") makes it "<=", and a comparator verb reaches
the figure heading its object ("不超过车辆购置价格的30%").  Units are ISO 4217
codes for money (CNY for 元 / yuan / RMB, USD for US$ / dollars), "percent",
"percentage points", or the counted noun or measure word as written ("the
number of routes will be increased to 30" counts routes; a unit of measure per
another is one unit: "25微克/立方米", "5万吨/年", "50 mg/L").  Durations ("3
years", "5个工作日", "60岁") are not targets, nor is a count naming the scope of a
commitment ("等4个新城", "all 16 districts": :mod:`shpolicy.quantities.scope`).
A deadline dates the targets of its clause or sentence part
(:mod:`shpolicy.quantities.deadlines`), never a threshold of eligibility
(:mod:`shpolicy.quantities.conditions`).

Cost: the scanner finds figures with a left-to-right regex scan whose
alternatives cannot backtrack into each other, and number words where a
one-byte-a-character skeleton of the text, split into words, holds one; it
looks at the context of each number through anchored matches and windows of
bounded length, so a text is read in time linear in its length, however
hostile.  An ASCII text whose skeleton holds no digit and no number word is
not read further, and sentences and deadlines are only looked for in a text
that has a target.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from decimal import Decimal
from types import MappingProxyType
from typing import Final, Literal, NamedTuple

from .errors import InvalidValueError
from .model import Comparator, Span, Target
from .normalize import Folded, fold
from .numerals import (
    CHINESE_NUMERAL_CHARS,
    ENGLISH_NUMBER_WORDS,
    english_word_value,
    hanzi_value,
    scaled,
)
from .quantities.conditions import is_condition
from .quantities.deadlines import SentenceDeadlines
from .quantities.scope import counts_scope_of, names_scope
from .quantities.vocabulary import (
    BLOCKING_WORDS,
    CHINESE_CURRENCIES,
    CHINESE_MEASURES,
    CHINESE_PER_UNITS,
    CHINESE_PREFIX_COMPARATORS,
    CHINESE_SUFFIX_COMPARATORS,
    CHINESE_TIME_UNITS,
    CHINESE_UNITS,
    CLAUSE_CAPS,
    ENGLISH_CURRENCIES,
    ENGLISH_INVARIANT_PLURALS,
    ENGLISH_PREFIX_COMPARATORS,
    ENGLISH_SCALES,
    ENGLISH_STOP_WORDS,
    ENGLISH_SUFFIX_COMPARATORS,
    ENGLISH_TIME_WORDS,
    PREFIX_CURRENCIES,
    longest_first,
)

__all__ = ["find_targets"]


def _alternation(words: tuple[str, ...]) -> str:
    return "|".join(re.escape(w) for w in words)


# Case-insensitive matching of ASCII letters also admits four non-ASCII
# letters (see IGNORECASE in the ``re`` documentation): "at leaſt" matches
# "at least".  A matched keyword is looked up by its ASCII form.
_ASCII_CASE_TWINS: Final = "\u0130\u0131\u017f\u212a"  # İ ı ſ K
_TO_ASCII_CASE: Final = str.maketrans(dict(zip(_ASCII_CASE_TWINS, "iisk", strict=True)))
_CASE_TWIN: Final = re.compile(f"[{_ASCII_CASE_TWINS}]")


_ASCII_LETTERS: Final = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")


def _keyword(matched: str) -> str:
    """The lower-case ASCII spelling of a keyword matched case-insensitively."""
    return matched.translate(_TO_ASCII_CASE).lower()


# -- the number itself --------------------------------------------------------

# ``re`` skips ahead in C to the next possible match only when a pattern opens
# with one character class; a pattern that opens with an alternation of groups
# or with ``\b`` is tried at every position of the text, which made finding
# numbers the largest cost of recognition.  So numbers are found by two such
# patterns: digits and Chinese numerals by the class of their first character
# (and which one it was), English number words by the non-word character
# before them -- the ``\b`` they need -- with the word itself in a lookahead,
# so that every word start is seen, also one inside a compound ("-five").  A
# word at the very start of the text has no character before it and is
# matched on its own.  Each alternative can only be followed by a literal the
# repetition before it cannot match, so matching is linear in the input.
# (Even a class is checked character by character; the word pattern is only
# tried where a faster scan of the text's skeleton proposes a word start, see
# _number_words.)
_DIGITS_OR_HANZI: Final = re.compile(
    rf"[0-9{CHINESE_NUMERAL_CHARS}]"
    r"(?:(?<=[0-9])[0-9]*(?:,[0-9]{3})*(?:\.[0-9]+)?"
    rf"|[{CHINESE_NUMERAL_CHARS}]*)"
)
_WORD_FIRST_LETTERS: Final = "".join(sorted({w[0] for w in ENGLISH_NUMBER_WORDS}))
# The class of first letters holds their case-insensitive twins too.
_WORD_LEADS: Final = "".join(
    ch
    for ch in f"{_WORD_FIRST_LETTERS}{_WORD_FIRST_LETTERS.upper()}{_ASCII_CASE_TWINS}"
    if re.fullmatch(f"(?i:[{_WORD_FIRST_LETTERS}])", ch)
)


def _words_after(first: str) -> str:
    """The number words starting with *first*, as a lookbehind on it and their rest.

    Grouping the words by first letter (in their longest-first order) lets a
    non-number word fail after one character class instead of every word.
    """
    rests = _alternation(tuple(w[1:] for w in ENGLISH_NUMBER_WORDS if w[0] == first))
    return f"(?<={first})(?:{rests})"


_NUMBER_WORD: Final = (
    rf"[{_WORD_LEADS}](?i:(?:{'|'.join(_words_after(c) for c in _WORD_FIRST_LETTERS)})"
    rf"(?:-(?:{_alternation(ENGLISH_NUMBER_WORDS)}))?\b)"
)
# The character before a word is matched by a class of plain ranges that holds
# every non-word character (ASCII letters, digits and CJK ideographs are word
# characters), which ``re`` tests faster than ``\W``; ``(?<=\W)`` then confirms
# it, only where a number word follows.
_NUMBER_WORD_AFTER: Final = re.compile(
    rf"[^0-9A-Za-z_\u3400-\u4dbf\u4e00-\u9fff](?=(?P<word>{_NUMBER_WORD}))(?<=\W)"
)
_NUMBER_WORD_AT_START: Final = re.compile(_NUMBER_WORD)
# The number words as they are written in a text's skeleton (see _word_skeleton).
_NUMBER_WORD_BYTES: Final = frozenset(word.encode("ascii") for word in ENGLISH_NUMBER_WORDS)
_WORD_BYTES: Final = f"0123456789_{''.join(sorted(_ASCII_LETTERS))}".encode("ascii")
_SKELETON_BYTES: Final = bytes.maketrans(
    bytes(byte for byte in range(256) if byte not in _WORD_BYTES) + b"ABCDEFGHIJKLMNOPQRSTUVWXYZ",
    b" " * (256 - len(_WORD_BYTES)) + b"abcdefghijklmnopqrstuvwxyz",
)
_DIGIT_BYTES: Final = b"0123456789"
# Folding only turns ASCII tabs into spaces, so it changes nothing an ASCII
# text's skeleton shows; checked here rather than assumed.
_ALL_ASCII: Final = "".join(map(chr, range(128)))
_FOLDING_KEEPS_ASCII_SKELETON: Final = fold(_ALL_ASCII).isascii() and (
    fold(_ALL_ASCII).encode("ascii").translate(_SKELETON_BYTES)
    == _ALL_ASCII.encode("ascii").translate(_SKELETON_BYTES)
)
_NUMBER_KINDS: Final[Mapping[str, NumberKind]] = MappingProxyType(
    {**dict.fromkeys("0123456789", "digits"), **dict.fromkeys(CHINESE_NUMERAL_CHARS, "hanzi")}
)
_DIGITS: Final = re.compile(r"[0-9]+(?:,[0-9]{3})*(?:\.[0-9]+)?")
_MAX_DIGITS: Final = 24  # longer digit runs are identifiers, not amounts
_MAX_HANZI: Final = 12
_YEAR_SHAPED: Final = re.compile(r"(?:19|20)[0-9]{2}")
_LEADING_ZERO: Final = re.compile(r"0[0-9]")  # "021", "000": codes, not amounts

# -- what stands before the number -------------------------------------------

# Searched in a short window ending where the number (or its currency) starts.
_WINDOW: Final = 32
_CURRENCY_LAST_CHARS: Final = frozenset("$¥￥€BYDR币")
_PREFIX_CURRENCY: Final = re.compile(
    r"(?:US\$|U\.S\.\$|HK\$|\$|¥|￥|€|人民币|(?<![A-Za-z])(?:RMB|CNY|USD|EUR|HKD))[ ]?\Z"
)
_APPROXIMATELY: Final = ("about", "approximately", "around", "nearly", "roughly")
_ENGLISH_COMPARATOR: Final = re.compile(
    rf"(?i:\b(?P<cmp>{_alternation(longest_first(ENGLISH_PREFIX_COMPARATORS))})"
    rf"[ ]{{1,2}}(?:(?:{_alternation(_APPROXIMATELY)})[ ]{{1,2}})?)\Z"
)
# Searching the window for a comparator tries every one at every position, so
# the word that ends one or two spaces before the number is checked first:
# every match of the pattern above ends with one of these words.
_ENGLISH_COMPARATOR_LAST_WORDS: Final = frozenset(
    phrase.rsplit(" ", 1)[-1] for phrase in (*ENGLISH_PREFIX_COMPARATORS, *_APPROXIMATELY)
)
_CASELESS_LETTERS: Final = _ASCII_LETTERS | frozenset(_ASCII_CASE_TWINS)
# A line break never separates two Chinese words: "最高不超过\n1.5亿元" in a text
# wrapped at a fixed width is "最高不超过1.5亿元".
_CHINESE_COMPARATOR: Final = re.compile(
    rf"(?P<cmp>{_alternation(longest_first(CHINESE_PREFIX_COMPARATORS))})"
    r"可?(?:达到|达|为|至)?(?:[ ]?\r?\n)?[ ]?\Z"
)
# A comparator verb governs the figure that heads its object: in "不超过车辆购置价格的30%"
# the cap is on the 30%.  The object is a short run of Chinese words ending in 的.
_CHINESE_DISTANT_COMPARATOR: Final = re.compile(
    rf"(?P<cmp>{_alternation(longest_first(CHINESE_PREFIX_COMPARATORS))})"
    r"(?:[\u4e00-\u9fff()、]{1,20})的[ ]?\Z"
)
_PERCENT_PREFIX: Final = "百分之"
# A word right before the number that makes it a label or rank ("Line 18").
_WORD_BEFORE: Final = re.compile(r"\b(?P<word>[A-Za-z]+)\.?[ ]{0,2}\Z")
# What may stand before a sentence's first word (whose capital then means nothing).
_SENTENCE_OPENERS: Final = frozenset({"", ".", "!", "?", "\n", "(", "[", '"', "“", ":", ";"})
# An acronym right before the number names a standard or code ("ISO 9001").
_ACRONYM_BEFORE: Final = re.compile(r"\b[A-Z]{2,}[ ]?\Z")
# Glued to letters, "+", "/", or a hyphenated word before: "Web3.0", "2+2", "COVID-19".
_GLUING_SYMBOLS: Final = frozenset("+/×*=^#@_")

# -- what stands after the number ---------------------------------------------

# Glued after: "5G", "20th", "3.0-oriented", "5G+", "24/7", "1.2.3", "24,26".
_GLUED_AFTER: Final = re.compile(r"[A-Za-z_+/×*=^#@]|[ ][+×*=]|-[A-Za-z]|[.,][0-9]|[0-9]")
# A unit "per" another is one unit: "25 μg/m³", "0.5mg/L", "60 km/h", "500 t/d".
_COMPOUND_ABBREVIATIONS: Final = tuple(
    f"{mass}/{per}"
    for mass, pers in (
        ("mg", ("L", "l", "m³", "m3", "kg")),
        ("μg", ("L", "l", "m³", "m3")),
        ("µg", ("L", "l", "m³", "m3")),  # the micro sign, which folding keeps
        ("ug", ("L", "m³", "m3")),
        ("m³", ("d", "h", "a")),
        ("m3", ("d", "h", "a")),
        ("t", ("d", "h", "a")),
        ("km", ("h",)),
    )
    for per in pers
)
_UNIT_ABBREVIATIONS: Final = (
    *_COMPOUND_ABBREVIATIONS,
    "m³",
    "dB",
    "km",
    "kg",
    "kWh",
    "kW",
    "MWh",
    "MW",
    "GWh",
    "GW",
    "TWh",
    "TB",
    "PB",
    "EB",
    "GB",
)
_UNIT_ABBREVIATION: Final = re.compile(
    rf"[ ]?(?P<unit>{_alternation(longest_first(_UNIT_ABBREVIATIONS))})(?![A-Za-z0-9])"
)
_ENGLISH_SCALE: Final = re.compile(
    rf"[ ]{{1,2}}(?P<scale>(?i:{_alternation(longest_first(ENGLISH_SCALES))}))\b"
)
_CHINESE_SCALES: Final = MappingProxyType({"百": 2, "千": 3, "万": 4, "亿": 8})
_RANGE_JOIN: Final = re.compile(r"[ ]{0,2}[-–—~至到][ ]{0,2}|[ ]{1,2}to[ ]{1,2}")
_PERCENT: Final = re.compile(
    r"(?P<percent>%|[ ]?(?i:percent|per cent)\b)"
    r"|(?P<points>[ ]?(?i:percentage points?)\b|个?百分点)"
)
_ENGLISH_CURRENCY: Final = re.compile(
    rf"[ ]{{1,2}}(?P<currency>(?i:{_alternation(longest_first(ENGLISH_CURRENCIES))}))\b"
)
_CHINESE_MORE: Final = re.compile(r"[多余]")
_CHINESE_TIME: Final = re.compile(_alternation(longest_first(CHINESE_TIME_UNITS)))
_CHINESE_CURRENCY: Final = re.compile(_alternation(longest_first(CHINESE_CURRENCIES)))
_CHINESE_UNIT: Final = re.compile(_alternation(longest_first(CHINESE_UNITS)))
_CHINESE_CLASSIFIERS: Final = CHINESE_UNITS - CHINESE_MEASURES
_CHINESE_PER_UNIT: Final = re.compile(rf"/(?:{_alternation(longest_first(CHINESE_PER_UNITS))})")
# What a unit after the number can open with: the next character tells which
# of the patterns above can match at all, so the others are not tried.
_CHINESE_UNIT_OPENERS: Final = frozenset(
    word[0] for word in (*CHINESE_TIME_UNITS, *CHINESE_CURRENCIES, *CHINESE_UNITS, "多", "余")
)
_ENGLISH_UNIT_OPENERS: Final = frozenset({" ", *(word[0] for word in _UNIT_ABBREVIATIONS)})
# Units that begin with a scale character: 千米 is a kilometre, not "thousand metres".
_UNIT_AFTER_SCALE: Final = re.compile(r"千米|千瓦|千克|百分点|百分之")
# One lower-case word of an English counted noun ("government-subsidized").
_NOUN_WORD: Final = re.compile(r"[ ]{1,2}(?P<word>[a-z](?:[A-Za-z]|['-][A-Za-z])*)(?![A-Za-z0-9])")
_MAX_NOUN_WORDS: Final = 6
_QUOTED_MODIFIER: Final = re.compile(r" [\"“][^\"“”]{1,40}[\"”]")
# A suffix word that a figure follows opens that figure instead ("30 parks, at least 5 of
# them": "at least" is the 5's).
_ENGLISH_SUFFIX: Final = re.compile(
    rf"[ ]{{1,2}}(?P<cmp>(?i:{_alternation(longest_first(ENGLISH_SUFFIX_COMPARATORS))}))\b"
    r"(?![ ]{1,2}(?:[0-9]|US\$|HK\$|\$|¥|RMB|CNY|USD))"
)
_CHINESE_SUFFIX: Final = re.compile(
    rf"[ ]?(?P<cmp>{_alternation(longest_first(CHINESE_SUFFIX_COMPARATORS))})"
)
_CLAUSE_CAP: Final = re.compile(rf"(?i:{_alternation(CLAUSE_CAPS)})")
# "the number of <noun> will be increased to 30": the figure counts the noun.
_NUMBER_OF: Final = re.compile(
    r"\bthe[ ]+(?:total[ ]+)?number[ ]+of[ ]+(?P<noun>[a-z][a-z'-]*(?:[ ][a-z][a-z'-]*){0,5}?)"
    r"[ ]+(?:will|shall|should|is|are|to)[ ]+(?:[a-z]+[ ]+){0,3}?"
    r"(?:reach|reaches|exceed|exceeds|surpass|surpasses|increased[ ]+to|increase[ ]+to"
    r"|rise[ ]+to|rises[ ]+to|grow[ ]+to|grows[ ]+to|raised[ ]+to|expanded[ ]+to)[ ]+\Z"
)
_NUMBER_OF_WINDOW: Final = 160
_CLAUSE_BREAK: Final = re.compile(r"[,;:。!?\n]|\.(?=\s)")
_CLAUSE_WINDOW: Final = 80


# How a number is written: Arabic digits, a Chinese numeral, an English word.
NumberKind = Literal["digits", "hanzi", "word"]
# What a number counts; "time" (a duration or date) and "none" are no target.
UnitKind = Literal["percent", "money", "count", "noun", "time", "none"]


# The scanner's own records are named tuples: built for every number read,
# they cost a fraction of a frozen attrs class's validated __init__.
class _Number(NamedTuple):
    """A number as read: where it is, its value before any scale, its kind."""

    start: int
    end: int
    token: str
    value: Decimal
    kind: NumberKind
    scale: int = 0  # power of ten of a scale written after it ("万", "million")
    scale_end: int = 0

    @property
    def stop(self) -> int:
        """Offset after the number and its scale."""
        return max(self.end, self.scale_end)


class _Unit(NamedTuple):
    """What a number counts: ``unit`` as reported, ``kind`` decides acceptance."""

    unit: str
    kind: UnitKind  # decides acceptance
    end: int
    comparator: Comparator | None = None  # 多 / 余: "more than"


# Where a target's comparator was read: a word before the figure ("more than
# 30", "不少于10家"), after it ("10家以上", "100多家"), a cap or comparator
# earlier in its clause ("最高可达到…的50%"), the two ends of a range, or none
# written (a bare figure, "=").
ComparatorSource = Literal["before", "after", "clause", "range", "bare"]


class _Phrase(NamedTuple):
    """A recognised target, offsets into the scanned slice."""

    start: int
    end: int
    value: Decimal
    unit: str
    comparator: Comparator
    source: ComparatorSource = "bare"


def find_targets(
    text: str, start: int = 0, end: int | None = None, *, plan_year: int | None = None
) -> tuple[Target, ...]:
    """Every quantitative target in ``text[start:end]``, in text order.

    Spans index *text* itself, and each target's ``text`` is
    ``text[span.start:span.end]``.  Only the slice is read: words outside it
    never change what is found inside.  *plan_year* is the year of the annual
    plan the text belongs to (:func:`shpolicy.quantities.deadlines.plan_year`),
    which "全年" / "this year" name.
    """
    stop = len(text) if end is None else end
    if not 0 <= start <= stop <= len(text):
        raise InvalidValueError(
            f"find_targets: range [{start}, {end}) is outside the text of length {len(text)}"
        )
    raw = text[start:stop]
    if raw.isascii() and not _ascii_may_hold_number(raw):
        return ()  # most slices hold no number at all: they need no folding
    folded = fold(raw)
    phrases = _scan(raw, folded)
    if not phrases:  # most slices have no target: skip finding their sentences
        return ()
    deadlines = SentenceDeadlines.of(folded, year=plan_year)
    targets: list[Target] = []
    for group in _coordinate(folded, _without_scope_counts(folded, phrases)):
        # A threshold of eligibility is no goal: a deadline never dates it.
        condition = is_condition(
            folded, group[0].start, group[-1].end, counts=group[0].unit in CHINESE_UNITS
        )
        for phrase in group:
            targets.append(
                Target(
                    text=raw[phrase.start : phrase.end],
                    value=phrase.value,
                    unit=phrase.unit,
                    comparator=phrase.comparator,
                    deadline_year=None
                    if condition
                    else deadlines.year_for(phrase.start, phrase.end),
                    span=Span(start=start + phrase.start, end=start + phrase.end),
                )
            )
    return tuple(targets)


# Between two figures of one list: "最高300万元、500万元、1000万元", "up to RMB 3
# million, RMB 5 million and RMB 10 million" (the Chinese comma, "," once folded, ends
# a clause; only the English one, followed by a space, joins a list).
_LIST_JOIN: Final = re.compile(r"[ ]?[、和及或与][ ]?|,?[ ]{1,2}(?:and|or)[ ]{1,2}|,[ ]{1,2}")
# Between the two ends of a range that writes its unit on both: "20%—30%", "3%-5%".
_UNIT_RANGE_JOIN: Final = re.compile(r"[ ]{0,2}[-–—~至][ ]{0,2}")
# A comparator word closing a phrase ("50%以上", "200 stations or more"); 多 / 余
# ("100多家") belong to their own figure only.
_CLOSING_SUFFIX: Final = re.compile(
    rf"(?:{_alternation(longest_first(CHINESE_SUFFIX_COMPARATORS))}"
    rf"|(?i:{_alternation(longest_first(ENGLISH_SUFFIX_COMPARATORS))}))\Z"
)
# "from 20% to 30%", "由20%至30%": a change from one figure to another, not a range.
_CHANGE_FROM: Final = re.compile(r"(?:从|由|(?i:\bfrom)[ ]{1,2})[ ]?\Z")


def _without_scope_counts(folded: Folded, phrases: list[_Phrase]) -> list[_Phrase]:
    """*phrases* without the bare Chinese counts that name the scope of the next figure
    in their clause ("等4个新城建设用地面积50%以上": the 50% is the target)."""
    kept: list[_Phrase] = []
    for phrase, following in zip(phrases, [*phrases[1:], None], strict=True):
        if (
            following is not None
            and phrase.source == "bare"
            and phrase.unit in _CHINESE_CLASSIFIERS
            and counts_scope_of(folded, phrase.end, following.start, following.end)
        ):
            continue
        kept.append(phrase)
    return kept


def _coordinate(folded: Folded, phrases: list[_Phrase]) -> list[list[_Phrase]]:
    """*phrases* grouped into the lists and ranges they form, comparators shared.

    A comparator written before the first figure of a list governs every
    figure of it that has none of its own ("最高300万元、500万元、1000万元" are
    three caps, "突破1亿元、5亿元、10亿元" three floors), one written after the
    last figure every bare figure before it ("分别达到80%、50%以上": both at
    least), and a range whose ends
    each carry the unit ("20%—30%") reads as one: ">=" its lower end, "<=" its
    upper end.  Figures of a list share the unit and nothing but the joining
    word stands between them.
    """
    groups: list[list[_Phrase]] = []
    for phrase in phrases:
        last = groups[-1][-1] if groups else None
        if last is None or last.unit != phrase.unit:
            groups.append([phrase])
            continue
        gap = (last.end, phrase.start)
        if phrase.source == "bare" and _LIST_JOIN.fullmatch(folded, *gap):
            if last.source in ("before", "clause"):
                phrase = phrase._replace(comparator=last.comparator, source=last.source)
            groups[-1].append(phrase)
        elif (
            phrase.source == "after"
            and _CLOSING_SUFFIX.search(folded, phrase.start, phrase.end)
            and all(p.source == "bare" for p in groups[-1])
            and _LIST_JOIN.fullmatch(folded, *gap)
        ):
            shared = phrase.comparator
            groups[-1] = [p._replace(comparator=shared, source="after") for p in groups[-1]]
            groups[-1].append(phrase)
        elif (
            last.source == "bare"
            and phrase.source == "bare"
            and len(groups[-1]) == 1
            and _UNIT_RANGE_JOIN.fullmatch(folded, *gap)
            and not _CHANGE_FROM.search(folded, max(0, last.start - 8), last.start)
        ):
            groups[-1][-1] = last._replace(comparator=">=", source="range")
            groups[-1].append(phrase._replace(comparator="<=", source="range"))
        else:
            groups.append([phrase])
    return groups


def _ascii_may_hold_number(raw: str) -> bool:
    """Whether ASCII *raw*, once folded, holds a digit or a number word.

    Folding leaves what an ASCII text's skeleton shows (see
    _FOLDING_KEEPS_ASCII_SKELETON), so the skeleton of *raw* itself tells;
    without a digit it holds no figure (Chinese numerals are not ASCII).
    """
    if not _FOLDING_KEEPS_ASCII_SKELETON:
        return True
    skeleton = raw.encode("ascii").translate(_SKELETON_BYTES)
    without_digits = skeleton.translate(None, _DIGIT_BYTES)
    return len(without_digits) < len(skeleton) or not (
        _NUMBER_WORD_BYTES.isdisjoint(skeleton.split())
    )


def _scan(raw: str, folded: Folded) -> list[_Phrase]:
    phrases: list[_Phrase] = []
    pos = 0
    floor = 0  # a clause cap word never reaches back past the previous target
    words = _number_words(folded)
    next_word = 0
    figure = _DIGITS_OR_HANZI.search(folded)
    while True:
        # The leftmost number at or after pos: the figure found last is
        # still the leftmost one unless pos has moved past its start.
        if figure is not None and figure.start() < pos:
            figure = _DIGITS_OR_HANZI.search(folded, pos)
        while next_word < len(words) and words[next_word][0] < pos:
            next_word += 1
        word = words[next_word] if next_word < len(words) else None
        if figure is not None and (word is None or figure.start() < word[0]):
            start, end = figure.span()
        elif word is not None:
            start, end = word
        else:
            return phrases
        found = _read_phrase(raw, folded, start, end, floor)
        if found:
            phrases.extend(found)
            pos = floor = found[-1].end
        else:
            pos = end


def _number_words(folded: Folded) -> list[tuple[int, int]]:
    """Spans of every English number word of *folded*, by start (compounds overlap).

    Trying the number-word patterns at every non-word character cost more
    than anything else here, and most texts hold no number word at all.  In
    the text's skeleton (see _word_skeleton) a number word is a whole word,
    so splitting the skeleton into words, in C, tells which ones occur; only
    where those are written are the patterns tried.
    """
    skeleton = _word_skeleton(folded)
    present = _NUMBER_WORD_BYTES.intersection(skeleton.split())
    if not present:
        return []
    starts: set[int] = set()
    for word in present:
        at = skeleton.find(word)
        while at != -1:
            starts.add(at)
            at = skeleton.find(word, at + 1)
    words: list[tuple[int, int]] = []
    for at in sorted(starts):
        if at == 0:
            first = _NUMBER_WORD_AT_START.match(folded)
            if first is not None:
                words.append(first.span())
        else:
            found = _NUMBER_WORD_AFTER.match(folded, at - 1)
            if found is not None:
                words.append(found.span("word"))
    return words


def _word_skeleton(folded: Folded) -> bytes:
    """*folded* as one byte a character: ASCII letters lower-cased, digits, "_", else space.

    A character matching an ASCII letter case-insensitively is that letter
    (its case twins are spelled in ASCII first), and every non-word character
    is a space.  So is every other non-ASCII character (encoded as "?"), which
    can only propose a start that the patterns then reject.
    """
    text: str = folded
    if _CASE_TWIN.search(text):
        text = text.translate(_TO_ASCII_CASE)
    return text.encode("ascii", "replace").translate(_SKELETON_BYTES)


_RATIO_SIGNS: Final = ":∶"


def _in_ratio(folded: Folded, start: int, stop: int) -> bool:
    """Whether the number is a term of a ratio ("1:1", "1∶3"): a proportion, not a quantity."""
    after = folded[stop : stop + 2]
    before = folded[max(0, start - 2) : start]
    return (len(after) == 2 and after[0] in _RATIO_SIGNS and after[1].isdigit()) or (
        len(before) == 2 and before[1] in _RATIO_SIGNS and before[0].isdigit()
    )


def _read_phrase(raw: str, folded: Folded, start: int, end: int, floor: int) -> list[_Phrase]:
    number = _read_number(folded, start, end)
    if number is None or _in_ratio(folded, number.start, number.stop):
        return []
    # Words already inside the previous target cannot also open this one
    # ("200 stations or more than 30 parks": "more" belongs to the first).
    currency_start, currency = _prefix_currency(folded, number)
    if currency_start is not None and currency_start < floor:
        currency_start, currency = None, None
    percent_start = _percent_prefix(folded, number)
    if percent_start is not None and percent_start < floor:
        percent_start = None
    lead = number.start  # the leftmost of the number and what is written before it
    if currency_start is not None and currency_start < lead:
        lead = currency_start
    if percent_start is not None and percent_start < lead:
        lead = percent_start
    if currency is None and _is_label(folded, number):
        return []
    upper = _read_range_end(folded, number)
    last = number if upper is None else upper
    singular = last.value == 1 and not last.scale_end
    unit = _read_unit(raw, folded, last.stop, number.kind, singular=singular)
    if unit.kind == "none" and number.kind == "digits":
        unit = _counted_before(raw, folded, number.start, unit)
    if unit.kind == "time":
        return []
    if currency is not None:
        # "US$260 billion": the prefix is the unit; a noun after it is not part of the amount.
        end_of_unit = unit.end if unit.kind == "money" else last.stop
        unit = _Unit(unit=currency, kind="money", end=end_of_unit)
    elif percent_start is not None:
        unit = _Unit(unit="percent", kind="percent", end=last.stop)
    # Comparators are looked for only now, and only where one could make a
    # quantity: dates, durations and names ("一网通办", "the Five Centers"),
    # the commonest numbers that are no target, never need the search of the
    # window before them.
    if not _is_quantity(number, unit, has_comparator=True):
        return []
    comparator_start, comparator = _prefix_comparator(folded, lead)
    if comparator_start is not None and comparator_start < floor:
        comparator_start, comparator = None, None
    suffix_comparator, end = _suffix_comparator(folded, unit.end)
    explicit = comparator or suffix_comparator or unit.comparator
    if not _is_quantity(number, unit, explicit is not None):
        return []
    if (
        explicit is None
        and unit.kind in ("count", "noun")
        and names_scope(folded, lead, scaled(number.value, number.scale))
    ):
        return []  # "松江、青浦等4个新城", "all 16 districts": the set a commitment is about
    start = lead if comparator_start is None else comparator_start
    if upper is None:
        return [_one_phrase(folded, number, unit.unit, (start, end), (comparator, explicit), floor)]
    return _range_phrases(number, upper, unit.unit, (start, end), (comparator, suffix_comparator))


def _one_phrase(
    folded: Folded,
    number: _Number,
    unit: str,
    span: tuple[int, int],
    comparators: tuple[Comparator | None, Comparator | None],
    floor: int,
) -> _Phrase:
    """One figure at *span*: its comparator the one written *before* it, else the one written
    anywhere next to it (*written*), else one earlier in its clause, else "="."""
    before, written = comparators
    source: ComparatorSource = "before" if before else "after" if written else "clause"
    chosen = written or _clause_comparator(folded, floor, span[0])
    if chosen is None:
        chosen, source = "=", "bare"
    value = scaled(number.value, number.scale)
    return _Phrase(
        start=span[0], end=span[1], value=value, unit=unit, comparator=chosen, source=source
    )


def _range_phrases(
    lower: _Number,
    upper: _Number,
    unit: str,
    span: tuple[int, int],
    comparators: tuple[Comparator | None, Comparator | None],
) -> list[_Phrase]:
    """The two ends of a range ("25—30公里"): ">=" the lower, "<=" the upper, unless a comparator
    before or after the range says otherwise; the lower end without a scale takes the upper's."""
    lower_scale = lower.scale if lower.scale_end else upper.scale
    before, after = comparators
    return [
        _Phrase(
            start=span[0],
            end=lower.stop,
            value=scaled(lower.value, lower_scale),
            unit=unit,
            comparator=before or ">=",
            source="before" if before else "range",
        ),
        _Phrase(
            start=upper.start,
            end=span[1],
            value=scaled(upper.value, upper.scale),
            unit=unit,
            comparator=after or "<=",
            source="after" if after else "range",
        ),
    ]


def _read_number(folded: Folded, start: int, end: int) -> _Number | None:
    token = folded[start:end]
    kind = _NUMBER_KINDS.get(token[0], "word")
    if kind == "digits":
        if _digit_count(token) > _MAX_DIGITS or _LEADING_ZERO.match(token):
            return None
        if _GLUED_AFTER.match(folded, end) and not _UNIT_ABBREVIATION.match(folded, end):
            return None
        value = Decimal(token.replace(",", ""))
    elif kind == "hanzi":
        numeral = hanzi_value(token) if len(token) <= _MAX_HANZI else None
        if numeral is None:
            return None
        value = Decimal(numeral)
    else:
        word = english_word_value(token)
        if word is None:
            return None
        value = Decimal(word)
    number = _Number(start=start, end=end, token=token, value=value, kind=kind)
    return _with_scale(folded, number)


def _digit_count(token: str) -> int:
    """Digits in a token of the digits pattern (digits, thousands commas, one point)."""
    return len(token) - token.count(",") - token.count(".")


def _with_scale(folded: Folded, number: _Number) -> _Number:
    """*number* with the scale written after it: "5000万" -> 10**4, "260 billion" -> 10**9."""
    if number.kind == "hanzi":  # a Chinese numeral already holds its 万 and 亿
        return number
    english = _ENGLISH_SCALE.match(folded, number.end)
    if english is not None:
        power = ENGLISH_SCALES[_keyword(english.group("scale"))]
        return _scaled_number(number, power, english.end())
    if number.kind != "digits":
        return number
    power, pos = 0, number.end
    while (
        pos < len(folded)
        and pos - number.end < 3
        and folded[pos] in _CHINESE_SCALES
        and _UNIT_AFTER_SCALE.match(folded, pos) is None
    ):
        power += _CHINESE_SCALES[folded[pos]]
        pos += 1
    if pos == number.end:
        return number
    return _scaled_number(number, power, pos)


def _scaled_number(number: _Number, power: int, scale_end: int) -> _Number:
    return _Number(
        start=number.start,
        end=number.end,
        token=number.token,
        value=number.value,
        kind=number.kind,
        scale=power,
        scale_end=scale_end,
    )


def _prefix_currency(folded: Folded, number: _Number) -> tuple[int | None, str | None]:
    if number.kind != "digits":
        return None, None
    if _char_before(folded, number.start) not in _CURRENCY_LAST_CHARS:
        return None, None
    window_start = max(0, number.start - _WINDOW)
    found = _PREFIX_CURRENCY.search(folded, window_start, number.start)
    if found is None:
        return None, None
    return found.start(), PREFIX_CURRENCIES[found.group().strip()]


def _char_before(folded: Folded, pos: int) -> str:
    """The character before *pos*, looking past up to two spaces ("" at the start)."""
    start = max(0, pos - 3)
    return folded[start:pos].rstrip(" ")[-1:]


def _is_ascii_letter(char: str) -> bool:
    return char.isascii() and char.isalpha()


def _percent_prefix(folded: Folded, number: _Number) -> int | None:
    """Where "百分之" starts when it is written right before the number (百分之五十)."""
    start = number.start - len(_PERCENT_PREFIX)
    return start if start >= 0 and folded.startswith(_PERCENT_PREFIX, start) else None


def _is_label(folded: Folded, number: _Number) -> bool:
    """Whether the number names or ranks something instead of counting it."""
    if _glued_before(folded, number.start):
        return True
    previous = folded[number.start - 1] if number.start else ""
    if _is_ascii_letter(folded[max(0, number.start - 4) : number.start].rstrip(" .")[-1:]):
        window_start = max(0, number.start - _WINDOW)
        before = _WORD_BEFORE.search(folded, window_start, number.start)
        if before is not None and (
            before.group("word").lower() in BLOCKING_WORDS or _is_name_word(folded, before)
        ):
            return True
        if _ACRONYM_BEFORE.search(folded, window_start, number.start):
            return True
    # 第5 is an ordinal; 前10 a rank ("2025年前" is a deadline, handled elsewhere).
    return previous == "第" or (
        previous == "前" and (number.start < 2 or folded[number.start - 2] != "年")
    )


def _glued_before(folded: Folded, pos: int) -> bool:
    """Whether a letter, a letter and "-", or a symbol (and a space) ends right at *pos*."""
    last = folded[pos - 1] if pos >= 1 else ""
    second_last = folded[pos - 2] if pos >= 2 else ""
    return (
        last in _ASCII_LETTERS
        or last in _GLUING_SYMBOLS
        or (last == "-" and second_last in _ASCII_LETTERS)
        or (last == " " and second_last in _GLUING_SYMBOLS)
    )


def _is_name_word(folded: Folded, word: re.Match[str]) -> bool:
    """A capitalised word inside a sentence before a number names it ("Fortune Global 500").

    At the start of a sentence the capital means nothing ("Over 30 parks").
    """
    text = word.group("word")
    if not (text[0].isupper() and text[1:].islower()):
        return False
    opener = folded[max(0, word.start() - 3) : word.start()].rstrip(" ")[-1:]
    return opener not in _SENTENCE_OPENERS


def _prefix_comparator(folded: Folded, lead: int) -> tuple[int | None, Comparator | None]:
    window_start = max(0, lead - _WINDOW)
    # Only the script of the word before the number can hold its comparator.
    english = _is_ascii_letter(_char_before(folded, lead))
    pattern, table = (
        (_ENGLISH_COMPARATOR, ENGLISH_PREFIX_COMPARATORS)
        if english
        else (_CHINESE_COMPARATOR, CHINESE_PREFIX_COMPARATORS)
    )
    if english and _keyword(_word_before(folded, window_start, lead)) not in (
        _ENGLISH_COMPARATOR_LAST_WORDS
    ):
        return None, None
    found = pattern.search(folded, window_start, lead)
    if found is None:
        return None, None
    return found.start(), table[_keyword(found.group("cmp"))]


def _word_before(folded: Folded, window_start: int, pos: int) -> str:
    """The letters ending one or two spaces before *pos*, within the window ("" if none)."""
    end = pos
    for _ in range(2):
        if end > window_start and folded[end - 1] == " ":
            end -= 1
    if end == pos:
        return ""
    start = end
    while start > window_start and folded[start - 1] in _CASELESS_LETTERS:
        start -= 1
    return folded[start:end]


def _read_range_end(folded: Folded, number: _Number) -> _Number | None:
    """The upper end of a range starting with *number* ("25—30", "5-10万"), if any."""
    if number.kind != "digits":
        return None
    join = _RANGE_JOIN.match(folded, number.stop)
    if join is None:
        return None
    upper = _DIGITS.match(folded, join.end())
    if upper is None or _digit_count(upper.group()) > _MAX_DIGITS:
        return None
    if _GLUED_AFTER.match(folded, upper.end()) and not _UNIT_ABBREVIATION.match(
        folded, upper.end()
    ):
        return None
    value = Decimal(upper.group().replace(",", ""))
    end = _Number(
        start=upper.start(), end=upper.end(), token=upper.group(), value=value, kind="digits"
    )
    return _with_scale(folded, end)


def _read_unit(
    raw: str, folded: Folded, pos: int, kind: NumberKind, *, singular: bool = False
) -> _Unit:
    percent = _PERCENT.match(folded, pos)
    if percent is not None:
        unit = "percent" if percent.lastgroup == "percent" else "percentage points"
        return _Unit(unit=unit, kind="percent", end=percent.end())
    following = folded[pos : pos + 1]
    if following in _CHINESE_UNIT_OPENERS:
        chinese = _read_chinese_unit(raw, folded, pos)
        if chinese is not None:
            return chinese
    if kind == "hanzi" or following not in _ENGLISH_UNIT_OPENERS:
        return _Unit(unit="", kind="none", end=pos)
    english = _ENGLISH_CURRENCY.match(folded, pos)
    if english is not None:
        code = ENGLISH_CURRENCIES[_keyword(english.group("currency"))]
        return _Unit(unit=code, kind="money", end=english.end())
    abbreviation = _UNIT_ABBREVIATION.match(folded, pos)
    if abbreviation is not None:
        return _Unit(unit=abbreviation.group("unit"), kind="count", end=abbreviation.end())
    return _read_noun(raw, folded, pos, singular=singular)


def _counted_before(raw: str, folded: Folded, start: int, unit: _Unit) -> _Unit:
    """The noun "the number of …" names earlier in the sentence, for a figure with none after it.

    "the number of international all-cargo routes will be increased to 30" counts
    routes; "the number of tax refund stores will exceed 2,000" stores.
    """
    found = _NUMBER_OF.search(folded, max(0, start - _NUMBER_OF_WINDOW), start)
    if found is None:
        return unit
    return _Unit(unit=raw[found.start("noun") : found.end("noun")], kind="noun", end=unit.end)


def _read_chinese_unit(raw: str, folded: Folded, pos: int) -> _Unit | None:
    """A duration, currency or measure word (after an optional 多 / 余) at *pos*, if any."""
    if _CHINESE_TIME.match(folded, pos):
        return _Unit(unit="", kind="time", end=pos)
    more = _CHINESE_MORE.match(folded, pos)
    after = pos if more is None else more.end()
    approximate: Comparator | None = None if more is None else ">"
    currency = _CHINESE_CURRENCY.match(folded, after)
    if currency is not None:
        code = CHINESE_CURRENCIES[currency.group()]
        return _Unit(unit=code, kind="money", end=currency.end(), comparator=approximate)
    if more is not None and _CHINESE_TIME.match(folded, after):
        return _Unit(unit="", kind="time", end=pos)
    counter = _CHINESE_UNIT.match(folded, after)
    if counter is None:
        return None
    unit_end = counter.end()
    if counter.group() in CHINESE_MEASURES:
        per = _CHINESE_PER_UNIT.match(folded, unit_end)  # "25微克/立方米", "5万吨/年"
        if per is not None:
            unit_end = per.end()
    return _Unit(unit=raw[after:unit_end], kind="count", end=unit_end, comparator=approximate)


def _read_noun(raw: str, folded: Folded, pos: int, *, singular: bool) -> _Unit:
    """The lower-case English noun phrase a number counts, up to its first function word.

    The phrase ends at its last plural word ("30 pilot demonstration projects
    underway" counts "pilot demonstration projects"); a number other than one
    followed by no plural at all names something ("the 12345 hotline", "No. 2
    submarine optical cable").  *singular* allows a singular head (after "1").
    """
    noun_start: int | None = None
    head_end: int | None = None
    end = pos
    for _ in range(_MAX_NOUN_WORDS):
        quoted = _QUOTED_MODIFIER.match(folded, end)
        if quoted is not None:
            # '100 "Pudong Made" overseas brands': a quoted name modifies the noun
            noun_start = quoted.start() + 1 if noun_start is None else noun_start
            end = quoted.end()
            continue
        word = _NOUN_WORD.match(folded, end)
        if word is None:
            break
        lowered = word.group("word").lower()
        if lowered in ENGLISH_TIME_WORDS:
            return _Unit(unit="", kind="time", end=pos)
        if lowered in ("and", "or") and noun_start is not None and head_end is None:
            # "100 take-off and landing points": coordination inside the noun phrase
            end = word.end()
            continue
        if lowered in ENGLISH_STOP_WORDS:
            break
        if noun_start is None:
            noun_start = word.start("word")
        end = word.end()
        if singular or _looks_plural(lowered):
            head_end = end
    if noun_start is None or head_end is None:
        return _Unit(unit="", kind="none", end=pos)
    return _Unit(unit=raw[noun_start:head_end], kind="noun", end=head_end)


def _looks_plural(word: str) -> bool:
    return word in ENGLISH_INVARIANT_PLURALS or (word.endswith("s") and not word.endswith("ss"))


def _suffix_comparator(folded: Folded, pos: int) -> tuple[Comparator | None, int]:
    for pattern, table in (
        (_CHINESE_SUFFIX, CHINESE_SUFFIX_COMPARATORS),
        (_ENGLISH_SUFFIX, ENGLISH_SUFFIX_COMPARATORS),
    ):
        found = pattern.match(folded, pos)
        if found is not None:
            return table[_keyword(found.group("cmp"))], found.end()
    return None, pos


def _is_quantity(number: _Number, unit: _Unit, has_comparator: bool) -> bool:
    """The acceptance rules of the module docstring.

    A comparator only ever helps: what is no quantity with one is none without.
    """
    if number.kind == "digits":
        if unit.kind in ("percent", "money", "count"):
            return True
        if number.scale_end:
            return True
        year_shaped = _YEAR_SHAPED.fullmatch(number.token) is not None
        if unit.kind == "noun":
            # "in 2025 enterprises will..." is a year, "2,025 enterprises" a count.
            return has_comparator or not year_shaped
        # "more than 30" counts; "within 2025", "up to 2025" name a year.
        return has_comparator and not year_shaped
    if number.kind == "hanzi":
        # One character (三个生态园, 一元化, 百家) describes; 五万套 and 不少于三个 count.
        long_enough = number.end - number.start >= 2 or unit.kind == "percent"
        return unit.kind in ("percent", "money", "count") and (long_enough or has_comparator)
    # English number words: "no fewer than three events", "five million people".
    if number.scale_end:
        return True
    return has_comparator and unit.kind in ("percent", "money", "count", "noun")


def _clause_comparator(folded: Folded, floor: int, start: int) -> Comparator | None:
    """The comparator a word earlier in the clause gives the figure at *start*.

    ``"<="`` when a cap word ("maximum", "最高") opens the clause before it;
    else the comparator verb whose object the figure heads ("不超过车辆购置价格的30%").
    """
    window_start = max(floor, start - _CLAUSE_WINDOW, 0)
    clause_start = window_start
    for brk in _CLAUSE_BREAK.finditer(folded, window_start, start):
        clause_start = brk.end()
    if _CLAUSE_CAP.search(folded, clause_start, start):
        return "<="
    distant = _CHINESE_DISTANT_COMPARATOR.search(folded, clause_start, start)
    return None if distant is None else CHINESE_PREFIX_COMPARATORS[distant.group("cmp")]
