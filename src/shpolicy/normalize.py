"""Normalise text for recognition without moving any character.

The parser matches patterns against a *folded* copy of the text in which
full-width forms (``（）：，；．１２``), the ideographic space, NBSP and the other
Unicode spaces are replaced by their ASCII counterparts one character for one
character.  Because the folded text has exactly the length of the original,
every match offset is also an offset into the original, so spans index the
text as written while the model keeps the text as written.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Final, NewType

__all__ = [
    "BLANK",
    "Brackets",
    "Folded",
    "FoldedChars",
    "bracket_depth",
    "fold",
    "folded_chars",
    "match_brackets",
    "outside_brackets",
    "squash_spaces",
    "trim",
]

# ``Folded``: text as :func:`fold` returns it, the copy every recogniser reads.
# Full-width forms are ASCII in it, so a check for "，" or "；" on it can never
# match; recognisers take ``Folded`` so that the text as written cannot be
# passed to them by mistake.  (A slice of folded text is folded too, but a
# plain ``str`` to the type checker: recognisers take the whole text and a
# range instead.)  ``FoldedChars``: a set of characters a check looks for in
# folded text (see :func:`folded_chars`).
if TYPE_CHECKING:
    Folded = NewType("Folded", str)
    FoldedChars = NewType("FoldedChars", str)
else:
    # At run time both are str itself: ``Folded(text)`` returns *text* from C,
    # where a NewType would cost a Python call on every text it types.
    Folded = FoldedChars = str


def _fold_table() -> dict[int, str]:
    table: dict[int, str] = {}
    # Full-width ASCII block U+FF01..U+FF5E -> U+0021..U+007E.
    for code in range(0xFF01, 0xFF5F):
        table[code] = chr(code - 0xFEE0)
    # Every Unicode space separator, plus tab and the BOM / zero-width no-break
    # space that some publications leave inside lines, reads as a plain space.
    for code in (0x00A0, 0x1680, *range(0x2000, 0x200B), 0x202F, 0x205F, 0x3000, 0xFEFF, 0x09):
        table[code] = " "
    # Chinese bracket variants used around years and notes read as parentheses.
    table[ord("〔")] = "["
    table[ord("〕")] = "]"
    table[ord("【")] = "["
    table[ord("】")] = "]"
    table[ord("．")] = "."
    return table


_TABLE: Final = {chr(code): ascii_form for code, ascii_form in _fold_table().items()}
# str.translate looks every character up in a dict, which is slow on
# non-ASCII text; a regex finds the few characters that change far faster.
_FOLDABLE: Final = re.compile("[" + "".join(re.escape(ch) for ch in sorted(_TABLE)) + "]")


def _replacement(m: re.Match[str]) -> str:
    return _TABLE[m.group()]


def fold(text: str) -> Folded:
    """Return *text* with full-width forms and Unicode spaces in ASCII; same length."""
    return Folded(_FOLDABLE.sub(_replacement, text))


def squash_spaces(text: str) -> str:
    """Collapse runs of whitespace to one space and strip the ends (for comparisons)."""
    return " ".join(fold(text).split())


def folded_chars(chars: str) -> FoldedChars:
    """*chars* as a set to look for in folded text; every one must be able to occur there.

    ``folded_chars("。.;；")`` raises: folding turns ``；`` into ``;``, so a check
    for it on folded text is dead (the mistake that let a line with a mid-line
    ``；`` pass for the name of a body).  Raised at import, so every such set is
    checked by merely loading the package.
    """
    dead = sorted({ch for ch in chars if ch in _TABLE})
    if dead:
        raise ValueError(f"folded text never holds {dead!r}; look for {fold(''.join(dead))!r}")
    return FoldedChars(chars)


BLANK: Final = folded_chars(" ")
"""The one blank of folded text (fold() turns tabs and the Unicode spaces into it)."""


def trim(
    folded: Folded,
    start: int,
    end: int,
    chars: FoldedChars = BLANK,
    *,
    left: bool = True,
    right: bool = True,
) -> tuple[int, int]:
    """``[start, end)`` without the *chars* at its ends (or only at the one end asked for)."""
    if left:
        while start < end and folded[start] in chars:
            start += 1
    if right:
        while end > start and folded[end - 1] in chars:
            end -= 1
    return start, end


_BRACKET: Final = re.compile(r"[()\[\]]")


class Brackets:
    """How the brackets of ``folded[start:end]`` pair up, read from left to right.

    Folding reads every bracket as ``(``, ``)``, ``[`` or ``]``; a closing
    bracket closes the last one still open, whatever its shape.  One with
    nothing open closes a bracket opened before the range: it is *unopened*.
    The brackets are paired when first asked for (:attr:`depth` alone only
    counts them).  Immutable.
    """

    __slots__ = ("_end", "_folded", "_paired", "_start")

    def __init__(self, folded: Folded, start: int, end: int) -> None:
        self._folded = folded
        self._start = start
        self._end = end
        self._paired: tuple[dict[int, int], tuple[int, ...], int] | None = None

    @property
    def depth(self) -> int:
        """Brackets opened minus brackets closed: how deep the range leaves the text."""
        return bracket_depth(self._folded, self._start, self._end)

    @property
    def pairs(self) -> Mapping[int, int]:
        """Offset of an opening bracket -> offset of the one closing it."""
        return self._pair()[0]

    @property
    def unclosed(self) -> tuple[int, ...]:
        """Opening brackets still open at the end, in order."""
        return self._pair()[1]

    @property
    def unopened(self) -> int:
        """Closing brackets with nothing open."""
        return self._pair()[2]

    def _pair(self) -> tuple[dict[int, int], tuple[int, ...], int]:
        if self._paired is None:
            pairs: dict[int, int] = {}
            open_at: list[int] = []
            unopened = 0
            # From bracket to bracket: the Python loop stays off plain text.
            for m in _BRACKET.finditer(self._folded, self._start, self._end):
                if m.group() in "([":
                    open_at.append(m.start())
                elif open_at:
                    pairs[open_at.pop()] = m.start()
                else:
                    unopened += 1
            self._paired = (pairs, tuple(open_at), unopened)
        return self._paired

    def outermost(self) -> list[tuple[int, int]]:
        """``(open, close)`` of each bracket at depth 0; one left open closes at the end."""
        pairs, unclosed, _ = self._pair()
        stretches: list[tuple[int, int]] = []
        reach = -1
        for at in sorted([*pairs, *unclosed]):
            if at > reach:
                reach = pairs.get(at, self._end)
                stretches.append((at, reach))
        return stretches

    def outside(self, matches: Iterable[re.Match[str]]) -> list[re.Match[str]]:
        """The *matches* (in text order, none starting at a bracket) that no bracket encloses."""
        stretches = self.outermost()
        if not stretches:
            return list(matches)
        kept: list[re.Match[str]] = []
        i = 0
        for m in matches:
            at = m.start()
            while i < len(stretches) and stretches[i][1] < at:
                i += 1
            if i == len(stretches) or at < stretches[i][0]:
                kept.append(m)
        return kept


def outside_brackets(
    folded: Folded, start: int, end: int, pattern: re.Pattern[str]
) -> Iterable[re.Match[str]]:
    """The matches of *pattern* in ``folded[start:end]`` that no bracket encloses (none of
    them may start at a bracket); see :meth:`Brackets.outside`."""
    if _BRACKET.search(folded, start, end) is None:  # (most ranges hold none: one scan in C)
        return pattern.finditer(folded, start, end)
    return Brackets(folded, start, end).outside(pattern.finditer(folded, start, end))


def bracket_depth(folded: Folded, start: int, end: int) -> int:
    """Brackets opened minus brackets closed in ``folded[start:end]``: ``len(unclosed) -
    unopened`` of :class:`Brackets`, counted (by ``str.count``) without pairing them."""
    return (
        folded.count("(", start, end)
        + folded.count("[", start, end)
        - folded.count(")", start, end)
        - folded.count("]", start, end)
    )


match_brackets: Final = Brackets
"""``match_brackets(folded, start, end)``: the brackets of ``folded[start:end]``."""
