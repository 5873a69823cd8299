"""The parsing pipeline: bytes -> text -> lines -> header and outline -> model.

    read (bytes to text) -> fold (recognition copy) -> lines -> header / outline
    -> enrich (responsibility, targets, validity, references, units) -> Policy

Every stage is a pure function; this module only wires them together and
turns offsets into model objects.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Iterable, Sequence

from .body import find_body, starts_item
from .dates import find_dates, parse_date
from .errors import ParseError
from .header import (
    Header,
    is_back_matter,
    is_org_line,
    is_signature_line,
    read_header,
    signature_block,
)
from .language import detect_language
from .lines import Line, join_continued, join_hard_wrapped, split_lines
from .model import (
    Diagnostic,
    Measure,
    Policy,
    Reference,
    ResponsibleUnit,
    Section,
    Span,
    Target,
    ValidityPeriod,
)
from .normalize import fold
from .read import Document, read_document, read_path
from .read.fields import fill_from_page
from .references import find_references
from .responsibility import Clause
from .sentences import sentence_end
from .structure import Node, Outline, Piece, TailRules, build_outline, is_heading_only
from .targets import find_targets
from .units import is_collective, lookup
from .validity import (
    VALIDITY_OPENING,
    ValidityMatch,
    add_years,
    find_validity,
    is_validity_clause,
)

__all__ = ["parse_bytes", "parse_file", "parse_text"]

_TRIM = " .。:;"
_BRACKETED_HEADING_MAX = 24


def parse_file(path: str | os.PathLike[str]) -> Policy:
    """Read the file at *path* and parse it.

    A text file (UTF-8 with or without BOM, UTF-16 or UTF-32 with BOM,
    GB18030), a saved web page, a Word ``.docx`` or a PDF: the content says
    which (see :func:`parse_bytes`).
    """
    document = read_path(path)
    return _parse_document(document, os.fspath(path))


def parse_bytes(data: bytes | bytearray | memoryview, *, source: str | None = None) -> Policy:
    """Parse a document held as bytes: text, a web page, a Word ``.docx`` or a PDF.

    The content says which (:func:`shpolicy.read.sniff`); *source*'s suffix
    only breaks ties.  A web page is parsed as the article it shows, and its
    metadata table fills what the text lacks (:mod:`shpolicy.read.fields`).
    Spans index the extracted text, which is :attr:`Policy.text`.
    """
    if not isinstance(data, bytes | bytearray | memoryview):
        hint = " (a str is parsed with parse_text)" if isinstance(data, str) else ""
        raise TypeError(f"parse_bytes() takes bytes, not {type(data).__name__}{hint}")
    return _parse_document(read_document(bytes(data), source=source), source)


def _parse_document(document: Document, source: str | None) -> Policy:
    """Parse what a reader extracted; then let a web page's fields fill what the text lacks."""
    policy = parse_text(document.text, source=source)
    return fill_from_page(policy, document.fields) if document.fields else policy


def parse_text(text: str, *, source: str | None = None) -> Policy:
    """Parse one policy document held in memory.

    Spans in the result index *text*.  Raises :class:`ParseError` only when
    the text holds nothing to parse (it is empty or blank); everything unusual
    in a non-empty text becomes a diagnostic instead.
    """
    folded = fold(text)
    lines = join_hard_wrapped(folded, split_lines(folded))
    if not lines:
        raise ParseError("the text is empty or blank", source=source)
    layout = find_body(folded, lines)
    assembler = _Assembler(text, folded, source)
    if layout.contents is not None:
        assembler.note_contents(layout.contents)
    header = read_header(folded, layout.header)
    body = join_continued(folded, list(layout.body), starts_item)
    outline = build_outline(folded, body, _TAIL_RULES)
    return assembler.policy(header, outline)


_TAIL_RULES = TailRules(
    starts_tail=is_validity_clause,
    back_matter=is_back_matter,
    signature=is_signature_line,
    opening=VALIDITY_OPENING,
)


class _Assembler:
    """Turns header and outline offsets into model objects (state: the texts only)."""

    def __init__(self, text: str, folded: str, source: str | None) -> None:
        self.text = text
        self.folded = folded
        self.source = source
        self.diagnostics: list[Diagnostic] = []

    def note_contents(self, contents: Sequence[Line]) -> None:
        """Report a table of contents that was set aside."""
        first, last = contents[0], contents[-1]
        self.diagnostics.append(
            Diagnostic(
                code="table-of-contents",
                severity="info",
                message="a table of contents before the body; its headings are not structure",
                span=Span(start=first.start, end=last.end),
            )
        )

    # -- small pieces -------------------------------------------------------
    def _slice(self, start: int, end: int) -> str:
        # ``_trimmed(start, end)`` written out: this runs for every name and range.
        folded = self.folded
        while start < end and folded[start] == " ":
            start += 1
        while end > start and folded[end - 1] == " ":
            end -= 1
        return self.text[start:end]

    def _trimmed(self, start: int, end: int, chars: str = " ") -> tuple[int, int]:
        while start < end and self.folded[start] in chars:
            start += 1
        while end > start and self.folded[end - 1] in chars:
            end -= 1
        return start, end

    def _join(self, ranges: Iterable[tuple[int, int]]) -> str:
        parts = [self._slice(s, e) for s, e in ranges]
        return "\n".join(p for p in parts if p)

    def _targets(self, ranges: Iterable[tuple[int, int]]) -> tuple[Target, ...]:
        found: list[Target] = []
        for s, e in ranges:
            if s < e:
                found.extend(find_targets(self.text, s, e))
        return tuple(found)

    def _unit(self, start: int, end: int, role: str | None) -> ResponsibleUnit:
        name = self._slice(start, end)
        name = _unwrap(name)
        unit = lookup(name)
        span = Span(start=start, end=end)  # frozen: the finding and the unit share it
        # A collective entry ("relevant district governments") is no one body:
        # it has no id, and that is no finding.
        if unit is None and not is_collective(name):
            self.diagnostics.append(
                Diagnostic(
                    code="unknown-unit",
                    severity="info",
                    message=f"{name!r} is not in the registry of Shanghai bodies",
                    span=span,
                )
            )
        return ResponsibleUnit(
            name=name,
            unit_id=None if unit is None else unit.id,
            role=role,
            span=span,
        )

    def _clause_units(
        self, clause: Clause | None
    ) -> tuple[str | None, tuple[ResponsibleUnit, ...]]:
        if clause is None:
            return None, ()
        # An unlabelled clause ("（市交通委牵头，各区政府配合）") has an empty label.
        label = self.text[clause.label_start : clause.label_end] or None
        units = tuple([self._unit(u.start, u.end, u.role) for u in clause.units])
        if not units:
            self.diagnostics.append(
                Diagnostic(
                    code="empty-responsibility-clause",
                    severity="warning",
                    message=f"the clause {label!r} names no unit",
                    span=Span(start=clause.start, end=clause.end),
                )
            )
        return label, units

    # -- outline nodes ---------------------------------------------------------
    def _content_ranges(self, node: Node, pieces: Iterable[Piece]) -> list[tuple[int, int]]:
        """Text ranges of an item without its label and responsibility clause."""
        ranges: list[tuple[int, int]] = []
        clause = node.clause
        for piece in pieces:
            start = node.label.end if piece is node.first else piece.start
            end = piece.end
            if clause is not None:
                if piece is node.clause_piece:
                    end = clause.start
                elif clause.start <= piece.start < clause.end:
                    continue  # a further clause line (配合单位 ...) merged into the clause
            start, end = self._trimmed(start, end)
            if start < end:
                ranges.append((start, end))
        return ranges

    def _label_text(self, node: Node) -> tuple[str, str]:
        label = node.label
        num_at = self.folded.find(label.num, label.start, label.text_end)
        num = self.text[num_at : num_at + len(label.num)] if num_at >= 0 else label.num
        return num, self.text[label.start : label.text_end]

    def _lead(self, start: int, end: int) -> tuple[int, int]:
        """The lead sentence of ``[start, end)`` without its stop.

        A heading set in brackets before the text ("【加强统筹】建立…") is the lead.
        """
        opening = self.folded[start : start + 1]
        if opening in ("[", "("):
            closing = "]" if opening == "[" else ")"
            close = self.folded.find(closing, start, min(end, start + _BRACKETED_HEADING_MAX))
            caption = self.folded[start + 1 : close]
            # "【加强统筹】…", "第一条（目的依据）…": a short caption, then the text
            if close > start + 1 and not any(c in caption for c in "。.,，;；"):
                return self._trimmed(start + 1, close, _TRIM)
        stop = sentence_end(self.folded, start, end)
        lead_end = end if stop is None else stop
        return self._trimmed(start, lead_end, _TRIM)

    def _is_section(
        self, node: Node, section_styles: set[tuple[int, tuple[str, str]]], depth: int
    ) -> bool:
        # (Whether the item's line is only a heading is asked last: it is the
        # costliest test.)
        if node.children:
            # An item with numbered items below is a section when they carry
            # responsibility clauses and it does not; where no clause says
            # so, when its own line is only a heading.  Otherwise the items
            # below are points of one measure ("…conditions:" "(1) …").
            if any(c.has_clause_below() for c in node.children):
                return node.clause is None
            return node.clause is None and is_heading_only(self.folded, node)
        # A bare heading without items below is a section where its level is
        # a section level elsewhere (its paragraphs and clause are the
        # section's own); an item with text on its own line never is.
        return (depth, node.label.style) in section_styles and is_heading_only(self.folded, node)

    def _section_styles(self, roots: Sequence[Node]) -> set[tuple[int, tuple[str, str]]]:
        styles: set[tuple[int, tuple[str, str]]] = set()
        todo: list[tuple[Node, int]] = [(n, 0) for n in roots]
        while todo:
            node, depth = todo.pop()
            if node.children and self._is_section(node, set(), depth):
                styles.add((depth, node.label.style))
            todo.extend((c, depth + 1) for c in node.children)
        return styles

    def _measure(self, node: Node) -> Measure:
        pieces = [node.first, *node.body, *_descendant_pieces(node)]
        ranges = self._content_ranges(node, pieces)
        title_range = self._lead(*ranges[0]) if ranges else (node.label.end, node.label.end)
        title = _unwrap(self._slice(*title_range))
        after = self.folded[title_range[1] : title_range[1] + 2]
        if len(after) == 2 and after[0] in ".。!?" and _opens_quote(title, after[1]):
            # 'Building the "15-minute … circle." Efforts …': the quote closes the title
            title += self.text[title_range[1] + 1]
        label_name, units = self._clause_units(node.clause)
        return Measure(
            label=self.text[node.label.start : node.label.text_end],
            ordinal=node.label.value,
            title=title,
            text=self._join(ranges),
            responsible_label=label_name,
            responsible_units=units,
            targets=self._targets(ranges),
            span=Span(start=node.label.start, end=max(node.end, node.first.end)),
        )

    def _section(self, node: Node, styles: set[tuple[int, tuple[str, str]]], depth: int) -> Section:
        num, label = self._label_text(node)
        first = self._content_ranges(node, [node.first])
        heading_range = self._lead(*first[0]) if first else (node.label.end, node.label.end)
        own: list[tuple[int, int]] = []
        if first:
            rest_start = heading_range[1]
            rest = self._trimmed(rest_start, first[0][1], _TRIM)
            if rest[0] < rest[1]:
                own.append(rest)
        own.extend(self._content_ranges(node, [*node.body, *node.loose]))
        sections: list[Section] = []
        measures: list[Measure] = []
        for child in node.children:
            if self._is_section(child, styles, depth + 1):
                sections.append(self._section(child, styles, depth + 1))
            else:
                measures.append(self._measure(child))
        label_name, units = self._clause_units(node.clause)
        return Section(
            num=num,
            label=label,
            ordinal=node.label.value,
            heading=_unwrap(self._slice(*heading_range)),
            text=self._join(own),
            sections=tuple(sections),
            measures=tuple(measures),
            responsible_label=label_name,
            responsible_units=units,
            targets=self._targets(own),
            span=Span(start=node.label.start, end=max(node.end, node.first.end)),
        )

    # -- the document ---------------------------------------------------------
    def policy(self, header: Header, outline: Outline) -> Policy:
        self.diagnostics.extend(outline.diagnostics)
        styles = self._section_styles(outline.roots)
        sections: list[Section] = []
        measures: list[Measure] = []
        for node in outline.roots:
            if self._is_section(node, styles, 0):
                sections.append(self._section(node, styles, 0))
            else:
                measures.append(self._measure(node))
        preamble_ranges = [(line.start, line.end) for line in header.preamble]
        tail = _tail_lines(outline)
        found, closing_ranges, signers, signed = self._tail(tail)
        found = found or self._validity_in_last_item(outline.roots)
        issued = header.issued or signed
        validity = None if found is None else self._validity(found, issued or header.published)
        if outline.stray:
            self._report_stray(outline.stray)
            closing_ranges = [(p.start, p.end) for p in outline.stray] + closing_ranges
        issuers = [*header.issuers, *signers]
        title = self._title(header.title)
        self._report_header(header, title, not outline.roots)
        closing = self._join(closing_ranges)
        return Policy(
            title=title,
            language=detect_language(self.text),
            doc_number=None if header.doc_number is None else self._slice(*header.doc_number),
            issued=issued,
            published=header.published,
            issuers=self._issuers(issuers),
            validity=validity,
            implements=self._references(preamble_ranges),
            preamble=self._join(preamble_ranges),
            sections=tuple(sections),
            measures=tuple(measures),
            targets=self._targets([*preamble_ranges, *closing_ranges]),
            closing=closing or None,
            diagnostics=tuple(sorted(self.diagnostics, key=_diagnostic_order)),
            source=self.source,
            text=self.text,
        )

    def _tail(
        self, tail: Sequence[Line]
    ) -> tuple[ValidityMatch | None, list[tuple[int, int]], list[tuple[int, int]], dt.date | None]:
        block, signed = signature_block(self.folded, tail)
        signers = [
            (tail[i].start, tail[i].end)
            for i in block
            if parse_date(self.folded[tail[i].start : tail[i].end]) is None
        ]
        validity: ValidityMatch | None = None
        closing: list[tuple[int, int]] = []
        for i, line in enumerate(tail):
            if i in block:
                continue
            found = (
                None if validity is not None else find_validity(self.folded, line.start, line.end)
            )
            if found is None:
                closing.append((line.start, line.end))
                continue
            validity = found
            closing.append((line.start, found.span_start))
            signature = self._inline_signature(found.span_end, line.end)
            if signature is None:
                closing.append((found.span_end, line.end))
            else:
                signers.append(signature[0])
                signed = signed or signature[1]
        return (
            validity,
            [r for r in closing if self._trimmed(*r)[0] < self._trimmed(*r)[1]],
            signers,
            signed,
        )

    def _inline_signature(self, start: int, end: int) -> tuple[tuple[int, int], dt.date] | None:
        """A body and a date run on after the validity clause ("… 2026. Shanghai Municipal
        Commission of Commerce, 5 December 2024"), as ``((name start, end), date)``."""
        start, end = self._trimmed(start, end)
        dates = list(find_dates(self.folded, start, end))
        if not dates or self._trimmed(dates[-1].end, end)[0] < self._trimmed(dates[-1].end, end)[1]:
            return None
        name_start, name_end = self._trimmed(start, dates[-1].start, " ,")
        name = Line(start=name_start, end=name_end, number=0)
        if name_start >= name_end or not is_org_line(self.folded, name):
            return None
        return (name_start, name_end), dates[-1].date

    def _validity_in_last_item(self, roots: Sequence[Node]) -> ValidityMatch | None:
        """A validity clause printed as the last numbered item ("第十条 本办法自…起施行")."""
        if not roots:
            return None
        last = roots[-1]
        while last.children:
            last = last.children[-1]
        for start, end in self._content_ranges(last, [last.first, *last.body]):
            found = find_validity(self.folded, start, end)
            if found is not None:
                return found
        return None

    def _validity(self, found: ValidityMatch, announced: dt.date | None) -> ValidityPeriod:
        end = found.end
        span = Span(start=found.span_start, end=found.span_end)
        if found.years is not None and found.start is None and end is None:
            if found.starts_on_announcement and announced is not None:
                # "自印发之日起施行，有效期2年": counted from the document's own date.
                end = add_years(announced, found.years) - dt.timedelta(days=1)
                self.diagnostics.append(
                    Diagnostic(
                        code="validity-end-computed",
                        severity="info",
                        message=f"end of validity counted as {found.years} years from "
                        f"{announced.isoformat()}, the document's date",
                        span=span,
                    )
                )
            else:
                self.diagnostics.append(
                    Diagnostic(
                        code="validity-end-unknown",
                        severity="info",
                        message=f"valid for {found.years} years from a date the text does not give",
                        span=span,
                    )
                )
        return ValidityPeriod(
            start=found.start,
            end=end,
            starts_on_announcement=found.starts_on_announcement,
            text=self.text[found.span_start : found.span_end],
            span=span,
        )

    def _title(self, parts: Sequence[tuple[int, int]]) -> str | None:
        """The title as written; a title broken over lines is joined (without a
        space between Chinese parts)."""
        texts = [self._slice(s, e) for s, e in parts]
        if not texts:
            return None
        joiner = " " if all(t.isascii() for t in texts) else ""
        return joiner.join(texts)

    def _issuers(self, ranges: Sequence[tuple[int, int]]) -> tuple[ResponsibleUnit, ...]:
        seen: set[str] = set()
        issuers: list[ResponsibleUnit] = []
        for start, end in ranges:
            name = self._slice(start, end)
            if name in seen:
                continue
            seen.add(name)
            unit = lookup(name)
            issuers.append(
                ResponsibleUnit(
                    name=name,
                    unit_id=None if unit is None else unit.id,
                    span=Span(start=start, end=end),
                )
            )
        return tuple(issuers)

    def _references(self, ranges: Sequence[tuple[int, int]]) -> tuple[Reference, ...]:
        found: list[Reference] = []
        for start, end in ranges:
            for s, e in find_references(self.folded, start, end):
                found.append(Reference(title=self.text[s:e], span=Span(start=s, end=e)))
        return tuple(found)

    def _report_stray(self, stray: Sequence[Piece]) -> None:
        for piece in stray:
            self.diagnostics.append(
                Diagnostic(
                    code="unplaced-text",
                    severity="warning",
                    message="text between top-level items; kept in the closing text",
                    span=Span(start=piece.start, end=piece.end),
                )
            )

    def _report_header(self, header: Header, title: str | None, no_items: bool) -> None:
        if title is None:
            self.diagnostics.append(
                Diagnostic(
                    code="no-title", severity="info", message="the text has no title", span=None
                )
            )
        if header.wrapper:
            first, last = header.wrapper[0], header.wrapper[-1]
            self.diagnostics.append(
                Diagnostic(
                    code="notice-text",
                    severity="info",
                    message="text of a notice that wraps the policy; not part of its preamble",
                    span=Span(start=first.start, end=last.end),
                )
            )
        if no_items:
            self.diagnostics.append(
                Diagnostic(
                    code="no-measures",
                    severity="warning",
                    message="no numbered item found; the text is kept as the preamble",
                    span=None,
                )
            )


def _opens_quote(text: str, closer: str) -> bool:
    """Whether *text* leaves open the quote that *closer* closes."""
    if closer == '"':
        return text.count('"') % 2 == 1
    opener = {"”": "“", "’": "‘"}.get(closer)
    return opener is not None and text.count(opener) > text.count(closer)


_LINE_BREAK = re.compile(r"\s*[\r\n]+\s*")


def _unwrap(text: str) -> str:
    """A title or name that a line break cut, read as one line.

    Chinese closes up across the break; other text gets one space there.
    """
    if "\n" not in text and "\r" not in text:
        return text
    return _LINE_BREAK.sub(lambda m: _join_across(text, m), text)


def _join_across(text: str, m: re.Match[str]) -> str:
    before = text[m.start() - 1] if m.start() > 0 else ""
    after = text[m.end()] if m.end() < len(text) else ""
    return "" if not (before.isascii() and after.isascii()) else " "


def _descendant_pieces(node: Node) -> list[Piece]:
    """Pieces of numbered points inside a measure, in order (they belong to its text)."""
    pieces: list[Piece] = []
    for child in node.children:
        pieces.extend([child.first, *child.body, *child.loose, *_descendant_pieces(child)])
    return pieces


def _tail_lines(outline: Outline) -> list[Line]:
    return [Line(start=p.start, end=p.end, number=p.line) for p in outline.tail]


def _diagnostic_order(d: Diagnostic) -> tuple[int, str]:
    return (-1 if d.span is None else d.span.start, d.code)
