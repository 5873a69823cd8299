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
from .numbering import match_label

__all__ = ["Line", "is_page_number", "join_continued", "join_hard_wrapped", "split_lines"]

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
# A line cut at the page width is a few characters shorter when it holds
# half-width digits or Latin letters ("装修投入的30%给予支持" is as wide as a line
# of ideographs two characters shorter), or a little longer for the same reason
# when most of the page is Latin: the width is a band, not one count.
_BELOW_WIDTH = 2
_ABOVE_WIDTH = 4
# Lines longer than the page cannot have been cut at it.  A notice paragraph
# that the publisher left uncut, or a title, may be longer: at most one such
# line for every _OVER_SHARE lines at the width.
_OVER_SHARE = 4


def _raw_start(folded: str, line: Line) -> int:
    """Where *line*'s physical line starts, its indentation included."""
    start = line.start
    while start > 0 and folded[start - 1] in _BLANK:
        start -= 1
    return start


@attrs.frozen(kw_only=True, slots=True)
class _Page:
    """The page width a text was cut at, and whether its paragraphs are indented."""

    width: int
    indented_paragraphs: bool


def _page(folded: str, lines: list[Line]) -> _Page | None:
    """The page a text was cut at, when the evidence for one is strong.

    Widths count from the start of the physical line, indentation included,
    so that an indented first line of a paragraph ("　　第一条…") is as wide
    as the flush lines after it.  The evidence (each part fails on ordinary
    text, see tests/test_lines.py):

    * many lines that do not end a sentence have one width (the most common
      one, give or take the band above), a quarter of all lines at least;
    * those are the longest lines: few lines are longer.  Parallel headings
      of one length ("一、加强结构设计，做好项目储备" / "二、强化统筹协同，完善申报机制",
      15 characters each) or co-issuer lines of similar length in a text whose
      paragraphs run to hundreds of characters were never cut at 15.
    """
    widths: Counter[int] = Counter()
    raw: list[int] = []
    indented = 0
    for line in lines:
        start = _raw_start(folded, line)
        width = line.end - start
        raw.append(width)
        if start < line.start:
            indented += 1
        if width >= _MIN_WRAP_WIDTH and folded[line.end - 1] not in _SENTENCE_END_SET:
            widths[width] += 1
    if not widths:
        return None
    width, _ = widths.most_common(1)[0]
    low, high = width - _BELOW_WIDTH, width + _ABOVE_WIDTH
    near = sum(n for w, n in widths.items() if low <= w <= high)
    if near < 3 or near < _WRAPPED_SHARE * len(lines):
        return None
    at = sum(1 for w in raw if low <= w <= high)
    over = sum(1 for w in raw if w > high)
    if over * _OVER_SHARE > at:
        return None
    # Indentation tells paragraphs apart only where it is the exception.
    return _Page(width=width, indented_paragraphs=0 < indented < len(lines) / 2)


def join_hard_wrapped(folded: Folded, lines: list[Line]) -> list[Line]:
    """Undo the line breaks of a text cut at a fixed width, and drop page numbers ("— 2 —").

    A line as wide as the page that does not end a sentence runs on into the
    next line, unless the next line starts a paragraph: where the text
    indents its paragraphs, an indented line; elsewhere a line that opens
    with a numbering label ("二、", "（三）", "第五条").  So a line that happens
    to begin like a label ("第五条规定…" cut from "符合第五条规定…") is joined in
    a text with indented paragraphs, and a numbered heading is never joined
    to what comes before it in a text without.  Texts not cut at a width
    (see :func:`_page`) are left alone.
    """
    page = _page(folded, lines)
    if page is None:
        return lines
    low = page.width - _BELOW_WIDTH
    joined: list[Line] = []
    # The width of the last physical line appended: a joined line is never
    # searched back for its last line break (that took quadratic time).
    last_width = 0
    for line in lines:
        if is_page_number(folded, line):
            continue
        start = _raw_start(folded, line)
        if (
            joined
            and last_width >= low
            and folded[joined[-1].end - 1] not in _SENTENCE_END_SET
            and not _opens_paragraph(folded, line, start, page)
        ):
            last = joined[-1]
            joined[-1] = Line(start=last.start, end=line.end, number=last.number)
        else:
            joined.append(line)
        last_width = line.end - start
    return joined


def is_page_number(folded: str, line: Line) -> bool:
    """A line that is only a page number ("— 2 —", "- 12 -", "3")."""
    return _PAGE_NUMBER.fullmatch(folded, line.start, line.end) is not None


def _opens_paragraph(folded: Folded, line: Line, start: int, page: _Page) -> bool:
    if page.indented_paragraphs:
        return start < line.start
    return match_label(folded, line.start, line.end) is not None
