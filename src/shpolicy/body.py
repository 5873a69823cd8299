"""Where a policy's body begins: the first numbered item, after any table of contents.

The lines before the body are the header (title, number, dates, preamble);
this module only decides the boundary, and two corrections to it:

* prose that runs on into the first item on the same line ("…formulated.
  1. …") is split there, where item 2 of the same numbering follows;
* a table of contents (a 目录 / Contents line and the bare headings after it,
  or a run of bare headings printed again below) is set aside, and the
  header continues after it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Final

import attrs

from .diagnostics import TABLE_OF_CONTENTS
from .lines import Line
from .model import Diagnostic, Span
from .normalize import Folded
from .numbering import Label, Style, match_label
from .sentences import SENTENCE_BREAK, sentence_end

__all__ = ["Layout", "find_body", "starts_item"]


@attrs.frozen(kw_only=True, slots=True)
class Layout:
    """The lines of a document split into header, table of contents and body."""

    header: tuple[Line, ...]
    contents: tuple[Line, ...] | None
    body: tuple[Line, ...]

    @property
    def diagnostics(self) -> tuple[Diagnostic, ...]:
        """A table of contents set aside is reported: its headings are not structure."""
        if not self.contents:
            return ()
        span = Span(start=self.contents[0].start, end=self.contents[-1].end)
        message = "a table of contents before the body; its headings are not structure"
        return (TABLE_OF_CONTENTS.at(message, span),)


def find_body(folded: Folded, lines: Sequence[Line]) -> Layout:
    """Split *lines* into header, table of contents (if any) and body."""
    body_at = _first_numbered_line(folded, lines)
    split, body_at = _open_body_inside_a_line(folded, list(lines), body_at)
    contents = _table_of_contents(folded, split, body_at)
    if contents is None:
        return Layout(header=tuple(split[:body_at]), contents=None, body=tuple(split[body_at:]))
    body_at = _first_numbered_line(folded, split, contents.stop)
    return Layout(
        header=(*split[: contents.start], *split[contents.stop : body_at]),
        contents=tuple(split[contents.start : contents.stop]),
        body=tuple(split[body_at:]),
    )


def starts_item(folded: Folded, start: int, end: int) -> bool:
    """Whether the line ``folded[start:end]`` opens with a numbering label."""
    return match_label(folded, start, end) is not None


# A notice's list of its annexes: "附件：1.闵行区…实施方案" with "2.…重点任务分工表" on the
# next line, "Attachments: 1. …".  The numbers go on the list, not the body.
_ANNEX_LIST: Final = re.compile(r"\s*(?:附件|attachments?|annex(?:es)?)\s*:\s*", re.IGNORECASE)


def _first_numbered_line(folded: Folded, lines: Sequence[Line], start: int = 0) -> int:
    listing: Label | None = None  # the last entry of a list of annexes
    for i in range(start, len(lines)):
        line = lines[i]
        label = match_label(folded, line.start, line.end)
        if label is None:
            opening = _ANNEX_LIST.match(folded, line.start, line.end)
            listing = None if opening is None else match_label(folded, opening.end(), line.end)
            continue
        if (
            listing is not None
            and label.style == listing.style
            and label.value == listing.value + 1
        ):
            listing = label
            continue
        return i
    return len(lines)


# A sentence end, then something shaped like the first label of a list.  (The
# stop is matched, not looked behind for: a pattern that opens on a character
# class lets the regex engine skip to the stops instead of trying every position.)
_FIRST_INLINE: Final = re.compile(SENTENCE_BREAK.pattern + r"(?=[(\[]?(?:1|一|I)[.、)\]])")


def _open_body_inside_a_line(
    folded: Folded, lines: list[Line], body_at: int
) -> tuple[list[Line], int]:
    """Split a line whose prose runs on into the first numbered item ("…formulated. 1. …").

    The item counts only where item 2 of the same numbering follows it, so a
    stray "1." in a sentence does not open the body.
    """
    for i in range(body_at):
        line = lines[i]
        seconds: dict[Style, int] | None = None
        for m in _FIRST_INLINE.finditer(folded, line.start, line.end):
            first = match_label(folded, m.end(), line.end)
            if first is None or first.value != 1:
                continue
            if seconds is None:
                seconds = _last_seconds(folded, line)
            if not (
                seconds.get(first.style, -1) >= first.end
                or _second_opens_next(folded, first, lines, i)
            ):
                continue
            head = Line(start=line.start, end=m.start() + 1, number=line.number)  # with the stop
            rest = Line(start=first.start, end=line.end, number=line.number)
            return [*lines[:i], head, rest, *lines[i + 1 :]], i + 1
    return lines, body_at


def _last_seconds(folded: Folded, line: Line) -> dict[Style, int]:
    """Offset of the last stop in *line* followed by an item 2, for each style of label.

    Item 2 follows a first item in its line where such a stop lies at or after
    the first item's label; one scan of the line answers this for every "1."
    in it (a scan after each of them would take quadratic time on a line of
    many).
    """
    last: dict[Style, int] = {}
    for m in SENTENCE_BREAK.finditer(folded, line.start, line.end):
        label = match_label(folded, m.end(), line.end)
        if label is not None and label.value == 2:
            last[label.style] = m.start()
    return last


def _second_opens_next(folded: Folded, first: Label, lines: list[Line], at: int) -> bool:
    """Whether item 2 in *first*'s style opens the line after line *at*."""
    if at + 1 < len(lines):
        label = match_label(folded, lines[at + 1].start, lines[at + 1].end)
        return label is not None and label.style == first.style and label.value == 2
    return False


_CONTENTS_MARKER: Final = re.compile(r"目\s*录|(?:table\s+of\s+)?contents", re.IGNORECASE)
_CONTENTS_ENTRY_MAX: Final = 80


def _table_of_contents(folded: Folded, lines: Sequence[Line], body_at: int) -> range | None:
    """Lines of a table of contents before the body ("目录" and the headings it lists), if any.

    A run of bare numbered headings counts when a 目录 / Contents line opens it
    or when its first heading is printed again further on.
    """
    marker = body_at - 1
    while marker >= 0 and not _CONTENTS_MARKER.fullmatch(_text_of(folded, lines[marker])):
        marker -= 1
    start = marker if marker >= 0 else body_at
    end = start + 1 if marker >= 0 else start
    while end < len(lines) and _is_contents_entry(folded, lines[end]):
        end += 1
    entries = end - (start + 1 if marker >= 0 else start)
    if entries < 2 or end >= len(lines):
        return None
    if marker < 0:
        first = _text_of(folded, lines[start])
        if not any(_text_of(folded, line) == first for line in lines[end:]):
            return None
    return range(start, end)


def _text_of(folded: Folded, line: Line) -> str:
    return folded[line.start : line.end].strip()


def _is_contents_entry(folded: Folded, line: Line) -> bool:
    label = match_label(folded, line.start, line.end)
    return (
        label is not None
        and line.end - line.start <= _CONTENTS_ENTRY_MAX
        and sentence_end(folded, label.end, line.end) is None
    )
