"""The structure stage: the body's numbered items as sections and measures.

Input: the folded text and the body's lines (from the first numbered line on),
and the rules that tell where the document's tail begins.  Output: a frozen
:class:`Outline` of offsets: sections and measures with their labels,
headings or titles, text ranges and responsibility clauses; the tail after the
last item; text between top-level items; and what the numbering says.

Decisions owned here (the tree of items itself is built by
:mod:`shpolicy.item_tree`):

* **section or measure** — an item with numbered items below is a section
  when they carry responsibility clauses and it does not, or, where no clause
  says so, when its own line is only a heading; otherwise the items below are
  points of one measure ("…conditions:" "(1) …").  A bare heading without
  items below is a section where its level is a section level elsewhere.
* **title and heading** — the lead sentence up to the first full stop, or a
  short caption set in brackets before the text ("【加强统筹】建立…",
  "第一条（目的依据）…"); a stop inside a quote keeps the quote's closing mark.
* **text** — an item's text without its label and its responsibility clause.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Final

import attrs

from .diagnostics import NO_MEASURES, UNPLACED_TEXT
from .item_tree import ItemTree, Node, Piece, TailRules, build_tree, is_heading_only
from .lines import Line
from .model import Diagnostic, Span
from .normalize import Folded, folded_chars, trim
from .numbering import Label, Style
from .responsibility import Clause
from .sentences import sentence_end

__all__ = ["Outline", "OutlineMeasure", "OutlineSection", "Range", "TailRules", "read_outline"]

Range = tuple[int, int]
"""``[start, end)`` in the text."""

# What is trimmed around a title or heading, and what no bracketed caption holds.
_AROUND_LEAD: Final = folded_chars(" .。:;")
_NOT_IN_CAPTION: Final = folded_chars("。.,;")
_BRACKETED_HEADING_MAX: Final = 24
_QUOTE_OPENERS: Final = {"”": "“", "’": "‘"}

_Styles = set[tuple[int, Style]]  # (depth, label style) of the section levels


@attrs.frozen(kw_only=True, slots=True)
class OutlineMeasure:
    """A measure, as offsets: label, title (its lead sentence), text, responsibility clause."""

    label: Label
    title: Range
    title_quote: int | None  # offset of a closing quote the title keeps after its stop
    text: tuple[Range, ...]  # title included, label and clause excluded
    clause: Clause | None
    span: Range


@attrs.frozen(kw_only=True, slots=True)
class OutlineSection:
    """A section, as offsets: label, heading, its own text, and what stands below it."""

    label: Label
    num_at: int  # where the bare numeral is printed
    heading: Range
    text: tuple[Range, ...]  # unnumbered text directly under the heading
    sections: tuple[OutlineSection, ...]
    measures: tuple[OutlineMeasure, ...]
    clause: Clause | None
    span: Range


@attrs.frozen(kw_only=True, slots=True)
class Outline:
    """The structure of a body: its top-level sections and measures and the text around them."""

    sections: tuple[OutlineSection, ...]
    measures: tuple[OutlineMeasure, ...]
    tail: tuple[Line, ...]  # after the last item: validity, closing text, signatures
    stray: tuple[Range, ...]  # between top-level items, belonging to no section
    last_item_text: tuple[Range, ...]  # the last item's text (a validity clause may end it)
    diagnostics: tuple[Diagnostic, ...]


def read_outline(folded: Folded, lines: list[Line], rules: TailRules) -> Outline:
    """The outline of the body *lines*; *rules* tell where its tail begins."""
    tree = build_tree(folded, lines, rules)
    shaper = _Shaper(folded, tree.roots)
    sections, measures = shaper.children(tree.roots, 0)
    return Outline(
        sections=sections,
        measures=measures,
        tail=tuple([Line(start=p.start, end=p.end, number=p.line) for p in tree.tail]),
        stray=tuple([(p.start, p.end) for p in tree.stray]),
        last_item_text=shaper.last_item_text(tree.roots),
        diagnostics=(*tree.diagnostics, *_report(tree)),
    )


def _report(tree: ItemTree) -> list[Diagnostic]:
    found = [
        UNPLACED_TEXT.at(
            "text between top-level items; kept in the closing text",
            Span(start=piece.start, end=piece.end),
        )
        for piece in tree.stray
    ]
    if not tree.roots:
        found.append(
            NO_MEASURES.at("no numbered item found; the text is kept as the preamble", None)
        )
    return found


class _Shaper:
    """Reads the tree of items as sections and measures (state: the folded text, section levels)."""

    def __init__(self, folded: Folded, roots: Sequence[Node]) -> None:
        self.folded = folded
        self.styles = self._section_styles(roots)

    def children(
        self, nodes: Sequence[Node], depth: int
    ) -> tuple[tuple[OutlineSection, ...], tuple[OutlineMeasure, ...]]:
        sections: list[OutlineSection] = []
        measures: list[OutlineMeasure] = []
        for node in nodes:
            if self._is_section(node, self.styles, depth):
                sections.append(self._section(node, depth))
            else:
                measures.append(self._measure(node))
        return tuple(sections), tuple(measures)

    # -- section or measure ---------------------------------------------------
    def _is_section(self, node: Node, section_styles: _Styles, depth: int) -> bool:
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
        # a section level elsewhere (its paragraphs are the section's own); an
        # item with text on its own line never is, nor one whose line names who
        # carries it out: "（二）支持CDMO发展。（责任单位：区商务委）" after a
        # section "（一）" is a measure.
        return (
            (node.clause is None or node.clause_piece is not node.first)
            and (depth, node.label.style) in section_styles
            and is_heading_only(self.folded, node)
        )

    def _section_styles(self, roots: Sequence[Node]) -> _Styles:
        styles: _Styles = set()
        todo: list[tuple[Node, int]] = [(n, 0) for n in roots]
        while todo:
            node, depth = todo.pop()
            if node.children and self._is_section(node, set(), depth):
                styles.add((depth, node.label.style))
            todo.extend((c, depth + 1) for c in node.children)
        return styles

    # -- items ------------------------------------------------------------------
    def _measure(self, node: Node) -> OutlineMeasure:
        pieces = [node.first, *node.body, *_descendant_pieces(node)]
        ranges = self._content_ranges(node, pieces)
        title = self._lead(*ranges[0]) if ranges else (node.label.end, node.label.end)
        # 'Building the "15-minute … circle." Efforts …': the quote the stop sits
        # in closes the title too.
        folded, end = self.folded, title[1]
        quote = (
            end + 1
            if end + 1 < len(folded)
            and folded[end] in ".。!?"
            and _opens_quote(folded[title[0] : end], folded[end + 1])
            else None
        )
        return OutlineMeasure(
            label=node.label,
            title=title,
            title_quote=quote,
            text=tuple(ranges),
            clause=node.clause,
            span=(node.label.start, max(node.end, node.first.end)),
        )

    def _section(self, node: Node, depth: int) -> OutlineSection:
        first = self._content_ranges(node, [node.first])
        heading = self._lead(*first[0]) if first else (node.label.end, node.label.end)
        own: list[Range] = []
        if first:
            rest = trim(self.folded, heading[1], first[0][1], _AROUND_LEAD)
            if rest[0] < rest[1]:
                own.append(rest)
        own.extend(self._content_ranges(node, [*node.body, *node.loose]))
        sections, measures = self.children(node.children, depth + 1)
        label = node.label
        return OutlineSection(
            label=label,
            num_at=self.folded.find(label.num, label.start, label.text_end),
            heading=heading,
            text=tuple(own),
            sections=sections,
            measures=measures,
            clause=node.clause,
            span=(label.start, max(node.end, node.first.end)),
        )

    def last_item_text(self, roots: Sequence[Node]) -> tuple[Range, ...]:
        """The text of the last item, the deepest at the end ("第十条 本办法自…起施行")."""
        if not roots:
            return ()
        last = roots[-1]
        while last.children:
            last = last.children[-1]
        return tuple(self._content_ranges(last, [last.first, *last.body]))

    # -- ranges -----------------------------------------------------------------
    def _content_ranges(self, node: Node, pieces: Iterable[Piece]) -> list[Range]:
        """Text ranges of an item without its label and responsibility clause."""
        ranges: list[Range] = []
        clause = node.clause
        for piece in pieces:
            start = node.label.end if piece is node.first else piece.start
            end = piece.end
            if clause is not None:
                if piece is node.clause_piece:
                    end = clause.start
                elif clause.start <= piece.start < clause.end:
                    continue  # a further clause line (配合单位 ...) merged into the clause
            if start < end and (self.folded[start] == " " or self.folded[end - 1] == " "):
                start, end = trim(self.folded, start, end)
            if start < end:
                ranges.append((start, end))
        return ranges

    def _lead(self, start: int, end: int) -> Range:
        """The lead sentence of ``[start, end)`` without its stop.

        A heading set in brackets before the text ("【加强统筹】建立…") is the lead.
        """
        folded = self.folded
        opening = folded[start : start + 1]
        if opening in ("[", "("):
            closing = "]" if opening == "[" else ")"
            close = folded.find(closing, start, min(end, start + _BRACKETED_HEADING_MAX))
            caption = folded[start + 1 : close]
            # "【加强统筹】…", "第一条（目的依据）…": a short caption, then the text
            if close > start + 1 and not any(c in caption for c in _NOT_IN_CAPTION):
                return trim(folded, start + 1, close, _AROUND_LEAD)
        stop = sentence_end(folded, start, end)
        lead_end = end if stop is None else stop
        return trim(folded, start, lead_end, _AROUND_LEAD)


def _opens_quote(text: str, closer: str) -> bool:
    """Whether *text* leaves open the quote that *closer* closes."""
    if closer == '"':
        return text.count('"') % 2 == 1
    opener = _QUOTE_OPENERS.get(closer)
    return opener is not None and text.count(opener) > text.count(closer)


def _descendant_pieces(node: Node) -> list[Piece]:
    """Pieces of numbered points inside a measure, in order (they belong to its text)."""
    pieces: list[Piece] = []
    for child in node.children:
        pieces.extend([child.first, *child.body, *child.loose, *_descendant_pieces(child)])
    return pieces
