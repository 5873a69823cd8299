"""The tail stage: what follows the last numbered item.

Input: the folded text and the tail's lines (as the structure stage cut them:
the text after the last item, and from the back matter on).  Output: a frozen
:class:`Tail`: the validity clause, the closing text, the signatories and the
date of the signature.

Decisions owned here:

* **the signature block** — a run of lines that each name a body, followed by
  a date line; without a dated run, a run of names at the very end.  Page
  furniture, links or an annex may follow it.
* **the validity clause** — the first sentence of the tail on the document's
  own validity (:mod:`shpolicy.validity` reads it); a body and a date run on
  after it on the same line ("… 2026. Shanghai Municipal Commission of
  Commerce, 5 December 2024") are a signature.
* **the closing text** — every other non-blank stretch of the tail.

:data:`TAIL_RULES` tells the structure stage where a tail begins.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from typing import Final

import attrs

from .dates import find_dates, parse_date
from .header import is_back_matter, is_org_line, is_page_furniture
from .lines import Line
from .model import BlockKind
from .normalize import Folded, folded_chars, trim
from .structure import Range, TailRules
from .validity import VALIDITY_OPENING, ValidityMatch, find_validity, is_validity_clause

__all__ = ["TAIL_RULES", "Tail", "is_signature_line", "read_tail", "signature_block"]

_BEFORE_DATE: Final = folded_chars(" ,")


@attrs.frozen(kw_only=True, slots=True)
class Tail:
    """What the tail says, as offsets into the text."""

    validity: ValidityMatch | None
    closing: tuple[Range, ...]  # text that is neither the validity clause nor a signature
    signers: tuple[Range, ...]  # the bodies that sign, in order
    signed: dt.date | None  # the date under the signatures
    blocks: tuple[tuple[BlockKind, Range], ...] = ()  # what each stretch is, in order


def is_signature_line(folded: Folded, start: int, end: int) -> bool:
    """Whether the line is a body's name or a date, as lines of a signature block are."""
    line = Line(start=start, end=end, number=0)
    return is_org_line(folded, line) or parse_date(folded, start, end) is not None


TAIL_RULES: Final = TailRules(
    starts_tail=is_validity_clause,
    back_matter=is_back_matter,
    signature=is_signature_line,
    opening=VALIDITY_OPENING,
)
"""Where a document's tail begins: a validity clause, the back matter, a signature block."""


def signature_block(folded: Folded, lines: Sequence[Line]) -> tuple[range, dt.date | None]:
    """The lines of the signature block among *lines*, and its date.

    A signature is a run of body names followed by a date line; page furniture,
    links or an annex may follow it.  Without a dated run, a run of names at
    the very end counts.  Returns an empty range when there is none.
    """
    first = 0
    while first < len(lines):
        if not is_org_line(folded, lines[first]):
            first += 1
            continue
        last = first
        while last < len(lines) and is_org_line(folded, lines[last]):
            last += 1
        if last == len(lines):
            return range(first, last), None  # names at the very end, undated
        date = parse_date(folded, lines[last].start, lines[last].end)
        if date is not None:
            return range(first, last + 1), date
        first = last
    # No body signs, but a date stands alone before the back matter: the date the
    # policy was signed (a text that names its issuer only in its title).
    for i, line in enumerate(lines):
        if is_back_matter(folded, line.start, line.end):
            break
        date = parse_date(folded, line.start, line.end)
        if date is not None:
            return range(i, i + 1), date
    return range(len(lines), len(lines)), None


def read_tail(folded: Folded, tail: Sequence[Line]) -> Tail:
    """Read the *tail* lines: validity clause, closing text, signature block."""
    block, signed = signature_block(folded, tail)
    if signed is None and block and block.start > _annex_from(folded, tail, range(0)):
        # Undated names at the very end of an annex are its table's cells, not signatories.
        block = range(len(tail), len(tail))
    signers = [
        (tail[i].start, tail[i].end)
        for i in block
        if parse_date(folded, tail[i].start, tail[i].end) is None
    ]
    validity: ValidityMatch | None = None
    closing: list[Range] = []
    blocks: list[tuple[BlockKind, Range]] = []
    annex = _annex_from(folded, tail, block)
    for i, line in enumerate(tail):
        if i in block:
            date_line = parse_date(folded, line.start, line.end) is not None
            blocks.append(("signature-date" if date_line else "signature", (line.start, line.end)))
            continue
        found = None if validity is not None else find_validity(folded, line.start, line.end)
        if found is None:
            kind = _kind_of_line(folded, line, i >= annex)
            if kind != "furniture":  # the page's, not the document's closing words
                closing.append((line.start, line.end))
            blocks.append((kind, (line.start, line.end)))
            continue
        validity = found
        closing.append((line.start, found.span_start))
        blocks.append(("closing", (line.start, found.span_start)))
        blocks.append(("validity", (found.span_start, found.span_end)))
        signature = _inline_signature(folded, found.span_end, line.end)
        if signature is None:
            closing.append((found.span_end, line.end))
            blocks.append(("closing", (found.span_end, line.end)))
        else:
            signers.append(signature[0])
            signed = signed or signature[1]
            blocks.append(("signature", (found.span_end, line.end)))
    return Tail(
        validity=validity,
        closing=tuple(r for r in closing if _has_text(folded, r)),
        signers=tuple(signers),
        signed=signed,
        blocks=tuple(b for b in blocks if _has_text(folded, b[1])),
    )


# A website's footer copied along with the text: "版权所有", "沪ICP备…", "主办：…".
_FOOTER: Final = re.compile(
    r"版权所有|ICP备|公网安备|网站标识码|主办单位|承办单位|联系我们|网站地图|关于我们|技术支持"
    r"|copyright|all\s+rights\s+reserved|\bsitemap\b|contact\s+us",
    re.IGNORECASE,
)


def _annex_from(folded: Folded, tail: Sequence[Line], signature: range) -> int:
    """Where the back matter begins ("附件：…", "抄送：…", an appended table): the index of
    its first line after any signature, or past the end."""
    after = signature.stop if signature else 0
    for i in range(after, len(tail)):
        if is_back_matter(folded, tail[i].start, tail[i].end):
            return i
    return len(tail)


def _kind_of_line(folded: Folded, line: Line, in_annex: bool) -> BlockKind:
    if _FOOTER.search(folded, line.start, line.end) is not None or is_page_furniture(
        folded, line.start, line.end
    ):
        return "furniture"
    return "annex" if in_annex else "closing"


def _has_text(folded: Folded, stretch: Range) -> bool:
    start, end = trim(folded, *stretch)
    return start < end


def _inline_signature(folded: Folded, start: int, end: int) -> tuple[Range, dt.date] | None:
    """A body and a date run on after the validity clause ("… 2026. Shanghai Municipal
    Commission of Commerce, 5 December 2024"), as ``((name start, end), date)``."""
    start, end = trim(folded, start, end)
    dates = list(find_dates(folded, start, end))
    if not dates or _has_text(folded, (dates[-1].end, end)):
        return None
    name_start, name_end = trim(folded, start, dates[-1].start, _BEFORE_DATE)
    name = Line(start=name_start, end=name_end, number=0)
    if name_start >= name_end or not is_org_line(folded, name):
        return None
    return (name_start, name_end), dates[-1].date
