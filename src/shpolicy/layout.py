"""The layout stage: what each part of the text is, in reading order.

Input: what the header and tail stages say each of their lines is, the table
of contents the body stage set aside, and where the body's numbered items
run.  Output: :attr:`Policy.layout <shpolicy.model.Policy.layout>`, blocks in
reading order that cover every non-blank character of the text, so that the
Akoma Ntoso export can hold the whole document once and in order.

Decisions owned here: neighbouring lines of one kind are one block (a
two-line title, a preamble of several paragraphs); text that no stage placed
becomes an ``"unplaced"`` block and is reported (``unplaced-text``), never
left out.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from .diagnostics import UNPLACED_TEXT
from .lines import Line
from .model import Block, BlockKind, Diagnostic, Span
from .normalize import Folded

__all__ = ["document_layout"]

Range = tuple[int, int]


def document_layout(
    folded: Folded,
    *,
    header: Iterable[tuple[BlockKind, Range]],
    contents: Sequence[Line],
    body: Range | None,
    tail: Iterable[tuple[BlockKind, Range]],
) -> tuple[tuple[Block, ...], tuple[Diagnostic, ...]]:
    """The blocks of the text in reading order, and what no stage placed."""
    parts: list[tuple[BlockKind, Range]] = [*header, *tail]
    parts.extend(("contents", (line.start, line.end)) for line in contents)
    if body is not None:
        parts.append(("body", body))
    parts.sort(key=lambda part: part[1])
    blocks: list[tuple[BlockKind, int, int]] = []
    notes: list[Diagnostic] = []
    cursor = 0
    for kind, (start, end) in parts:
        start = max(start, cursor)
        if start >= end:
            continue
        if _has_ink(folded, cursor, start):
            blocks.append(("unplaced", cursor, start))
            notes.append(_unplaced(cursor, start))
        if (
            blocks
            and blocks[-1][0] == kind
            and kind != "body"
            and not _has_ink(folded, blocks[-1][2], start)
        ):
            blocks[-1] = (kind, blocks[-1][1], end)  # one more line of the same kind
        else:
            blocks.append((kind, start, end))
        cursor = end
    if _has_ink(folded, cursor, len(folded)):
        blocks.append(("unplaced", cursor, len(folded)))
        notes.append(_unplaced(cursor, len(folded)))
    layout = tuple(Block(kind=kind, span=Span(start=s, end=e)) for kind, s, e in blocks)
    return layout, tuple(notes)


def _has_ink(folded: Folded, start: int, end: int) -> bool:
    return start < end and not folded[start:end].isspace()


def _unplaced(start: int, end: int) -> Diagnostic:
    message = "text no stage placed; kept in the document as unplaced text"
    return UNPLACED_TEXT.at(message, Span(start=start, end=end))
