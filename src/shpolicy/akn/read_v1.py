"""Read an Akoma Ntoso export of shpolicy 0.1 (record ``version="1"``).

Exports of that version carry no copy of the parsed text: their policies
read back with an empty :attr:`~shpolicy.model.Policy.text`, no notice and no
jurisdiction.  Text comes from the Akoma Ntoso elements themselves (docTitle, num, heading,
``<p>`` lines, organisations, quantities, refs); the ``shpolicy`` proprietary
block supplies what Akoma Ntoso has no element for and the exact form of
strings XML 1.0 cannot hold.  Every problem is an :class:`AknError` naming
the XML line.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from decimal import Decimal, InvalidOperation
from typing import Final, cast

import attrs
from lxml import etree

from ..errors import AknError, InvalidValueError
from ..model import (
    Comparator,
    Diagnostic,
    Language,
    Measure,
    Policy,
    Reference,
    ResponsibleUnit,
    Role,
    Section,
    Severity,
    Span,
    Target,
    ValidityPeriod,
)
from .safetext import unescape
from .vocabulary import (
    CLASS_RESPONSIBILITY,
    CLASS_TARGETS,
    CONTAINER_CLOSING,
    CONTAINER_VALIDITY,
    EVENT_ISSUED,
    EVENT_PUBLISHED,
    LANGUAGE_CODES,
    MEASURE_ELEMENT,
    ON_ANNOUNCEMENT_ID,
    RESPONSIBLE_LABEL_NAME,
    SECTION_TAGS,
    SOURCE_ID,
    A,
    S,
)

__all__ = ["policy_from_v1"]

Element = etree._Element

_LANGUAGES: Final[dict[str, Language]] = {
    code: language for language, code in LANGUAGE_CODES.items()
}
_MEASURE_TAG: Final = A + MEASURE_ELEMENT[0]
_SECTION_TAGS: Final = frozenset(A + tag for tag in SECTION_TAGS)


def policy_from_v1(root: Element) -> Policy:
    """Rebuild the :class:`Policy` that shpolicy 0.1 exported as the document *root*."""
    try:
        return _Reader.for_root(root).policy()
    except InvalidValueError as error:
        raise AknError(f"impossible value: {error}") from None


def _fail(message: str, element: Element | None) -> AknError:
    line = element.sourceline if element is not None else None
    return AknError(message, line=line if isinstance(line, int) else None)


def _text(element: Element) -> str:
    return "".join(str(piece) for piece in element.itertext())


def _escaped(element: Element, name: str) -> str | None:
    value = element.get(name)
    if value is None:
        return None
    try:
        return unescape(value)
    except ValueError as error:
        raise _fail(f"@{name}: {error}", element) from None


def _integer(element: Element, name: str) -> int | None:
    value = element.get(name)
    if value is None:
        return None
    try:
        return int(value)
    except ValueError:
        raise _fail(f"@{name}={value[:40]!r} is not an integer", element) from None


def _required_integer(element: Element, name: str) -> int:
    value = _integer(element, name)
    if value is None:
        raise _fail(f"<{etree.QName(element).localname}> lacks @{name}", element)
    return value


def _date(element: Element, name: str) -> dt.date:
    value = element.get(name) or ""
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise _fail(f"@{name}={value[:40]!r} is not a date (YYYY-MM-DD)", element) from None


def _span(record: Element) -> Span | None:
    start, end = _integer(record, "start"), _integer(record, "end")
    if start is None and end is None:
        return None
    if start is None or end is None:
        raise _fail("a span needs both @start and @end", record)
    try:
        return Span(start=start, end=end)
    except InvalidValueError as error:
        raise _fail(str(error), record) from None


def _required_span(record: Element) -> Span:
    span = _span(record)
    if span is None:
        raise _fail(f"<{etree.QName(record).localname}> lacks @start/@end", record)
    return span


def _exact(record: Element | None, field: str, shown: str) -> str:
    """The exact string of *field*: the record's escaped copy, else the visible text."""
    if record is not None:
        for exact in record.iterchildren(S + "exact"):
            if exact.get("field") == field:
                try:
                    return unescape(exact.text or "")
                except ValueError as error:
                    raise _fail(f"exact {field}: {error}", exact) from None
    return shown


def _plain_lines(container: Element) -> str:
    """Lines of running text: the ``<p>`` children without a class, joined by newlines."""
    lines = [_text(p) for p in container.iterchildren(A + "p") if p.get("class") is None]
    return "\n".join(lines)


def _one(parent: Element, path: str, what: str) -> Element:
    found = parent.find(path)
    if found is None:
        raise _fail(f"missing {what}", parent)
    return found


@attrs.frozen(kw_only=True)
class _Reader:
    """Lookup tables of one parsed document."""

    doc: Element
    record: Element
    records: dict[str, Element]
    concepts: dict[str, str]
    events: dict[str, Element]

    @classmethod
    def for_root(cls, root: Element) -> _Reader:
        doc = root.find(A + "doc")
        if doc is None:
            raise _fail("expected a <doc> document under <akomaNtoso>", root)
        meta = _one(doc, A + "meta", "<meta>")
        record = None
        for proprietary in meta.iterchildren(A + "proprietary"):
            if proprietary.get("source") == "#" + SOURCE_ID:
                record = proprietary.find(S + "policy")
        if record is None:
            raise _fail('no <proprietary source="#shpolicy"> block: not an shpolicy export', meta)
        records = {
            (child.get("for") or "").removeprefix("#"): child
            for child in record
            if child.tag in (S + "section", S + "measure")
        }
        concepts = {
            element.get("eId") or "": element.get("showAs") or ""
            for element in meta.iter(A + "TLCConcept")
        }
        events = {element.get("eId") or "": element for element in meta.iter(A + "eventRef")}
        return cls(doc=doc, record=record, records=records, concepts=concepts, events=events)

    # -- shared pieces -------------------------------------------------------

    def part(self, name: str) -> Element | None:
        return self.doc.find(A + name)

    def units(
        self, organizations: list[Element], unit_records: list[Element], owner: Element
    ) -> tuple[ResponsibleUnit, ...]:
        if len(organizations) != len(unit_records):
            raise _fail(
                f"{len(organizations)} organizations but {len(unit_records)} unit records", owner
            )
        return tuple(
            ResponsibleUnit(
                name=_exact(record, "name", _text(organization)),
                unit_id=_escaped(record, "unitId"),
                # (the model's validator rejects a value outside the Literal)
                role=cast("Role | None", record.get("role")),
                span=_span(record),
            )
            for organization, record in zip(organizations, unit_records, strict=True)
        )

    def targets(self, blocks: list[Element], record: Element) -> tuple[Target, ...]:
        quantities = [q for block in blocks for q in block.iter(A + "quantity")]
        target_records = list(record.iterchildren(S + "target"))
        if len(quantities) != len(target_records):
            raise _fail(
                f"{len(quantities)} quantities but {len(target_records)} target records", record
            )
        return tuple(
            self.target(quantity, target_record)
            for quantity, target_record in zip(quantities, target_records, strict=True)
        )

    def target(self, quantity: Element, record: Element) -> Target:
        normalized = quantity.get("normalized") or ""
        try:
            value = Decimal(normalized)
        except InvalidOperation:
            raise _fail(f"@normalized={normalized[:40]!r} is not a number", quantity) from None
        concept = (quantity.get("refersTo") or "").removeprefix("#")
        if concept not in self.concepts:
            raise _fail(f"quantity refers to unknown concept {concept!r}", quantity)
        return Target(
            text=_exact(record, "text", _text(quantity)),
            value=value,
            unit=_exact(record, "unit", self.concepts[concept]),
            comparator=cast("Comparator", record.get("comparator") or "="),
            deadline_year=_integer(record, "deadlineYear"),
            span=_required_span(record),
        )

    def responsibility(
        self, container: Element, record: Element
    ) -> tuple[str | None, tuple[ResponsibleUnit, ...]]:
        for paragraph in container.iterchildren(A + "p"):
            if paragraph.get("class") == CLASS_RESPONSIBILITY:
                label_element = next(
                    (
                        inline
                        for inline in paragraph.iterchildren(A + "inline")
                        if inline.get("name") == RESPONSIBLE_LABEL_NAME
                    ),
                    None,
                )
                label = (
                    None
                    if label_element is None
                    else _exact(record, "responsibleLabel", _text(label_element))
                )
                organizations = list(paragraph.iterchildren(A + "organization"))
                unit_records = list(record.iterchildren(S + "unit"))
                return label, self.units(organizations, unit_records, paragraph)
        return None, ()

    # -- hierarchy -----------------------------------------------------------

    def record_for(self, element: Element) -> Element:
        eid = element.get("eId") or ""
        record = self.records.get(eid)
        if record is None:
            raise _fail(f"no shpolicy record for eId {eid!r}", element)
        return record

    def children(self, parent: Element) -> tuple[tuple[Section, ...], tuple[Measure, ...]]:
        sections: list[Section] = []
        measures: list[Measure] = []
        for child in parent:
            if child.tag == _MEASURE_TAG:
                measures.append(self.measure(child))
            elif child.tag in _SECTION_TAGS:
                sections.append(self.section(child))
        return tuple(sections), tuple(measures)

    def heading_parts(
        self, element: Element, record: Element, heading_field: str
    ) -> tuple[str, str]:
        num = _one(element, A + "num", "<num>")
        heading = _one(element, A + "heading", "<heading>")
        return _exact(record, "label", _text(num)), _exact(record, heading_field, _text(heading))

    def section(self, element: Element) -> Section:
        record = self.record_for(element)
        label, heading = self.heading_parts(element, record, "heading")
        intro = element.find(A + "intro")
        wrap_up = element.find(A + "wrapUp")
        text = _exact(record, "text", _plain_lines(intro)) if intro is not None else ""
        blocks = [block for block in (intro, wrap_up) if block is not None]
        label_text, units = (
            self.responsibility(wrap_up, record) if wrap_up is not None else (None, ())
        )
        sections, measures = self.children(element)
        num = _escaped(record, "num")
        if num is None:
            raise _fail("section record lacks @num", record)
        return Section(
            num=num,
            label=label,
            ordinal=_required_integer(record, "ordinal"),
            heading=heading,
            text=text,
            sections=sections,
            measures=measures,
            responsible_label=label_text,
            responsible_units=units,
            targets=self.targets(blocks, record),
            span=_required_span(record),
        )

    def measure(self, element: Element) -> Measure:
        record = self.record_for(element)
        label, title = self.heading_parts(element, record, "title")
        content = _one(element, A + "content", "<content>")
        responsible_label, units = self.responsibility(content, record)
        return Measure(
            label=label,
            ordinal=_required_integer(record, "ordinal"),
            title=title,
            text=_exact(record, "text", _plain_lines(content)),
            responsible_label=responsible_label,
            responsible_units=units,
            targets=self.targets([content], record),
            span=_required_span(record),
        )

    # -- document parts ------------------------------------------------------

    def language(self) -> Language:
        element = self.doc.find(f"{A}meta/{A}identification/{A}FRBRExpression/{A}FRBRlanguage")
        code = element.get("language") if element is not None else None
        if code not in _LANGUAGES:
            raise _fail(f"FRBRlanguage {code!r} is not one of {sorted(_LANGUAGES)}", element)
        return _LANGUAGES[code]

    def preface_date(self, preface: Element | None, event: str) -> dt.date | None:
        if preface is None:
            return None
        for element in preface.iter(A + "docDate"):
            if element.get("refersTo") == "#" + event:
                return _date(element, "date")
        return None

    def event_date(self, reference: str | None, owner: Element) -> dt.date | None:
        if reference is None:
            return None
        event = self.events.get(reference.removeprefix("#"))
        if event is None:
            raise _fail(f"reference {reference!r} names no eventRef", owner)
        return _date(event, "date")

    def validity(self) -> ValidityPeriod | None:
        conclusions = self.part("conclusions")
        container = None
        if conclusions is not None:
            for candidate in conclusions.iterchildren(A + "container"):
                if candidate.get("name") == CONTAINER_VALIDITY:
                    container = candidate
        if container is None:
            return None
        record = self.record.find(S + "validity")
        interval = self.doc.find(f"{A}meta/{A}temporalData/{A}temporalGroup/{A}timeInterval")
        start = end = None
        on_announcement = False
        if interval is not None:
            start = self.event_date(interval.get("start"), interval)
            end = self.event_date(interval.get("end"), interval)
            on_announcement = interval.get("refersTo") == "#" + ON_ANNOUNCEMENT_ID
        return ValidityPeriod(
            start=start,
            end=end,
            starts_on_announcement=on_announcement,
            text=_exact(record, "text", _plain_lines(container)),
            span=_span(record) if record is not None else None,
        )

    def closing(self) -> str | None:
        conclusions = self.part("conclusions")
        if conclusions is None:
            return None
        for container in conclusions.iterchildren(A + "container"):
            if container.get("name") == CONTAINER_CLOSING:
                return _exact(self.record.find(S + "closing"), "text", _plain_lines(container))
        return None

    def issuers(self, preface: Element | None) -> tuple[ResponsibleUnit, ...]:
        if preface is None:
            return ()
        organizations = [
            organization
            for authority in preface.iter(A + "docAuthority")
            for organization in authority.iterchildren(A + "organization")
        ]
        issuers = self.record.find(S + "issuers")
        unit_records = list(issuers.iterchildren(S + "unit")) if issuers is not None else []
        return self.units(organizations, unit_records, preface)

    def implements(self, preamble: Element, record: Element) -> tuple[Reference, ...]:
        refs = list(preamble.iter(A + "ref"))
        reference_records = list(record.iterchildren(S + "reference"))
        if len(refs) != len(reference_records):
            raise _fail(
                f"{len(refs)} refs but {len(reference_records)} reference records", preamble
            )
        return tuple(
            Reference(title=_exact(rec, "title", _text(ref)), span=_required_span(rec))
            for ref, rec in zip(refs, reference_records, strict=True)
        )

    def diagnostics(self) -> Iterator[Diagnostic]:
        for record in self.record.iterchildren(S + "diagnostic"):
            code = _escaped(record, "code")
            if code is None:
                raise _fail("diagnostic lacks @code", record)
            try:
                message = unescape(record.text or "")
            except ValueError as error:
                raise _fail(f"diagnostic message: {error}", record) from None
            yield Diagnostic(
                code=code,
                severity=cast("Severity", record.get("severity") or ""),
                message=message,
                span=_span(record),
            )

    def policy(self) -> Policy:
        preface = self.part("preface")
        title_element = preface.find(f".//{A}docTitle") if preface is not None else None
        number_element = preface.find(f".//{A}docNumber") if preface is not None else None
        preamble = self.part("preamble")
        preamble_record = self.record.find(S + "preamble")
        if preamble is None or preamble_record is None:
            raise _fail("missing <preamble> or its shpolicy record", self.doc)
        policy_targets = [
            p for p in preamble.iterchildren(A + "p") if p.get("class") == CLASS_TARGETS
        ]
        body = _one(self.doc, A + "mainBody", "<mainBody>")
        sections, measures = self.children(body)
        return Policy(
            title=None
            if title_element is None
            else _exact(self.record, "title", _text(title_element)),
            language=self.language(),
            doc_number=None
            if number_element is None
            else _exact(self.record, "docNumber", _text(number_element)),
            issued=self.preface_date(preface, EVENT_ISSUED),
            published=self.preface_date(preface, EVENT_PUBLISHED),
            issuers=self.issuers(preface),
            validity=self.validity(),
            implements=self.implements(preamble, preamble_record),
            preamble=_exact(preamble_record, "text", _plain_lines(preamble)),
            sections=sections,
            measures=measures,
            targets=self.targets(policy_targets, preamble_record),
            closing=self.closing(),
            diagnostics=tuple(self.diagnostics()),
            source=_escaped(self.record, "source"),
        )
