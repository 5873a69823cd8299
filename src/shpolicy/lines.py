"""Cut a text into its non-blank lines, remembering where each one lies.

Offsets index the original text; the folded copy (same length) is what the
recognisers read.  Blank lines are dropped: paragraph breaks carry no meaning
in these publications beyond the line break itself.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable

import attrs

from .normalize import Folded, bracket_depth, match_brackets

__all__ = ["Line", "join_continued", "join_hard_wrapped", "split_lines"]

# Characters that count as blank at a line's ends once folded (fold() turns
# NBSP, the ideographic space and the other Unicode spaces into " ").
_BLANK = " \t\v\f\x1c\x1d\x1e\x85\u2028\u2029"
_BLANK_OR_BREAK = _BLANK + "\r\n"


@attrs.frozen(kw_only=True, slots=True)
class Line:
    """One non-blank line: ``[start, end)`` without its terminator and surrounding blanks."""

    start: int
    end: int
    number: int  # 1-based line number in the text, for messages


def split_lines(folded: Folded) -> list[Line]:
    """Non-blank lines of *folded* (a same-length folded copy of the text)."""
    lines: list[Line] = []
    pos = 0
    for number, raw in enumerate(folded.splitlines(keepends=True), start=1):
        # A line break can only be *raw*'s terminator, so one strip removes
        # it and the blanks before it.
        right = len(raw.rstrip(_BLANK_OR_BREAK))
        left = len(raw) - len(raw.lstrip(_BLANK))
        if right > left:
            lines.append(Line(start=pos + left, end=pos + right, number=number))
        pos += len(raw)
    return lines


def join_continued(
    folded: Folded, lines: list[Line], starts_item: Callable[[Folded, int, int], bool]
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
        # Only blanks lie between two lines, so a joined line's depth is the sum
        # of its parts' depths: each line is counted once.
        depth = bracket_depth(folded, line.start, line.end)
        while i + 1 < len(lines):
            if depth <= 0 and folded[line.end - 1] != "、":
                break  # nothing left open: the cheap test spares the label match
            nxt = lines[i + 1]
            if starts_item(folded, nxt.start, nxt.end):
                break
            # it closes what is open: as many closing brackets as were left open
            closes = depth > 0 and match_brackets(folded, nxt.start, nxt.end).unopened >= depth
            if not (closes or folded[line.end - 1] == "、"):
                break
            line = Line(start=line.start, end=nxt.end, number=line.number)
            depth += bracket_depth(folded, nxt.start, nxt.end)
            i += 1
        joined.append(line)
        i += 1
    return joined


# Lines of a text copied from a PDF are cut at the page width: most of them
# have the same length and end in the middle of a sentence.
_SENTENCE_ENDS = tuple("。；：！？.;:!?」”’)）")
_SENTENCE_END_SET = frozenset(_SENTENCE_ENDS)  # (each is one character)
_PAGE_NUMBER = re.compile(r"[-—–]*\s*\d{1,4}\s*[-—–]*")
_MIN_WRAP_WIDTH = 15
_WRAPPED_SHARE = 0.25


def _width(folded: str, line: Line) -> int:
    return line.end - line.start


def _wrap_width(folded: str, lines: list[Line]) -> int | None:
    """The page width a text was cut at, when it was cut at one."""
    widths = Counter(
        line.end - line.start
        for line in lines
        if line.end - line.start >= _MIN_WRAP_WIDTH
        and folded[line.end - 1] not in _SENTENCE_END_SET
    )
    if not widths:
        return None
    width, _ = widths.most_common(1)[0]
    near = sum(n for w, n in widths.items() if width - 2 <= w <= width + 1)
    return width if near >= _WRAPPED_SHARE * len(lines) and near >= 3 else None


def join_hard_wrapped(folded: str, lines: list[Line]) -> list[Line]:
    """Undo the line breaks of a text cut at a fixed width, and drop page numbers ("— 2 —").

    A line as wide as the page that does not end a sentence runs on into the
    next line, even when that line happens to begin like a label ("第五条规定
    …" cut from "符合第五条规定…").  Texts not cut at a width are left alone.
    """
    width = _wrap_width(folded, lines)
    if width is None:
        return lines
    kept = [line for line in lines if not _PAGE_NUMBER.fullmatch(folded, line.start, line.end)]
    joined: list[Line] = []
    for line in kept:
        if joined:
            last = joined[-1]
            last_width = _width(folded, _last_segment(folded, last))
            if last_width >= width - 2 and not folded[last.end - 1].endswith(_SENTENCE_ENDS):
                joined[-1] = Line(start=last.start, end=line.end, number=last.number)
                continue
        joined.append(line)
    return joined


def _last_segment(folded: str, line: Line) -> Line:
    """The last physical line of a (possibly joined) line."""
    cut = max(folded.rfind("\n", line.start, line.end), folded.rfind("\r", line.start, line.end))
    if cut < 0:
        return line
    start = cut + 1
    while start < line.end and folded[start] in _BLANK:
        start += 1
    return Line(start=start, end=line.end, number=line.number)
