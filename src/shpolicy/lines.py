"""Cut a text into its non-blank lines, remembering where each one lies.

Offsets index the original text; the folded copy (same length) is what the
recognisers read.  Blank lines are dropped: paragraph breaks carry no meaning
in these publications beyond the line break itself.
"""

from __future__ import annotations

import attrs

__all__ = ["Line", "split_lines"]

# Characters that count as blank at a line's ends once folded (fold() turns
# NBSP, the ideographic space and the other Unicode spaces into " ").
_BLANK = " \t\v\f\x1c\x1d\x1e\x85\u2028\u2029"


@attrs.frozen(kw_only=True, slots=True)
class Line:
    """One non-blank line: ``[start, end)`` without its terminator and surrounding blanks."""

    start: int
    end: int
    number: int  # 1-based line number in the text, for messages


def split_lines(folded: str) -> list[Line]:
    """Non-blank lines of *folded* (a same-length folded copy of the text)."""
    lines: list[Line] = []
    pos = 0
    for number, raw in enumerate(folded.splitlines(keepends=True), start=1):
        content = raw.rstrip("\r\n\v\f\x1c\x1d\x1e\x85\u2028\u2029")
        left = len(content) - len(content.lstrip(_BLANK))
        right = len(content.rstrip(_BLANK))
        if right > left:
            lines.append(Line(start=pos + left, end=pos + right, number=number))
        pos += len(raw)
    return lines
