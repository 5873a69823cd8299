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
from typing import Final

__all__ = ["fold", "squash_spaces"]


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


def fold(text: str) -> str:
    """Return *text* with full-width forms and Unicode spaces in ASCII; same length."""
    return _FOLDABLE.sub(_replacement, text)


def squash_spaces(text: str) -> str:
    """Collapse runs of whitespace to one space and strip the ends (for comparisons)."""
    return " ".join(fold(text).split())
