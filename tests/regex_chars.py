"""The characters a compiled pattern's matches can begin or end with, read from its parse.

Hand-kept shortcut sets ("only a match ending in d, r or a line break can be
junk: test that character before running the regex") mirror a pattern; these
functions derive the same sets from the pattern itself, so a test can tie the
two together.  Zero-width parts (anchors, lookarounds) hold no character; a
``$`` may stand before a final line break, so a search window can end in
``"\\n"`` after a match ending at ``$`` (``at_end_newline``).  Case-insensitive
parts add every character the regex engine matches case-insensitively.
"""

from __future__ import annotations

import re
import sys
from typing import Any

if sys.version_info >= (3, 11):
    from re import _parser as sre_parse
else:  # pragma: no cover - Python 3.10
    import sre_parse

# Characters that match an ASCII letter case-insensitively beyond its other case.
_CASE_TWINS = "\u0130\u0131\u017f\u212a"  # İ ı ſ K
_CATEGORY_SPACE = frozenset(
    " \t\n\r\f\v\x1c\x1d\x1e\x1f\x85\xa0\u1680\u2028\u2029\u202f\u205f\u3000"
)
_SPACES = _CATEGORY_SPACE | frozenset(chr(c) for c in range(0x2000, 0x200B))
_DIGITS = frozenset(chr(c) for c in range(0x10000) if chr(c).isdigit() and re.match(r"\d", chr(c)))
_CATEGORIES = {"CATEGORY_SPACE": _SPACES, "CATEGORY_DIGIT": _DIGITS}


class Unbounded(Exception):
    """The pattern can begin or end with characters not worth listing (``.``, ``[^…]``, ``\\w``)."""


def _variants(char: str, ignorecase: bool) -> set[str]:
    if not ignorecase:
        return {char}
    candidates = {char, char.lower(), char.upper(), *_CASE_TWINS}
    return {c for c in candidates if re.fullmatch(re.escape(char), c, re.IGNORECASE)}


def _charset(items: list[tuple[Any, Any]], ignorecase: bool) -> set[str]:
    chars: set[str] = set()
    for op, value in items:
        name = str(op)
        if name == "LITERAL":
            chars |= _variants(chr(value), ignorecase)
        elif name == "RANGE":
            for code in range(value[0], value[1] + 1):
                chars |= _variants(chr(code), ignorecase)
        elif name == "CATEGORY" and str(value) in _CATEGORIES:
            chars |= _CATEGORIES[str(value)]
        else:
            raise Unbounded(f"{name} {value}")
    return chars


def _ends(
    items: list[tuple[Any, Any]], ignorecase: bool, last: bool
) -> tuple[set[str], bool, bool]:
    """(characters, nullable, ends at "$") of a sequence, from its first or its last item."""
    chars: set[str] = set()
    dollar = False
    for op, value in reversed(items) if last else items:
        item_chars, nullable, item_dollar = _item(op, value, ignorecase, last)
        chars |= item_chars
        dollar = dollar or item_dollar
        if not nullable:
            return chars, False, dollar
    return chars, True, dollar


def _item(op: Any, value: Any, ignorecase: bool, last: bool) -> tuple[set[str], bool, bool]:
    name = str(op)
    if name == "LITERAL":
        return _variants(chr(value), ignorecase), False, False
    if name == "IN":
        return _charset(value, ignorecase), False, False
    if name == "AT":
        return set(), True, last and str(value) == "AT_END"
    if name in ("ASSERT", "ASSERT_NOT"):
        return set(), True, False
    if name == "BRANCH":
        chars: set[str] = set()
        nullable = dollar = False
        for branch in value[1]:
            branch_chars, branch_nullable, branch_dollar = _ends(list(branch), ignorecase, last)
            chars |= branch_chars
            nullable = nullable or branch_nullable
            dollar = dollar or branch_dollar
        return chars, nullable, dollar
    if name == "SUBPATTERN":
        _group, add_flags, del_flags, inner = value
        inner_case = (ignorecase or bool(add_flags & re.IGNORECASE)) and not (
            del_flags & re.IGNORECASE
        )
        return _ends(list(inner), inner_case, last)
    if name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
        low, _high, inner = value
        chars, nullable, dollar = _ends(list(inner), ignorecase, last)
        return chars, nullable or low == 0, dollar
    raise Unbounded(name)


def _parse(pattern: re.Pattern[str]) -> tuple[list[tuple[Any, Any]], bool]:
    parsed = sre_parse.parse(pattern.pattern, pattern.flags)
    return list(parsed.data), bool(pattern.flags & re.IGNORECASE)


def first_chars(pattern: re.Pattern[str]) -> set[str]:
    """Every character a match of *pattern* can begin with."""
    items, ignorecase = _parse(pattern)
    return _ends(items, ignorecase, last=False)[0]


def last_chars(pattern: re.Pattern[str], *, at_end_newline: bool = True) -> set[str]:
    """Every character a match can end with; with ``"\\n"`` when it may end at ``$``."""
    items, ignorecase = _parse(pattern)
    chars, _nullable, dollar = _ends(items, ignorecase, last=True)
    return chars | {"\n"} if dollar and at_end_newline else chars


def max_width(pattern: re.Pattern[str]) -> int:
    """The length of the longest match of *pattern*."""
    return int(sre_parse.parse(pattern.pattern, pattern.flags).getwidth()[1])
