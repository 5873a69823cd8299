"""Responsibility clauses: who carries a measure out.

A clause is a label ("Units responsible for implementation", "Responsible
Departments and Units", "Responsible department(s)", "Lead unit", "责任单位",
"牵头单位" ...) followed by a colon and a list of bodies.  It may be bracketed
(ASCII or full-width) at the end of a measure's text, or stand on its own line
or paragraph, bracketed or not.  A clause may name a lead unit and cooperating
units; each unit then keeps its role.

All matching runs on the folded text (:mod:`shpolicy.normalize`), so ``（``,
``：`` and ``；`` read like their ASCII forms while offsets stay those of the
original.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator, Mapping
from itertools import pairwise
from typing import Final

import attrs

from .model import Role
from .normalize import Folded, folded_chars, match_brackets, outside_brackets, trim
from .units import all as all_units
from .units import is_collective, is_known_name
from .units.resolve import MAX_NAME_LENGTH

__all__ = ["Clause", "UnitMention", "find_clause", "list_units", "split_units"]

# The label is a small grammar rather than a list: a head noun (unit,
# department, body ...; "(s)" allowed) with a qualifier before it ("Responsible",
# "Lead", "Implementing") or after it ("responsible for implementation", "in
# charge").
_EN_NOUN: Final = (
    r"(?:units?|departments?|entit(?:y|ies)|bod(?:y|ies)|agenc(?:y|ies)"
    r"|organi[sz]ations?|institutions?|parties|party|authorit(?:y|ies)|offices?)(?:\s?\(s\))?"
)
_EN_LABEL: Final = (
    rf"(?:{_EN_NOUN}(?:\s+and\s+{_EN_NOUN})?\s+(?:responsible|in\s+charge)"
    rf"(?:\s+for\s+(?:the\s+)?implement(?:ation|ing))?"
    rf"|(?:main\s+|primary\s+)?responsible\s+{_EN_NOUN}(?:\s+and\s+{_EN_NOUN})?"
    rf"|(?:lead(?:ing)?|cooperating|co-?operating|coordinating|supporting|participating)"
    rf"(?:\s+{_EN_NOUN}(?:\s+and\s+{_EN_NOUN})?)?"
    rf"|(?:implementing|executing|competent)\s+{_EN_NOUN}"
    r"|(?:led|implemented)\s+by)"
)
# A Chinese label is a part (责任, 牵头, 配合, 参加, 支撑 …) and a noun (单位, 部门,
# 主体, 处室, 机构): 责任单位, 牵头部门, 参加单位, 支撑单位, 协同单位, 实施主体.
_ZH_LABEL: Final = (
    r"(?:(?:责任|牵头|配合|协同|参与|参加|支撑|支持|协助|协作|协办|承办|实施|主责|负责|主管)"
    r"(?:单位|部门|主体|处室|机构))"
)
_LABEL: Final = re.compile(rf"(?:{_EN_LABEL}|{_ZH_LABEL})\s*:\s*", re.IGNORECASE)
_LABEL_BEFORE_COLON: Final = re.compile(
    rf"(?<![A-Za-z])(?:{_EN_LABEL}|{_ZH_LABEL})\s{{0,3}}:", re.IGNORECASE
)
_LABEL_WINDOW: Final = 80  # longer than the longest label
# Greedy, so it ends after the last character no label can hold (labels are
# letters, blanks, "(s)" and "co-operating"); \w covers every case variant
# IGNORECASE lets a letter match ("ſ", "K").
_LAST_NON_LABEL_CHAR: Final = re.compile(r"(?s:.*)[^\w\s()\-]")
# Where a clause may begin: its own bracket, the start of the segment, or
# right after a sentence ends (". Responsible unit: ...").
_OPEN: Final = "(["
_CLOSE: Final = {"(": ")", "[": "]"}
_SENTENCE_END: Final = ".。;!?)]"
_TRAILING: Final = folded_chars(" .。;,")
_BREAKS: Final = folded_chars(" \r\n")

_LEAD_WORDS: Final = re.compile(r"^(?:lead|leading|牵头|主责|led\b)", re.IGNORECASE)
_COOP_WORDS: Final = re.compile(
    r"^(?:cooperating|co-?operating|coordinating|supporting|participating"
    r"|配合|协同|参与|参加|支撑|支持|协助|协作|协办)",
    re.IGNORECASE,
)


@attrs.frozen(kw_only=True, slots=True)
class UnitMention:
    """One body named in a clause, with its offsets and role."""

    start: int
    end: int
    role: Role | None


@attrs.frozen(kw_only=True, slots=True)
class Clause:
    """A responsibility clause found in a segment of text.

    ``start`` is where the clause begins (its bracket, if any) and ``end`` where
    it ends (after its closing bracket); ``label`` spans the first label.
    """

    start: int
    end: int
    label_start: int
    label_end: int
    units: tuple[UnitMention, ...]


def _role(label: str) -> Role | None:
    if _LEAD_WORDS.match(label):
        return "lead"
    if _COOP_WORDS.match(label):
        return "cooperating"
    return None


def find_clause(folded: Folded, start: int, end: int) -> Clause | None:
    """The responsibility clause that ends the segment ``folded[start:end]``, if any.

    The clause must run to the end of the segment (a closing stop or blanks may
    follow); a label in the middle of a sentence is not a clause.
    """
    pairs: Mapping[int, int] | None = None  # computed for the first bracketed label
    content_end = end  # without the stops and blanks that end the segment
    if end > start and folded[end - 1] in _TRAILING:
        content_end = trim(folded, start, end, _TRAILING, left=False)[1]
    for m in _labels(folded, start, end):
        at = m.start()
        before = at - 1  # the character before the label, blanks skipped
        while before >= start and folded[before] == " ":
            before -= 1
        clause_start = at
        close: int | None = None
        if before >= start and folded[before] in _OPEN:
            clause_start = before
            if pairs is None:
                # Which bracket closes one depends only on the text after it,
                # and later labels come later: pair from here, not from start.
                # (One pass for the whole segment: looking for each label's
                # closing bracket separately would rescan the rest each time.)
                pairs = match_brackets(folded, before, end).pairs
            close = pairs.get(before)
            if close is None:
                # An unclosed bracket: take the rest of the segment.
                close = end
            elif close + 1 < content_end:
                continue  # text follows the bracket: not the clause that ends the segment
        elif before >= start and folded[before] not in _SENTENCE_END:
            continue
        body_end = end if close is None else close
        units = _units_with_roles(folded, m, body_end)
        clause_end = end if close is None or close == end else close + 1
        return Clause(
            start=clause_start,
            end=clause_end,
            label_start=m.start(),
            label_end=_label_text_end(folded, m),
            units=units,
        )
    return _unlabelled_clause(folded, start, content_end)


# A bracket that ends a measure and names bodies by their part without a
# label: "（市交通委牵头，各区政府配合）", "（A、B按职责分工负责）",
# "(Led by the X, with the participation of Y)".
_ZH_ROLE_END: Final = re.compile(r"(?:牵头|配合|按职责分工负责|分工负责|负责)$")
# The longest match: "$" also matches before a final line break.
_ZH_ROLE_END_LENGTH: Final = len("按职责分工负责\n")
_LED_BY: Final = re.compile(
    r"\(\s*led\s+by\s+(?:the\s+)?(?P<lead>[^()]+?)"
    r"(?:,\s*(?:and\s+)?with\s+(?:the\s+)?(?:participation|cooperation|support|assistance)\s+of\s+"
    r"(?:the\s+)?(?P<coop>.+?))?\s*\)$",
    re.IGNORECASE,
)


def _unlabelled_clause(folded: Folded, start: int, content_end: int) -> Clause | None:
    if content_end <= start or folded[content_end - 1] not in ")]":
        return None
    # The bracket that closes at content_end - 1: paired forwards, the last one
    # left open before it (as counting back from it would pair it).
    unclosed = match_brackets(folded, start, content_end - 1).unclosed
    if not unclosed:
        return None
    open_at = unclosed[-1]
    inner_start, inner_end = open_at + 1, content_end - 1
    led = _LED_BY.match(folded, open_at, content_end)
    if led is not None:
        units = [
            UnitMention(start=s, end=e, role="lead")
            for s, e, _ in _split_marked(folded, led.start("lead"), led.end("lead"))
        ]
        if led.group("coop"):
            units.extend(
                UnitMention(start=s, end=e, role="cooperating")
                for s, e, _ in _split_marked(folded, led.start("coop"), led.end("coop"))
            )
        return Clause(
            start=open_at,
            end=content_end,
            label_start=open_at + 1,
            label_end=open_at + 1,
            units=tuple(units),
        )
    inner = folded[inner_start:inner_end].rstrip(" 。.")
    # Only the end can match: search the last few characters, not all of them.
    ends_with_role = _ZH_ROLE_END.search(inner, max(0, len(inner) - _ZH_ROLE_END_LENGTH))
    if not ends_with_role or not any(ch > "\u2e80" for ch in inner):
        return None
    marked = _split_marked(folded, inner_start, inner_end)
    if not marked or not all(_ends_like_zh_name(folded, s, e) for s, e, _ in marked):
        return None
    return Clause(
        start=open_at,
        end=content_end,
        label_start=inner_start,
        label_end=inner_start,
        units=tuple(UnitMention(start=s, end=e, role=role) for s, e, role in marked),
    )


def _labels(folded: Folded, start: int, end: int) -> Iterator[re.Match[str]]:
    """Clause labels in the range, found from their colons.

    Every label ends with a colon, and colons are rare; matching only in a
    short window before each one is far cheaper than scanning every position.
    """
    after_colon = start
    colon = folded.find(":", start, end)
    while colon >= 0:
        m = _label_ending_at(folded, max(after_colon, colon - _LABEL_WINDOW), colon)
        if m is not None:
            # re-match forwards to include the blanks after the colon
            full = _LABEL.match(folded, m.start(), end)
            if full is not None:
                yield full
        after_colon = colon + 1
        colon = folded.find(":", after_colon, end)


def _label_ending_at(folded: Folded, window: int, colon: int) -> re.Match[str] | None:
    """The label whose colon is at ``colon``, searched from ``window``; the earliest if several.

    A label holds no colon, so with the window starting after the previous
    colon every match ends at this one.  Nor does it hold punctuation: it
    starts after the last stop, comma or digit before its colon, which
    narrows the window a lot.
    """
    stop = _LAST_NON_LABEL_CHAR.match(folded, window, colon)
    return _LABEL_BEFORE_COLON.search(folded, window if stop is None else stop.end(), colon + 1)


def _label_text_end(folded: Folded, m: re.Match[str]) -> int:
    """End of the label words, before the colon."""
    colon = folded.rfind(":", m.start(), m.end())
    return trim(folded, m.start(), colon if colon >= 0 else m.end(), left=False)[1]


def _units_with_roles(
    folded: Folded, first: re.Match[str], body_end: int
) -> tuple[UnitMention, ...]:
    """Split the clause body into units; further labels inside it set the role."""
    labels = [first]
    labels.extend(_labels(folded, first.end(), body_end))
    mentions: list[UnitMention] = []
    for i, m in enumerate(labels):
        part_end = labels[i + 1].start() if i + 1 < len(labels) else body_end
        # The list of bodies ends where another field of the clause begins:
        # （责任单位：区发展改革委、区财政局。时间节点：2025年底前）.
        field = _NEXT_FIELD.search(folded, m.end(), part_end)
        if field is not None:
            part_end = field.start()
        role = _role(folded[m.start() : m.end()])
        for s, e, marked_role in _split_marked(folded, m.end(), part_end):
            mentions.append(UnitMention(start=s, end=e, role=marked_role or role))
    # Where lead and cooperating units are named, an unmarked label ("责任单位")
    # among them keeps role None; that is what the text says.
    return tuple(mentions)


# What ends a clause's list of bodies before its bracket closes: a Chinese full stop
# (no body's name holds one), or a separator before another field's label
# (；完成时限：2025年底前).
# A label that names bodies (…单位：, …部门：) is not another field: its list goes on.
_NEXT_FIELD: Final = re.compile(
    r"。|[;,]\s*(?![^\s;、,:()。]{0,8}(?:单位|部门|主体|处室):)[^\s;、,:()。]{2,10}:"
)
# "Co., Ltd." keeps its comma: a comma before "Ltd" is part of the name.
_SEPARATOR: Final = re.compile(r"[;、/,]")
# Tested after each comma rather than in the pattern, whose scan a
# lookahead would slow down.
_LTD_AFTER: Final = re.compile(r"\s*Ltd\b")
# A name ends with one of these head nouns; used to decide whether " and "
# joins two bodies or sits inside one name ("Commission of Housing and
# Urban-rural Development" must stay whole).
_EN_HEAD_WORDS: Final = frozenset(
    (
        *("government", "governments", "commission", "commissions", "bureau", "bureaus"),
        *("office", "offices", "committee", "committees", "administration", "center"),
        *("centre", "department", "departments", "service", "customs", "group"),
        *("corporation", "exchange", "branch", "headquarters", "council", "ministry"),
        *("agency", "authority", "association", "federation", "court", "procuratorate"),
        *("station", "institute", "university", "bank", "unit", "units", "district"),
        *("area", "zone", "company", "team", "league", "china", "hospital", "school"),
        *("college", "museum", "library", "fund", "foundation", "alliance", "port", "airport"),
        *("ltd", "ltd.", "inc", "inc.", "group", "chamber", "society"),
    )
)
_EN_NAME_START: Final = re.compile(
    r"(?:the\s+)?(?:[A-Z\u00c0-\u024f]|relevant\b|all\b|other\b|district\b|each\b|related\b)"
)
_FIRST_WORD: Final = re.compile(r"(?:the\s+)?([\w'’-]+)", re.IGNORECASE)
# "X Commission of Commerce": a head noun with its "of" complement ends a name too.
_EN_HEAD_OF: Final = re.compile(
    r"\b(?:Commission|Bureau|Office|Administration|Committee|Department|Ministry|Branch|Center"
    r"|Centre|Council|Agency|Authority)\s+(?:of|for)\s+(?:the\s+)?[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*$"
)
_ZH_HEAD: Final = "委局办部府区会心行关所院司组厅处站队团社室镇乡道"
# "\s(?<!\s\s)": an English "and" match starts at the first blank before it,
# so a long run of blanks is not rescanned from each of its positions.  (The
# same as "(?<!\s)\s", but opening with a blank lets the scan skip words.)
_AND_EN: Final = r"(?P<en>\s(?<!\s\s)\s*(?:and|&)\s+)"
_AND_ZH: Final = r"(?P<zh>以及|和|及|与)"
_AND: Final = re.compile(rf"{_AND_EN}|{_AND_ZH}", re.IGNORECASE)
# An item in one language is scanned for its own "and" only: a smaller
# pattern, and a faster scan.
_AND_EN_ONLY: Final = re.compile(_AND_EN, re.IGNORECASE)
_AND_ZH_ONLY: Final = re.compile(_AND_ZH)
# "(?-i:": ideographs have no case, and compiling a 20,000-character class
# case-insensitively costs milliseconds at import.
_LEADING_JUNK: Final = re.compile(
    r"(?:and|or|the|以及|和|及)\s+|(?:以及|和|及)(?=(?-i:[\u4e00-\u9fff]))", re.IGNORECASE
)
_JUNK_FIRST: Final = "aAoOtT以和及"  # the first characters _LEADING_JUNK can match
_TRIM_CHARS: Final = folded_chars(" .。;,:/")  # what _trim strips at either end
# "… Commission of Education and/or the …": the list's "and" left at a piece's end.
_TRAILING_JUNK: Final = re.compile(r"\s+(?:and|or)$", re.IGNORECASE)
_JUNK_LAST: Final = "dDrR\n"  # the last characters a _TRAILING_JUNK match can end with
# What _trim or _strip_leading_words may remove first and last (see _is_tidy).
_UNTIDY_FIRST: Final = frozenset(_TRIM_CHARS + _JUNK_FIRST)
_UNTIDY_LAST: Final = frozenset(_TRIM_CHARS + _JUNK_LAST)
# An abbreviation's stop is part of the name ("Co., Ltd.").
_ABBREVIATED_END: Final = re.compile(r"\b(?:Ltd|Co|Inc|Corp|No)\.$")
# Only the end of a name decides whether it is complete; looking at a bounded
# tail keeps the check constant-time however long the list is.
_NAME_TAIL: Final = 120


def _trim(folded: Folded, start: int, end: int) -> tuple[int, int]:
    start, cut = trim(folded, start, end, _TRIM_CHARS)
    # The stop of an abbreviation is the name's ("Co., Ltd."): the trim stops at
    # the last one among what it cut.
    stop = folded.rfind(".", cut, end) if cut < end else -1
    while stop >= 0:
        if _ABBREVIATED_END.search(folded, max(start, stop + 1 - 6), stop + 1):
            cut = stop + 1
            break
        stop = folded.rfind(".", cut, stop)
    end = cut
    # Only an "and" / "or" at the end (or before a final line break, where
    # "$" also matches) can be junk: test the last letter before the regex.
    if end > start and folded[end - 1] in _JUNK_LAST:
        junk = _TRAILING_JUNK.search(folded, max(start, end - 6), end)
        if junk is not None and junk.start() > start:
            end = junk.start()
    return start, end


def _strip_leading_words(folded: Folded, start: int, end: int) -> int:
    """Skip a leading "and" / "the" (", and the Municipal ..."): names are kept without them."""
    while True:
        m = _LEADING_JUNK.match(folded, start, end)
        if m is None or m.end() >= end:
            return start
        start = m.end()


def _depth0_separators(folded: Folded, start: int, end: int) -> list[int]:
    """Separator offsets outside brackets.

    Where a list separates its items with semicolons, its commas belong to
    the names ("Science, Technology and Economy Commission; Finance Bureau").
    """
    cuts: list[int] = []
    strong: list[int] = []
    for m in outside_brackets(folded, start, end, _SEPARATOR):
        ch = m.group()
        if ch == "," and _LTD_AFTER.match(folded, m.end(), end) is not None:
            continue
        cuts.append(m.start())
        if ch in ";、":
            strong.append(m.start())
    if any(folded[i] == ";" for i in strong) and len(strong) < len(cuts):
        return strong
    return cuts


def _ends_like_en_name(folded: Folded, start: int, end: int) -> bool:
    tail = folded[max(start, end - _NAME_TAIL) : end].rstrip()
    if tail.endswith(")"):  # "Government (Shanghai ... Committee)": the name before it counts
        opening = tail.rfind("(")
        tail = tail[:opening].rstrip() if opening > 0 else tail
    last = tail.rsplit(None, 1)[-1] if tail else ""
    return last.lower() in _EN_HEAD_WORDS


def _ends_with_of_complement(folded: Folded, start: int, end: int) -> bool:
    """ "… Commission of Commerce": complete, but only as sure as "Office of China Banking"."""
    tail = folded[max(start, end - _NAME_TAIL) : end]
    # The pattern needs "of" or "for"; most names have neither and skip the search.
    return ("of" in tail or "for" in tail) and _EN_HEAD_OF.search(tail.rstrip()) is not None


def _first_word(folded: Folded, start: int, end: int) -> str:
    m = _FIRST_WORD.match(folded, start, end)
    return "" if m is None else m.group(1).lower()


def _starts_like_en_name(folded: Folded, start: int) -> bool:
    return bool(_EN_NAME_START.match(folded, start))


def _ends_like_zh_name(folded: Folded, start: int, end: int) -> bool:
    return end - start >= 2 and folded[end - 1] in _ZH_HEAD


def _is_known_span(folded: Folded, start: int, end: int) -> bool:
    """``is_known_name(folded[start:end])`` without slicing a stretch longer than any name.

    The pieces around each "and" of a long list grow with the list; slicing
    them whole at every "and" would cost quadratic time.
    """
    return end - start <= MAX_NAME_LENGTH and is_known_name(folded[start:end])


def _split_on_and(folded: Folded, start: int, end: int) -> list[tuple[int, int]]:
    """Split one list item at each "and" (和 / 及) that joins two complete names."""
    and_pattern = _and_pattern(folded, start, end)
    if and_pattern is None:
        return [(start, end)]
    pieces: list[tuple[int, int]] = []
    piece_start = start
    en_end: bool | None = None  # whether the item ends like a name; computed on first need
    zh_end = _ends_like_zh_name(folded, start, end)
    for m in outside_brackets(folded, start, end, and_pattern):
        if m.lastgroup == "en":
            joins = (
                _starts_like_en_name(folded, m.end())
                and _EN_NAME_START.match(folded, piece_start) is not None
                and _left_is_whole(folded, piece_start, m.start(), m.end(), end)
            )
            if joins:  # and the right side is whole: the item ends like a name, or is known
                if en_end is None:
                    en_end = _ends_like_en_name(folded, start, end) or _ends_with_of_complement(
                        folded, start, end
                    )
                joins = en_end or _is_known_span(folded, m.end(), end)
        else:
            joins = (
                zh_end
                and _ends_like_zh_name(folded, piece_start, m.start())
                and not folded[piece_start : m.start()].isascii()
            )
        if joins:
            pieces.append((piece_start, m.start()))
            piece_start = m.end()
    pieces.append((piece_start, end))
    return pieces


def _and_pattern(folded: Folded, start: int, end: int) -> re.Pattern[str] | None:
    """The pattern that finds every "and" of the range, or ``None`` when it holds none.

    str tests are far cheaper than a regex scan, and most items hold no "and".
    """
    text = folded[start:end]
    english = "&" in text or "and" in text.lower()
    if "和" in text or "及" in text or "与" in text:
        return _AND if english else _AND_ZH_ONLY
    return _AND_EN_ONLY if english else None


def _left_is_whole(
    folded: Folded, piece_start: int, and_start: int, and_end: int, end: int
) -> bool:
    """Whether the text before an English "and" is a complete name.

    A left side ending in an "of" complement is taken as whole only when the
    right side is printed in parallel ("Xuhui District Commission of Commerce
    and Xuhui District … Office").  A name closed by its bracket ("…
    (区市场监管局) and …") or known to the registry is whole too.
    """
    left_end = and_start
    while left_end > piece_start and folded[left_end - 1].isspace():
        left_end -= 1
    return (
        (left_end > piece_start and folded[left_end - 1] == ")")
        or _ends_like_en_name(folded, piece_start, and_start)
        or (
            _ends_with_of_complement(folded, piece_start, and_start)
            and _first_word(folded, piece_start, and_start) == _first_word(folded, and_end, end)
        )
        or _is_known_span(folded, piece_start, left_end)
    )


# A unit's role may be written beside it: "X (lead)", "市交通委牵头", "各区政府配合".
_ROLE_MARK: Final = re.compile(
    r"\s*(?:\(\s*(?P<lead_en>lead(?:ing)?(?:\s+unit)?)\s*\)|\(\s*(?P<coop_en>co-?operat(?:ing|ion)|support(?:ing)?)\s*\)"
    r"|\(?(?P<lead_zh>牵头)\)?|\(?(?P<coop_zh>配合|协同|参与)\)?|\(?按职责分工负责\)?|\(?分工负责\)?|\(?负责\)?)$",
    re.IGNORECASE,
)
_ROLE_MARK_LAST: Final = ")头合同与责\n"
# "etc." closing a list, and 等 before a collective ("市发展改革委等相关部门").
_ETC: Final = re.compile(r"etc\.?|等", re.IGNORECASE)
_ZH_ETC_SPLIT: Final = re.compile(r"等(?=(?:相关|有关|各|其他)[\u4e00-\u9fff]{1,8}$)")


def list_units(
    folded: Folded, start: int, end: int, role: Role | None = None
) -> tuple[UnitMention, ...]:
    """The bodies a list names (a table's cell, a duty list's heading), each with its role:
    the one marked beside it ("市交通委牵头"), else *role*."""
    found: list[UnitMention] = []
    for s, e, marked in _split_marked(folded, start, end):
        s, e = trim(folded, s, e, _BREAKS)  # a cell wrapped after its separator
        if s < e:
            found.append(UnitMention(start=s, end=e, role=marked or role))
    return tuple(found)


def _split_marked(folded: Folded, start: int, end: int) -> list[tuple[int, int, Role | None]]:
    """Units of a list with the role each one is marked with, if any; "etc." is dropped."""
    found: list[tuple[int, int, Role | None]] = []
    for s, e in split_units(folded, start, end):
        if _ETC.fullmatch(folded, s, e):
            continue
        if e - s > 2 and folded[e - 1] == "等":
            e -= 1  # "市民政局等": the list's "and others", not part of the name
        etc = _ZH_ETC_SPLIT.search(folded, s, e)
        if etc is not None and etc.start() > s:
            found.append((s, etc.start(), None))
            found.append((etc.end(), e, None))
            continue
        role: Role | None = None
        # Every mark ends with one of a few characters ("$" also matches
        # before a final line break): most names are spared the search.
        mark = None
        if folded[e - 1] in _ROLE_MARK_LAST:
            mark = _ROLE_MARK.search(folded, max(s, e - 24), e)
        if mark is not None and mark.start() > s:
            if mark.group("lead_en") or mark.group("lead_zh"):
                role = "lead"
            elif mark.group("coop_en") or mark.group("coop_zh"):
                role = "cooperating"
            e = trim(folded, s, mark.start(), left=False)[1]
        found.append((s, e, role))
    return found


def _merge_fragments(folded: Folded, bounds: list[int]) -> list[int]:
    """Drop the commas that sit inside an English name.

    "Pudong New Area Science, Technology and Economy Commission": a piece that
    does not end like a name, followed after a comma by one that does not
    start like a name of its own, is one name with the piece after it.
    """
    kept = [bounds[0]]
    # The piece left of a cut grows while fragments merge; it is never sliced
    # whole once longer than any name, and its ASCII-ness is carried along,
    # so a long list of fragments costs linear time.
    ascii_before = True  # the text from the last kept cut to the previous bound
    # The trimmed piece right of the previous cut: once that cut is kept, it
    # is the piece left of this one, and need not be trimmed again.
    after: tuple[int, int] | None = None
    for i in range(1, len(bounds) - 1):
        cut = bounds[i]
        before = after if kept[-1] == bounds[i - 1] else None
        after = None
        if folded[cut] != ",":  # only a comma can sit inside a name
            kept.append(cut)
            ascii_before = True
            continue
        s, e = _trim(folded, kept[-1] + 1, cut) if before is None else before
        ns, ne = after = _trim(folded, cut + 1, bounds[i + 1])
        is_ascii = ascii_before and folded[bounds[i - 1] + 1 : cut].isascii()
        # Cheapest tests first; all are pure, so the order changes nothing else.
        fragment = (
            s < e
            and ns < ne
            and is_ascii
            and folded[ns].isupper()
            and _first_word(folded, ns, ne) not in _name_openers()
            and not _ends_like_en_name(folded, s, e)
            and not _ends_with_of_complement(folded, s, e)
            and not _is_known_or_collective(folded, s, e)
        )
        if fragment:
            ascii_before = is_ascii
        else:
            kept.append(cut)
            ascii_before = True
    kept.append(bounds[-1])
    return kept


def _is_known_or_collective(folded: Folded, start: int, end: int) -> bool:
    """Whether the piece names a registered body or a collective; longer than any name: no."""
    if end - start > MAX_NAME_LENGTH:
        return False
    name = folded[start:end]
    return is_known_name(name) or is_collective(name)


@functools.cache
def _name_openers() -> frozenset[str]:
    """First words that open a body's name: those of the registry's names, and levels."""
    words = {"shanghai", "municipal", "china", "chinese", "state", "national", "cpc", "district"}
    for unit in all_units():
        for name in (unit.name_en, *unit.aliases_en):
            words.add(name.split(" ", 1)[0].lower())
    return frozenset(words)


def split_units(folded: Folded, start: int, end: int) -> list[tuple[int, int]]:
    """Offsets of each unit named in the list ``folded[start:end]``.

    Separators are ``,`` ``、`` ``，`` ``;`` ``；`` outside brackets, and an "and"
    (和 / 及) that joins two complete names.  A leading "and" / "the" is dropped.
    """
    bounds = _merge_fragments(folded, [start - 1, *_depth0_separators(folded, start, end), end])
    units: list[tuple[int, int]] = []
    for left, right in pairwise(bounds):
        s, e = left + 1, right
        if not _is_tidy(folded, s, e):
            s, e = _trim(folded, s, e)
            s = _strip_leading_words(folded, s, e)
            s, e = _trim(folded, s, e)
            if s >= e:
                continue
        for us, ue in _split_on_and(folded, s, e):
            if not _is_tidy(folded, us, ue):
                us = _strip_leading_words(folded, us, ue)
                us, ue = _trim(folded, us, ue)
            if us < ue:
                units.append((us, ue))
    return units


def _is_tidy(folded: Folded, start: int, end: int) -> bool:
    """Whether ``_trim`` and ``_strip_leading_words`` would leave the range as it is.

    Most names start and end with a letter that neither can remove; testing
    two characters spares them their calls and regexes.
    """
    return (
        start < end and folded[start] not in _UNTIDY_FIRST and folded[end - 1] not in _UNTIDY_LAST
    )
