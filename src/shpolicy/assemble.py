"""The model stage: the stages' offsets become the typed model.

Input: the text as written and its folded copy, and what the stages found:
the header, the outline, the tail and the validity clause.  Output: the
:class:`~shpolicy.model.Policy`.

Decisions owned here:

* **text as written** — every string of the model is a slice of the text as
  written (never of the folded copy), blanks trimmed; a title or a name that a
  line break cut is read as one line (Chinese closes up across the break,
  other text gets one space), and a title broken over lines is joined likewise;
* **units** — each name of a responsibility clause, a header or a signature is
  looked up in the registry of Shanghai bodies; an unknown one (not a
  collective such as "relevant district governments") is reported, and so is
  a clause that names none; issuers are named once each;
* **targets and references** — read in each measure's and section's own text,
  and in the preamble and the closing text for the document's;
* **dates** — the header's date of issue, else the signature's.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Final

from .diagnostics import EMPTY_RESPONSIBILITY_CLAUSE, NOT_SHANGHAI, UNKNOWN_UNIT
from .header import Header
from .jurisdiction import Placement, place_document
from .language import detect_language
from .model import (
    Diagnostic,
    Measure,
    Policy,
    Reference,
    ResponsibleUnit,
    Role,
    Section,
    Span,
    Target,
)
from .normalize import Folded, trim
from .references import find_references
from .responsibility import Clause
from .structure import Outline, OutlineMeasure, OutlineSection, Range
from .tail import Tail
from .targets import find_targets
from .units import is_collective, lookup
from .validity import ValidityMatch, validity_period

__all__ = ["build_policy"]

_LINE_BREAK: Final = re.compile(r"\s*[\r\n]+\s*")
_UNPLACED: Final = Placement(jurisdiction=None, context=None, status="unplaced", reason="")


def build_policy(
    text: str,
    folded: Folded,
    *,
    source: str | None,
    header: Header,
    outline: Outline,
    tail: Tail,
    validity: ValidityMatch | None,
    noted: Sequence[Diagnostic] = (),
    page_issuers: Sequence[str] = (),
    page_number: str | None = None,
) -> Policy:
    """The policy the stages found in *text*; *noted* are diagnostics of earlier stages.

    *page_issuers* and *page_number*, from a web page's metadata table, are
    evidence of the document's jurisdiction where the text names none.
    """
    assembler = _Assembler(text, folded, noted, page_evidence=(tuple(page_issuers), page_number))
    return assembler.policy(source, header, outline, tail, validity)


class _Assembler:
    """Slices the text as written for every part of the model (state: the texts, diagnostics)."""

    def __init__(
        self,
        text: str,
        folded: Folded,
        noted: Sequence[Diagnostic],
        *,
        page_evidence: tuple[tuple[str, ...], str | None] = ((), None),
    ) -> None:
        self.text = text
        self.folded = folded
        self.diagnostics: list[Diagnostic] = list(noted)
        self.placement = _UNPLACED
        self.page_evidence = page_evidence

    # -- jurisdiction -----------------------------------------------------------
    def _place(self, *, issuers: Sequence[str], doc_number: str | None, title: str | None) -> None:
        """Whose document it is; names are then resolved in that jurisdiction."""
        page_issuers, page_number = self.page_evidence
        self.placement = place_document(
            issuers=issuers or page_issuers,
            doc_number=doc_number or page_number,
            title=title,
            text=self.text,
        )
        if self.placement.status != "shanghai":
            self.diagnostics.append(NOT_SHANGHAI.at(self.placement.reason, None))

    @property
    def context(self) -> str | None:
        """The jurisdiction names are looked up in (``"cn"``: another place's document)."""
        return self.placement.context

    def policy(
        self,
        source: str | None,
        header: Header,
        outline: Outline,
        tail: Tail,
        found: ValidityMatch | None,
    ) -> Policy:
        self.diagnostics.extend(outline.diagnostics)
        title = self._title(header.title)
        doc_number = None if header.doc_number is None else self._slice(*header.doc_number)
        issuer_ranges = [*header.issuers, *tail.signers]
        self._place(
            issuers=[self._slice(s, e) for s, e in issuer_ranges],
            doc_number=doc_number,
            title=title,
        )
        sections = tuple([self._section(s) for s in outline.sections])
        measures = tuple([self._measure(m) for m in outline.measures])
        issued = header.issued or tail.signed
        validity = None
        if found is not None:
            validity, note = validity_period(self.text, found, issued or header.published)
            if note is not None:
                self.diagnostics.append(note)
        preamble = [(line.start, line.end) for line in header.preamble]
        closing = [*outline.stray, *tail.closing]
        self.diagnostics.extend(header.diagnostics)
        return Policy(
            title=title,
            jurisdiction=self.placement.jurisdiction,
            language=detect_language(self.text),
            doc_number=doc_number,
            issued=issued,
            published=header.published,
            issuers=self._issuers(issuer_ranges),
            validity=validity,
            implements=self._references(preamble),
            preamble=self._join(preamble),
            sections=sections,
            measures=measures,
            targets=self._targets([*preamble, *closing]),
            closing=self._join(closing) or None,
            diagnostics=tuple(sorted(self.diagnostics, key=_diagnostic_order)),
            source=source,
            text=self.text,
        )

    # -- text as written ------------------------------------------------------
    def _slice(self, start: int, end: int) -> str:
        folded = self.folded
        # (This runs for every name and range, most of them trimmed already:
        # a look at both ends spares the call.)
        if start < end and (folded[start] == " " or folded[end - 1] == " "):
            start, end = trim(folded, start, end)
        return self.text[start:end]

    def _join(self, ranges: Iterable[Range]) -> str:
        parts = [self._slice(s, e) for s, e in ranges]
        return "\n".join(p for p in parts if p)

    def _title(self, parts: Sequence[Range]) -> str | None:
        """The title as written; a title broken over lines is joined (without a
        space between Chinese parts)."""
        texts = [self._slice(s, e) for s, e in parts]
        if not texts:
            return None
        joiner = " " if all(t.isascii() for t in texts) else ""
        return joiner.join(texts)

    # -- items ------------------------------------------------------------------
    def _measure(self, measure: OutlineMeasure) -> Measure:
        label = measure.label
        title = _unwrap(self._slice(*measure.title))
        if measure.title_quote is not None:
            title += self.text[measure.title_quote]
        responsible_label, units = self._clause_units(measure.clause)
        return Measure(
            label=self.text[label.start : label.text_end],
            ordinal=label.value,
            title=title,
            text=self._join(measure.text),
            responsible_label=responsible_label,
            responsible_units=units,
            targets=self._targets(measure.text),
            span=Span(start=measure.span[0], end=measure.span[1]),
        )

    def _section(self, section: OutlineSection) -> Section:
        label = section.label
        num_at = section.num_at
        num = self.text[num_at : num_at + len(label.num)] if num_at >= 0 else label.num
        sections = tuple([self._section(s) for s in section.sections])
        measures = tuple([self._measure(m) for m in section.measures])
        responsible_label, units = self._clause_units(section.clause)
        return Section(
            num=num,
            label=self.text[label.start : label.text_end],
            ordinal=label.value,
            heading=_unwrap(self._slice(*section.heading)),
            text=self._join(section.text),
            sections=sections,
            measures=measures,
            responsible_label=responsible_label,
            responsible_units=units,
            targets=self._targets(section.text),
            span=Span(start=section.span[0], end=section.span[1]),
        )

    def _targets(self, ranges: Iterable[Range]) -> tuple[Target, ...]:
        found: list[Target] = []
        for s, e in ranges:
            if s < e:
                found.extend(find_targets(self.text, s, e))
        return tuple(found)

    def _references(self, ranges: Sequence[Range]) -> tuple[Reference, ...]:
        found: list[Reference] = []
        for start, end in ranges:
            for s, e in find_references(self.folded, start, end):
                found.append(Reference(title=self.text[s:e], span=Span(start=s, end=e)))
        return tuple(found)

    # -- units ------------------------------------------------------------------
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
                EMPTY_RESPONSIBILITY_CLAUSE.at(
                    f"the clause {label!r} names no unit", Span(start=clause.start, end=clause.end)
                )
            )
        return label, units

    def _unit(self, start: int, end: int, role: Role | None) -> ResponsibleUnit:
        name = _unwrap(self._slice(start, end))
        unit = lookup(name, jurisdiction=self.context)
        span = Span(start=start, end=end)  # frozen: the finding and the unit share it
        # A collective entry ("relevant district governments") is no one body:
        # it has no id, and that is no finding; nor is a name in another place's
        # document, which not-shanghai already explains.
        if (
            unit is None
            and self.placement.status != "elsewhere"
            and not is_collective(name, jurisdiction=self.context)
        ):
            self.diagnostics.append(
                UNKNOWN_UNIT.at(f"{name!r} is not in the registry of Shanghai bodies", span)
            )
        return ResponsibleUnit(
            name=name, unit_id=None if unit is None else unit.id, role=role, span=span
        )

    def _issuers(self, ranges: Sequence[Range]) -> tuple[ResponsibleUnit, ...]:
        seen: set[str] = set()
        issuers: list[ResponsibleUnit] = []
        for start, end in ranges:
            name = self._slice(start, end)
            if name in seen:
                continue
            seen.add(name)
            unit = lookup(name, jurisdiction=self.context)
            issuers.append(
                ResponsibleUnit(
                    name=name,
                    unit_id=None if unit is None else unit.id,
                    span=Span(start=start, end=end),
                )
            )
        return tuple(issuers)


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


def _diagnostic_order(d: Diagnostic) -> tuple[int, str]:
    return (-1 if d.span is None else d.span.start, d.code)
