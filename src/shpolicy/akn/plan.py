"""Where each piece of Akoma Ntoso markup goes in a policy's text.

The writer puts every character of the policy's text into the body once and
in order; this module decides, from the model's spans, what surrounds each
stretch of it:

* **blocks** — what each part of the printed text is (the policy's
  :attr:`~shpolicy.model.Policy.layout`, checked: blocks that overlap or fall
  outside the text are dropped, and text no block covers becomes an
  ``"unplaced"`` block, so the blocks always account for all of it);
* **nodes** — the sections and measures, as a tree of non-overlapping spans
  inside the body blocks, each with the range of its printed number and,
  for a section, of its heading;
* **marks** — inline elements (organisations, quantities, references, dates,
  responsibility clauses, a measure's lead sentence, the title), sorted so
  that an enclosing mark comes before the marks it encloses.

A mark or node whose span does not fit (it crosses another, or a policy
built by hand gave it a span the text does not have) is simply not marked:
its text is still written, and the model keeps it in the shpolicy record.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from typing import Final

import attrs

from ..dates import find_dates
from ..model import BlockKind, Measure, Policy, ResponsibleUnit, Section, Span, Target
from ..normalize import fold
from .record import Path
from .vocabulary import EVENT_END, EVENT_START

__all__ = ["Block", "Mark", "Node", "Plan", "plan", "text_lines"]

# Blocks whose text is one element (a title broken over two lines is one title).
WHOLE_BLOCKS: Final = frozenset({"title", "subtitle", "notice-title"})
_DATE_BLOCKS: Final = frozenset({"date", "notice-date", "signature-date", "field"})
# A block kind -> the inline element around each of its lines.
_LINE_WRAPPERS: Final = {
    "doc-number": "docNumber",
    "notice-number": "docNumber",
    "issuer": "docAuthority",
    "signature": "signature",
    "notice-signature": "signature",
}
_XML_BLANKS: Final = " \t\r\n"


@attrs.frozen(slots=True)
class Block:
    """A stretch ``[start, end)`` of the text and what it is (a model block kind)."""

    kind: str
    start: int
    end: int


@attrs.frozen(slots=True)
class Mark:
    """An inline element over ``[start, end)``; *depth* orders marks with one span."""

    start: int
    end: int
    tag: str
    attributes: tuple[tuple[str, str], ...] = ()
    depth: int = 0
    unit: ResponsibleUnit | None = None
    target: Target | None = None
    reference: int | None = None


@attrs.frozen(slots=True)
class Node:
    """A section or measure placed in the text."""

    kind: str  # "section" or "measure"
    path: Path
    number: str  # what its eId is made from: a section's bare numeral, a measure's label
    start: int
    end: int
    num_end: int  # the printed number is [start, num_end); num_end == start when not found
    heading: tuple[int, int] | None
    children: tuple[Node, ...]


@attrs.frozen(slots=True)
class Plan:
    """Everything the writer needs to mark up one text."""

    text: str
    blocks: tuple[Block, ...]
    nodes: tuple[Node, ...]
    marks: tuple[Mark, ...]


def plan(policy: Policy) -> Plan:
    """The plan for *policy*, whose spans index ``policy.text``."""
    text = policy.text
    blocks = _blocks(policy, text)
    bodies = [(b.start, b.end) for b in blocks if b.kind == "body"]
    nodes = _place(text, _roots(policy, ()), bodies)
    marks = sorted(_marks(policy, text, blocks, nodes), key=_mark_order)
    return Plan(text=text, blocks=tuple(blocks), nodes=tuple(nodes), marks=tuple(marks))


# -- blocks ---------------------------------------------------------------------


def _blocks(policy: Policy, text: str) -> list[Block]:
    given = [(b.kind, b.span.start, b.span.end) for b in policy.layout]
    if not given:
        given = _derived_layout(policy)
    kept: list[Block] = []
    cursor = 0
    for kind, start, end in sorted(given, key=lambda b: (b[1], b[2])):
        if start < cursor or end > len(text) or start >= end:
            continue
        if _has_ink(text, cursor, start):
            kept.append(Block("unplaced", cursor, start))
        kept.append(Block(kind, start, end))
        cursor = end
    if _has_ink(text, cursor, len(text)):
        kept.append(Block("unplaced", cursor, len(text)))
    return kept


def _derived_layout(policy: Policy) -> list[tuple[BlockKind, int, int]]:
    """A layout for a policy that has none: its sections and measures are the body."""
    items: list[Section | Measure] = [*policy.sections, *policy.measures]
    if not items:
        return []
    return [("body", min(i.span.start for i in items), max(_extent(i) for i in items))]


def _has_ink(text: str, start: int, end: int) -> bool:
    return start < end and bool(text[start:end].strip(_XML_BLANKS))


# -- nodes ----------------------------------------------------------------------


def _roots(container: Policy | Section, path: Path) -> list[tuple[Path, Section | Measure]]:
    items: list[tuple[Path, Section | Measure]] = [
        ((*path, "sections", i), s) for i, s in enumerate(container.sections)
    ]
    items.extend(((*path, "measures", i), m) for i, m in enumerate(container.measures))
    items.sort(key=lambda item: (item[1].span.start, -item[1].span.end))
    return items


def _place(
    text: str, items: Sequence[tuple[Path, Section | Measure]], windows: Sequence[tuple[int, int]]
) -> list[Node]:
    """Nodes for the items that fit, in order, each inside one of *windows*."""
    placed: list[Node] = []
    cursor = 0
    for path, item in items:
        start, end = item.span.start, _extent(item)
        if start < cursor or start >= end:
            continue
        if not any(low <= start and end <= high for low, high in windows):
            continue
        label = item.label
        num_end = start
        if label and start + len(label) <= end and text.startswith(label, start):
            num_end = start + len(label)
        heading = None
        children: list[Node] = []
        if isinstance(item, Section):
            heading = _find_on_line(text, item.heading, num_end, end)
            if heading is not None and _has_ink(text, num_end, heading[0]):
                heading = None  # text between number and heading has no element to sit in
            inner_start = heading[1] if heading is not None else num_end
            children = _place(text, _roots(item, path), [(inner_start, end)])
            kind, number = "section", item.num
        else:
            kind, number = "measure", item.label
        node = Node(kind, path, number, start, end, num_end, heading, tuple(children))
        placed.append(node)
        cursor = end
    return placed


def _extent(item: Section | Measure) -> int:
    """Where *item* ends, its sections and measures included (a section's span may
    stop after its heading)."""
    end = item.span.end
    if isinstance(item, Section):
        children: list[Section | Measure] = [*item.sections, *item.measures]
        for child in children:
            end = max(end, _extent(child))
    return end


def _find_on_line(text: str, needle: str, start: int, end: int) -> tuple[int, int] | None:
    """*needle* in the rest of the line from *start*, when it is there."""
    if not needle:
        return None
    line_end = text.find("\n", start, end)
    line_end = end if line_end < 0 else line_end
    at = text.find(needle, start, line_end)
    return None if at < 0 else (at, at + len(needle))


def _walk(nodes: Sequence[Node]) -> Iterator[Node]:
    for node in nodes:
        yield node
        yield from _walk(node.children)


# -- marks ----------------------------------------------------------------------


def _mark_order(mark: Mark) -> tuple[int, int, int]:
    return (mark.start, -mark.end, mark.depth)


def _fits(text: str, span: Span | None) -> bool:
    return span is not None and span.start < span.end <= len(text)


def _marks(
    policy: Policy, text: str, blocks: Sequence[Block], nodes: Sequence[Node]
) -> Iterator[Mark]:
    units: list[ResponsibleUnit] = [*policy.issuers, *policy.drafters]
    if policy.notice is not None:
        units.extend(policy.notice.issuers)
    units.extend(unit for task in policy.tasks for unit in task.units)
    targets = list(policy.targets)
    for _, item in _items(policy):
        units.extend(item.responsible_units)
        targets.extend(item.targets)
        yield from _clause_marks(text, item)
    for node, item in _node_items(policy, nodes):
        if isinstance(item, Measure):
            lead = _find_on_line(text, item.title, node.num_end, node.end)
            if lead is not None:
                yield Mark(*lead, "inline", (("name", "title"),), depth=1)
    seen: set[tuple[int, int]] = set()  # an issuer who also signs the notice is one mark
    for unit in units:
        key = (-1, -1) if unit.span is None else (unit.span.start, unit.span.end)
        if key in seen:
            continue
        seen.add(key)
        if _fits(text, unit.span):
            assert unit.span is not None
            yield Mark(unit.span.start, unit.span.end, "organization", depth=3, unit=unit)
    for target in targets:
        if _fits(text, target.span):
            yield Mark(target.span.start, target.span.end, "quantity", depth=3, target=target)
    for index, reference in enumerate(policy.implements):
        if _fits(text, reference.span):
            yield Mark(reference.span.start, reference.span.end, "ref", depth=3, reference=index)
    yield from _block_marks(text, blocks)
    yield from _validity_marks(policy, text)


def _items(
    container: Policy | Section, path: Path = ()
) -> Iterator[tuple[Path, Section | Measure]]:
    for path_item in _roots(container, path):
        yield path_item
        if isinstance(path_item[1], Section):
            yield from _items(path_item[1], path_item[0])


def _node_items(policy: Policy, nodes: Sequence[Node]) -> Iterator[tuple[Node, Section | Measure]]:
    by_path = dict(_items(policy))
    for node in _walk(nodes):
        yield node, by_path[node.path]


def _clause_marks(text: str, item: Section | Measure) -> Iterator[Mark]:
    span = item.responsible_span
    if not _fits(text, span):
        return
    assert span is not None
    yield Mark(span.start, span.end, "inline", (("name", "responsibility"),), depth=1)
    label = item.responsible_label
    if label:
        at = text.find(label, span.start, span.end)
        if at >= 0:
            yield Mark(at, at + len(label), "inline", (("name", "responsibleLabel"),), depth=2)


def text_lines(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """The lines of ``text[start:end]``, each without blanks at its ends."""
    while start < end:
        stop = text.find("\n", start, end)
        stop = end if stop < 0 else stop
        first, last = start, stop
        while first < last and text[first] in _XML_BLANKS:
            first += 1
        while last > first and text[last - 1] in _XML_BLANKS:
            last -= 1
        if first < last:
            yield first, last
        start = stop + 1


def _block_marks(text: str, blocks: Sequence[Block]) -> Iterator[Mark]:
    for block in blocks:
        if block.kind in ("title", "notice-title"):
            lines = list(text_lines(text, block.start, block.end))
            if lines:
                yield Mark(lines[0][0], lines[-1][1], "docTitle", depth=0)
        wrapper = _LINE_WRAPPERS.get(block.kind)
        if wrapper is not None:
            for start, end in text_lines(text, block.start, block.end):
                yield Mark(start, end, wrapper, depth=0)
        if block.kind in _DATE_BLOCKS:
            folded = fold(text[block.start : block.end])
            for found in find_dates(folded):
                yield Mark(
                    block.start + found.start,
                    block.start + found.end,
                    "docDate",
                    (("date", found.date.isoformat()),),
                    depth=1,
                )


def _validity_marks(policy: Policy, text: str) -> Iterator[Mark]:
    validity = policy.validity
    if validity is None or not _fits(text, validity.span):
        return
    assert validity.span is not None
    wanted: dict[dt.date, str] = {}
    if validity.start is not None:
        wanted[validity.start] = "#" + EVENT_START
    if validity.end is not None:
        wanted.setdefault(validity.end, "#" + EVENT_END)
    if not wanted:
        return
    start, end = validity.span.start, validity.span.end
    for found in find_dates(fold(text[start:end])):
        event = wanted.pop(found.date, None)
        if event is not None:
            yield Mark(
                start + found.start,
                start + found.end,
                "date",
                (("date", found.date.isoformat()), ("refersTo", event)),
                depth=1,
            )
