"""Write a :class:`~shpolicy.model.Policy` as Akoma Ntoso 3.0 XML.

The body is real, readable Akoma Ntoso (``doc name="policy"``: preface,
preamble, chapters and paragraphs, inline organisations and quantities);
``<proprietary source="#shpolicy">`` adds what Akoma Ntoso has no element for
(spans, ordinals, comparators, deadline years, unit ids, diagnostics) and the
exact form of any string XML 1.0 cannot hold.  See ``docs/akoma-ntoso.md``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Final

import attrs

from ..errors import AknError
from ..model import Measure, Policy, Reference, ResponsibleUnit, Section, Span, Target
from . import naming
from .markup import Element, serialize
from .safetext import escape, is_xml_safe, visible
from .vocabulary import (
    AKN_NS,
    CLASS_IMPLEMENTS,
    CLASS_RESPONSIBILITY,
    CLASS_TARGETS,
    CONTAINER_CLOSING,
    CONTAINER_VALIDITY,
    DOC_NAME,
    EVENT_END,
    EVENT_ISSUED,
    EVENT_PUBLISHED,
    EVENT_START,
    LANGUAGE_CODES,
    MEASURE_ELEMENT,
    ON_ANNOUNCEMENT_ID,
    RESPONSIBLE_LABEL_NAME,
    SECTION_ELEMENTS,
    SHP_FORMAT_VERSION,
    SHP_NS,
    SOURCE_ID,
    UNKNOWN_AUTHOR_ID,
    VALIDITY_ID,
)

__all__ = ["to_akn"]

# Elements whose content is text (mixed content): the serialiser does not indent
# inside them, so every character of the text they carry survives pretty-printing.
_TEXT_ELEMENTS: Final = frozenset(
    {"p", "num", "heading", "shp:exact", "shp:diagnostic", "shp:text"}
)

_SEPARATORS: Final = {
    # language: (open, label end, between units, close, between list items)
    "en": ("(", ": ", ", ", ")", "; "),
    "zh": ("（", "：", "、", "）", "；"),
}


def to_akn(policy: Policy) -> bytes:
    """Serialise *policy* as deterministic, pretty-printed UTF-8 Akoma Ntoso 3.0 XML."""
    return serialize(_Writer(policy).build(), _TEXT_ELEMENTS)


def _akn(tag: str, parent: Element | None = None, **attributes: str) -> Element:
    """An Akoma Ntoso element: the default namespace, declared on the root."""
    return Element(tag, attributes, parent)


def _shp(tag: str, parent: Element, attributes: dict[str, str] | None = None) -> Element:
    """A shpolicy record element: the ``shp`` prefix is declared on ``<shp:policy>``."""
    return Element("shp:" + tag, attributes, parent)


def _set_span(record: Element, span: Span | None) -> None:
    if span is not None:
        record.set_number("start", span.start)
        record.set_number("end", span.end)


def _exact(record: Element, field: str, text: str) -> str:
    """The visible form of *text*; records the exact form when they differ."""
    if text.isprintable():  # most text: safe, and shown as it is
        return text
    if not is_xml_safe(text):
        _shp("exact", record, {"field": field}).text = escape(text)
    return visible(text)


def _append_text(parent: Element, last: Element | None, text: str) -> None:
    if not text:
        return
    if last is None:
        parent.text = (parent.text or "") + text
    else:
        last.tail = (last.tail or "") + text


def _place_marks(text: str, needles: Sequence[str]) -> list[tuple[int, int]] | None:
    """Where each needle occurs in *text*, in order, without overlap; None if one is missing."""
    found: list[tuple[int, int]] = []
    cursor = 0
    for needle in needles:
        # An empty needle or one that crosses a line break cannot become an
        # inline element of a single paragraph.
        if not needle or "\n" in needle:
            return None
        start = text.find(needle, cursor)
        if start < 0:
            return None
        cursor = start + len(needle)
        found.append((start, cursor))
    return found


_MONTHS: Final = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def _date_forms(day: dt.date) -> tuple[str, ...]:
    """Ways a validity clause prints *day*: English, Chinese, ISO."""
    month = _MONTHS[day.month - 1]
    return (
        f"{month} {day.day}, {day.year}",
        f"{month} {day.day:02d}, {day.year}",
        f"{day.year}年{day.month}月{day.day}日",
        day.isoformat(),
    )


def _date_marks(text: str, days: Sequence[tuple[dt.date, str]]) -> list[tuple[int, int, Element]]:
    """Inline ``<date>`` elements for the dates of *days* printed in *text*, in order."""
    marks: list[tuple[int, int, Element]] = []
    cursor = 0
    for day, event in days:
        for form in _date_forms(day):
            start = text.find(form, cursor)
            if start >= 0:
                element = Element("date", {"date": day.isoformat(), "refersTo": "#" + event})
                element.text = form
                cursor = start + len(form)
                marks.append((start, cursor, element))
                break
    return marks


def _write_lines(parent: Element, text: str, marks: Sequence[tuple[int, int, Element]]) -> None:
    """One ``<p>`` per line of *text*, with each mark's element in place of its range."""
    pending = iter(marks)
    current = next(pending, None)
    line_start = 0
    for line in text.split("\n"):
        paragraph = _akn("p", parent)
        line_end = line_start + len(line)
        cursor, last = line_start, None
        while current is not None and current[0] < line_end:
            start, end, element = current
            _append_text(paragraph, last, text[cursor:start])
            paragraph.append(element)
            last, cursor = element, end
            current = next(pending, None)
        _append_text(paragraph, last, text[cursor:line_end])
        line_start = line_end + 1


def _write_list(parent: Element, css_class: str, items: Sequence[Element], sep: str) -> None:
    paragraph = _akn("p", parent, **{"class": css_class})
    last: Element | None = None
    for index, item in enumerate(items):
        if index:
            _append_text(paragraph, last, sep)
        paragraph.append(item)
        last = item


@attrs.define
class _Writer:
    """Builds one document; holds the ids and TLC entries collected on the way."""

    policy: Policy
    ids: naming.IdAllocator = attrs.field(factory=naming.IdAllocator)
    organizations: dict[tuple[str, str], str] = attrs.field(factory=dict)
    organization_names: dict[str, str] = attrs.field(factory=dict)
    concepts: dict[str, str] = attrs.field(factory=dict)
    instruments: list[tuple[str, str]] = attrs.field(factory=list)
    uris: naming.FrbrUris = attrs.field(init=False)
    record: Element = attrs.field(init=False)

    def __attrs_post_init__(self) -> None:
        self.uris = naming.frbr_uris(self.policy)
        self.ids.reserve(
            (
                SOURCE_ID,
                UNKNOWN_AUTHOR_ID,
                VALIDITY_ID,
                ON_ANNOUNCEMENT_ID,
                EVENT_ISSUED,
                EVENT_PUBLISHED,
                EVENT_START,
                EVENT_END,
            )
        )
        self.record = Element("shp:policy", {"xmlns:shp": SHP_NS, "version": SHP_FORMAT_VERSION})

    @property
    def separators(self) -> tuple[str, str, str, str, str]:
        return _SEPARATORS[self.policy.language]

    # -- TLC entries -------------------------------------------------------

    def organization_ref(self, unit: ResponsibleUnit) -> str:
        key = ("id", unit.unit_id) if unit.unit_id is not None else ("name", unit.name)
        eid = self.organizations.get(key)
        if eid is None:
            base = naming.slug(key[1]) or "org-" + naming.short_hash(key[1])
            eid = self.ids.claim(base)
            self.organizations[key] = eid
            self.organization_names[eid] = visible(unit.name)
        return "#" + eid

    def concept_ref(self, unit: str) -> str:
        eid = self.concepts.get(unit)
        if eid is None:
            eid = self.ids.claim("quantity-" + (naming.slug(unit) or naming.short_hash(unit)))
            self.concepts[unit] = eid
        return "#" + eid

    # -- inline elements ---------------------------------------------------

    def organization(self, unit: ResponsibleUnit, record: Element) -> Element:
        unit_record = _shp("unit", record)
        if unit.unit_id is not None:
            unit_record.set("unitId", escape(unit.unit_id))
        if unit.role is not None:
            unit_record.set("role", unit.role)
        _set_span(unit_record, unit.span)
        element = Element("organization", {"refersTo": self.organization_ref(unit)})
        element.text = _exact(unit_record, "name", unit.name)
        return element

    def quantity(self, target: Target, record: Element) -> Element:
        target_record = _shp("target", record, {"comparator": target.comparator})
        if target.deadline_year is not None:
            target_record.set_number("deadlineYear", target.deadline_year)
        _set_span(target_record, target.span)
        _exact(target_record, "unit", target.unit)
        element = Element(
            "quantity",
            {"normalized": str(target.value), "refersTo": self.concept_ref(target.unit)},
        )
        element.text = _exact(target_record, "text", target.text)
        return element

    def instrument(self, reference: Reference, record: Element) -> Element:
        reference_record = _shp("reference", record)
        _set_span(reference_record, reference.span)
        title = _exact(reference_record, "title", reference.title)
        eid = self.ids.claim(f"instrument-{len(self.instruments) + 1}")
        self.instruments.append((eid, title))
        element = Element("ref", {"href": "#" + eid})
        element.text = title
        return element

    # -- blocks ------------------------------------------------------------

    def text_with_targets(
        self, parent: Element, text: str, targets: Sequence[Target], record: Element
    ) -> bool:
        """Write *text* as lines with the targets inline; False when they could not be placed."""
        shown = _exact(record, "text", text)
        places = _place_marks(shown, [visible(t.text) for t in targets])
        if places is None:
            _write_lines(parent, shown, [])
            return False
        marks = [
            (start, end, self.quantity(target, record))
            for (start, end), target in zip(places, targets, strict=True)
        ]
        _write_lines(parent, shown, marks)
        return True

    def target_list(self, parent: Element, targets: Sequence[Target], record: Element) -> None:
        if targets:
            items = [self.quantity(target, record) for target in targets]
            _write_list(parent, CLASS_TARGETS, items, self.separators[4])

    def responsibility(
        self,
        parent: Element,
        label: str | None,
        units: Sequence[ResponsibleUnit],
        record: Element,
    ) -> None:
        if label is None and not units:
            return
        opening, label_end, between, closing, _ = self.separators
        paragraph = _akn("p", parent, **{"class": CLASS_RESPONSIBILITY})
        paragraph.text = opening
        last: Element | None = None
        if label is not None:
            last = _akn("inline", paragraph, name=RESPONSIBLE_LABEL_NAME)
            last.text = _exact(record, "responsibleLabel", label)
            if units:
                last.tail = label_end
        for index, unit in enumerate(units):
            if index:
                _append_text(paragraph, last, between)
            last = self.organization(unit, record)
            paragraph.append(last)
        _append_text(paragraph, last, closing)

    # -- hierarchy ---------------------------------------------------------

    def children(
        self,
        parent: Element,
        prefix: str,
        sections: tuple[Section, ...],
        measures: tuple[Measure, ...],
        depth: int,
    ) -> None:
        """Sections and measures of one container, in printed (span) order."""
        tag, short = SECTION_ELEMENTS[min(depth, len(SECTION_ELEMENTS) - 1)]
        section_ids = naming.sibling_components([s.num for s in sections])
        measure_ids = naming.sibling_components([m.label for m in measures])
        pending_sections = list(zip(sections, section_ids, strict=True))
        pending_measures = list(zip(measures, measure_ids, strict=True))
        # Merge the two tuples by span start, each keeping its own order, so the
        # reader recovers both tuples exactly.
        s_index = m_index = 0
        while s_index < len(pending_sections) or m_index < len(pending_measures):
            take_section = m_index >= len(pending_measures) or (
                s_index < len(pending_sections)
                and pending_sections[s_index][0].span.start
                < pending_measures[m_index][0].span.start
            )
            if take_section:
                section, component = pending_sections[s_index]
                self.section(parent, section, f"{prefix}{short}_{component}", tag, depth)
                s_index += 1
            else:
                measure, component = pending_measures[m_index]
                self.measure(parent, measure, f"{prefix}{MEASURE_ELEMENT[1]}_{component}")
                m_index += 1

    def section(self, parent: Element, section: Section, eid: str, tag: str, depth: int) -> None:
        element = _akn(tag, parent, eId=eid)
        record = _shp(
            "section",
            self.record,
            {"for": "#" + eid, "num": escape(section.num), "ordinal": str(section.ordinal)},
        )
        _set_span(record, section.span)
        _akn("num", element).text = _exact(record, "label", section.label)
        _akn("heading", element).text = _exact(record, "heading", section.heading)
        inline_targets = False
        if section.text:
            intro = _akn("intro", element)
            inline_targets = self.text_with_targets(intro, section.text, section.targets, record)
        self.children(element, eid + "__", section.sections, section.measures, depth + 1)
        listed = () if inline_targets else section.targets
        if listed or section.responsible_label is not None or section.responsible_units:
            wrap_up = _akn("wrapUp", element)
            self.target_list(wrap_up, listed, record)
            self.responsibility(
                wrap_up, section.responsible_label, section.responsible_units, record
            )

    def measure(self, parent: Element, measure: Measure, eid: str) -> None:
        element = _akn(MEASURE_ELEMENT[0], parent, eId=eid)
        record = _shp("measure", self.record, {"for": "#" + eid, "ordinal": str(measure.ordinal)})
        _set_span(record, measure.span)
        _akn("num", element).text = _exact(record, "label", measure.label)
        _akn("heading", element).text = _exact(record, "title", measure.title)
        content = _akn("content", element)
        if not self.text_with_targets(content, measure.text, measure.targets, record):
            self.target_list(content, measure.targets, record)
        self.responsibility(content, measure.responsible_label, measure.responsible_units, record)

    # -- document parts ----------------------------------------------------

    def preface(self) -> Element | None:
        policy = self.policy
        preface = _akn("preface")
        if policy.title is not None:
            title = _akn("docTitle", _akn("p", preface, **{"class": "title"}))
            title.text = _exact(self.record, "title", policy.title)
        if policy.doc_number is not None:
            number = _akn("docNumber", _akn("p", preface, **{"class": "number"}))
            number.text = _exact(self.record, "docNumber", policy.doc_number)
        for day, event, css_class in (
            (policy.issued, EVENT_ISSUED, "issued"),
            (policy.published, EVENT_PUBLISHED, "published"),
        ):
            if day is not None:
                paragraph = _akn("p", preface, **{"class": css_class})
                date = _akn("docDate", paragraph, date=day.isoformat(), refersTo="#" + event)
                date.text = day.isoformat()
        if policy.issuers:
            issuers = _shp("issuers", self.record)
            authorities = []
            for unit in policy.issuers:
                authority = Element("docAuthority")
                authority.append(self.organization(unit, issuers))
                authorities.append(authority)
            _write_list(preface, "issuers", authorities, self.separators[4])
        return preface if preface.children else None

    def preamble(self) -> Element:
        policy = self.policy
        preamble = _akn("preamble")
        record = _shp("preamble", self.record)
        shown = _exact(record, "text", policy.preamble)
        places = _place_marks(shown, [visible(r.title) for r in policy.implements])
        if places is not None:
            marks = [
                (start, end, self.instrument(reference, record))
                for (start, end), reference in zip(places, policy.implements, strict=True)
            ]
            _write_lines(preamble, shown, marks)
        else:
            _write_lines(preamble, shown, [])
            if policy.implements:
                refs = [self.instrument(reference, record) for reference in policy.implements]
                _write_list(preamble, CLASS_IMPLEMENTS, refs, self.separators[4])
        self.target_list(preamble, policy.targets, record)
        return preamble

    def main_body(self) -> Element:
        body = _akn("mainBody")
        self.children(body, "", self.policy.sections, self.policy.measures, 0)
        if not body.children:
            _akn("p", body)  # mainBody may not be empty
        return body

    def conclusions(self) -> Element | None:
        policy = self.policy
        if policy.closing is None and policy.validity is None:
            return None
        conclusions = _akn("conclusions")
        if policy.closing is not None:
            closing = _akn("container", conclusions, name=CONTAINER_CLOSING)
            record = _shp("closing", self.record)
            _write_lines(closing, _exact(record, "text", policy.closing), [])
        if policy.validity is not None:
            validity = _akn("container", conclusions, name=CONTAINER_VALIDITY)
            record = _shp("validity", self.record)
            _set_span(record, policy.validity.span)
            shown = _exact(record, "text", policy.validity.text)
            days = [
                (day, event)
                for day, event in (
                    (policy.validity.start, EVENT_START),
                    (policy.validity.end, EVENT_END),
                )
                if day is not None
            ]
            _write_lines(validity, shown, _date_marks(shown, days))
        return conclusions

    def diagnostics(self) -> None:
        for diagnostic in self.policy.diagnostics:
            record = _shp(
                "diagnostic",
                self.record,
                {"code": escape(diagnostic.code), "severity": diagnostic.severity},
            )
            _set_span(record, diagnostic.span)
            record.text = escape(diagnostic.message)

    # -- metadata ----------------------------------------------------------

    def author_ref(self) -> str:
        if self.policy.issuers:
            return self.organization_ref(self.policy.issuers[0])
        return "#" + UNKNOWN_AUTHOR_ID

    def identification(self, meta: Element) -> None:
        uris = self.uris
        ident = _akn("identification", meta, source="#" + SOURCE_ID)
        author = self.author_ref()
        work = _akn("FRBRWork", ident)
        _akn("FRBRthis", work, value=uris.work + "/!main")
        _akn("FRBRuri", work, value=uris.work)
        if self.policy.title is not None:
            # Laws.Africa / cobalt keep the short title here.
            _akn("FRBRalias", work, value=visible(self.policy.title), name="title")
        _akn("FRBRdate", work, date=uris.date, name="Generation")
        _akn("FRBRauthor", work, href=author)
        _akn("FRBRcountry", work, value=uris.place)
        _akn("FRBRsubtype", work, value=DOC_NAME)
        if uris.number is not None and self.policy.doc_number is not None:
            _akn("FRBRnumber", work, value=uris.number, showAs=visible(self.policy.doc_number))
        expression = _akn("FRBRExpression", ident)
        _akn("FRBRthis", expression, value=uris.expression + "/!main")
        _akn("FRBRuri", expression, value=uris.expression)
        _akn("FRBRdate", expression, date=uris.date, name="Generation")
        _akn("FRBRauthor", expression, href=author)
        _akn("FRBRlanguage", expression, language=LANGUAGE_CODES[self.policy.language])
        manifestation = _akn("FRBRManifestation", ident)
        _akn("FRBRthis", manifestation, value=uris.expression + "/!main.xml")
        _akn("FRBRuri", manifestation, value=uris.manifestation)
        # The document's own date, not the clock: exports stay deterministic.
        _akn("FRBRdate", manifestation, date=uris.date, name="Generation")
        _akn("FRBRauthor", manifestation, href="#" + SOURCE_ID)

    def events(self) -> list[tuple[str, str, str]]:
        """(eId, date, type) of every lifecycle event the policy states."""
        policy, found = self.policy, []
        if policy.issued is not None:
            found.append((EVENT_ISSUED, policy.issued.isoformat(), "generation"))
        if policy.published is not None:
            found.append((EVENT_PUBLISHED, policy.published.isoformat(), "generation"))
        if policy.validity is not None and policy.validity.start is not None:
            found.append((EVENT_START, policy.validity.start.isoformat(), "generation"))
        if policy.validity is not None and policy.validity.end is not None:
            found.append((EVENT_END, policy.validity.end.isoformat(), "repeal"))
        return found

    def lifecycle(self, meta: Element) -> None:
        events = self.events()
        if events:
            lifecycle = _akn("lifecycle", meta, source="#" + SOURCE_ID)
            for eid, date, kind in events:
                _akn("eventRef", lifecycle, eId=eid, date=date, source="#" + SOURCE_ID, type=kind)

    def temporal_data(self, meta: Element) -> None:
        validity = self.policy.validity
        if validity is None:
            return
        temporal = _akn("temporalData", meta, source="#" + SOURCE_ID)
        group = _akn("temporalGroup", temporal, eId="tmp_validity")
        concept = ON_ANNOUNCEMENT_ID if validity.starts_on_announcement else VALIDITY_ID
        interval = _akn("timeInterval", group, refersTo="#" + concept)
        if validity.start is not None:
            interval.set("start", "#" + EVENT_START)
        if validity.end is not None:
            interval.set("end", "#" + EVENT_END)

    def references(self, meta: Element) -> None:
        place = self.uris.place
        refs = _akn("references", meta, source="#" + SOURCE_ID)
        _akn(
            "TLCOrganization",
            refs,
            eId=SOURCE_ID,
            href="https://shpolicy.readthedocs.io",
            showAs="shpolicy",
        )
        if not self.policy.issuers:
            _akn(
                "TLCOrganization",
                refs,
                eId=UNKNOWN_AUTHOR_ID,
                href=f"/ontology/organization/{place}/unknown",
                showAs="Unknown author",
            )
        for eid, name in self.organization_names.items():
            href = f"/ontology/organization/{place}/{eid}"
            _akn("TLCOrganization", refs, eId=eid, href=href, showAs=name)
        for unit, eid in self.concepts.items():
            href = f"/ontology/concept/shpolicy/{eid}"
            _akn("TLCConcept", refs, eId=eid, href=href, showAs=visible(unit))
        validity = self.policy.validity
        if validity is not None and validity.starts_on_announcement:
            _akn(
                "TLCEvent",
                refs,
                eId=ON_ANNOUNCEMENT_ID,
                href="/ontology/event/shpolicy/in-force-from-announcement",
                showAs="In force from the date of announcement",
            )
        elif validity is not None:
            _akn(
                "TLCConcept",
                refs,
                eId=VALIDITY_ID,
                href="/ontology/concept/shpolicy/validity",
                showAs="Period of validity",
            )
        for eid, title in self.instruments:
            href = f"/ontology/reference/shpolicy/{eid}"
            _akn("TLCReference", refs, eId=eid, href=href, showAs=title, name="implements")

    def meta(self) -> Element:
        meta = _akn("meta")
        self.identification(meta)
        self.lifecycle(meta)
        self.temporal_data(meta)
        self.references(meta)
        proprietary = _akn("proprietary", meta, source="#" + SOURCE_ID)
        proprietary.append(self.record)
        return meta

    def build(self) -> Element:
        policy = self.policy
        if policy.source is not None:
            self.record.set("source", escape(policy.source))
        if policy.jurisdiction is not None:
            self.record.set("jurisdiction", policy.jurisdiction)
        if policy.notice is not None:
            # Interim: the notice's markup arrives with the span-driven writer.
            raise AknError("exporting a notice of issuance is not supported yet")
        if policy.text:
            _shp("text", self.record).text = escape(policy.text)
        # The body first: it collects the organisations, concepts and
        # instruments that <meta> lists.
        preface = self.preface()
        preamble = self.preamble()
        body = self.main_body()
        conclusions = self.conclusions()
        self.diagnostics()
        root = Element("akomaNtoso", {"xmlns": AKN_NS})
        doc = _akn("doc", root, name=DOC_NAME, contains="originalVersion")
        doc.append(self.meta())
        parts: list[Element | None] = [preface, preamble, body, conclusions]
        for part in parts:
            if part is not None:
                doc.append(part)
        return root
