"""The numbered items of a body as a tree, built in one pass over its lines.

Private to the structure stage (:mod:`shpolicy.structure`), which reads the
tree and returns a frozen outline: the mutable :class:`Node` never leaves it.

Levels are decided by general rules, never per document:

* a label's *style* (bracket shape and numeral system) names its level; a label
  of a style already open closes everything deeper and becomes a sibling;
* a label of a new style opens a deeper level — unless it has the shape of an
  open level and continues that level's sequence (``(XII)`` then ``(13)``),
  which is the same level printed in another numeral system;
* a label found *inside* a line starts a new item only where it follows a
  sentence end and continues an open sequence, which splits measures run
  together on one line without splitting "(1)" inside a sentence;
* unnumbered lines belong to the item above them until that item's
  responsibility clause closes it; text after a closed item belongs to the
  enclosing section, and after the last item to the document's tail
  (validity clause, closing paragraph, signatures).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Final, NamedTuple

import attrs

from .dates import parse_date
from .diagnostics import (
    ITEMS_RUN_TOGETHER,
    NUMBERING_CONTINUES,
    NUMBERING_GAP,
    NUMBERING_OUT_OF_ORDER,
    NUMBERING_RESTART,
    NUMBERING_STYLE_CHANGE,
    DiagnosticKind,
)
from .lines import Line
from .model import Diagnostic, Span
from .normalize import Folded, folded_chars, trim
from .numbering import Label, Style, match_label
from .responsibility import Clause, find_clause
from .sentences import SENTENCE_BREAK, sentence_end

__all__ = ["ItemTree", "Node", "Piece", "TailRules", "build_tree", "is_heading_only"]


class Piece(NamedTuple):  # (one for every line: a named tuple costs least)
    """A stretch ``[start, end)`` of one line: a whole line or a run-together item."""

    start: int
    end: int
    line: int


@attrs.define(kw_only=True, slots=True)
class Node:
    """A numbered item while the outline is built; classified as section or measure later."""

    label: Label
    first: Piece  # the labelled piece (label included)
    parent: Node | None
    body: list[Piece] = attrs.Factory(list)  # unnumbered pieces inside the item
    loose: list[Piece] = attrs.Factory(list)  # unnumbered pieces between its children
    children: list[Node] = attrs.Factory(list)
    clause: Clause | None = None
    clause_piece: Piece | None = None
    # Further clause lines (配合单位 …) while the outline is built; merged
    # into ``clause`` once at the end, so a long run of them costs linear time.
    clause_lines: list[Clause] = attrs.Factory(list)
    # the clause came right under a bare heading, before the item's text
    clause_first: bool = False
    end: int = 0

    @property
    def closed(self) -> bool:
        """An item whose responsibility clause has been read takes no more text.

        Where the clause stands between a bare heading and the text
        ("1．构建…圈" / "责任单位：…" / the text), the text still follows.
        """
        return self.clause is not None and not self.clause_first

    def has_clause_below(self) -> bool:
        """Whether this item or any item below it carries a responsibility clause."""
        return self.clause is not None or any(c.has_clause_below() for c in self.children)


@attrs.frozen(kw_only=True, slots=True)
class ItemTree:
    """The numbered items of a body and the unnumbered text around them."""

    roots: tuple[Node, ...]
    tail: tuple[Piece, ...]  # after the last item: validity, closing, signatures
    stray: tuple[Piece, ...]  # between top-level items, belonging to no section
    diagnostics: tuple[Diagnostic, ...]


# Where a label may start inside a line: right after a sentence end or a
# closing bracket (folded text), before something shaped like a label.
_INLINE: Final = re.compile(
    SENTENCE_BREAK.pattern
    + r"(?=[(\[]|[IVXLCDM]{1,6}[.、]|\d{1,3}[.、)]|[一二三四五六七八九十]{1,3}、|第)"
)


@attrs.define(kw_only=True, slots=True)
class _Level:
    """An open level of the outline: its style and the last value printed at it."""

    style: Style
    node: Node
    value: int


Recogniser = Callable[[Folded, int, int], bool]


@attrs.frozen(kw_only=True, slots=True)
class TailRules:
    """How the body tells its tail (after the last item) from item text.

    Each rule reads ``folded[start:end]`` of one unnumbered line:
    ``starts_tail`` (a validity clause), ``back_matter`` (附件 / 抄送 /
    "Attachment:": from there on every line is tail, numbered or not) and
    ``signature`` (the name of a body or a date, as in a signature block).
    ``opening`` is what a sentence that ``starts_tail`` accepts opens with
    (at least): inside a line, ``starts_tail`` is asked only after the sentence
    breaks it follows.
    """

    starts_tail: Recogniser
    back_matter: Recogniser
    signature: Recogniser
    opening: re.Pattern[str]


class _Numbering:
    """What the numbering of the items says: gaps, restarts, changes of style."""

    def __init__(self) -> None:
        self.diagnostics: list[Diagnostic] = []
        # (style, value) of every item opened so far: whether numbering runs
        # on from another group is then one lookup, not a walk over all items.
        self.printed: set[tuple[Style, int]] = set()

    def first(self, label: Label, parent: Node | None) -> None:
        """Check the first item opened under *parent*, and note it as printed."""
        style = label.style
        ran_past_one = (style, 2) in self.printed
        continues = (style, label.value - 1) in self.printed
        self.printed.add((style, label.value))
        where = "the document" if parent is None else f"{parent.label.num}"
        if label.value == 1:
            # "2.1" under "2" after "1.1", "1.2" under "1": a decimal label's
            # number names its parent, so it starts again by its very form.
            if ran_past_one and not label.shape.startswith("decimal"):
                # The same numbering ran past 1 under an earlier group.
                self._report(
                    NUMBERING_RESTART,
                    f"numbering restarts at {label.num} under {where}",
                    label,
                )
            return
        # Numbering that runs on across groups ("34." opening chapter III
        # after "33." in chapter II) is a known convention: an info.
        if continues:
            self._report(
                NUMBERING_CONTINUES,
                f"numbering under {where} continues the previous group's at {label.num}",
                label,
            )
        else:
            self._report(
                NUMBERING_GAP,
                f"the first item under {where} is {label.num}, not 1",
                label,
            )

    def sibling(self, level: _Level, label: Label, style_changed: bool) -> None:
        """Check an item that follows the last one of *level*, and note it as printed."""
        self.printed.add((label.style, label.value))
        expected = level.value + 1
        if style_changed:
            self._report(
                NUMBERING_STYLE_CHANGE,
                f"numbering changes style from {level.node.label.num} to {label.num}",
                label,
            )
        if label.value == expected:
            return
        if label.value > expected:
            missing = label.value - expected
            self._report(
                NUMBERING_GAP,
                f"item {label.num} follows {level.node.label.num}: "
                f"{missing} numbered item(s) or heading(s) missing; "
                "the text stays under the last printed one",
                label,
            )
        elif label.value == 1:
            self._report(NUMBERING_RESTART, f"numbering restarts at {label.num}", label)
        else:
            self._report(
                NUMBERING_OUT_OF_ORDER,
                f"item {label.num} follows {level.node.label.num}",
                label,
            )

    def _report(self, kind: DiagnosticKind, message: str, label: Label) -> None:
        self.diagnostics.append(kind.at(message, Span(start=label.start, end=label.text_end)))

    def run_together(self, cut: Label, label: Label) -> None:
        self.diagnostics.append(
            ITEMS_RUN_TOGETHER.at(
                f"item {cut.num} starts inside the line of item {label.num}",
                Span(start=cut.start, end=cut.text_end),
            )
        )


class _Builder:
    """The single pass over the body's lines."""

    def __init__(self, folded: Folded, rules: TailRules, numbering: _Numbering) -> None:
        self.folded = folded
        self.rules = rules
        self.numbering = numbering
        self.in_back_matter = False
        self.box_owner: Node | None = None  # the item a box ("专栏1") is printed in
        self.last_end = 0  # end of the last piece read, to see how the line before ended
        self.roots: list[Node] = []
        self.stack: list[_Level] = []
        self.pending: list[Piece] = []  # unnumbered text after a closed item
        self.tail_started = False
        self.stray: list[Piece] = []

    # -- labels -----------------------------------------------------------
    def _placement(self, label: Label) -> tuple[int, bool] | None:
        """Index of the open level *label* continues, and whether its style changed."""
        style = label.style  # (a property that builds its tuple on each call)
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i].style == style:
                return i, False
        for i in range(len(self.stack) - 1, -1, -1):
            level = self.stack[i]
            if level.style[0] == label.shape and label.value == level.value + 1:
                return i, True
        # A finished item (its clause read, or a title with body text) takes
        # no numbered children; a label continuing its number is its sibling
        # printed in another style ("5. …" then "(VI) …").
        if self.stack and label.value > 1:
            top = self.stack[-1]
            if label.value == top.value + 1 and (
                top.node.closed or not is_heading_only(self.folded, top.node)
            ):
                return len(self.stack) - 1, True
        return None

    def _runs_on(self, label: Label, index: int) -> bool:
        """Whether *label* goes back in its sequence right after a line that ends mid-sentence."""
        level = self.stack[index]
        if label.value == 1 or label.value > level.value or self.last_end <= 0:
            return False
        return self.folded[self.last_end - 1] not in _FULL_STOPS

    def continues(self, label: Label) -> bool:
        """Whether an in-line *label* is the next item of an open level."""
        placement = self._placement(label)
        return placement is not None and label.value == self.stack[placement[0]].value + 1

    def open_item(self, label: Label, piece: Piece) -> None:
        placement = self._placement(label)
        if placement is not None and self._runs_on(label, placement[0]):
            # "…符合本细则\n第五条规定条件的…" after 第八条: a line break before
            # a reference, not item 5 again.
            self.add_text(piece)
            return
        box = self.box_owner
        if box is not None and not box.closed and placement is None:
            # Items of a box ("专栏1 …" then "1. …") are the measure's own text.
            box.body.append(piece)
            box.end = piece.end
            return
        self.box_owner = None
        self._flush_pending()
        if placement is None:
            parent = self.stack[-1].node if self.stack else None
            self.numbering.first(label, parent)
            node = Node(label=label, first=piece, parent=parent, end=piece.end)
            self._attach(node, parent)
            self.stack.append(_Level(style=label.style, node=node, value=label.value))
        else:
            index, style_changed = placement
            level = self.stack[index]
            self.numbering.sibling(level, label, style_changed)
            del self.stack[index + 1 :]
            parent = level.node.parent
            node = Node(label=label, first=piece, parent=parent, end=piece.end)
            self._attach(node, parent)
            level.node = node
            level.value = label.value
            level.style = label.style
        clause = find_clause(self.folded, piece.start, piece.end)
        if clause is not None:
            node.clause = clause
            node.clause_piece = piece
        self.tail_started = False

    def _attach(self, node: Node, parent: Node | None) -> None:
        if parent is None:
            self.roots.append(node)
        else:
            parent.children.append(node)

    # -- the pass -----------------------------------------------------------
    def read(self, lines: list[Line], cutter: _Cutter) -> None:
        """Read the body's *lines*, cut into pieces by *cutter*."""
        for line in lines:
            if self.in_back_matter:  # (附件 / 抄送 on: tail, numbered or not)
                self.pending.append(Piece(start=line.start, end=line.end, line=line.number))
                continue
            # Each piece is handed over before the next one is cut, so in-line
            # labels are judged against the items opened so far.
            for piece, label in cutter.pieces(line, self.continues, self.numbering):
                if label is None:
                    self.add_text(piece)
                else:
                    self.open_item(label, piece)
                self.last_end = piece.end

    # -- unnumbered text ----------------------------------------------------
    def add_text(self, piece: Piece) -> None:
        top = self.stack[-1].node if self.stack else None
        if top is None:
            self.stray.append(piece)
            return
        if self.rules.back_matter(self.folded, piece.start, piece.end):
            self._split_signature()  # a signature printed before the annex ends the body
            self.in_back_matter = self.tail_started = True
            self.pending.append(piece)
            return
        if (
            top.closed
            and not self.tail_started
            and _NOTE.match(self.folded, piece.start, piece.end)
        ):
            # "注：本条所称…" after the clause explains the item it follows.
            top.body.append(piece)
            top.end = piece.end
            return
        if self.tail_started or top.closed:
            if not self.tail_started and self._extends_clause(top, piece):
                return
            self.pending.append(piece)
            return
        if _BOX.match(self.folded, piece.start, piece.end):
            self.box_owner = top
        if self.rules.starts_tail(self.folded, piece.start, piece.end):
            self.tail_started = True
            self.pending.append(piece)
            return
        # The deepest open item has no children yet (a child would be deeper
        # on the stack), so the text is its own -- unless it is a clause on a
        # line of its own after the points of a list: then it is the clause
        # of the item that introduced the list.
        clause = find_clause(self.folded, piece.start, piece.end)
        owner = top
        if clause is not None and clause.start == piece.start:
            owner = self._list_owner(top)
        first_text = not owner.body
        owner.body.append(piece)
        owner.end = piece.end
        if clause is not None and owner.clause is None:
            owner.clause = clause
            owner.clause_piece = piece
            owner.clause_first = (
                first_text and clause.start == piece.start and is_heading_only(self.folded, owner)
            )

    def _list_owner(self, top: Node) -> Node:
        """The item whose list *top* is a point of ("…conditions:" then "(1) …"), else *top*."""
        parent = top.parent
        if parent is None or parent.clause is not None or not _introduces_list(self.folded, parent):
            return top
        while self.stack and self.stack[-1].node is not parent:
            self.stack.pop()
        return parent

    def _extends_clause(self, top: Node, piece: Piece) -> bool:
        """A second clause line right after the first (牵头单位 … / 配合单位 …) joins it."""
        if self.pending:
            return False
        clause = find_clause(self.folded, piece.start, piece.end)
        if clause is None or clause.start != piece.start or top.clause is None:
            return False
        top.clause_lines.append(clause)
        top.end = piece.end
        top.body.append(piece)
        return True

    def _flush_pending(self) -> None:
        """Text after a closed item and before the next label belongs to its section."""
        if not self.pending:
            return
        top = self.stack[-1].node if self.stack else None
        owner = top.parent if top is not None else None
        if owner is None:
            self.stray.extend(self.pending)
        else:
            owner.loose.extend(self.pending)
        self.pending = []

    def _split_signature(self) -> None:
        """A signature block printed right after the last item is tail, not item text."""
        if self.pending or not self.stack:
            return
        last = self.stack[-1].node
        cut = len(last.body)
        while cut > 0 and self.rules.signature(
            self.folded, last.body[cut - 1].start, last.body[cut - 1].end
        ):
            cut -= 1
        moved = last.body[cut:]
        if not moved or any(p is last.clause_piece for p in moved):
            return
        self.pending.extend(moved)
        del last.body[cut:]
        last.end = last.body[-1].end if last.body else last.first.end

    def finish(self) -> ItemTree:
        self._split_signature()
        for level in self.stack:
            _close_ends(level.node)
        for root in self.roots:
            _merge_clause_lines(root)
        return ItemTree(
            roots=tuple(self.roots),
            tail=tuple(self.pending),
            stray=tuple(self.stray),
            diagnostics=tuple(self.numbering.diagnostics),
        )


# A note on the item above it, and the title of a box set inside an item.
_FULL_STOPS: Final = folded_chars("。.!?;)]:")
_HEADING_END: Final = folded_chars(" .。;")
_NOTE: Final = re.compile(r"(?:注|备注|说明|Notes?)\s*\d*\s*:", re.IGNORECASE)
_BOX: Final = re.compile(r"(?:专栏|Box)\s*\d{1,2}\b", re.IGNORECASE)


def _introduces_list(folded: Folded, node: Node) -> bool:
    """Whether an item's own line ends with a colon: the points below are its list."""
    end = trim(folded, node.label.end, node.first.end, left=False)[1]
    return end > node.label.end and folded[end - 1] == ":"


def is_heading_only(folded: Folded, node: Node) -> bool:
    """Whether an item's own line is just a heading: no body after its lead sentence.

    A line that goes on after its first full stop, or that ends with a colon
    introducing a list, carries text of its own and so is a measure.
    """
    start, end = node.label.end, node.first.end
    if node.clause is not None and node.clause_piece is node.first:
        end = node.clause.start
    end = trim(folded, start, end, _HEADING_END, left=False)[1]
    if end > start and folded[end - 1] == ":":
        return False
    stop = sentence_end(folded, start, end)
    return stop is None or not folded[stop + 1 : end].strip(' "”’')


def _close_ends(node: Node) -> None:
    """Propagate each item's end offset to its ancestors."""
    for child in node.children:
        _close_ends(child)
        node.end = max(node.end, child.end)
    for piece in node.loose:
        node.end = max(node.end, piece.end)


def _merge_clause_lines(root: Node) -> None:
    """Fold the further clause lines of every item below *root* into its clause."""
    todo = [root]
    while todo:
        node = todo.pop()
        todo.extend(node.children)
        if node.clause is None or not node.clause_lines:
            continue
        units = [*node.clause.units]
        for line in node.clause_lines:
            units.extend(line.units)
        node.clause = attrs.evolve(node.clause, end=node.clause_lines[-1].end, units=tuple(units))
        node.clause_lines = []


@attrs.frozen(kw_only=True, slots=True)
class _Cutter:
    """Cuts a line at its leading label, at in-line labels and where the tail begins in it."""

    folded: Folded
    rules: TailRules
    # A sentence break followed by what a tail sentence opens with: one scan
    # of a line finds the few places worth asking ``starts_tail``.
    tail_break: re.Pattern[str]

    @classmethod
    def of(cls, folded: Folded, rules: TailRules) -> _Cutter:
        opening = rules.opening
        tail_break = re.compile(f"{SENTENCE_BREAK.pattern}(?={opening.pattern})", opening.flags)
        return cls(folded=folded, rules=rules, tail_break=tail_break)

    def pieces(
        self, line: Line, continues: Callable[[Label], bool], numbering: _Numbering
    ) -> Iterator[tuple[Piece, Label | None]]:
        """The pieces of *line*, each with its label; *continues* says whether an in-line
        label is the next item of an open level (asked as the pieces before it are read)."""
        folded = self.folded
        label = match_label(folded, line.start, line.end)
        # "15 March 2024" under the last item is the date of signature, not item 15.
        if (
            label is not None
            and folded[label.start].isdigit()
            and parse_date(folded, line.start, line.end) is not None
        ):
            label = None
        if label is None:
            tail_at = self._tail_start_within(line.start, line.end)
            if tail_at is None:
                yield Piece(start=line.start, end=line.end, line=line.number), None
            else:
                end = trim(folded, line.start, tail_at, left=False)[1]
                yield Piece(start=line.start, end=end, line=line.number), None
                yield Piece(start=tail_at, end=line.end, line=line.number), None
            return
        start = line.start
        while True:
            cut = self._next_inline_label(label, line, continues)
            end = line.end if cut is None else cut.start
            tail_at = self._tail_start_within(label.end, end)
            if tail_at is not None:
                # "…（责任单位：…）本措施自…起施行": the tail begins inside the item's line.
                piece_end = trim(folded, start, tail_at, left=False)[1]
                yield Piece(start=start, end=piece_end, line=line.number), label
                yield Piece(start=tail_at, end=line.end, line=line.number), None
                return
            piece_end = end
            if folded[end - 1] == " ":
                piece_end = trim(folded, start, end, left=False)[1]
            yield Piece(start=start, end=piece_end, line=line.number), label
            if cut is None:
                return
            numbering.run_together(cut, label)
            start, label = cut.start, cut

    def _tail_start_within(self, start: int, end: int) -> int | None:
        """Offset where a validity clause begins a sentence inside ``[start, end)``, if any."""
        for m in self.tail_break.finditer(self.folded, start, end):
            at = m.end()
            if at < end and self.rules.starts_tail(self.folded, at, end):
                return at
        return None

    def _next_inline_label(
        self, current: Label, line: Line, continues: Callable[[Label], bool]
    ) -> Label | None:
        folded = self.folded
        for m in _INLINE.finditer(folded, current.end, line.end):
            candidate = match_label(folded, m.end(), line.end)
            if candidate is None:
                continue
            # The current item is opened before its successor is looked for, so
            # "continues an open level" compares with the current item itself.
            if candidate.style != current.style and self._enumerated(candidate, current.end):
                continue
            if candidate.style == current.style or candidate.shape == current.shape:
                if candidate.value == current.value + 1:
                    return candidate
            elif continues(candidate):
                return candidate
        return None

    def _enumerated(self, label: Label, since: int) -> bool:
        """Whether *label* continues a list printed inside the item's own text since *since*:
        "（一）加强组织领导。主要包括：（1）建立联席会议制度；（2）完善考核机制。" — (2)
        follows the (1) after the colon, not (一)."""
        if label.value <= 1:
            return False
        folded, opening = self.folded, self.folded[label.start]
        at = folded.find(opening, since, label.start)
        while at >= 0:
            before = match_label(folded, at, label.start)
            if (
                before is not None
                and before.style == label.style
                and before.value == label.value - 1
            ):
                return True
            at = folded.find(opening, at + 1, label.start)
        return False


def build_tree(folded: Folded, lines: list[Line], rules: TailRules) -> ItemTree:
    """Build the tree of *lines* (the body, from the first numbered line on).

    *rules* tell where the document's tail begins; from there on text no
    longer joins the item above.
    """
    builder = _Builder(folded, rules, _Numbering())
    builder.read(lines, _Cutter.of(folded, rules))
    return builder.finish()
