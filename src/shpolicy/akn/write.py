"""Write a :class:`~shpolicy.model.Policy` as Akoma Ntoso 3.0 XML.

The body holds the policy's text exactly once and in order — every
character, website furniture and signatures included — marked up as Akoma
Ntoso: a notice of issuance is the main ``<doc name="notice">`` with the
policy as its attachment (``<doc name="policy">``); the policy's header is
its ``<preface>`` (docTitle, docNumber, docAuthority, docDate), its numbered
items are chapters and paragraphs in ``<mainBody>``, and what follows them
sits in ``<conclusions>``.  Organisations, quantities, references, dates,
responsibility clauses and each measure's lead sentence are inline elements
around the text that names them; nothing is printed twice and nothing is
added.  ``<proprietary source="#shpolicy">`` holds the model itself (see
:mod:`~shpolicy.akn.record`).  A policy without a text (built in code) gets a
generated body, marked ``generated="true"`` in the record.  See
``docs/akoma-ntoso.md``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Final

import attrs

from ..model import Policy, ResponsibleUnit, Target
from . import naming
from .markup import Element, serialize_verbatim
from .plan import WHOLE_BLOCKS, Block, Mark, Node, Plan, plan, text_lines
from .record import Path, encode
from .safetext import is_xml_safe, visible
from .synthesize import synthesize
from .vocabulary import (
    AKN_NS,
    DOC_NAME,
    EVENT_END,
    EVENT_ISSUED,
    EVENT_PUBLISHED,
    EVENT_START,
    LANGUAGE_CODES,
    MEASURE_ELEMENT,
    NOTICE_DOC_NAME,
    ON_ANNOUNCEMENT_ID,
    SECTION_ELEMENTS,
    SHP_FORMAT_VERSION,
    SHP_NS,
    SOURCE_ID,
    UNKNOWN_AUTHOR_ID,
    VALIDITY_ID,
)

__all__ = ["to_akn"]

# Elements of the (pretty-printed) <meta> whose content is text.
_META_TEXT: Final = frozenset({"shp:diagnostic"})
# Characters XML 1.0 cannot hold; the record lists where the text has them.
_FORBIDDEN: Final = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_XML_BLANKS: Final = " \t\r\n"

# The parts of an Akoma Ntoso document, in their order; a block goes to the
# part its kind belongs to, or to a later one when the text has moved on.
_COVER, _PREFACE, _PREAMBLE, _MAIN, _CONCLUSIONS = range(5)
_PART_TAGS: Final = ("coverPage", "preface", "preamble", "mainBody", "conclusions")
_NOTICE_PARTS: Final = {
    "notice-title": _PREFACE,
    "notice-number": _PREFACE,
    "addressees": _MAIN,
    "notice-text": _MAIN,
    "notice-signature": _CONCLUSIONS,
    "notice-date": _CONCLUSIONS,
}
_POLICY_PARTS: Final = {
    "masthead": _COVER,
    "title": _PREFACE,
    "subtitle": _PREFACE,
    "doc-number": _PREFACE,
    "issuer": _PREFACE,
    "date": _PREFACE,
    "field": _PREFACE,
    "contents": _PREFACE,
    "preamble": _PREAMBLE,
    "body": _MAIN,
    "closing": _CONCLUSIONS,
    "validity": _CONCLUSIONS,
    "signature": _CONCLUSIONS,
    "signature-date": _CONCLUSIONS,
    "annex": _CONCLUSIONS,
}
# Blocks written inside a <container name="…"> of their own.
_CONTAINED: Final = frozenset({"closing", "validity", "annex"})
# Blocks whose lines are running text: their paragraphs have no class.
_RUNNING: Final = frozenset({"preamble", "notice-text", "closing", "validity", "annex"})
_ATTACHMENT_ID: Final = "att_1"


def to_akn(policy: Policy) -> bytes:
    """Serialise *policy* as deterministic UTF-8 Akoma Ntoso 3.0 XML."""
    generated = not policy.text
    view = synthesize(policy) if generated else policy
    writer = _Writer(policy=policy, view=view, plan=plan(view), generated=generated)
    return serialize_verbatim(writer.build(), "meta", _META_TEXT)


@attrs.define
class _Out:
    """The element being filled and the elements open around it."""

    stack: list[Element]

    @property
    def current(self) -> Element:
        return self.stack[-1]

    def write(self, text: str) -> None:
        if not text:
            return
        element = self.stack[-1]
        if element.children:
            last = element.children[-1]
            last.tail = (last.tail or "") + text
        else:
            element.text = (element.text or "") + text

    def open(self, tag: str, attributes: dict[str, str] | None = None) -> Element:
        element = Element(tag, attributes, self.stack[-1])
        self.stack.append(element)
        return element

    def close(self) -> None:
        self.stack.pop()


@attrs.define
class _Writer:
    """Builds one export; holds the position in the text and the TLC entries met."""

    policy: Policy
    view: Policy
    plan: Plan
    generated: bool
    # Whether the text holds no character XML forbids, tested once: then no piece
    # of it needs visible(), whose scan costs more for text with line breaks.
    safe: bool = attrs.field(init=False)
    out: _Out = attrs.field(init=False)
    position: int = 0
    mark_index: int = 0
    ids: naming.IdAllocator = attrs.field(factory=naming.IdAllocator)
    organizations: dict[tuple[str, str], str] = attrs.field(factory=dict)
    organization_names: dict[str, str] = attrs.field(factory=dict)
    concepts: dict[str, str] = attrs.field(factory=dict)
    instruments: dict[int, str] = attrs.field(factory=dict)
    links: dict[Path, str] = attrs.field(factory=dict)
    in_policy: bool = False
    part: int = -1
    part_open: bool = False
    main_written: bool = False
    notice_ahead: bool = False  # a notice's blocks are still to come
    metas: list[tuple[Element, bool]] = attrs.field(factory=list)

    # -- the text, piece by piece ---------------------------------------------

    def text_to(self, end: int) -> None:
        """Write the text from the current position up to *end* into the open element."""
        if end > self.position:
            piece = self.plan.text[self.position : end]
            self.out.write(piece if self.safe else visible(piece))
            self.position = end

    def has_ink(self, start: int, end: int) -> bool:
        return start < end and bool(self.plan.text[start:end].strip(_XML_BLANKS))

    def fill(self, end: int) -> None:
        """Write up to *end*, with every mark that lies wholly before it as an inline element."""
        marks = self.plan.marks
        start = self.position
        open_ends: list[int] = []
        while self.mark_index < len(marks) and marks[self.mark_index].start < end:
            mark = marks[self.mark_index]
            self.mark_index += 1
            if mark.start < start or mark.end > end:
                continue  # it crosses a paragraph or an element already written
            while open_ends and open_ends[-1] <= mark.start:
                self.text_to(open_ends.pop())
                self.out.close()
            if open_ends and mark.end > open_ends[-1]:
                continue  # it crosses a mark it begins inside
            self.text_to(mark.start)
            self.out.open(mark.tag, self.attributes(mark))
            open_ends.append(mark.end)
        while open_ends:
            self.text_to(open_ends.pop())
            self.out.close()
        self.text_to(end)

    def paragraph(self, start: int, end: int, css_class: str | None = None) -> None:
        self.text_to(start)
        self.out.open("p", None if css_class is None else {"class": css_class})
        self.fill(end)
        self.out.close()

    def lines(self, start: int, end: int, css_class: str | None = None) -> None:
        """One ``<p>`` per line of ``[start, end)``; blanks between lines stay between them."""
        for first, last in text_lines(self.plan.text, start, end):
            self.paragraph(first, last, css_class)

    def wrapped_lines(self, tag: str, start: int, end: int) -> None:
        """``[start, end)`` in a *tag* element (intro, content, wrapUp), never empty."""
        self.text_to(start)
        self.out.open(tag)
        if self.has_ink(start, end):
            self.lines(start, end)
        else:
            self.out.open("p")
            self.out.close()
        self.text_to(end)
        self.out.close()

    # -- inline elements -------------------------------------------------------

    def attributes(self, mark: Mark) -> dict[str, str]:
        attributes = dict(mark.attributes)
        if mark.unit is not None:
            attributes["refersTo"] = self.organization_ref(mark.unit)
        if mark.target is not None:
            attributes["normalized"] = str(mark.target.value)
            attributes["refersTo"] = self.concept_ref(mark.target)
        if mark.reference is not None:
            eid = self.instruments.get(mark.reference)
            if eid is None:
                eid = self.ids.claim(f"instrument-{mark.reference + 1}")
                self.instruments[mark.reference] = eid
            attributes["href"] = "#" + eid
        return attributes

    def organization_ref(self, unit: ResponsibleUnit) -> str:
        key = ("id", unit.unit_id) if unit.unit_id is not None else ("name", unit.name)
        eid = self.organizations.get(key)
        if eid is None:
            base = naming.slug(key[1]) or "org-" + naming.short_hash(key[1])
            eid = self.ids.claim(base)
            self.organizations[key] = eid
            self.organization_names[eid] = visible(unit.name)
        return "#" + eid

    def concept_ref(self, target: Target) -> str:
        eid = self.concepts.get(target.unit)
        if eid is None:
            eid = self.ids.claim(
                "quantity-" + (naming.slug(target.unit) or naming.short_hash(target.unit))
            )
            self.concepts[target.unit] = eid
        return "#" + eid

    # -- parts of the document -------------------------------------------------

    def goto(self, in_policy: bool, part: int) -> None:
        """Open *part* of the notice or the policy document, closing what comes before it."""
        if in_policy and not self.in_policy:
            self.finish_doc()
            self.open_attachment()
        if part > self.part:
            self.close_part()
            if self.part < _MAIN < part:
                self.empty_main_body()
            self.out.open(_PART_TAGS[part])
            self.part, self.part_open = part, True
            self.main_written = self.main_written or part == _MAIN

    def close_part(self) -> None:
        if self.part_open:
            self.out.close()
            self.part_open = False

    def empty_main_body(self) -> None:
        # Akoma Ntoso requires a mainBody, and it may not be empty.
        if not self.main_written:
            self.out.open("mainBody")
            self.out.open("p")
            self.out.close()
            self.out.close()
            self.main_written = True

    def finish_doc(self) -> None:
        self.close_part()
        self.empty_main_body()
        self.part = len(_PART_TAGS)

    def open_attachment(self) -> None:
        self.out.open("attachments")
        self.out.open("attachment", {"eId": _ATTACHMENT_ID})
        self.open_doc(DOC_NAME, policy=True)
        self.in_policy = True
        self.part = -1
        self.main_written = False

    def open_doc(self, name: str, *, policy: bool) -> None:
        self.out.open("doc", {"name": name, "contains": "originalVersion"})
        meta = self.out.open("meta")
        self.out.close()
        self.metas.append((meta, policy))

    def block(self, block: Block) -> None:
        if not self.has_ink(block.start, block.end):
            return  # blanks go where the text is; a part is opened only for something to hold
        kind = block.kind
        if self.notice_ahead and kind not in _NOTICE_PARTS:
            # Printed above the notice's title (a 文件 heading, a website's fields):
            # the notice's cover page.
            self.goto(False, _COVER)
            self.lines(block.start, block.end, kind)
            return
        if kind in _NOTICE_PARTS and self.view.notice is not None and not self.in_policy:
            self.notice_ahead = False
            self.goto(False, _NOTICE_PARTS[kind])
        elif kind in _POLICY_PARTS:
            self.goto(True, _POLICY_PARTS[kind])
        elif kind in _NOTICE_PARTS:  # where no notice was recognised, or after the policy began
            self.goto(True, _PREFACE)
        elif not self.part_open:  # furniture or unplaced text before anything else
            self.goto(self.in_policy, _COVER)
        if kind == "body" and self.in_policy and self.part == _MAIN:
            self.body(block)
        elif kind in _CONTAINED:
            self.text_to(block.start)
            self.out.open("container", {"name": kind})
            self.lines(block.start, block.end)
            self.out.close()
        elif kind in WHOLE_BLOCKS:
            lines = list(text_lines(self.plan.text, block.start, block.end))
            self.paragraph(lines[0][0], lines[-1][1], kind)
        else:
            self.lines(block.start, block.end, None if kind in _RUNNING else kind)

    # -- the body --------------------------------------------------------------

    def body(self, block: Block) -> None:
        nodes = [n for n in self.plan.nodes if block.start <= n.start and n.end <= block.end]
        # Inside a notice's attachment every eId extends the attachment's.
        prefix = _ATTACHMENT_ID + "__" if self.view.notice is not None else ""
        self.children(nodes, prefix, 0, block.end, "unplaced")

    def children(
        self, nodes: Sequence[Node], prefix: str, depth: int, end: int, between: str
    ) -> None:
        """Sections and measures in order; text between them as paragraphs (*between*)."""
        tag, short = SECTION_ELEMENTS[min(depth, len(SECTION_ELEMENTS) - 1)]
        sections = [n for n in nodes if n.kind == "section"]
        measures = [n for n in nodes if n.kind == "measure"]
        eids: dict[Path, str] = {}
        for group, kind_short in ((sections, short), (measures, MEASURE_ELEMENT[1])):
            components = naming.sibling_components([n.number for n in group])
            for node, component in zip(group, components, strict=True):
                eids[node.path] = f"{prefix}{kind_short}_{component}"
        gaps = 0
        for node in nodes:
            if self.has_ink(self.position, node.start):
                gaps += 1
                self.gap(node.start, f"{prefix}hcontainer_{gaps}", between)
            self.node(node, eids[node.path], tag if node.kind == "section" else "", depth)
        if self.has_ink(self.position, end):
            gaps += 1
            self.gap(end, f"{prefix}hcontainer_{gaps}", between)

    def gap(self, end: int, eid: str, between: str) -> None:
        if between == "unplaced":  # directly in <mainBody>
            self.lines(self.position, end, "unplaced")
            return
        start = self.position
        self.out.open("hcontainer", {"eId": eid, "name": "text"})
        self.wrapped_lines("content", start, end)
        self.out.close()

    def node(self, node: Node, eid: str, section_tag: str, depth: int) -> None:
        self.text_to(node.start)
        self.links[node.path] = eid
        self.out.open(section_tag or MEASURE_ELEMENT[0], {"eId": eid})
        if node.num_end > node.start:
            self.out.open("num")
            self.fill(node.num_end)
            self.out.close()
        if node.heading is not None:
            self.text_to(node.heading[0])
            self.out.open("heading")
            self.fill(node.heading[1])
            self.out.close()
        if node.children:
            first = node.children[0].start
            if self.has_ink(self.position, first):
                self.wrapped_lines("intro", self.position, first)
            self.children(node.children, eid + "__", depth + 1, node.end, "hcontainer")
            if self.has_ink(self.position, node.end):
                self.wrapped_lines("wrapUp", self.position, node.end)
        else:
            self.wrapped_lines("content", self.position, node.end)
        self.text_to(node.end)
        self.out.close()

    # -- the whole -------------------------------------------------------------

    def build(self) -> Element:
        root = Element("akomaNtoso", {"xmlns": AKN_NS})
        self.out = _Out([root])
        self.safe = is_xml_safe(self.plan.text)
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
                _ATTACHMENT_ID,
            )
        )
        notice = self.view.notice is not None
        self.open_doc(NOTICE_DOC_NAME if notice else DOC_NAME, policy=not notice)
        self.in_policy = not notice
        self.notice_ahead = notice and any(b.kind in _NOTICE_PARTS for b in self.plan.blocks)
        for block in self.plan.blocks:
            self.block(block)
        if not self.in_policy:
            self.finish_doc()
            self.open_attachment()
        self.finish_doc()
        self.text_to(len(self.plan.text))
        for meta, policy in self.metas:
            self.meta(meta, policy=policy, outer=meta is self.metas[0][0])
        return root

    # -- metadata --------------------------------------------------------------

    def meta(self, meta: Element, *, policy: bool, outer: bool) -> None:
        uris = naming.frbr_uris(self.policy) if policy else naming.notice_uris(self.policy)
        self.identification(meta, uris, policy=policy)
        if policy:
            self.lifecycle(meta)
            self.temporal_data(meta)
        if outer:
            self.references(meta, uris.place)
            proprietary = Element("proprietary", {"source": "#" + SOURCE_ID}, meta)
            proprietary.append(self.record())

    def record(self) -> Element:
        record = Element("shp:policy", {"xmlns:shp": SHP_NS, "version": SHP_FORMAT_VERSION})
        if self.generated:
            record.set("generated", "true")
        forbidden = (
            []
            if self.safe
            else [f"{m.start()}:{ord(m.group()):x}" for m in _FORBIDDEN.finditer(self.plan.text)]
        )
        if forbidden and not self.generated:
            record.set("chars", " ".join(forbidden))
        encode(self.policy, self.policy.text, record, {} if self.generated else self.links)
        return record

    def author_ref(self, *, policy: bool) -> str:
        source = self.policy
        units = (source.drafters or source.issuers) if policy else ()
        if not policy and source.notice is not None:
            units = source.notice.issuers or source.issuers
        if units:
            return self.organization_ref(units[0])
        return "#" + UNKNOWN_AUTHOR_ID

    def identification(self, meta: Element, uris: naming.FrbrUris, *, policy: bool) -> None:
        ident = Element("identification", {"source": "#" + SOURCE_ID}, meta)
        author = self.author_ref(policy=policy)
        title = (
            self.policy.title if policy or self.policy.notice is None else self.policy.notice.title
        )
        work = Element("FRBRWork", None, ident)
        Element("FRBRthis", {"value": uris.work + "/!main"}, work)
        Element("FRBRuri", {"value": uris.work}, work)
        if title is not None:
            # Laws.Africa / cobalt keep the short title here.
            Element("FRBRalias", {"value": visible(title), "name": "title"}, work)
        Element("FRBRdate", {"date": uris.date, "name": "Generation"}, work)
        Element("FRBRauthor", {"href": author}, work)
        Element("FRBRcountry", {"value": uris.place}, work)
        Element("FRBRsubtype", {"value": uris.subtype}, work)
        if uris.number is not None and self.policy.doc_number is not None:
            Element(
                "FRBRnumber",
                {"value": uris.number, "showAs": visible(self.policy.doc_number)},
                work,
            )
        expression = Element("FRBRExpression", None, ident)
        Element("FRBRthis", {"value": uris.expression + "/!main"}, expression)
        Element("FRBRuri", {"value": uris.expression}, expression)
        Element("FRBRdate", {"date": uris.date, "name": "Generation"}, expression)
        Element("FRBRauthor", {"href": author}, expression)
        language = LANGUAGE_CODES[self.policy.language]
        Element("FRBRlanguage", {"language": language}, expression)
        manifestation = Element("FRBRManifestation", None, ident)
        Element("FRBRthis", {"value": uris.expression + "/!main.xml"}, manifestation)
        Element("FRBRuri", {"value": uris.manifestation}, manifestation)
        # The document's own date, not the clock: exports stay deterministic.
        Element("FRBRdate", {"date": uris.date, "name": "Generation"}, manifestation)
        Element("FRBRauthor", {"href": "#" + SOURCE_ID}, manifestation)

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
            lifecycle = Element("lifecycle", {"source": "#" + SOURCE_ID}, meta)
            for eid, date, kind in events:
                Element(
                    "eventRef",
                    {"eId": eid, "date": date, "source": "#" + SOURCE_ID, "type": kind},
                    lifecycle,
                )

    def temporal_data(self, meta: Element) -> None:
        validity = self.policy.validity
        if validity is None:
            return
        temporal = Element("temporalData", {"source": "#" + SOURCE_ID}, meta)
        group = Element("temporalGroup", {"eId": "tmp_validity"}, temporal)
        concept = ON_ANNOUNCEMENT_ID if validity.starts_on_announcement else VALIDITY_ID
        interval = Element("timeInterval", {"refersTo": "#" + concept}, group)
        if validity.start is not None:
            interval.set("start", "#" + EVENT_START)
        if validity.end is not None:
            interval.set("end", "#" + EVENT_END)

    def references(self, meta: Element, place: str) -> None:
        # The authors first: identification refers to them.
        self.author_ref(policy=True)
        self.author_ref(policy=False)
        refs = Element("references", {"source": "#" + SOURCE_ID}, meta)
        Element(
            "TLCOrganization",
            {"eId": SOURCE_ID, "href": "https://shpolicy.readthedocs.io", "showAs": "shpolicy"},
            refs,
        )
        if UNKNOWN_AUTHOR_ID in self.referenced_authors():
            Element(
                "TLCOrganization",
                {
                    "eId": UNKNOWN_AUTHOR_ID,
                    "href": f"/ontology/organization/{place}/unknown",
                    "showAs": "Unknown author",
                },
                refs,
            )
        for eid, name in self.organization_names.items():
            href = f"/ontology/organization/{place}/{eid}"
            Element("TLCOrganization", {"eId": eid, "href": href, "showAs": name}, refs)
        for unit, eid in self.concepts.items():
            href = f"/ontology/concept/shpolicy/{eid}"
            Element("TLCConcept", {"eId": eid, "href": href, "showAs": visible(unit)}, refs)
        validity = self.policy.validity
        if validity is not None and validity.starts_on_announcement:
            Element(
                "TLCEvent",
                {
                    "eId": ON_ANNOUNCEMENT_ID,
                    "href": "/ontology/event/shpolicy/in-force-from-announcement",
                    "showAs": "In force from the date of announcement",
                },
                refs,
            )
        elif validity is not None:
            Element(
                "TLCConcept",
                {
                    "eId": VALIDITY_ID,
                    "href": "/ontology/concept/shpolicy/validity",
                    "showAs": "Period of validity",
                },
                refs,
            )
        for index, eid in sorted(self.instruments.items()):
            title = visible(self.view.implements[index].title)
            href = f"/ontology/reference/shpolicy/{eid}"
            Element(
                "TLCReference",
                {"eId": eid, "href": href, "showAs": title, "name": "implements"},
                refs,
            )

    def referenced_authors(self) -> set[str]:
        refs = {self.author_ref(policy=True)}
        if len(self.metas) > 1:
            refs.add(self.author_ref(policy=False))
        return {ref.removeprefix("#") for ref in refs}
