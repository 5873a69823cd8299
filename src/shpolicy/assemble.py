"""The model stage: the stages' offsets become the typed model.

Input: the text as written and its folded copy, and what the stages found:
the header (and the notice that wraps the policy), the outline, the tail and
the validity clause.  Output: the :class:`~shpolicy.model.Policy`.

Decisions owned here:

* **text as written** — every string of the model is a slice of the text as
  written (never of the folded copy), blanks trimmed; a title or a name that a
  line break cut is read as one line (Chinese closes up across the break,
  other text gets one space), and a title broken over lines is joined likewise;
* **jurisdiction** — the document is placed (:mod:`shpolicy.jurisdiction`)
  from its issuers, number, titles and text before any name is resolved, and
  every body it names is resolved there (:mod:`shpolicy.bodies`);
* **the notice** — its signatories (or the body its title names) are the
  policy's issuers, its date the date of issue; a notice of transmission's
  drafting body is the policy's drafter;
* **targets and references** — read in each measure's and section's own text,
  and in the preamble and the closing text for the document's;
* **dates** — the notice's date, else the header's date of issue, else the
  signature's;
* **spans** — a section's span runs to the end of its last item; the
  document's layout (:mod:`shpolicy.layout`) covers every part of the text.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Final

import attrs

from .bodies import BodyNames, unwrap, written
from .diagnostics import NOT_SHANGHAI
from .header import Header
from .jurisdiction import Placement, place_document
from .language import detect_language
from .layout import document_layout
from .lines import Line
from .model import (
    Diagnostic,
    Measure,
    Notice,
    Policy,
    Reference,
    ResponsibleUnit,
    Section,
    Span,
    Target,
    Task,
    ValidityPeriod,
)
from .normalize import Folded
from .quantities.deadlines import plan_year
from .references import find_references
from .responsibility import Clause
from .structure import Outline, OutlineMeasure, OutlineSection, Range
from .tail import Tail
from .targets import find_targets
from .task_links import MeasureIndex
from .task_table import deadline_year
from .tasks import duty_holder, read_tasks, speaks_of_duties
from .validity import ValidityMatch, validity_period

__all__ = ["build_policy"]

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
    contents: Sequence[Line] = (),
    noted: Sequence[Diagnostic] = (),
    page_issuers: Sequence[str] = (),
    page_number: str | None = None,
) -> Policy:
    """The policy the stages found in *text*; *noted* are diagnostics of earlier stages.

    *contents* are the lines of a table of contents the body stage set aside;
    *page_issuers* and *page_number*, from a web page's metadata table, are
    evidence of the document's jurisdiction where the text names none.
    """
    assembler = _Assembler(text, folded, noted)
    front = assembler.front(header, tail, (tuple(page_issuers), page_number))
    return assembler.policy(source, front, header, outline, tail, validity, contents)


@attrs.frozen(kw_only=True, slots=True)
class _Front:
    """What the document says before its body: title, number, notice, issuers, date."""

    title: str | None
    doc_number: str | None
    notice: Notice | None
    issuers: tuple[ResponsibleUnit, ...]
    drafters: tuple[ResponsibleUnit, ...]
    issued: dt.date | None


class _Assembler:
    """Slices the text as written for every part of the model (state: the texts, diagnostics)."""

    def __init__(self, text: str, folded: Folded, noted: Sequence[Diagnostic]) -> None:
        self.text = text
        self.folded = folded
        self.diagnostics: list[Diagnostic] = list(noted)
        self.names = BodyNames(text, folded, _UNPLACED, self.diagnostics)
        self.plan_year: int | None = None  # the year "全年" names, from the title

    # -- before the body ----------------------------------------------------------
    def front(self, header: Header, tail: Tail, page: tuple[tuple[str, ...], str | None]) -> _Front:
        """Place the document, then read its title, number, notice and issuers."""
        title = self._title(header.title)
        doc_number = None if header.doc_number is None else self._slice(*header.doc_number)
        signing, issuer_ranges, drafting = _issuer_ranges(header, tail)
        placement = place_document(
            issuers=[self._slice(s, e) for s, e in issuer_ranges] or page[0],
            doc_number=doc_number or page[1],
            notice_title=self._notice_title(header),
            title=title,
            text=self.text,
        )
        if placement.status != "shanghai":
            self.diagnostics.append(NOT_SHANGHAI.at(placement.reason, None))
        self.names = BodyNames(self.text, self.folded, placement, self.diagnostics)
        issuers = self.names.issuers(issuer_ranges)
        # Counted in bodies, not lines: one signature line may name several.
        notice = self._notice(header, self.names.issuers(signing))
        drafters = self._drafters(header, drafting)
        issued = (notice.date if notice is not None else None) or header.issued or tail.signed
        return _Front(
            title=title,
            doc_number=doc_number,
            notice=notice,
            issuers=issuers,
            drafters=drafters,
            issued=issued,
        )

    def _drafters(self, header: Header, signers: Sequence[Range]) -> tuple[ResponsibleUnit, ...]:
        """The bodies that drafted the policy: named by the notice, or signing it when the
        notice passes it on; each body once (区建设管理委 in the title, 黄浦区建设和管理委员会
        under the policy)."""
        drafter = None if header.notice is None else header.notice.drafter
        named = [] if drafter is None else [self.names.unit(*drafter, None)]
        ids = {unit.unit_id for unit in named if unit.unit_id is not None}
        signing = [
            u for u in self.names.issuers(signers) if u.unit_id is None or u.unit_id not in ids
        ]
        return (*named, *signing)

    def _notice_title(self, header: Header) -> str | None:
        if header.notice is None:
            return None
        ranges = [_line_range(header, i) for i in header.notice.printed]
        ranges[0] = (max(ranges[0][0], header.notice.opening), ranges[0][1])
        return self._title(ranges)

    def _notice(self, header: Header, issuers: tuple[ResponsibleUnit, ...]) -> Notice | None:
        parts = header.notice
        if parts is None:
            return None
        at = [*parts.title, parts.number, parts.addressees, *parts.body, *parts.signature]
        lines = [_line_range(header, i) for i in (*at, *parts.date_lines) if i is not None]
        addressees = parts.addressees
        return Notice(
            title=self._notice_title(header) or "",
            addressees=None
            if addressees is None
            else self._slice(*_line_range(header, addressees)),
            text=self._join([_line_range(header, i) for i in parts.body]),
            issuers=issuers,
            date=parts.date,
            span=Span(start=min(s for s, _ in lines), end=max(e for _, e in lines)),
        )

    # -- the document -------------------------------------------------------------
    def policy(
        self,
        source: str | None,
        front: _Front,
        header: Header,
        outline: Outline,
        tail: Tail,
        found: ValidityMatch | None,
        contents: Sequence[Line],
    ) -> Policy:
        self.diagnostics.extend(outline.diagnostics)
        self.plan_year = plan_year(front.title or (front.notice.title if front.notice else None))
        sections = tuple([self._section(s) for s in outline.sections])
        measures = tuple([self._measure(m) for m in outline.measures])
        validity = self._validity(found, front, header)
        preamble = [(line.start, line.end) for line in header.preamble]
        closing = [*outline.stray, *tail.closing]
        tasks = self._tasks(outline.tail, _ordered_measures(sections, measures))
        self.diagnostics.extend(header.diagnostics)
        layout, unplaced = document_layout(
            self.folded,
            header=header.blocks,
            contents=contents,
            body=_body_range([*sections, *measures]),
            tail=tail.blocks,
        )
        self.diagnostics.extend(unplaced)
        return Policy(
            title=front.title,
            notice=front.notice,
            jurisdiction=self.names.placement.jurisdiction,
            language=detect_language(self.text),
            doc_number=front.doc_number,
            issued=front.issued,
            published=header.published,
            issuers=front.issuers,
            drafters=front.drafters,
            validity=validity,
            implements=self._references(preamble),
            preamble=self._join(preamble),
            sections=sections,
            measures=measures,
            targets=self._targets([*preamble, *closing]),
            closing=self._join(closing) or None,
            tasks=tasks,
            diagnostics=tuple(sorted(self.diagnostics, key=_diagnostic_order)),
            source=source,
            layout=layout,
            text=self.text,
        )

    def _validity(
        self, found: ValidityMatch | None, front: _Front, header: Header
    ) -> ValidityPeriod | None:
        if found is None:
            return None
        # A clause counting from the issue ("自印发之日起") starts on the date the
        # document was issued: its notice's date when printed, else its own.
        validity, notes = validity_period(
            self.text, found, issued=front.issued, published=header.published, title=front.title
        )
        self.diagnostics.extend(notes)
        return validity

    # -- text as written ------------------------------------------------------------
    def _slice(self, start: int, end: int) -> str:
        return written(self.text, self.folded, start, end)

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

    # -- items ------------------------------------------------------------------------
    def _measure(self, measure: OutlineMeasure, duties: bool = False) -> Measure:
        label = measure.label
        title = unwrap(self._slice(*measure.title))
        if measure.title_quote is not None:
            title += self.text[measure.title_quote]
        responsible_label, units = self.names.clause(measure.clause)
        if measure.clause is None and measure.text:
            units = self._duty_holder(measure.text[0], duties)
        return Measure(
            label=self.text[label.start : label.text_end],
            ordinal=label.value,
            title=title,
            text=self._join(measure.text),
            responsible_label=responsible_label,
            responsible_units=units,
            responsible_span=_clause_span(measure.clause),
            targets=self._targets(measure.text),
            span=Span(start=measure.span[0], end=measure.span[1]),
        )

    def _duty_holder(self, first: Range, duties: bool) -> tuple[ResponsibleUnit, ...]:
        """The body a measure opens with before a colon ("1.区商务委：负责…"): its duties'
        holder.  Under a heading on duties (职责分工) a name that reads like a body will do."""
        found = duty_holder(self.folded, *first, self.names.is_body, about_duties=duties)
        if found is None:
            return ()
        return tuple([self.names.unit(u.start, u.end, u.role) for u in found[0]])

    def _section(self, section: OutlineSection, duties: bool = False) -> Section:
        label = section.label
        num_at = section.num_at
        num = self.text[num_at : num_at + len(label.num)] if num_at >= 0 else label.num
        heading = unwrap(self._slice(*section.heading))
        duties = duties or speaks_of_duties(heading)
        sections = tuple([self._section(s, duties) for s in section.sections])
        measures = tuple([self._measure(m, duties) for m in section.measures])
        responsible_label, units = self.names.clause(section.clause)
        return Section(
            num=num,
            label=self.text[label.start : label.text_end],
            ordinal=label.value,
            heading=heading,
            text=self._join(section.text),
            sections=sections,
            measures=measures,
            responsible_label=responsible_label,
            responsible_units=units,
            responsible_span=_clause_span(section.clause),
            targets=self._targets(section.text),
            # A section's source runs to the end of its last item.
            span=Span(start=section.span[0], end=_end_of(section.span[1], sections, measures)),
        )

    def _tasks(self, tail: Sequence[Line], measures: Sequence[Measure]) -> tuple[Task, ...]:
        """The tasks the annexes assign, each linked to the measure it restates."""
        found = read_tasks(self.folded, tail, self.names.is_body)
        self.diagnostics.extend(found.diagnostics)
        if not found.tasks:
            return ()
        index = MeasureIndex(measures, tasks=len(found.tasks))
        tasks: list[Task] = []
        for task in found.tasks:
            text = self._join(task.text)
            number = task.number
            tasks.append(
                Task(
                    number=None if number is None else self.text[number[0] : number[1]],
                    text=text,
                    units=tuple([self.names.unit(u.start, u.end, u.role) for u in task.units]),
                    deadline=self._join(task.deadline) or None,
                    deadline_year=deadline_year(self.folded, task.deadline),
                    measure=index.restated(text),
                    span=Span(start=task.span[0], end=task.span[1]),
                )
            )
        return tuple(tasks)

    def _targets(self, ranges: Iterable[Range]) -> tuple[Target, ...]:
        found: list[Target] = []
        for s, e in _runs(self.folded, ranges):
            found.extend(find_targets(self.text, s, e, plan_year=self.plan_year))
        return tuple(found)

    def _references(self, ranges: Sequence[Range]) -> tuple[Reference, ...]:
        found: list[Reference] = []
        for start, end in ranges:
            for s, e in find_references(self.folded, start, end):
                found.append(Reference(title=self.text[s:e], span=Span(start=s, end=e)))
        return tuple(found)


def _runs(folded: Folded, ranges: Iterable[Range]) -> list[Range]:
    """*ranges* with the ones that only a line break separates read as one.

    A target is read in its context: in a text wrapped at a fixed width,
    "最高不超过" ends one line and "1.5亿元" opens the next.
    """
    runs: list[Range] = []
    for start, end in ranges:
        if start >= end:
            continue
        if runs and not folded[runs[-1][1] : start].strip():
            runs[-1] = (runs[-1][0], end)
        else:
            runs.append((start, end))
    return runs


def _issuer_ranges(header: Header, tail: Tail) -> tuple[list[Range], list[Range], list[Range]]:
    """The ranges that sign the notice, all the ranges that name the issuers, and those
    that name the policy's drafters.

    A notice's signatories come first (or, where it is not signed, the body its
    title names: …办公室印发《…》的通知); then the header's other issuers and
    the signatories of the policy itself.  A policy passed on (转发, 批转) is
    another body's: the bodies printed under its title or signing it drafted it.
    """
    notice = header.notice
    if notice is None:
        named = [*header.issuers, *tail.signers]
        if not named and header.title_issuer is not None:
            named = [header.title_issuer]  # 上海市黄浦区人民政府关于…的实施意见, unsigned
        return [], named, []
    signing = [_line_range(header, i) for i in notice.signature]
    if not signing and notice.issuer is not None:
        signing = [notice.issuer]
    starts = {s for s, _ in signing}
    others = [r for r in header.issuers if r[0] not in starts]
    if not notice.transmits:
        return signing, [*signing, *others, *tail.signers], []
    policy_starts = header.lines[notice.end].line.start if notice.end < len(header.lines) else None
    before = [r for r in others if policy_starts is None or r[0] < policy_starts]
    after = [r for r in others if r not in before]
    return signing, [*signing, *before], [*after, *tail.signers]


def _line_range(header: Header, index: int) -> Range:
    line = header.lines[index].line
    return line.start, line.end


def _ordered_measures(
    sections: Sequence[Section], measures: Sequence[Measure]
) -> tuple[Measure, ...]:
    """Every measure, in printed order."""
    return Policy(sections=tuple(sections), measures=tuple(measures)).all_measures()


def _clause_span(clause: Clause | None) -> Span | None:
    return None if clause is None else Span(start=clause.start, end=clause.end)


def _end_of(end: int, sections: Sequence[Section], measures: Sequence[Measure]) -> int:
    return max([end, *(s.span.end for s in sections), *(m.span.end for m in measures)])


def _body_range(items: Sequence[Section | Measure]) -> Range | None:
    """Where the numbered items run: from the first's label to the end of the last."""
    if not items:
        return None
    return min(i.span.start for i in items), max(i.span.end for i in items)


def _diagnostic_order(d: Diagnostic) -> tuple[int, str]:
    return (-1 if d.span is None else d.span.start, d.code)
