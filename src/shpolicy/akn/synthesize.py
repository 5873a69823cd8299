"""A text for a policy that has none, so that it can be marked up like a parsed one.

A policy built in code (``Policy(title=…, measures=(…))``) or read from a
version 1.0 JSON document has no :attr:`~shpolicy.model.Policy.text`.  Its
Akoma Ntoso body is then generated: this module prints the model as a plain
document — title, number, issuers, preamble, each heading and measure with
its responsibility clause, closing and validity — and returns a copy of the
policy whose spans and layout index that printout.  The export marks such a
body as generated; the model itself travels in the shpolicy record.
"""

from __future__ import annotations

from typing import Final, TypeVar

import attrs

from ..model import (
    Block,
    BlockKind,
    Measure,
    Notice,
    Policy,
    Reference,
    ResponsibleUnit,
    Section,
    Span,
    Target,
)

__all__ = ["synthesize"]

_Placed = TypeVar("_Placed", Target, Reference)

_CLAUSE: Final = {
    # language: (open, after label, between units, close, between label and heading)
    "en": ("(", ": ", ", ", ")", " "),
    "zh": ("（", "：", "、", "）", ""),
}


@attrs.define
class _Printer:
    language: str
    parts: list[str] = attrs.field(factory=list)
    length: int = 0
    blocks: list[Block] = attrs.field(factory=list)

    def write(self, text: str) -> Span:
        start = self.length
        self.parts.append(text)
        self.length += len(text)
        return Span(start=start, end=self.length)

    def line(self, kind: BlockKind, text: str) -> Span:
        if self.length:
            self.write("\n")
        span = self.write(text)
        self.blocks.append(Block(kind=kind, span=span))
        return span

    def units(
        self, kind: BlockKind, units: tuple[ResponsibleUnit, ...]
    ) -> tuple[ResponsibleUnit, ...]:
        return tuple(attrs.evolve(unit, span=self.line(kind, unit.name)) for unit in units)

    def clause(
        self, label: str | None, units: tuple[ResponsibleUnit, ...]
    ) -> tuple[tuple[ResponsibleUnit, ...], Span | None]:
        if label is None and not units:
            return units, None
        opening, after_label, between, closing, _ = _CLAUSE[self.language]
        self.write("\n")
        start = self.length
        self.write(opening)
        if label is not None:
            self.write(label)
            if units:
                self.write(after_label)
        placed = []
        for index, unit in enumerate(units):
            if index:
                self.write(between)
            placed.append(attrs.evolve(unit, span=self.write(unit.name)))
        self.write(closing)
        return tuple(placed), Span(start=start, end=self.length)

    def place(self, items: tuple[_Placed, ...], within: Span) -> tuple[_Placed, ...]:
        """Targets or references, each spanning its text where the printout holds it.

        One that it does not hold gets an empty span: it is not marked up.
        """
        text = "".join(self.parts)
        placed = []
        cursor = within.start
        for item in items:
            needle = item.text if isinstance(item, Target) else item.title
            at = text.find(needle, cursor, within.end) if needle else -1
            if at < 0:
                placed.append(attrs.evolve(item, span=Span(start=within.start, end=within.start)))
                continue
            cursor = at + len(needle)
            placed.append(attrs.evolve(item, span=Span(start=at, end=cursor)))
        return tuple(placed)

    def measure(self, measure: Measure) -> Measure:
        self.write("\n")
        start = self.length
        self.write(measure.label + (" " if self.language == "en" else "") + measure.text)
        units, clause = self.clause(measure.responsible_label, measure.responsible_units)
        span = Span(start=start, end=self.length)
        return attrs.evolve(
            measure,
            responsible_units=units,
            responsible_span=clause,
            targets=self.place(measure.targets, span),
            span=span,
        )

    def section(self, section: Section) -> Section:
        self.write("\n")
        start = self.length
        self.write(section.label + _CLAUSE[self.language][4] + section.heading)
        if section.text:
            self.write("\n" + section.text)
        units, clause = self.clause(section.responsible_label, section.responsible_units)
        own = Span(start=start, end=self.length)
        sections, measures = self.children(section.sections, section.measures)
        return attrs.evolve(
            section,
            sections=sections,
            measures=measures,
            responsible_units=units,
            responsible_span=clause,
            targets=self.place(section.targets, own),
            span=Span(start=start, end=self.length),
        )

    def children(
        self, sections: tuple[Section, ...], measures: tuple[Measure, ...]
    ) -> tuple[tuple[Section, ...], tuple[Measure, ...]]:
        # Printed in the order of their spans, as the parser found them.
        order = sorted(
            [(s.span.start, 0, i) for i, s in enumerate(sections)]
            + [(m.span.start, 1, i) for i, m in enumerate(measures)]
        )
        new_sections: list[Section | None] = [None] * len(sections)
        new_measures: list[Measure | None] = [None] * len(measures)
        for _, kind, index in order:
            if kind == 0:
                new_sections[index] = self.section(sections[index])
            else:
                new_measures[index] = self.measure(measures[index])
        return (
            tuple(s for s in new_sections if s is not None),
            tuple(m for m in new_measures if m is not None),
        )


def synthesize(policy: Policy) -> Policy:
    """A copy of *policy* with a generated ``text`` that its spans and layout index."""
    printer = _Printer(policy.language)
    notice = policy.notice
    if notice is not None:
        start = printer.length
        printer.line("notice-title", notice.title)
        if notice.addressees is not None:
            printer.line("addressees", notice.addressees)
        if notice.text:
            printer.line("notice-text", notice.text)
        issuers = printer.units("notice-signature", notice.issuers)
        notice = attrs.evolve(notice, issuers=issuers, span=Span(start=start, end=printer.length))
    if policy.title is not None:
        printer.line("title", policy.title)
    if policy.doc_number is not None:
        printer.line("doc-number", policy.doc_number)
    issuers = printer.units("issuer", policy.issuers)
    drafters = printer.units("issuer", policy.drafters)
    preamble_start = printer.length
    if policy.preamble:
        printer.line("preamble", policy.preamble)
    preamble = Span(start=preamble_start, end=printer.length)
    body_start = printer.length + 1
    sections, measures = printer.children(policy.sections, policy.measures)
    if sections or measures:
        printer.blocks.append(Block(kind="body", span=Span(start=body_start, end=printer.length)))
    if policy.closing:
        printer.line("closing", policy.closing)
    validity = policy.validity
    if validity is not None:
        span = printer.line("validity", validity.text)
        validity = attrs.evolve(validity, span=span)
    targets = printer.place(policy.targets, Span(start=preamble.start, end=printer.length))
    return attrs.evolve(
        policy,
        notice=notice if isinstance(notice, Notice) else None,
        issuers=issuers,
        drafters=drafters,
        sections=sections,
        measures=measures,
        targets=targets,
        validity=validity,
        implements=printer.place(policy.implements, preamble),
        layout=tuple(printer.blocks),
        text="".join(printer.parts),
    )
