"""Cut a text into its non-blank lines, remembering where each one lies.

Offsets index the original text; the folded copy (same length) is what the
recognisers read.  Blank lines are dropped: paragraph breaks carry no meaning
in these publications beyond the line break itself.
"""

from __future__ import annotations

from collections.abc import Callable

import attrs

__all__ = ["Line", "join_continued", "split_lines"]

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


def _bracket_balance(folded: str, start: int, end: int) -> tuple[int, int]:
    """Depth at the end of ``[start, end)``, and the lowest depth reached in it."""
    depth = lowest = 0
    for ch in folded[start:end]:
        if ch in "([":
            depth += 1
        elif ch in ")]":
            depth -= 1
            lowest = min(lowest, depth)
    return depth, lowest


def join_continued(
    folded: str, lines: list[Line], starts_item: Callable[[str, int, int], bool]
) -> list[Line]:
    """Join lines that a line break cut in the middle of a bracket or a list.

    A line that leaves a bracket open which the next line closes, or that ends
    with "、", continues on the next line (a responsibility clause wrapped by
    the publisher), unless the next line starts a numbered item.
    """
    joined: list[Line] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        while i + 1 < len(lines):
            nxt = lines[i + 1]
            if starts_item(folded, nxt.start, nxt.end):
                break
            depth, _ = _bracket_balance(folded, line.start, line.end)
            closes = depth > 0 and _bracket_balance(folded, nxt.start, nxt.end)[1] <= -depth
            if not (closes or folded[line.end - 1] == "、"):
                break
            line = Line(start=line.start, end=nxt.end, number=line.number)
            i += 1
        joined.append(line)
        i += 1
    return joined
