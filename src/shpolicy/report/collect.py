"""What a report shows, gathered from a batch before any HTML is written.

A :class:`Batch` holds each document with its page's file name and its
places (sections and measures, :func:`shpolicy.tables.places`), and each body
named in a responsibility clause, as an issuer or as a drafter, grouped as the
``responsibilities`` table groups them (:func:`shpolicy.tables.body_key`: by
registry id, else by the name as written), with every mention across the
batch.  Everything is ordered deterministically: documents in input order,
bodies by number of responsibilities, then name.
"""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence

import attrs

from ..model import Diagnostic, Policy, ResponsibleUnit
from ..tables import (
    DocumentRow,
    Place,
    body_key,
    deadline_years,
    document_rows,
    places,
    where_outside,
)
from ..units import by_id
from .names import body_file, document_files

__all__ = ["Batch", "Body", "DocumentEntry", "Mention", "collect", "placed_diagnostics"]


@attrs.frozen(kw_only=True, slots=True, eq=False)
class DocumentEntry:
    """One document of the batch: its name, its page and what the page shows."""

    #: The document's name as given (``"a.txt"``).
    name: str
    #: Its page in the report (``"documents/a.html"``).
    file: str
    #: The parsed policy.
    policy: Policy
    #: Its sections and measures with their paths (:func:`shpolicy.tables.places`).
    places: tuple[Place, ...]
    #: Its row of the ``documents`` table: header and counts.
    summary: DocumentRow


@attrs.frozen(kw_only=True, slots=True, eq=False)
class Mention:
    """A body named in the responsibility clause of one measure or section."""

    #: The document the clause is in.
    document: DocumentEntry
    #: The measure or section whose clause it is.
    place: Place
    #: The body as the clause names it.
    unit: ResponsibleUnit
    #: The deadline years of that measure's or section's targets, ascending.
    deadline_years: tuple[int, ...]


@attrs.frozen(kw_only=True, slots=True, eq=False)
class Body:
    """A body across the batch: its names, its page, its responsibilities and documents issued."""

    #: What identifies it across documents (:func:`shpolicy.tables.body_key`): ``"id:<registry
    #: id>"``, or ``"name:<name>"`` for a body not in the registry.
    key: str
    #: Its page in the report (``"bodies/<id>.html"``).
    file: str
    #: Its registry id; ``None`` when not registered.
    unit_id: str | None
    #: The registry's English name; ``None`` when not registered.
    name_en: str | None
    #: The registry's Chinese name; ``None`` when not registered.
    name_zh: str | None
    #: The names it is written under, most frequent first.
    written: tuple[str, ...]
    #: Every responsibility clause naming it, in input and document order.
    mentions: tuple[Mention, ...]
    #: The documents it issued, or whose notice of issuance it signed.
    issued: tuple[DocumentEntry, ...]
    #: Documents a notice of transmission says the body drafted (``Policy.drafters``).
    drafted: tuple[DocumentEntry, ...] = ()

    @property
    def label(self) -> str:
        """The name to show: as most often written, else the registry's English name."""
        if self.written:
            return self.written[0]
        return self.name_en or self.name_zh or self.key.partition(":")[2]

    def role_counts(self) -> tuple[int, int, int]:
        """How many mentions are as lead, as cooperating, and with no role stated."""
        roles = Counter(m.unit.role for m in self.mentions)
        return roles["lead"], roles["cooperating"], roles[None]


@attrs.frozen(kw_only=True, slots=True, eq=False)
class Batch:
    """Every document and every body of a report."""

    #: The documents, in input order.
    documents: tuple[DocumentEntry, ...]
    #: Every body named in a clause, as an issuer or as a drafter: the most often named first,
    #: then by the name shown.
    bodies: tuple[Body, ...]
    #: A body's key (:func:`shpolicy.tables.body_key`) -> its page.
    body_files: Mapping[str, str]

    def body_file_of(self, unit: ResponsibleUnit) -> str:
        """The page of the body *unit* denotes."""
        return self.body_files[body_key(unit)]


def collect(documents: Iterable[tuple[str, Policy]]) -> Batch:
    """Gather ``(document name, policy)`` pairs into a :class:`Batch`."""
    pairs = list(documents)
    files = document_files(name for name, _ in pairs)
    entries = []
    for name, policy in pairs:
        policy_places = places(policy)
        entries.append(
            DocumentEntry(
                name=name,
                file=files[name],
                policy=policy,
                places=policy_places,
                summary=document_rows(policy, document=name)[0],
            )
        )
    mentions: dict[str, list[Mention]] = {}
    issued: dict[str, list[DocumentEntry]] = {}
    drafted: dict[str, list[DocumentEntry]] = {}
    # (body, relation, document) already recorded: a list membership test
    # would take quadratic time when one body issues thousands of documents.
    recorded: set[tuple[str, str, int]] = set()

    def relate(
        relation: str,
        found: dict[str, list[DocumentEntry]],
        unit: ResponsibleUnit,
        entry: DocumentEntry,
    ) -> None:
        key = note(unit)
        if (key, relation, id(entry)) not in recorded:
            recorded.add((key, relation, id(entry)))
            found.setdefault(key, []).append(entry)

    written: dict[str, Counter[str]] = {}
    first_seen: dict[str, dict[str, int]] = {}
    ids: dict[str, str | None] = {}

    def note(unit: ResponsibleUnit) -> str:
        key = body_key(unit)
        ids.setdefault(key, unit.unit_id)
        written.setdefault(key, Counter())[unit.name] += 1
        first_seen.setdefault(key, {}).setdefault(unit.name, len(first_seen[key]))
        return key

    for entry in entries:
        for place in entry.places:
            years = deadline_years(place.element.targets)
            for unit in place.element.responsible_units:
                mention = Mention(document=entry, place=place, unit=unit, deadline_years=years)
                mentions.setdefault(note(unit), []).append(mention)
        notice_issuers = entry.policy.notice.issuers if entry.policy.notice else ()
        for unit in (*entry.policy.issuers, *notice_issuers):
            relate("issued", issued, unit, entry)
        for unit in entry.policy.drafters:
            relate("drafted", drafted, unit, entry)
    bodies = []
    for key, unit_id in ids.items():
        registered = by_id(unit_id) if unit_id is not None else None
        counts = written[key]
        order = first_seen[key]
        bodies.append(
            Body(
                key=key,
                file=body_file(key),
                unit_id=unit_id,
                name_en=registered.name_en if registered else None,
                name_zh=registered.name_zh if registered else None,
                written=tuple(sorted(counts, key=lambda n: (-counts[n], order[n]))),
                mentions=tuple(mentions.get(key, ())),
                issued=tuple(issued.get(key, ())),
                drafted=tuple(drafted.get(key, ())),
            )
        )
    bodies.sort(key=lambda b: (-len(b.mentions), b.label.casefold(), b.label, b.key))
    return Batch(
        documents=tuple(entries),
        bodies=tuple(bodies),
        body_files={body.key: body.file for body in bodies},
    )


#: Where a diagnostic is shown on a document page when no place holds it.
DOCUMENT, NOTICE, PREAMBLE, CLOSING = "document", "notice", "preamble", "closing"


def placed_diagnostics(
    policy: Policy, all_places: Sequence[Place]
) -> dict[str, tuple[Diagnostic, ...]]:
    """Each diagnostic under the innermost section or measure holding its span's start.

    Keys are ``p<index>`` for a place, ``notice``, ``preamble``, ``closing``
    (by position around the structure) or ``document`` for a diagnostic
    without a span.
    """
    ordered = sorted(all_places, key=lambda p: (p.element.span.start, p.index))
    starts = [p.element.span.start for p in ordered]
    first = starts[0] if starts else None
    placed: dict[str, list[Diagnostic]] = {}
    for diagnostic in policy.diagnostics:
        placed.setdefault(
            _where(policy, diagnostic, ordered, starts, all_places, first), []
        ).append(diagnostic)
    return {key: tuple(found) for key, found in placed.items()}


def _where(
    policy: Policy,
    diagnostic: Diagnostic,
    ordered: Sequence[Place],
    starts: Sequence[int],
    all_places: Sequence[Place],
    first: int | None,
) -> str:
    span = diagnostic.span
    if span is None:
        return DOCUMENT
    offset = span.start
    # The last place starting at or before the offset, then up its enclosing
    # sections until one holds the offset: the innermost holder.
    position = bisect.bisect_right(starts, offset) - 1
    candidate: Place | None = ordered[position] if position >= 0 else None
    while candidate is not None:
        element_span = candidate.element.span
        if element_span.start <= offset < element_span.end or offset == element_span.start:
            return f"p{candidate.index}"
        parent = candidate.parent
        candidate = all_places[parent] if parent is not None else None
    return where_outside(policy, offset, first)
